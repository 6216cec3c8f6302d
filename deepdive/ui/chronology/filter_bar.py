"""The chronology's filter bar: free text, domain, source, person, tag, dates, key only.

Every control answers at once; together they make one :class:`EventFilter`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from deepdive.domain.dates import DateError
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.services.results import CaseDetail
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
        self.category = self._combo(self.tr("Filter by domain"), self.tr("All domains"))
        for name in CATEGORIES:
            self.category.addItem(name.capitalize(), name)
        self.agency = self._combo(self.tr("Filter by source agency"), self.tr("All sources"))
        self.person = self._combo(self.tr("Filter by person involved"), self.tr("Anyone"))
        self.tag = self._combo(self.tr("Filter by tag"), self.tr("Any tag"))
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

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.search, 0, 0, 1, 4)
        grid.addWidget(self.key_only, 0, 4)
        grid.addWidget(self.count, 0, 5, 1, 2, Qt.AlignmentFlag.AlignRight)
        for column, widget in enumerate(
            (self.category, self.agency, self.person, self.tag, self.date_from, self.date_to)
        ):
            grid.addWidget(widget, 1, column)
        grid.addWidget(self.clear_button, 1, 6)
        grid.addWidget(self.date_message, 2, 0, 1, 7)
        for column in range(4):
            grid.setColumnStretch(column, 2)
        grid.setColumnStretch(4, 1)
        grid.setColumnStretch(5, 1)

        self.search.textChanged.connect(self._emit)
        for combo in (self.category, self.agency, self.person, self.tag):
            combo.currentIndexChanged.connect(self._emit)
        self.key_only.toggled.connect(self._emit)
        self.date_from.textChanged.connect(self._emit)
        self.date_to.textChanged.connect(self._emit)
        self.clear_button.clicked.connect(self.clear)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self.search)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self.search.clear)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(name)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _date(self, placeholder: str, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        edit.setToolTip(self.tr("A date such as 2016, Mar 2016 or 14/03/2016"))
        edit.setMaximumWidth(120)
        return edit

    def set_choices(self, case: CaseDetail | None, agencies: list[str], tags: list[str]) -> None:
        """Offer this case's cast, the workspace's agencies and the tags in use."""
        self.blockSignals(True)
        _refill(self.agency, [(a, a) for a in agencies] + [(self.tr("No source"), NO_AGENCY)])
        people = case.people if case else ()
        _refill(self.person, [(f"{p.pseudonym} ({p.role})", p.id) for p in people])
        _refill(self.tag, [(t, t) for t in tags])
        self.blockSignals(False)

    def clear(self) -> None:
        """Show every event again."""
        self.blockSignals(True)
        self.search.clear()
        for combo in (self.category, self.agency, self.person, self.tag):
            combo.setCurrentIndex(0)
        self.date_from.clear()
        self.date_to.clear()
        self.key_only.setChecked(False)
        self.blockSignals(False)
        self._emit()

    def current(self) -> EventFilter:
        """The filter the controls describe (a date not yet readable is left out)."""
        return EventFilter(
            text=self.search.text(),
            category=self.category.currentData(),
            agency=self.agency.currentData(),
            person=self.person.currentData(),
            tag=self.tag.currentData(),
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
            when = parse_uk_date(text)
        except DateError:
            return None
        return when.latest() if last else when.earliest()

    def _emit(self) -> None:
        problems = []
        for edit in (self.date_from, self.date_to):
            text = edit.text().strip()
            if text:
                try:
                    parse_uk_date(text)
                except DateError as exc:
                    problems.append(str(exc))
        self.date_message.setText("; ".join(problems))
        self.date_message.setVisible(bool(problems))
        self.filter_changed.emit(self.current())


def _refill(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Replace all but the first ("everything") item, keeping the choice if still offered."""
    chosen = combo.currentData()
    while combo.count() > 1:
        combo.removeItem(1)
    for text, value in items:
        combo.addItem(text, value)
    position = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(0, position))
