"""Find duplicates: events on the same date with near-identical text, ready to merge.

Typical after importing two agencies' chronologies that record the same incident.
Each group lists its events; merging keeps the first and folds the others into it
(see ``EventService.merge``), as one undo step. "Not duplicates" just moves on.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.display import first_line, span_text
from deepdive.ui.chronology.undo import MergeEventsCommand

GROUP_ROLE = Qt.ItemDataRole.UserRole + 1


class DuplicatesDialog(QDialog):
    """Lists likely duplicate events and merges a group on request."""

    event_chosen = Signal(int)

    def __init__(
        self,
        services: Services,
        case: CaseDetail,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Possible duplicates in {code}").format(code=case.code))
        self.resize(820, 520)
        self._services = services
        self._case = case
        self._undo_stack = undo_stack
        self.merged = 0
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.groups = QTreeWidget(self)
        self.groups.setAccessibleName(self.tr("Groups of possible duplicates"))
        self.groups.setHeaderLabels([self.tr("Date"), self.tr("Source"), self.tr("What happened")])
        self.groups.setColumnWidth(0, 170)
        self.groups.setColumnWidth(1, 170)
        self.groups.setAlternatingRowColors(True)
        self.merge_button = QPushButton(self.tr("&Merge this group"), self)
        self.merge_button.setAccessibleName(
            self.tr("Merge the selected group into its first event")
        )
        self.skip_button = QPushButton(self.tr("&Not duplicates"), self)
        self.skip_button.setAccessibleName(self.tr("Leave the selected group as it is"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.groups, 1)
        layout.addLayout(buttons)
        self.merge_button.clicked.connect(self.merge_current)
        self.skip_button.clicked.connect(self.skip_current)
        self.groups.itemActivated.connect(self._on_activated)
        self.reload()

    def reload(self) -> None:
        """Look for duplicates again."""
        self.groups.clear()
        rows = {row.id: row for row in self._services.events.list_rows(self._case.id)}
        found = self._services.events.find_duplicates(self._case.id)
        for group in found:
            first = rows[group[0]]
            top = QTreeWidgetItem(
                [
                    span_text(first.date_text, first.end_text),
                    self.tr("{n} events").format(n=len(group)),
                    first_line(first.description, 90),
                ]
            )
            top.setData(0, GROUP_ROLE, list(group))
            for event_id in group:
                row = rows[event_id]
                child = QTreeWidgetItem(
                    [
                        span_text(row.date_text, row.end_text),
                        row.agency or "—",
                        first_line(row.description, 200),
                    ]
                )
                child.setData(0, GROUP_ROLE, event_id)
                top.addChild(child)
            self.groups.addTopLevelItem(top)
            top.setExpanded(True)
        if found:
            self.intro.setText(
                self.tr(
                    "{n} groups of events share a date and say nearly the same thing. Merging "
                    "keeps the first event, adds what the others say, and names every source. "
                    "Ctrl+Z undoes a merge."
                ).format(n=len(found))
            )
            first_group = self.groups.topLevelItem(0)
            if first_group is not None:
                self.groups.setCurrentItem(first_group)
        else:
            self.intro.setText(
                self.tr(
                    "No duplicates found: no two events on the same date say nearly the same thing."
                )
            )
        self.merge_button.setEnabled(bool(found))
        self.skip_button.setEnabled(bool(found))

    def group_count(self) -> int:
        """How many groups are listed."""
        return self.groups.topLevelItemCount()

    def _current_group(self) -> QTreeWidgetItem | None:
        item = self.groups.currentItem()
        if item is None:
            return None
        return item.parent() or item

    def merge_current(self) -> bool:
        """Merge the selected group (one undo step)."""
        item = self._current_group()
        if item is None:
            return False
        ids = list(item.data(0, GROUP_ROLE))
        command = MergeEventsCommand(self._services.events, self._case.id, ids[0], ids[1:])
        try:
            command.apply()
        except DeepDiveError as exc:
            self.intro.setText(str(exc))
            return False
        self._undo_stack.push(command)
        self.merged += 1
        self._drop(item)
        return True

    def skip_current(self) -> None:
        """Leave the selected group as it is and move on."""
        item = self._current_group()
        if item is not None:
            self._drop(item)

    def _drop(self, item: QTreeWidgetItem) -> None:
        index = self.groups.indexOfTopLevelItem(item)
        self.groups.takeTopLevelItem(index)
        remaining = self.groups.topLevelItemCount()
        if remaining:
            following = self.groups.topLevelItem(min(index, remaining - 1))
            if following is not None:
                self.groups.setCurrentItem(following)
        else:
            self.merge_button.setEnabled(False)
            self.skip_button.setEnabled(False)
            self.intro.setText(self.tr("No more groups to look at."))

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is not None:
            self.event_chosen.emit(int(item.data(0, GROUP_ROLE)))
