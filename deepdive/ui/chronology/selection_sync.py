"""Keeping the chronology table's selection, the event editor and the timeline on the
same event, through filtering, sorting and every change the services report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QItemSelectionModel

from deepdive.ui.chronology.detail_editor import EventEditor
from deepdive.ui.chronology.table_model import EVENT_ID_ROLE, ChronologyModel
from deepdive.ui.chronology.table_view import ChronologyTable
from deepdive.ui.timeline.pane import TimelinePane


class SelectionSync:
    """Which event is current, kept the same in the table, the editor and the timeline."""

    def __init__(
        self,
        model: ChronologyModel,
        table: ChronologyTable,
        editor: EventEditor,
        timeline: TimelinePane,
    ) -> None:
        self.model = model
        self.table = table
        self.editor = editor
        self.timeline = timeline
        self.current_id: int | None = None
        self._syncing = False
        table.selectionModel().selectionChanged.connect(self.on_selection_changed)
        model.modelReset.connect(self.after_model_change)
        model.layoutChanged.connect(self.after_model_change)

    @contextmanager
    def syncing(self) -> Iterator[None]:
        """While the rows are replaced, the selection's changes are not the user's."""
        self._syncing = True
        try:
            yield
        finally:
            self._syncing = False

    def selected_ids(self) -> list[int]:
        """The events selected in the table, in table order."""
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [self.model.event_at(row).id for row in rows]

    def after_model_change(self) -> None:
        """Keep the chosen event selected through resets, and the editor in step."""
        if self._syncing:
            return
        current = self.current_id
        row = self.model.find(current) if current is not None else None
        if row is None:
            if current is not None:
                self.current_id = None
                if not self.editor.is_draft:
                    self.editor.show_event(None)
                self.timeline.select_event(None)
            return
        if self.model.row_of(row.id) is not None and row.id not in self.selected_ids():
            self.select_ids([row.id])
        if not self.editor.is_draft and self.editor.event_id == row.id:
            self.editor.show_event(row)

    def on_selection_changed(self, *_args: object) -> None:
        """The user chose other rows: the editor and the timeline follow."""
        if self._syncing:
            return
        index = self.table.currentIndex()
        selected = self.selected_ids()
        if not selected:
            return
        event_id = (
            int(index.data(EVENT_ID_ROLE)) if index.isValid() and index.row() >= 0 else selected[0]
        )
        if event_id not in selected:
            event_id = selected[0]
        row = self.model.find(event_id)
        if not self.editor.show_event(row):
            # An unfinished new event stays in the editor: so does the selection.
            self.select_ids([])
            return
        self.current_id = event_id
        self.timeline.select_event(event_id)

    def select_ids(self, ids: list[int]) -> None:
        """Select these events in the table (the last one current, in the editor)."""
        selection = self.table.selectionModel()
        self._syncing = True
        try:
            selection.clearSelection()
            for event_id in ids:
                row = self.model.row_of(event_id)
                if row is None:
                    continue
                index = self.model.index(row, 0)
                selection.select(
                    index,
                    QItemSelectionModel.SelectionFlag.Select
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.NoUpdate)
                self.table.scrollTo(index)
        finally:
            self._syncing = False
        if ids:
            self.current_id = ids[-1]
            chosen = self.model.find(ids[-1])
            if chosen is not None and not self.editor.is_draft:
                self.editor.show_event(chosen)
            self.timeline.select_event(ids[-1])
