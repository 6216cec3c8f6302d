"""Undoable changes to a case's agreed actions: add, edit one field, remove.

Each command calls the action service and is applied before it is pushed (a refused
value never reaches the undo stack). A removed action comes back with the same id and
place in the list (``ActionService.restore``); every actions table follows through
the "what changed" notifications.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.services.errors import ChangedElsewhereError, undo_refused
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.actions import ActionService, ActionSnapshot
    from deepdive.services.results import ActionInfo

# An action's fields as a step changes them: its text, owner's role, due date, done.
ActionValue = str | date | bool | None


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionUndo", text)


def _short(text: str, most: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1].rstrip() + "…"


class AddActionCommand(ServiceCommand):
    """Record an agreed action; undo takes it out, redo puts it back with its id."""

    def __init__(
        self,
        actions: ActionService,
        case_id: int,
        description: str,
        *,
        owner_role: str = "",
        due_on: date | None = None,
        session_id: int | None = None,
        stage_id: str | None = None,
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._actions = actions
        self.case_id = case_id
        self._fields = (description, owner_role, due_on, session_id, stage_id)
        self._added: ActionSnapshot | None = None
        self.setText(_tr("Add action"))

    def _do(self) -> ActionInfo:
        description, owner_role, due_on, session_id, stage_id = self._fields
        info = self._actions.add(
            self.case_id,
            description,
            owner_role=owner_role,
            due_on=due_on,
            session_id=session_id,
            stage_id=stage_id,
        )
        self._added = self._actions.snapshot(info.id)
        self.setText(_tr("Add action “{action}”").format(action=_short(info.description)))
        return info

    def _undo(self) -> None:
        assert self._added is not None
        now = self._actions.snapshot(self._added.info.id)
        if not _same_action(now.info, self._added.info):
            # Changed since by someone else (this window's own changes are later steps,
            # undone first): taking the action out would take their change with it.
            raise undo_refused("this action")
        self._added = now  # as it is now, so redo brings back exactly what was there
        self._actions.delete(now.info.id)

    def _redo(self) -> None:
        assert self._added is not None
        self._actions.restore(self._added)


class RemoveActionCommand(ServiceCommand):
    """Remove an action; undo brings it back with the same id, place and session."""

    def __init__(
        self, actions: ActionService, action: ActionInfo, report: Report | None = None
    ) -> None:
        super().__init__(report)
        self._actions = actions
        self.case_id = action.case_id
        self._action_id = action.id
        self._removed: ActionSnapshot | None = None
        self.setText(_tr("Remove action “{action}”").format(action=_short(action.description)))

    def _do(self) -> None:
        self._removed = self._actions.snapshot(self._action_id)
        self._actions.delete(self._action_id)

    def _redo(self) -> None:
        assert self._removed is not None
        now = self._actions.snapshot(self._action_id)
        if not _same_action(now.info, self._removed.info):
            raise undo_refused("this action")  # changed by someone else since the undo
        self._do()

    def _undo(self) -> None:
        assert self._removed is not None
        self._actions.restore(self._removed)


def _same_action(now: ActionInfo, then: ActionInfo) -> bool:
    """Whether an action holds what was written in it (at whatever row version; its
    session may have gone since, as a session's delete leaves its actions)."""
    fields = ("description", "owner_role", "due_on", "done")
    return all(getattr(now, name) == getattr(then, name) for name in fields)


_STEP_NAMES = {
    "description": "Edit action “{action}”",
    "owner_role": "Change owner of “{action}”",
    "due_on": "Change due date of “{action}”",
}


class ActionFieldCommand(ServiceCommand):
    """Change one field of an action (``description``, ``owner_role``, ``due_on``, ``done``)
    at the row version read (``action.version``, or ``expected_version`` when given).
    Undo and redo each write only if the field still holds what the step before left
    in it (at the version found then), so neither writes over a colleague's later
    change."""

    def __init__(
        self,
        actions: ActionService,
        action: ActionInfo,
        field: str,
        value: ActionValue,
        report: Report | None = None,
        expected_version: int | None = None,
    ) -> None:
        super().__init__(report)
        self._actions = actions
        self.case_id = action.case_id
        self._action_id = action.id
        self._field = field
        self._after = value
        self._before: ActionValue = getattr(action, field)
        self._version = action.version if expected_version is None else expected_version
        self._stored: ActionValue = None  # the field as the last write stored it
        name = _short(action.description)
        if field == "done":
            step = "Tick off “{action}”" if value else "Untick “{action}”"
        else:
            step = _STEP_NAMES[field]
        self.setText(_tr(step).format(action=name))

    def _do(self) -> ActionInfo:
        return self._write(self._after)

    def _redo(self) -> None:
        self._step(self._after)

    def _undo(self) -> None:
        self._step(self._before)

    def _step(self, value: ActionValue) -> None:
        try:
            now = self._actions.snapshot(self._action_id).info
            if getattr(now, self._field) != self._stored:
                raise undo_refused("this action")
            self._version = now.version
            self._write(value)
        except ChangedElsewhereError:
            raise undo_refused("this action") from None

    def _write(self, value: ActionValue) -> ActionInfo:
        changes: dict[str, object]
        if self._field == "done":
            changes = {"done": bool(value)}
        elif self._field == "due_on":
            changes = {"due_on": value} if isinstance(value, date) else {"clear_due": True}
        else:
            changes = {self._field: str(value or "")}
        saved = self._actions.update(
            self._action_id,
            expected_version=self._version,
            **changes,  # type: ignore[arg-type]
        )
        self._stored = getattr(saved, self._field)
        return saved
