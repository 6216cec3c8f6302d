"""The facilitator's session runner: one stage at a time, with timer and presentation.

Everything the room says is saved as it is typed (after a short pause, on changing
stage and on closing). Keys: Alt+Right / Alt+Left (or Ctrl+PgDown / Ctrl+PgUp) change
stage, Alt+Down / Alt+Up change the question on the projector, F5 starts or pauses the
timer, F6 adds five minutes, Ctrl+Shift+P shows the room's window (Show on projector).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QWidget,
)

from deepdive.domain.ages import BirthMonth
from deepdive.domain.vocabulary import SessionStatus
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.events import row_info
from deepdive.templates import ResponseKind
from deepdive.ui.editors.autosave import PendingSaves
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.finish_text import finish_question
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.projector import Projector
from deepdive.ui.sessions.response_editors import ResponseEditor
from deepdive.ui.sessions.runner_layout import RunnerLayout
from deepdive.ui.sessions.runner_parts import (
    minutes_text,
)
from deepdive.ui.sessions.stage_editors import ActionsResponse, editor_for, says_something
from deepdive.ui.sessions.timer import Clock, StageTimer, TimerReading
from deepdive.ui.sessions.walk_link import WalkLink
from deepdive.ui.widgets import key_bindings as keys
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.prompts import Prompter

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo


class SessionRunner(RunnerLayout):
    """Runs one session: stage list, current stage, timer, response editor."""

    closed = Signal(int)  # the session id
    message = Signal(str)

    def __init__(
        self,
        services: Services,
        session_id: int,
        prompter: Prompter,
        *,
        clock: Clock | None = None,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        detail = services.sessions.get(session_id)
        template = services.sessions.template_of(session_id)
        super().__init__(detail, template, parent)
        self._services = services
        self._prompter = prompter
        self.session_id = session_id
        self.detail = detail
        self._case_id = self.detail.case_id
        self._responses = services.sessions.responses(session_id)
        self._loaded_events: list[EventInfo] | None = None  # read when first needed
        self._elapsed = {k: m * 60.0 for k, m in self.detail.minutes_used.items()}
        self._recorded = dict(self.detail.minutes_used)
        self._extra: dict[str, int] = {}
        self._editors: dict[str, ResponseEditor] = {}
        self._index = -1
        # Marking key episodes and themes in the walk are chronology edits: undoable.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.projector = Projector(self)
        self.projector.next_stage_requested.connect(self.next_stage)
        self.projector.previous_stage_requested.connect(self.previous_stage)
        self.projector.next_prompt_requested.connect(lambda: self.brief.step_prompt(1))
        self.projector.previous_prompt_requested.connect(lambda: self.brief.step_prompt(-1))
        self.projector.next_event_requested.connect(lambda: self._step_walk(1))
        self.projector.previous_event_requested.connect(lambda: self._step_walk(-1))
        self.walks = WalkLink(services, self._case_id, self.projector, self.undo_stack, self)
        self.setWindowTitle(self.tr("{title} — session").format(title=self.detail.title))
        self.resize(1280, 800)

        self.timer = StageTimer(clock, self)
        self._saves = PendingSaves(self._write, self)
        self._connect()
        self._build_keys()
        self.timer.changed.connect(self._on_timer)
        self._saves.saved.connect(lambda: self._show_save_state(self.tr("All changes saved")))
        self._saves.save_failed.connect(self._on_save_failed)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.themes.bind(services)
        start = self.detail.current_stage
        ids = self.template.stage_ids
        self.go_to(ids.index(start) if start in ids else 0)

    # ---------------------------------------------------------------- building
    def _connect(self) -> None:
        self.present_button.clicked.connect(self.show_presentation)
        self.finish_button.clicked.connect(self.finish)
        self.stage_list.clicked.connect(lambda index: self.go_to(index.row()))
        self.stage_list.activated.connect(lambda index: self.go_to(index.row()))
        self.brief.prompt_chosen.connect(self.projector.show_prompt)
        self.timer_panel.toggle_requested.connect(self.toggle_timer)
        self.timer_panel.extend_requested.connect(self.extend_stage)
        self.previous_button.clicked.connect(self.previous_stage)
        self.next_button.clicked.connect(self._on_next_clicked)

    def _build_keys(self) -> None:
        # The keys are declared in the catalogue the shortcuts sheet lists.
        self.next_action = keys.NEXT_STAGE.bind_action(self, self.next_stage)
        self.previous_action = keys.PREVIOUS_STAGE.bind_action(self, self.previous_stage)
        keys.NEXT_QUESTION.bind_action(self, lambda: self.brief.step_prompt(1))
        keys.PREVIOUS_QUESTION.bind_action(self, lambda: self.brief.step_prompt(-1))
        keys.TIMER.bind_action(self, self.toggle_timer)
        keys.MORE_TIME.bind_action(self, self.extend_stage)
        keys.PRESENTATION.bind_action(self, self.show_presentation)

    # -------------------------------------------------------------- moving about
    @property
    def index(self) -> int:
        """The position of the current stage."""
        return self._index

    def current_editor(self) -> ResponseEditor:
        """The response editor of the current stage."""
        return self._editor(self._index)

    def go_to(self, index: int) -> None:
        """Show the stage at ``index``; the timer follows (running if it was)."""
        index = max(0, min(len(self.stages) - 1, index))
        if index == self._index:
            return
        running = self.timer.running
        if self._index >= 0:
            self._saves.flush()
            self._leave_stage()
        self._index = index
        stage = self.stages[index]
        editor = self._editor(index)
        self.editors.setCurrentWidget(editor)
        if isinstance(editor, EventsResponse):
            # Walking the chronology needs the room more than the questions do.
            self.middle.setSizes([120, 10_000])
        self.brief.show_stage(stage, index + 1, len(self.stages))
        self.response_caption.setText(self._caption(stage.response.kind))
        self.themes.show_response(self.session_id, stage.id)
        planned = stage.minutes + self._extra.get(stage.id, 0)
        self.timer.load(planned, self._elapsed.get(stage.id, 0.0), running)
        self.stage_list.setCurrentIndex(self.stage_model.index(index))
        self._update_nav()
        self._refresh_progress()
        self._update_presentation()
        try:
            self._services.sessions.set_current_stage(self.session_id, stage.id)
        except DeepDiveError as exc:
            self.message.emit(str(exc))
        editor.focus_editor()

    def next_stage(self) -> None:
        """Go to the next stage."""
        self.go_to(self._index + 1)

    def previous_stage(self) -> None:
        """Go to the previous stage."""
        self.go_to(self._index - 1)

    def _on_next_clicked(self) -> None:
        if self._index == len(self.stages) - 1:
            self.finish()
        else:
            self.next_stage()

    def _leave_stage(self) -> None:
        stage = self.stages[self._index]
        self._elapsed[stage.id] = self.timer.elapsed_seconds()
        self._record_time(stage.id, force=True)

    def _editor(self, index: int) -> ResponseEditor:
        stage = self.stages[index]
        if stage.id not in self._editors:
            editor = editor_for(stage, self._services, self._case_id, self.session_id, self)
            if isinstance(editor, EventsResponse):
                self.walks.bind(editor, self._birth())
                editor.walk_changed.connect(self._update_walk)
                editor.set_events(self._events)
            editor.set_value(self._responses.get(stage.id, {}))
            editor.edited.connect(lambda value, sid=stage.id: self._on_edited(sid, value))
            self._editors[stage.id] = editor
            self.editors.addWidget(editor)
        return self._editors[stage.id]

    def _walking_editor(self) -> EventsResponse | None:
        if self._index < 0:
            return None
        editor = self._editors.get(self.stages[self._index].id)
        return editor if isinstance(editor, EventsResponse) and editor.walking else None

    def _step_walk(self, by: int) -> None:
        editor = self._walking_editor()
        if editor is not None:
            editor.walk.step(by)

    def _update_walk(self) -> None:
        """Show the walk's event on the projector while the room walks the chronology."""
        self.walks.show(self._walking_editor())

    def _caption(self, kind: ResponseKind) -> str:
        return {
            ResponseKind.TEXT: self.tr("What the room said (Markdown, saved as you type)"),
            ResponseKind.LIST: self.tr("The room's points, one at a time"),
            ResponseKind.SCALE: self.tr("The room's rating"),
            ResponseKind.MAP: self.tr("The room's map"),
            ResponseKind.EVENTS: self.tr("Moments in the chronology the room marks"),
            ResponseKind.ACTIONS: self.tr("Actions agreed"),
        }[kind]

    def _update_nav(self) -> None:
        last = self._index == len(self.stages) - 1
        self.previous_button.setEnabled(self._index > 0)
        if self._index > 0:
            self.previous_button.setText(f"◀  {self.stages[self._index - 1].title}")
        else:
            self.previous_button.setText(self.tr("◀  Previous stage"))
        if last:
            self.next_button.setText(self.tr("Finish session…"))
        else:
            self.next_button.setText(
                self.tr("Next: {title}  ▶").format(title=self.stages[self._index + 1].title)
            )

    # ------------------------------------------------------------------ saving
    def _on_edited(self, stage_id: str, value: dict[str, object]) -> None:
        self._mark_started()
        kind = self.template.stage(stage_id).response.kind
        if kind is not ResponseKind.ACTIONS:
            self._responses[stage_id] = dict(value)
            self._saves.set(stage_id, value)
            self._show_save_state(self.tr("Saving…"))
        else:
            self._show_save_state(self.tr("All changes saved"))
        self._refresh_progress()
        if kind is ResponseKind.EVENTS:
            self.projector.mark(self._marked())
            self._update_walk()

    def _write(self, batch: dict[str, object]) -> None:
        for stage_id, value in batch.items():
            assert isinstance(value, dict)
            self._services.sessions.save_response(self.session_id, stage_id, value)

    def _on_save_failed(self, text: str, _field: object) -> None:
        self._show_save_state(
            self.tr("Not saved yet: {reason} Your text is kept and saving will be retried.").format(
                reason=text
            )
        )
        self.message.emit(text)

    def _show_save_state(self, text: str) -> None:
        self.save_state.setText(text)

    def flush(self) -> bool:
        """Save pending edits and the time spent now; False if they could not be saved."""
        if self._index >= 0:
            stage = self.stages[self._index]
            self._elapsed[stage.id] = self.timer.elapsed_seconds()
            self._record_time(stage.id, force=True)
        return self._saves.flush()

    def _mark_started(self) -> None:
        if self.detail.status == SessionStatus.PLANNED.value:
            try:
                self.detail = self._services.sessions.set_status(
                    self.session_id, SessionStatus.IN_PROGRESS.value
                )
            except DeepDiveError as exc:
                self.message.emit(str(exc))

    def answered(self) -> set[str]:
        """The ids of the stages the room has answered."""
        answered = set()
        for stage in self.stages:
            editor = self._editors.get(stage.id)
            if isinstance(editor, ActionsResponse):
                if editor.has_actions():
                    answered.add(stage.id)
            elif stage.response.kind is ResponseKind.ACTIONS:
                agreed = self._services.actions.list_actions(self._case_id, self.session_id)
                if any(action.stage_id == stage.id for action in agreed):
                    answered.add(stage.id)
            elif says_something(stage.response.kind, self._responses.get(stage.id, {})):
                answered.add(stage.id)
        return answered

    def _refresh_progress(self) -> None:
        answered = self.answered()
        used = dict(self._elapsed)
        if self._index >= 0:
            used[self.stages[self._index].id] = self.timer.elapsed_seconds()
        self.stage_model.set_state(self._index, answered, used)
        self.progress.setValue(len(answered))
        self.progress_label.setText(
            self.tr("{n} of {count} stages answered").format(
                n=len(answered), count=len(self.stages)
            )
        )
        spent = sum(used.values())
        self.time_total.setText(
            self.tr("Time so far: {spent} of {planned} planned").format(
                spent=minutes_text(spent), planned=minutes_text(self.template.total_minutes * 60)
            )
        )

    # ------------------------------------------------------------------- timer
    def toggle_timer(self) -> None:
        """Start or pause the stage timer."""
        self._mark_started()
        self.timer.toggle()
        if not self.timer.running:
            self.flush()

    def extend_stage(self) -> None:
        """Give the current stage five more minutes."""
        stage = self.stages[self._index]
        self._extra[stage.id] = self._extra.get(stage.id, 0) + 5
        self.timer.extend(5)

    def _on_timer(self, reading: TimerReading) -> None:
        self.timer_panel.show_reading(reading)
        self.projector.show_reading(reading)
        if self._index >= 0:
            stage_id = self.stages[self._index].id
            self._elapsed[stage_id] = float(reading.elapsed)
            self._record_time(stage_id)
            if reading.running:
                self._refresh_progress()

    def _record_time(self, stage_id: str, force: bool = False) -> None:
        minutes = round(self._elapsed.get(stage_id, 0.0) / 60)
        if self._recorded.get(stage_id) == minutes or (minutes == 0 and not force):
            return
        try:
            self._services.sessions.record_minutes(self.session_id, stage_id, minutes)
            self._recorded[stage_id] = minutes
        except DeepDiveError as exc:
            self.message.emit(str(exc))

    # ------------------------------------------------------------ presentation
    @property
    def presentation(self) -> PresentationWindow | None:
        """The presentation view, while it is open."""
        return self.projector.window

    def show_presentation(self) -> PresentationWindow:
        """Open the presentation view (on a second screen, full screen, if there is one)."""
        window, opened = self.projector.open(self.detail.title, self)
        if opened:
            self.projector.set_chronology(self._events, self._birth(), self._marked())
            self._update_presentation()
            self.projector.show_reading(self.timer.reading())
        return window

    def _update_presentation(self) -> None:
        if self._index >= 0:
            stage = self.stages[self._index]
            row = max(0, self.brief.prompts.currentRow())
            self.projector.show_stage(stage, self._index + 1, len(self.stages), row)
            self._update_walk()

    def _marked(self) -> list[int]:
        marked: list[int] = []
        for stage in self.stages:
            if stage.response.kind is ResponseKind.EVENTS:
                marked += list(self._responses.get(stage.id, {}).get("event_ids", []))
        return marked

    def _birth(self) -> BirthMonth | None:
        try:
            case = self._services.cases.get(self._case_id)
        except DeepDiveError:
            return None
        return BirthMonth(case.birth_year, case.birth_month) if case.birth_year else None

    # ---------------------------------------------------------------- finishing
    def finish(self) -> bool:
        """Ask, then mark the session complete and close the runner."""
        if not self.flush():
            return False
        self.timer.pause()
        question, details = finish_question(self.detail.title, self.stages, self._unanswered())
        if not self._prompter.ask(
            self,
            self.tr("Finish session"),
            question,
            self.tr("Finish anyway") if details else self.tr("Finish session"),
            details,
        ):
            return False
        try:
            self.detail = self._services.sessions.set_status(
                self.session_id, SessionStatus.COMPLETE.value
            )
        except DeepDiveError as exc:
            self._prompter.warn(self, self.tr("Finish session"), str(exc))
            return False
        self.close()
        return True

    def _unanswered(self) -> list[int]:
        answered = self.answered()
        return [n for n, stage in enumerate(self.stages) if stage.id not in answered]

    @property
    def _events(self) -> list[EventInfo]:
        """The case's chronology, read when a stage or the presentation first needs it."""
        if self._loaded_events is None:
            self._loaded_events = self._services.events.list_events(self._case_id)
        return self._loaded_events

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.EVENT and change.case_id == self._case_id:
            if not self._patch_events(change):
                self._loaded_events = None
            needed = self.presentation is not None or any(
                isinstance(editor, EventsResponse) for editor in self._editors.values()
            )
            if not needed:
                return
            for editor in self._editors.values():
                if isinstance(editor, EventsResponse):
                    editor.set_events(self._events)
            self.projector.set_chronology(self._events, self._birth(), self._marked())
            self._update_walk()

    def _patch_events(self, change: Change) -> bool:
        """Take in a few changed events without reading the whole chronology again
        (marking a key episode on a long one); False when it has to be read again."""
        loaded = self._loaded_events
        if loaded is None or change.kind is not ChangeKind.UPDATED or len(change.ids) > 50:
            return False
        where = {event.id: n for n, event in enumerate(loaded)}
        fresh = [row_info(row) for row in self._services.events.rows(self._case_id, change.ids)]
        if len(fresh) != len(change.ids) or any(e.id not in where for e in fresh):
            return False
        for event in fresh:
            if loaded[where[event.id]].span.sort_key() != event.span.sort_key():
                return False  # it moves in the chronology: read it again in order
        patched = list(loaded)
        for event in fresh:
            patched[where[event.id]] = event
        self._loaded_events = patched
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.timer.pause()
        if not self.flush():
            self._prompter.warn(
                self,
                self.tr("Not saved yet"),
                self.tr(
                    "The latest notes could not be saved yet, so the session stays open. "
                    "Your text is still in the window."
                ),
            )
            event.ignore()
            return
        self.projector.close()
        self._relay.detach()
        event.accept()
        self.closed.emit(self.session_id)
