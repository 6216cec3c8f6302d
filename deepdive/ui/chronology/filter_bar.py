"""The chronology's filter bar: free text, domain, source, person, tag, dates, key only.

Every control answers at once; together they make one :class:`EventFilter`. Domain,
source, person and tag each take any number of choices (an event passes with any of
them); the filters combine (an event must pass them all).
"""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.dates import DateError
from deepdive.domain.record_dates import parse_record_span
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.choice_filter import ChoiceFilter
from deepdive.ui.chronology.event_filter import NO_AGENCY, EventFilter


class FilterBar(QWidget):
    """Filters for the chronology; says when they change."""

    filter_changed = Signal(object)  # EventFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find events: any words, in any field (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search the chronology"))
        self.search.setClearButtonEnabled(True)
        self.category = self._choices(
            self.tr("Domain"), self.tr("Filter by domain"), self.tr("Any")
        )
        self.category.set_choices([(name.capitalize(), name) for name in CATEGORIES])
        self.agency = self._choices(
            self.tr("Source"), self.tr("Filter by source agency"), self.tr("Any")
        )
        self.person = self._choices(
            self.tr("Person"), self.tr("Filter by person involved"), self.tr("Anyone")
        )
        self.tag = self._choices(self.tr("Tag"), self.tr("Filter by tag"), self.tr("Any"))
        self.date_from = self._date(self.tr("From"), self.tr("Events from this date"))
        self.date_to = self._date(self.tr("To"), self.tr("Events up to this date"))
        self.key_only = QCheckBox(self.tr("&Key episodes only"), self)
        self.key_only.setAccessibleName(self.tr("Show key practice episodes only"))
        self.clear_button = QToolButton(self)
        self.clear_button.setText(self.tr("Clear filters"))
        self.clear_button.setAccessibleName(self.tr("Clear all filters"))
        self.count = QLabel(self)
        self.count.setObjectName("quietHint")
        self.date_message = QLabel(self)
        self.date_message.setObjectName("fieldMessage")
        self.date_message.hide()

        # Free text, dates and "key only" on the first line; the four choice filters
        # share the second, so each has room to say what is chosen.
        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.search, 1)
        top.addWidget(self.date_from)
        top.addWidget(self.date_to)
        top.addWidget(self.key_only)
        top.addWidget(self.count)
        second = QHBoxLayout()
        second.setSpacing(6)
        for widget in self.choice_filters():
            second.addWidget(widget, 1)
        second.addWidget(self.clear_button)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(4)
        rows.addLayout(top)
        rows.addLayout(second)
        rows.addWidget(self.date_message)
        # Tab follows the reading order.
        chain = [
            self.search,
            self.date_from,
            self.date_to,
            self.key_only,
            *self.choice_filters(),
            self.clear_button,
        ]
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.search.textChanged.connect(self._emit)
        for choices in self.choice_filters():
            choices.changed.connect(self._emit)
        self.key_only.toggled.connect(self._emit)
        self.date_from.textChanged.connect(self._emit)
        self.date_to.textChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)

    def _choices(self, label: str, name: str, everything: str) -> ChoiceFilter:
        return ChoiceFilter(label, name, everything, self)

    def choice_filters(self) -> tuple[ChoiceFilter, ...]:
        """The domain, source, person and tag filters."""
        return (self.category, self.agency, self.person, self.tag)

    def _date(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setToolTip(self.tr("A date such as 2016, Mar 2016 or 14/03/2016"))
        edit.setMaximumWidth(self.fontMetrics().horizontalAdvance("00/00/0000") + 28)
        return edit

    def set_choices(self, case: CaseDetail | None, agencies: list[str], tags: list[str]) -> None:
        """Offer this case's cast, the workspace's agencies and the tags in use."""
        before = self.current()
        self.blockSignals(True)
        self.agency.set_choices(
            [(a, a) for a in agencies] + [(self.tr("No source given"), NO_AGENCY)]
        )
        people = case.people if case else ()
        self.person.set_choices([(f"{p.pseudonym} ({p.role})", p.id) for p in people])
        self.tag.set_choices([(t, t) for t in tags])
        self.blockSignals(False)
        if self.current() != before:  # a chosen value is no longer offered
            self._emit()

    def clear(self) -> None:
        """Show every event again."""
        self.blockSignals(True)
        self.search.clear()
        for choices in self.choice_filters():
            choices.blockSignals(True)
            choices.clear()
            choices.blockSignals(False)
        self.date_from.clear()
        self.date_to.clear()
        self.key_only.setChecked(False)
        self.blockSignals(False)
        self._emit()

    def current(self) -> EventFilter:
        """The filter the controls describe (a date not yet readable is left out)."""
        return EventFilter(
            text=self.search.text(),
            categories=self.category.chosen(),  # type: ignore[arg-type]
            agencies=self.agency.chosen(),  # type: ignore[arg-type]
            people=self.person.chosen(),  # type: ignore[arg-type]
            tags=self.tag.chosen(),  # type: ignore[arg-type]
            date_from=self._day(self.date_from, last=False),
            date_to=self._day(self.date_to, last=True),
            key_only=self.key_only.isChecked(),
        )

    def show_count(self, shown: int, total: int) -> None:
        """Say how many events pass."""
        if shown == total:
            self.count.setText(self.tr("{n} events").format(n=total))
        else:
            self.count.setText(self.tr("{shown} of {n} events").format(shown=shown, n=total))

    def _day(self, edit: QLineEdit, last: bool) -> date | None:
        text = edit.text().strip()
        if not text:
            return None
        try:
            span = parse_record_span(text)  # "2015/16" or "summer term 2016" too
        except DateError:
            return None
        return (span.end or span.start).latest() if last else span.start.earliest()

    def _emit(self) -> None:
        problems = []
        for edit in (self.date_from, self.date_to):
            text = edit.text().strip()
            if text:
                try:
                    parse_record_span(text)
                except DateError as exc:
                    problems.append(str(exc))
        self.date_message.setText("; ".join(problems))
        self.date_message.setVisible(bool(problems))
        self.filter_changed.emit(self.current())
