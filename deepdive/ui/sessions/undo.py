"""Undoable session edits: its details and who was in the room, and each stage's response.

Like every undo step (:class:`~deepdive.ui.service_command.ServiceCommand`), a command
here calls the session service, and is applied before it is pushed, so a refused value
never reaches the undo stack. The runner saves what the room says after a pause in
typing; each save of one stage is one step, named by what changed in it ("Edit notes
on Walk the chronology", "Rate How safe is Jay now?"). Undo saves the response the
stage held before (linked events included) and the open runner shows it; the
summary and other panels follow through the "what changed" notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from deepdive.services.errors import undo_refused
from deepdive.services.session_results import Participant
from deepdive.templates import ResponseKind
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.session_results import SessionSummary
    from deepdive.services.session_snapshots import SessionSnapshot
    from deepdive.services.sessions import SessionDetail, SessionService
    from deepdive.templates import Stage

# A response changed by an undo or redo: (session id, stage id, the response now).
ResponseShown = Callable[[int, str, dict[str, Any]], None]


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionUndo", text)


class StageResponseCommand(ServiceCommand):
    """Save what the room said at one stage; undo puts back what the stage held before."""

    def __init__(
        self,
        sessions: SessionService,
        session_id: int,
        stage: Stage,
        value: dict[str, Any],
        shown: ResponseShown | None = None,
        report: Report | None = None,
        expected_version: int | None = None,
    ) -> None:
        """``expected_version``: the response's row version the runner read (the save is
        refused with ChangedElsewhereError if a colleague saved since)."""
        super().__init__(report)
        self._sessions = sessions
        self.session_id = session_id
        self.stage = stage
        self._after = dict(value)
        self._before: dict[str, Any] = {}
        self.stored: dict[str, Any] = {}  # the response as this step saved it
        self.version = 0  # its row version then
        self._expected_version = expected_version
        self._shown = shown

    def _do(self) -> None:
        self._before = self._stored()
        self.version = self._sessions.save_response(
            self.session_id, self.stage.id, self._after, expected_version=self._expected_version
        )
        self.stored = now = self._stored()
        self.setText(step_name(self.stage, self._before, now))
        if now == self._before:
            self.setObsolete(True)  # typed and taken back within a pause: no step

    def _stored(self) -> dict[str, Any]:
        return self._sessions.responses(self.session_id).get(self.stage.id, {})

    def _redo(self) -> None:
        self._write(self._after, expect=self._before)

    def _undo(self) -> None:
        self._write(self._before, expect=self.stored)

    def _write(self, value: dict[str, Any], expect: dict[str, Any]) -> None:
        """Write ``value`` if the stage still holds ``expect`` (as this step left it): a
        colleague's later change is never overwritten (ChangedElsewhereError)."""
        version = self._sessions.response_versions(self.session_id).get(self.stage.id, 1)
        if self._stored() != expect:
            raise undo_refused("this stage's response")
        self._sessions.save_response(
            self.session_id, self.stage.id, value, expected_version=version
        )
        if self._shown is not None:
            self._shown(self.session_id, self.stage.id, self._stored())


def step_name(stage: Stage, before: dict[str, Any], after: dict[str, Any]) -> str:
    """The undo step's name: what changed in ``stage``'s response, and where."""
    kind = stage.response.kind

    def changed(key: str, empty: object) -> bool:
        return bool(before.get(key, empty) != after.get(key, empty))

    if kind is ResponseKind.EVENTS:
        parts = [
            (changed("event_ids", []), "Choose events in {stage}"),
            (changed("notes", ""), "Edit notes on {stage}"),
            (changed("reflections", {}), "Edit reflections in {stage}"),
        ]
        named = [text for differs, text in parts if differs]
        if len(named) == 1:
            return _tr(named[0]).format(stage=stage.title)
    elif kind is ResponseKind.SCALE and not changed("note", ""):
        return _tr("Rate {stage}").format(stage=stage.title)
    return _tr("Edit {stage}").format(stage=stage.title)


# ------------------------------------------------------------------- the details
class SessionDetailsCommand(ServiceCommand):
    """Change a session's title, date, facilitator's role and who was in the room."""

    def __init__(
        self,
        sessions: SessionService,
        session_id: int,
        *,
        title: str,
        held_on: date | None,
        facilitator_role: str,
        participants: list[Participant],
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._sessions = sessions
        self.session_id = session_id
        self._after = _Details(title, held_on, facilitator_role, tuple(participants))
        self._before = self._after
        self.setText(_tr("Edit session details"))

    def _do(self) -> SessionDetail:
        was = self._sessions.get(self.session_id)
        self._before = _Details(was.title, was.held_on, was.facilitator_role, was.participants)
        self.setText(self._after.step_from(self._before))
        return self._write(self._after)

    def _redo(self) -> None:
        self._write(self._after)

    def _undo(self) -> None:
        self._write(self._before)

    def _write(self, details: _Details) -> SessionDetail:
        return self._sessions.update_details(
            self.session_id,
            title=details.title,
            held_on=details.held_on,
            facilitator_role=details.facilitator_role,
            participants=list(details.participants),
        )


@dataclass(frozen=True)
class _Details:
    """The fields of a session's details dialog."""

    title: str
    held_on: date | None
    facilitator_role: str
    participants: tuple[Participant, ...]

    def step_from(self, before: _Details) -> str:
        """The undo step's name for changing ``before`` into these details."""
        names = []
        if self.title.strip() != before.title:
            names.append(_tr("Edit session title"))
        if self.held_on != before.held_on:
            names.append(_tr("Change session date"))
        if self.facilitator_role.strip() != before.facilitator_role:
            names.append(_tr("Change facilitator"))
        if self.participants != before.participants:
            names.append(_participant_step(before.participants, self.participants))
        return names[0] if len(names) == 1 else _tr("Edit session details")


def _participant_step(before: tuple[Participant, ...], after: tuple[Participant, ...]) -> str:
    if len(after) > len(before):
        return _tr("Add participant")
    if len(after) < len(before):
        return _tr("Remove participant")
    return _tr("Edit participants")


# ------------------------------------------------------------ a session as a whole
class StartSessionCommand(ServiceCommand):
    """Plan or start a session; undo deletes it, redo brings it back as it was."""

    def __init__(
        self,
        sessions: SessionService,
        case_id: int,
        start: Callable[[], SessionSummary],
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._sessions = sessions
        self.case_id = case_id
        self._start = start
        self._kept: SessionSnapshot | None = None
        self.setText(_tr("New session"))

    def _do(self) -> SessionSummary:
        created = self._start()
        self._kept = self._sessions.snapshot(created.id)
        self.setText(_tr("New session “{title}”").format(title=created.title))
        return created

    def _undo(self) -> None:
        assert self._kept is not None
        self._kept = self._sessions.snapshot(self._kept.id)  # as it is now, for redo
        self._sessions.delete(self._kept.id)

    def _redo(self) -> None:
        assert self._kept is not None
        self._sessions.restore(self._kept)


class DeleteSessionCommand(ServiceCommand):
    """Delete a session; undo brings it back with its answers, links and actions."""

    def __init__(
        self, sessions: SessionService, session_id: int, title: str, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._sessions = sessions
        self.session_id = session_id
        self._kept: SessionSnapshot | None = None
        self.setText(_tr("Delete session “{title}”").format(title=title))

    def _do(self) -> None:
        self._kept = self._sessions.snapshot(self.session_id)
        self._sessions.delete(self.session_id)

    def _redo(self) -> None:
        self._do()

    def _undo(self) -> None:
        assert self._kept is not None
        self._sessions.restore(self._kept)
