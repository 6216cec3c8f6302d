"""The Chronology tab: filter bar, table, event editor beside it, timeline below.

Every change goes through an undo command (see :mod:`.undo`), which calls the event
service; the table, the editor and the timeline then follow the service's "what
changed" notifications, so an undo from the Edit menu shows up everywhere.

Keys: Insert (or Ctrl+E from the Chronology menu) adds an event, Ctrl+Enter saves it
and starts the next, Delete (in the table) removes the selected events, Enter, F2 or a
double-click goes from the table to the editor and Escape comes back, Ctrl+F finds.
F2 anywhere in the tab is about the event, never the case (Case ▸ Rename keeps F2
elsewhere).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QMainWindow,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.events import EventInfo, EventInput, EventRow, row_info
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.dialogs import open_duplicates, open_import
from deepdive.ui.chronology.display import birth_of, event_summary
from deepdive.ui.chronology.drafts import DraftStore
from deepdive.ui.chronology.event_filter import EventFilter
from deepdive.ui.chronology.panel_layout import ChronologyLayout
from deepdive.ui.chronology.selection_sync import SelectionSync
from deepdive.ui.chronology.table_model import EVENT_ID_ROLE
from deepdive.ui.chronology.undo import (
    AddEventCommand,
    DeleteEventsCommand,
    EditEventCommand,
)
from deepdive.ui.chronology.view_state import chronology_settings
from deepdive.ui.timeline.pane import PictureSource
from deepdive.ui.timeline.sources import from_rows
from deepdive.ui.widgets import key_bindings as keys
from deepdive.ui.widgets.change_relay import ChangeRelay

STATUS_MS = 4000
TIMELINE_PAUSE_MS = 250


class ChronologyPanel(ChronologyLayout):
    """One case's chronology (a CasePanel: ``show_case`` and ``flush``)."""

    status_message = Signal(str)

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        parent: QWidget | None = None,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(services, undo_stack, settings or chronology_settings(), parent)
        self.case: CaseDetail | None = None
        self.selection = SelectionSync(self.model, self.table, self.editor, self.timeline)
        self.drafts = DraftStore(services.workspace.path)
        self._connect()
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self._timeline_timer = QTimer(self)
        self._timeline_timer.setSingleShot(True)
        self._timeline_timer.timeout.connect(self._update_timeline)
        # Search text is built in small batches while idle, never holding up a key.
        self._search_timer = QTimer(self)
        self._search_timer.timeout.connect(self._warm_search)
        unsubscribe = self._relay.detach
        self.destroyed.connect(lambda *_: unsubscribe())
        self.show_case(None)

    # ---------------------------------------------------------------- wiring
    def _connect(self) -> None:
        self.new_button.clicked.connect(self.new_event)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(lambda: self.import_file())
        self.duplicates_button.clicked.connect(self.find_duplicates)
        self.columns_button.clicked.connect(self._show_column_menu)
        self.filters.filter_changed.connect(self._on_filter_changed)
        self.editor.add_next_requested.connect(self.add_next)
        self.editor.leave_requested.connect(self.table.setFocus)
        self.editor.status.connect(self._status)
        self.editor.draft_kept.connect(self._on_draft_kept)
        self.timeline.event_clicked.connect(self.select_event)
        self.timeline.status.connect(self._status)
        self.timeline.picture_saved.connect(self._record_picture)
        self.timeline.lanes.currentIndexChanged.connect(
            lambda _i: self.settings.setValue("timeline/lanes", self.timeline.lanes.currentData())
        )
        keys.NEW_EVENT.bind(self, self.new_event)
        keys.FIND_EVENTS.bind(self, self.focus_search)
        only_table = Qt.ShortcutContext.WidgetShortcut
        keys.DELETE_EVENTS.bind(self.table, self.delete_selected, only_table)
        keys.OPEN_EVENT.bind(self.table, self.focus_editor, only_table)
        self.table.doubleClicked.connect(lambda _index: self.focus_editor())

    def event(self, event: QEvent) -> bool:
        # F2 is the window's "Rename case"; inside the chronology it edits the event.
        # Taking the key here (Qt asks the focused widget and then its parents) keeps
        # the window's shortcut from firing; it then arrives at keyPressEvent.
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if keys.EDIT_EVENT.matches(event):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if keys.EDIT_EVENT.matches(event):
            self.focus_editor()
            return
        super().keyPressEvent(event)

    # ------------------------------------------------------------- CasePanel
    def show_case(self, case: CaseDetail | None) -> None:
        """Show this case's chronology (saving edits to the previous one first; a new
        event not finished there is kept, and comes back with its case)."""
        self.flush()
        self.editor.set_aside()
        self.case = case
        self.selection.current_id = None
        self.content.setVisible(case is not None)
        self.empty_hint.setVisible(case is None)
        if case is None:
            self.model.set_rows([], None, {})
            self.timeline.set_events([], None, None)
            return
        rows = self.services.events.list_rows(case.id)
        with self.selection.syncing():
            self.model.set_rows(rows, birth_of(case), {p.id: p.pseudonym for p in case.people})
        self._refresh_choices()
        self.editor.set_case(case, self.services.agencies.names())
        kept = self.drafts.load(case.id)
        if kept is not None:
            self.editor.restore_draft(kept)
        self._show_count()
        # The timeline and the search text are built just after the table has painted.
        self._timeline_timer.start(0)
        self._search_timer.start(50)

    def flush(self) -> bool:
        """Save what has been typed in the editor; False if it could not be saved.

        A new event that cannot be added yet counts as kept: it is in the drafts.
        """
        saved = self.editor.flush() or self.editor.has_unfinished_draft
        if self.content.isVisible():  # a hidden panel's splitters have no real sizes
            for key, splitter in self._splitters().items():
                self.settings.setValue(key, splitter.saveState())
        return saved

    # -------------------------------------------------------------- commands
    def new_event(self) -> None:
        """Start a new event in the editor (keyboard: Insert, or Ctrl+E)."""
        if self.case is None or not self.editor.flush():
            return
        like = self.model.find(self.selection.current_id) if self.selection.current_id else None
        self.selection.select_ids([])
        self.timeline.select_event(None)
        self.editor.start_new(like)

    def add_next(self) -> None:
        """Save the event being edited and start another with the same domain and source."""
        if not self.editor.flush():
            return
        like = self.model.find(self.selection.current_id) if self.selection.current_id else None
        self.selection.select_ids([])
        self.timeline.select_event(None)
        self.editor.start_new(like)

    def delete_selected(self) -> int:
        """Delete the selected events (one undo step); returns how many."""
        ids = self.selected_ids()
        if self.case is None or not ids:
            return 0
        command = DeleteEventsCommand(self.services.events, self.case.id, ids, self._status)
        if not self._push(command):
            return 0
        n = len(ids)
        self._status(
            self.tr("Deleted {n} events. Ctrl+Z brings them back.").format(n=n)
            if n > 1
            else self.tr("Deleted the event. Ctrl+Z brings it back.")
        )
        return n

    def import_file(self, path: Path | None = None) -> object:
        """Open the import dialog for a file (asked for when not given)."""
        if self.case is None or not self.editor.flush():
            return None
        return open_import(self.services, self.case, self.undo_stack, self, self.settings, path)

    def find_duplicates(self) -> object:
        """Open the list of likely duplicates."""
        if self.case is None or not self.editor.flush():
            return None
        return open_duplicates(self.services, self.case, self.undo_stack, self, self.select_event)

    def set_focused(self, on: bool) -> None:
        """Focus mode: the table and the editor take the timeline's room too."""
        self.timeline.setVisible(not on)

    def focus_search(self) -> None:
        """Put the cursor in the search box."""
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def focus_editor(self) -> None:
        """Open the selected event in the editor: its first field gets the focus."""
        if self.selection.current_id is None:
            index = self.table.currentIndex()
            if not index.isValid():
                return
            self.selection.select_ids([int(index.data(EVENT_ID_ROLE))])
        if self.editor.is_draft or self.editor.event_id is not None:
            self.editor.focus_first_field()

    def select_event(self, event_id: int) -> None:
        """Select the event in the table (clearing filters that hide it)."""
        if self.editor.has_unfinished_draft and not self.editor.show_event(None):
            return  # the new event being written stays, with a note
        if self.model.row_of(event_id) is None and self.model.find(event_id) is not None:
            self.filters.clear()
        self.selection.select_ids([event_id])

    def reveal_item(self, kind: object, item_id: int) -> bool:
        """Show a search hit if it is one of this case's events."""
        if getattr(kind, "name", None) != "EVENT" or self.model.find(item_id) is None:
            return False
        self.select_event(item_id)
        return True

    def selected_ids(self) -> list[int]:
        """The events selected in the table, in table order."""
        return self.selection.selected_ids()

    # ----------------------------------------------------- editor callbacks
    def _record_picture(self, path: Path, verdict: str) -> None:
        """A saved timeline picture carries case content out: the export log keeps it."""
        if self.case is not None:
            kind = path.suffix.lstrip(".").lower() or "png"
            self.services.audit.record_export(self.case.code, kind, path, verdict)

    def _create_event(self, data: EventInput) -> EventRow:
        assert self.case is not None
        command = AddEventCommand(self.services.events, self.case.id, data, self._status)
        info = command.apply()
        self.undo_stack.push(command)
        self.selection.current_id = info.id
        self.selection.select_ids([info.id])
        row = self.model.find(info.id)
        assert row is not None
        return row

    def _update_event(
        self, event_id: int, changes: dict[str, Any], expected_version: int | None
    ) -> EventInfo:
        assert self.case is not None
        command = EditEventCommand(
            self.services.events, self.case.id, event_id, changes, self._status, expected_version
        )
        info: EventInfo = command.apply()
        self.undo_stack.push(command)
        return info

    def _read_event(self, event_id: int) -> EventRow | None:
        """The event as stored now (a colleague may have saved it), None if deleted."""
        if self.case is None:
            return None
        rows = self.services.events.rows(self.case.id, [event_id])
        self.model.apply_changes(rows, [] if rows else [event_id])
        return rows[0] if rows else None

    def _push(self, command: AddEventCommand | DeleteEventsCommand | EditEventCommand) -> bool:
        try:
            command.apply()
        except DeepDiveError as exc:
            self._status(str(exc))
            return False
        self.undo_stack.push(command)
        return True

    # ---------------------------------------------------------------- events
    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.AGENCY:
            self._follow_agencies(change)
            return
        if self.case is None or change.case_id != self.case.id:
            return
        if change.entity is Entity.EVENT:
            if change.kind is ChangeKind.REMOVED:
                self.model.apply_changes([], change.ids)
            else:
                # After a gap in hearing others, events not named are gone.
                shown = {row.id for row in self.model.all_rows()} if change.complete else set()
                rows = self.services.events.rows(self.case.id, change.ids)
                self.model.apply_changes(rows, shown - set(change.ids))
            self._refresh_choices()
            self._show_count()
            self._timeline_timer.start(0)
        elif change.entity is Entity.PERSON or (
            change.entity is Entity.CASE and change.kind is not ChangeKind.REMOVED
        ):
            try:
                case = self.services.cases.get(self.case.id)
            except DeepDiveError:
                return
            self.case = case
            self.model.set_context(birth_of(case), {p.id: p.pseudonym for p in case.people})
            if change.entity is Entity.PERSON and change.kind is ChangeKind.REMOVED:
                # Their events no longer name them: read the events' links again.
                self.model.apply_changes(self.services.events.list_rows(case.id), [])
            self._refresh_choices()  # the person filter offers the cast as it is now
            self.editor.set_case(case, self.services.agencies.names())
            self._timeline_timer.start(0)

    def _follow_agencies(self, change: Change) -> None:
        """An agency was added, renamed, merged or brought back (Manage agencies, an
        undo): the editor, the filter and the events name them as they are now."""
        if self.case is None:
            return
        self.editor.set_case(self.case, self.services.agencies.names())
        if change.kind is not ChangeKind.ADDED:  # a new agency is on no event yet
            self.model.apply_changes(self.services.events.list_rows(self.case.id), [])
            self._timeline_timer.start(0)
        self._refresh_choices()

    def _on_filter_changed(self, event_filter: EventFilter) -> None:
        self.model.set_filter(event_filter)
        self._show_count()
        # The timeline follows once typing pauses, so it never holds up the next key.
        self._timeline_timer.start(TIMELINE_PAUSE_MS)

    def _refresh_choices(self) -> None:
        tags = sorted({t for row in self.model.all_rows() for t in row.tags}, key=str.casefold)
        self.filters.set_choices(self.case, self.services.agencies.names(), tags)

    def _show_count(self) -> None:
        self.filters.show_count(self.model.rowCount(), self.model.total())

    def _update_timeline(self) -> None:
        if self.case is None:
            return
        rows = self.model.visible_rows()
        every = self.model.all_rows()
        source = PictureSource(
            self.case,
            lambda: [row_info(row) for row in rows],  # read only when a picture is saved
            every[0].span().start if every else None,
        )
        self.timeline.set_events(from_rows(rows), birth_of(self.case), source, keep_window=True)
        self.timeline.select_event(self.selection.current_id)

    def _warm_search(self) -> None:
        # First every event's search text, then the shown columns' cell texts, a
        # batch at a time so a keystroke never waits long.
        if not self.model.warm_search(limit=1500):
            self._search_timer.start(0)
            return
        shown = [c for c in range(self.model.columnCount()) if not self.table.isColumnHidden(c)]
        if self.model.warm_cells(shown, limit=250):
            self._search_timer.stop()
        else:
            self._search_timer.start(0)

    def _summary(self, event_id: int) -> str:
        row = self.model.find(event_id)
        return event_summary(row, self.tr("Key practice episode")) if row is not None else ""

    def _show_column_menu(self) -> None:
        menu = self.table.column_menu()
        menu.exec(self.columns_button.mapToGlobal(self.columns_button.rect().bottomLeft()))
        menu.deleteLater()

    def _on_draft_kept(self, values: object) -> None:
        if self.case is None:
            return
        if isinstance(values, dict):
            self.drafts.save(self.case.id, values)
        else:
            self.drafts.discard(self.case.id)

    def _status(self, message: str) -> None:
        self.status_message.emit(message)
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(message, STATUS_MS)
