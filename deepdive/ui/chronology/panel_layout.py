"""The Chronology tab's widgets and how they are laid out: the tools, the filter bar,
the table above the timeline on the left and the event editor beside both.

:class:`~deepdive.ui.chronology.panel.ChronologyPanel` builds on this and gives the
widgets what they do.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.services import Services
from deepdive.services.events import EventInfo, EventInput, EventRow
from deepdive.ui.chronology.detail_editor import EventEditor
from deepdive.ui.chronology.filter_bar import FilterBar
from deepdive.ui.chronology.table_model import ChronologyModel
from deepdive.ui.chronology.table_view import ChronologyTable
from deepdive.ui.timeline.pane import TimelinePane
from deepdive.ui.widgets import key_bindings as keys


class ChronologyLayout(QWidget):
    """The Chronology tab's widgets, laid out; what they do is the panel's."""

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        # Set before the editor is made: its learning themes bind to them.
        self.services = services
        self.undo_stack = undo_stack
        self.settings = settings
        self.model = ChronologyModel(self)
        self.new_button = self._button(
            self.tr("New event"), keys.NEW_EVENT.tip(self.tr("Add an event"))
        )
        self.delete_button = self._button(
            self.tr("Delete"), keys.DELETE_EVENTS.tip(self.tr("Delete the selected events"))
        )
        self.import_button = self._button(
            self.tr("Import…"),
            self.tr("Import an agency chronology (CSV, Excel sheet or Word table)"),
        )
        self.duplicates_button = self._button(
            self.tr("Find duplicates…"), self.tr("Find events recorded twice")
        )
        self.columns_button = self._button(self.tr("Columns"), self.tr("Choose the columns shown"))
        self.filters = FilterBar(self)
        self.table = ChronologyTable(self.model, self.settings, self)
        self.editor = EventEditor(self._create_event, self._update_event, self, self._read_event)
        self.timeline = TimelinePane(self)
        self.timeline.set_summary(self._summary)
        mode = self.settings.value("timeline/lanes", "category")
        self.timeline.set_mode(str(mode))
        self.empty_hint = QLabel(self.tr("Choose a case to see its chronology."), self)
        self.empty_hint.setObjectName("emptyHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        tools = QHBoxLayout()
        tools.setContentsMargins(0, 0, 0, 0)
        for button in (self.new_button, self.delete_button, self.import_button):
            tools.addWidget(button)
        tools.addWidget(self.duplicates_button)
        tools.addStretch(1)
        tools.addWidget(self.columns_button)
        # The table above the timeline on the left; the editor beside both, the whole
        # height of the tab, so "What happened" shows without scrolling.
        self.table_split = QSplitter(Qt.Orientation.Vertical, self)
        self.table_split.addWidget(self.table)
        self.table_split.addWidget(self.timeline)
        self.table_split.setStretchFactor(0, 3)
        self.table_split.setStretchFactor(1, 2)
        self.table_split.setChildrenCollapsible(False)
        self.editor_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.editor_split.addWidget(self.table_split)
        self.editor_split.addWidget(self.editor)
        self.editor_split.setStretchFactor(0, 3)
        self.editor_split.setStretchFactor(1, 2)
        self.editor_split.setChildrenCollapsible(False)
        self.editor.setMinimumWidth(self.fontMetrics().averageCharWidth() * 36)
        self.editor_split.setSizes([580, 420])
        self.table_split.setSizes([330, 300])  # room for every lane and the year axis
        for key, splitter in self._splitters().items():
            state = self.settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        self.content = QWidget(self)
        inner = QVBoxLayout(self.content)
        inner.setContentsMargins(10, 8, 10, 6)
        inner.setSpacing(6)
        inner.addLayout(tools)
        inner.addWidget(self.filters)
        inner.addWidget(self.editor_split, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.empty_hint)
        outer.addWidget(self.content)

    # What the editor and the timeline call back (the panel's).
    def _create_event(self, data: EventInput) -> EventRow:
        raise NotImplementedError

    def _update_event(
        self, event_id: int, changes: dict[str, Any], expected_version: int | None
    ) -> EventInfo:
        raise NotImplementedError

    def _read_event(self, event_id: int) -> EventRow | None:
        raise NotImplementedError

    def _summary(self, event_id: int) -> str:
        raise NotImplementedError

    def _splitters(self) -> dict[str, QSplitter]:
        # Named apart from the earlier layout's keys, whose states would not fit.
        return {"splitter/editor": self.editor_split, "splitter/timeline": self.table_split}

    def _button(self, text: str, tip: str) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        return button
