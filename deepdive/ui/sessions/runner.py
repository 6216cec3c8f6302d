"""The facilitator's session runner: one stage at a time, with timer and presentation.

Everything the room says is saved as it is typed (after a short pause, on changing
stage and on closing). Keys: Alt+Right / Alt+Left (or Ctrl+PgDown / Ctrl+PgUp) change
stage, Alt+Down / Alt+Up change the question on the projector, F5 starts or pauses the
timer, F6 adds five minutes, Ctrl+Shift+P shows the room's window (Show on projector).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QWidget,
)

from deepdive.domain.vocabulary import SessionStatus
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.templates import ResponseKind
from deepdive.ui.conflicts.dialog import ask_with_dialog
from deepdive.ui.editors.autosave import PendingSaves
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.finish_text import finish_question
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.projector import Projector
from deepdive.ui.sessions.response_editors import ResponseEditor
from deepdive.ui.sessions.response_versions import ResponseVersions
from deepdive.ui.sessions.runner_answers import answered_stages, marked_events
from deepdive.ui.sessions.runner_events import RunnerChronology
from deepdive.ui.sessions.runner_layout import RunnerLayout
from deepdive.ui.sessions.stage_editors import editor_for
from deepdive.ui.sessions.stage_minutes import StageMinutes
from deepdive.ui.sessions.stage_saving import StageSaving
from deepdive.ui.sessions.timer import Clock, StageTimer, TimerReading
from deepdive.ui.sessions.undo import ResponseShown
from deepdive.ui.sessions.walk_link import WalkLink
from deepdive.ui.widgets import key_bindings as keys
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.window_undo import WindowUndo


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
        shown: ResponseShown | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``undo_stack`` is the workspace's (a stack of its own without one);
        ``shown`` shows a response an undo changed (in whichever runner is open)."""
        detail = services.sessions.get(session_id)
        template = services.sessions.template_of(session_id)
        super().__init__(detail, template, parent)
        self._services = services
        self._prompter = prompter
        self.session_id = session_id
        self.detail = detail
        self._case_id = self.detail.case_id
        # Versions read before the responses (see response_versions).
        self.versions = ResponseVersions(services.sessions, session_id, ask_with_dialog)
        self._responses = services.sessions.responses(session_id)
        self.versions.remember(self._responses)
        self.chronology = RunnerChronology(services, self._case_id)  # read when first needed
        self.minutes = StageMinutes(
            services, session_id, self.detail.minutes_used, self.message.emit
        )
        self._editors: dict[str, ResponseEditor] = {}
        self._index = -1
        # What the room says, and marking key episodes and themes in the walk: undoable.
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self._shown = shown if shown is not None else self._show_own
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
        self.saving = StageSaving(
            self,
            services.sessions,
            session_id,
            self.template,
            self.versions,
            self.undo_stack,
            self._shown,
            self.follow_response,
            self.message.emit,
        )
        self._saves = PendingSaves(self.saving.write, self)
        self.undo = WindowUndo(self, self.undo_stack, self.flush)  # Ctrl+Z here too
        self.undo.show_on(self.undo_button, self.redo_button)
        self._connect()
        self._build_keys()
        self.timer.changed.connect(self._on_timer)
        self._saves.saved.connect(lambda: self._show_save_state(self.tr("All changes saved")))
        self._saves.save_failed.connect(self._on_save_failed)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.themes.bind(services, self.undo_stack)
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
    def shown_case_id(self) -> int | None:
        """The case this window shows (read again after a gap in hearing others)."""
        return self._case_id

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
        self.response_caption.setText(self.caption(stage.response.kind))
        self.themes.show_response(self.session_id, stage.id)
        planned = self.minutes.planned(stage.id, stage.minutes)
        self.timer.load(planned, self.minutes.elapsed.get(stage.id, 0.0), running)
        self.stage_list.setCurrentIndex(self.stage_model.index(index))
        self.show_nav(self._index)
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
        self.minutes.spent(stage.id, self.timer.elapsed_seconds(), save_now=True)

    def _editor(self, index: int) -> ResponseEditor:
        stage = self.stages[index]
        if stage.id not in self._editors:
            editor = editor_for(
                stage, self._services, self._case_id, self.session_id, self, self.undo_stack
            )
            if isinstance(editor, EventsResponse):
                self.walks.bind(editor, self.chronology.birth())
                editor.walk_changed.connect(self._update_walk)
                editor.save_requested.connect(self._saves.flush)
                editor.set_events(self.chronology.events)
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

    def follow_response(self, stage_id: str, value: dict[str, Any]) -> None:
        """An undo or redo changed this stage's response: show the stage, as it is now."""
        if stage_id not in self.template.stage_ids:
            return
        self._responses[stage_id] = dict(value)
        self.versions.reread(stage_id)  # an undo moved the version on
        self.go_to(self.template.stage_ids.index(stage_id))
        self._editor(self._index).set_value(value)
        self._refresh_progress()
        if self.template.stage(stage_id).response.kind is ResponseKind.EVENTS:
            self.projector.mark(self._marked())
            self._update_walk()
        self._show_save_state(self.tr("All changes saved"))

    def _show_own(self, session_id: int, stage_id: str, value: dict[str, Any]) -> None:
        if session_id == self.session_id and shiboken6.isValid(self):
            self.follow_response(stage_id, value)

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
            self.minutes.spent(stage.id, self.timer.elapsed_seconds(), save_now=True)
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
        return answered_stages(
            self.stages,
            self._editors,
            self._responses,
            lambda: self._services.actions.list_actions(self._case_id, self.session_id),
        )

    def _refresh_progress(self) -> None:
        used = dict(self.minutes.elapsed)
        if self._index >= 0:
            used[self.stages[self._index].id] = self.timer.elapsed_seconds()
        self.show_progress(self._index, self.answered(), used)

    # ------------------------------------------------------------------- timer
    def toggle_timer(self) -> None:
        """Start or pause the stage timer."""
        self._mark_started()
        self.timer.toggle()
        if not self.timer.running:
            self.flush()

    def extend_stage(self) -> None:
        """Give the current stage five more minutes."""
        self.minutes.extend(self.stages[self._index].id, 5)
        self.timer.extend(5)

    def _on_timer(self, reading: TimerReading) -> None:
        self.timer_panel.show_reading(reading)
        self.projector.show_reading(reading)
        if self._index >= 0:
            self.minutes.spent(self.stages[self._index].id, float(reading.elapsed))
            if reading.running:
                self._refresh_progress()

    # ------------------------------------------------------------ presentation
    @property
    def presentation(self) -> PresentationWindow | None:
        """The presentation view, while it is open."""
        return self.projector.window

    def show_presentation(self) -> PresentationWindow:
        """Open the presentation view (on a second screen, full screen, if there is one)."""
        window, opened = self.projector.open(self.detail.title, self)
        if opened:
            self.projector.set_chronology(
                self.chronology.events, self.chronology.birth(), self._marked()
            )
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
        return marked_events(self.stages, self._responses)

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

    def _on_changed(self, change: Change) -> None:
        if not self.chronology.take(change):
            return
        needed = self.presentation is not None or any(
            isinstance(editor, EventsResponse) for editor in self._editors.values()
        )
        if not needed:
            return
        for editor in self._editors.values():
            if isinstance(editor, EventsResponse):
                editor.set_events(self.chronology.events)
        self.projector.set_chronology(
            self.chronology.events, self.chronology.birth(), self._marked()
        )
        self._update_walk()

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
