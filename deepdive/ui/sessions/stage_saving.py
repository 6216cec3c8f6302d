"""Saving what the room typed in a session, stage by stage, at the version read.

One undo step per stage per pause in typing. When a colleague saved the stage first,
both versions are compared (see :mod:`deepdive.ui.sessions.response_versions`) and
what the facilitator chooses is saved; a refused save raises and leaves no step.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget

from deepdive.services.errors import ChangedElsewhereError
from deepdive.templates import Template
from deepdive.ui.sessions.response_versions import ResponseVersions
from deepdive.ui.sessions.undo import ResponseShown, StageResponseCommand

if TYPE_CHECKING:
    from deepdive.services.sessions import SessionService


class StageSaving:
    """Writes a batch of stages' responses for the runner ``window``."""

    def __init__(
        self,
        window: QWidget,
        sessions: SessionService,
        session_id: int,
        template: Template,
        versions: ResponseVersions,
        undo_stack: QUndoStack,
        shown: ResponseShown,
        follow: Callable[[str, dict[str, Any]], None],
        say: Callable[[str], None],
    ) -> None:
        """``follow`` shows a stage as stored now; ``say`` tells the facilitator."""
        self._window = window
        self._sessions = sessions
        self._session_id = session_id
        self._template = template
        self._versions = versions
        self._undo_stack = undo_stack
        self._shown = shown
        self._follow = follow
        self._say = say
        self._resolving = False

    def write(self, batch: dict[str, object]) -> None:
        """Save each stage in ``batch`` (stage id → its response)."""
        if self._resolving:
            return  # (while both versions are shown, the choice made saves what was typed)
        for stage_id, value in batch.items():
            assert isinstance(value, dict)
            self._save_stage(stage_id, value, self._versions.expected(stage_id))

    def _save_stage(self, stage_id: str, value: dict[str, Any], version: int) -> None:
        stage = self._template.stage(stage_id)
        command = StageResponseCommand(
            self._sessions, self._session_id, stage, value, self._shown, expected_version=version
        )
        try:
            command.apply()
        except ChangedElsewhereError:
            self._resolving = True
            try:
                outcome = self._versions.resolve(self._window, stage, value)
            finally:
                self._resolving = False
            if outcome.save is not None:
                self._save_stage(stage_id, outcome.save, outcome.version)
            self._follow(stage_id, self._versions.reread(stage_id)[0])
            self._say(outcome.message)
            return
        self._versions.saved(stage_id, command.stored, command.version)
        if shiboken6.isValid(self._undo_stack):  # (not while the window is torn down)
            self._undo_stack.push(command)
