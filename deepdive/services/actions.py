"""A case's agreed actions: what will be done, by which role, by when, and whether it is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.cases import load_case
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.guard import (
    GuardedField,
    IdentifierGuard,
    patterns_guard,
    refuse_identifiers,
)
from deepdive.services.lookups import touch_case
from deepdive.services.results import ActionInfo
from deepdive.services.row_versions import bump_version
from deepdive.services.text import clean_line, clean_text
from deepdive.storage.models import Action, Session
from deepdive.storage.workspace import Workspace

MAX_ROLE = 80


@dataclass(frozen=True)
class ActionSnapshot:
    """One action as it was, with its place in the list (see ``ActionService.restore``)."""

    info: ActionInfo
    position: int


class ActionService:
    """Add, change, list and remove a case's actions (from sessions or added directly)."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    def add(
        self,
        case_id: int,
        description: str,
        *,
        owner_role: str = "",
        due_on: date | None = None,
        done: bool = False,
        session_id: int | None = None,
        stage_id: str | None = None,
    ) -> ActionInfo:
        """Record an agreed action for the case (from a session stage, or directly)."""
        text = _action_text(description)
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            if session_id is not None:
                owner = session.get(Session, session_id)
                if owner is None:
                    raise NotFoundError("That session is no longer in this workspace.")
                if owner.case_id != case_id:
                    raise ValidationError("That session belongs to another case.", "session")
            last = session.scalar(
                select(func.max(Action.position)).where(Action.case_id == case_id)
            )
            action = Action(
                case_id=case_id,
                session_id=session_id,
                stage_id=stage_id,
                description=text,
                owner_role=clean_role(owner_role, self._guard, "owner_role"),
                due_on=due_on,
                done=done,
                position=(last or 0) + 1,
            )
            session.add(action)
            touch_case(session, case_id)
            session.flush()
            info = _action_info(action)
        self._changes.publish(Change(Entity.ACTION, ChangeKind.ADDED, (info.id,), case_id))
        return info

    def update(
        self,
        action_id: int,
        *,
        description: str | None = None,
        owner_role: str | None = None,
        due_on: date | None = None,
        clear_due: bool = False,
        done: bool | None = None,
        expected_version: int | None = None,
    ) -> ActionInfo:
        """Change the given fields of one action.

        If the action changed since ``expected_version`` (``ActionInfo.version``), or
        changes while this saves, ChangedElsewhereError says so and nothing is saved.
        """
        with self._workspace.transaction() as session:
            action = _load_action(session, action_id)
            bump_version(
                session, Action, action_id, action.row_version, expected_version, "this action"
            )
            if description is not None:
                action.description = _action_text(description)
            if owner_role is not None:
                action.owner_role = clean_role(owner_role, self._guard, "owner_role")
            if clear_due:
                action.due_on = None
            elif due_on is not None:
                action.due_on = due_on
            if done is not None:
                action.done = done
            touch_case(session, action.case_id)
            session.flush()
            info = _action_info(action)
        self._changes.publish(Change(Entity.ACTION, ChangeKind.UPDATED, (info.id,), info.case_id))
        return info

    def delete(self, action_id: int) -> None:
        """Remove one action."""
        with self._workspace.transaction() as session:
            action = _load_action(session, action_id)
            case_id = action.case_id
            session.delete(action)
            touch_case(session, case_id)
        self._changes.publish(Change(Entity.ACTION, ChangeKind.REMOVED, (action_id,), case_id))

    def snapshot(self, action_id: int) -> ActionSnapshot:
        """Everything about one action, enough to put it back exactly after a delete."""
        with self._workspace.reading() as session:
            action = _load_action(session, action_id)
            return ActionSnapshot(_action_info(action), action.position)

    def restore(self, snapshot: ActionSnapshot) -> ActionInfo:
        """Put a deleted action back with the same id and place (the undo of a delete);
        if its session was deleted since, it stays with the case, as its actions do."""
        info = snapshot.info
        with self._workspace.transaction() as session:
            load_case(session, info.case_id)
            if session.get(Action, info.id) is not None:
                raise DuplicateError("That action is already back in the list.")
            session_id = info.session_id
            if session_id is not None and session.get(Session, session_id) is None:
                session_id = None  # as a session's delete leaves its actions
            action = Action(
                id=info.id,
                case_id=info.case_id,
                session_id=session_id,
                stage_id=info.stage_id,
                description=info.description,
                owner_role=info.owner_role,
                due_on=info.due_on,
                done=info.done,
                position=snapshot.position,
                # At the version it had: exactly as it was, so an edit read before the
                # delete (its own undo steps' included) builds on it as before.
                row_version=info.version,
            )
            session.add(action)
            touch_case(session, info.case_id)
            session.flush()
            restored = _action_info(action)
        self._changes.publish(Change(Entity.ACTION, ChangeKind.ADDED, (info.id,), info.case_id))
        return restored

    def list_actions(self, case_id: int, session_id: int | None = None) -> list[ActionInfo]:
        """The case's actions (or one session's) in the order they were agreed."""
        query = select(Action).where(Action.case_id == case_id)
        if session_id is not None:
            query = query.where(Action.session_id == session_id)
        with self._workspace.reading() as session:
            rows = session.scalars(query.order_by(Action.position, Action.id)).all()
            return [_action_info(a) for a in rows]


def clean_role(text: str, guard: IdentifierGuard, field: str = "role") -> str:
    """A role such as "Team manager" (may be empty): one line, at most 80 characters,
    holding no real identity (see :mod:`deepdive.services.guard`)."""
    role = clean_line(text)
    if len(role) > MAX_ROLE:
        raise ValidationError(
            f"A role is at most {MAX_ROLE} characters ({len(role)} given).", field
        )
    refuse_identifiers(guard, role, GuardedField.ROLE, field)
    return role


def _action_text(description: str) -> str:
    text = clean_text(description).strip()
    if not text:
        raise ValidationError("Say what the action is.", "description")
    return text


def _load_action(session: OrmSession, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError("That action is no longer in this workspace.")
    return action


def _action_info(a: Action) -> ActionInfo:
    return ActionInfo(
        a.id,
        a.case_id,
        a.session_id,
        a.stage_id,
        a.description,
        a.owner_role,
        a.due_on,
        a.done,
        version=a.row_version,
    )
