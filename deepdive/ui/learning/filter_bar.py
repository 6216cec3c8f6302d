"""The Learning view's filters: time window, case status, case tags, archived cases."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QWidget,
)

from deepdive.domain.dates import DateError
from deepdive.domain.record_dates import parse_record_span
from deepdive.domain.vocabulary import CaseStatus
from deepdive.services.learning import LearningFilter
from deepdive.ui.learning.flow_layout import FlowLayout
from deepdive.ui.outcomes.fields import FittedLineEdit


def window_day(text: str, *, last: bool) -> date | None:
    """A typed date in any form the chronology takes (14/03/2018, Mar 2018, 2015/16,
    summer term 2018, 2024-04) as its first or last day; None if empty."""
    if not text.strip():
        return None
    span = parse_record_span(text)  # DateError has a message fit to show
    return (span.end or span.start).latest() if last else span.start.earliest()


class LearningFilterBar(QWidget):
    """Edits a :class:`LearningFilter`; ``filter_changed`` carries the new one."""

    filter_changed = Signal(object)  # LearningFilter
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Date boxes as wide as their hint, not half the window: the tags box takes the rest.
        self.from_edit = FittedLineEdit("2025-03-31", self)
        self.from_edit.setPlaceholderText(self.tr("from, e.g. Apr 2024"))
        self.from_edit.setAccessibleName(self.tr("From date"))
        self.to_edit = FittedLineEdit("2025-03-31", self)
        self.to_edit.setPlaceholderText(self.tr("to, e.g. 2024/25"))
        self.to_edit.setAccessibleName(self.tr("To date"))
        self.status_combo = QComboBox(self)
        self.status_combo.setAccessibleName(self.tr("Case status"))
        self.status_combo.addItem(self.tr("Any status"), "")
        for status in CaseStatus:
            self.status_combo.addItem(self.tr(status.label), status.value)
        self.tags_edit = FittedLineEdit("looked after, edge of care, hub", self)
        self.tags_edit.setPlaceholderText(self.tr("case tags, comma separated"))
        self.tags_edit.setAccessibleName(self.tr("Case tags"))
        self.archived_check = QCheckBox(self.tr("Include archived"), self)
        self.archived_check.setAccessibleName(self.tr("Include archived cases"))
        # Groups of a caption and its box, wrapping onto a second line when the window
        # is narrow or the interface font large, so the window never has to widen.
        layout = FlowLayout(self, spacing=12)
        for pairs in (
            ((self.tr("Dates"), self.from_edit), (self.tr("–"), self.to_edit)),
            ((self.tr("Status"), self.status_combo),),
            ((self.tr("Tags"), self.tags_edit),),
        ):
            group = QWidget(self)
            row = QHBoxLayout(group)
            row.setContentsMargins(0, 0, 0, 0)
            for label, widget in pairs:
                text = QLabel(label, group)
                text.setBuddy(widget)
                row.addWidget(text)
                row.addWidget(widget)
            layout.addWidget(group)
        layout.addWidget(self.archived_check)
        for edit in (self.from_edit, self.to_edit, self.tags_edit):
            edit.editingFinished.connect(self._emit)
        self.status_combo.currentIndexChanged.connect(self._emit)
        self.archived_check.toggled.connect(self._emit)
        self._last = LearningFilter()

    def current(self) -> LearningFilter:
        """The filter as typed; raises DateError for a date that cannot be read."""
        status = str(self.status_combo.currentData() or "")
        tags = frozenset(t.strip() for t in self.tags_edit.text().split(",") if t.strip())
        return LearningFilter(
            start=window_day(self.from_edit.text(), last=False),
            end=window_day(self.to_edit.text(), last=True),
            statuses=frozenset({status}) if status else frozenset(),
            tags=tags,
            include_archived=self.archived_check.isChecked(),
        )

    def _emit(self) -> None:
        try:
            wanted = self.current()
        except DateError as exc:
            self.problem.emit(str(exc))
            return
        if wanted.start and wanted.end and wanted.end < wanted.start:
            self.problem.emit(self.tr("The 'to' date is before the 'from' date."))
            return
        self.problem.emit("")
        if wanted != self._last:
            self._last = wanted
            self.filter_changed.emit(wanted)
