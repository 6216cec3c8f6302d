"""Reflective sessions: start one from a template, keep responses and actions."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.vocabulary import SessionStatus
from deepdive.services.cases import load_case
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.lookups import agency_named, touch_case
from deepdive.services.results import ActionInfo
from deepdive.services.text import clean_line, clean_text
from deepdive.services.validation import required_line
from deepdive.storage.models import (
    Action,
    ChronologyEvent,
    Session,
    SessionParticipant,
    StageResponse,
    TemplateVersion,
)
from deepdive.storage.workspace import Workspace
from deepdive.templates import ResponseKind, Template, dump_template, parse_template


@dataclass(frozen=True)
class SessionSummary:
    """One row of a case's session list."""

    id: int
    case_id: int
    title: str
    template_name: str
    held_on: date | None
    status: str


@dataclass(frozen=True)
class Participant:
    """Someone in the room, by role and agency only."""

    role: str
    agency: str | None = None


class SessionService:
    """Start sessions, save each stage's response, record actions."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def list_sessions(self, case_id: int) -> list[SessionSummary]:
        """The case's sessions, newest first."""
        with self._workspace.reading() as session:
            rows = session.execute(
                select(Session, TemplateVersion.name)
                .join(TemplateVersion)
                .where(Session.case_id == case_id)
                .order_by(Session.held_on.desc(), Session.id.desc())
            ).all()
            return [
                SessionSummary(s.id, s.case_id, s.title, name, s.held_on, s.status)
                for s, name in rows
            ]

    def template_of(self, session_id: int) -> Template:
        """The exact template version the session used (its snapshot)."""
        with self._workspace.reading() as session:
            row = self._load(session, session_id)
            return parse_template(row.template_version.content, row.template_version.name)

    def start(
        self,
        case_id: int,
        template: Template,
        *,
        title: str,
        held_on: date | None,
        facilitator_role: str,
        participants: list[Participant],
        status: str = SessionStatus.PLANNED.value,
    ) -> SessionSummary:
        """Create a session for a case, keeping a snapshot of the template version."""
        heading = required_line(title, "title", "The session title", 200)
        state = session_status(status)
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            version = _snapshot(session, template)
            row = Session(
                case_id=case_id,
                template_version=version,
                title=heading,
                held_on=held_on,
                status=state.value,
                facilitator_role=clean_line(facilitator_role),
            )
            for person in participants:
                row.participants.append(
                    SessionParticipant(
                        role=required_line(person.role, "participants", "A participant's role"),
                        agency=agency_named(session, person.agency, "participants"),
                    )
                )
            session.add(row)
            touch_case(session, case_id)
            session.flush()
            result = SessionSummary(row.id, case_id, row.title, version.name, held_on, row.status)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.ADDED, (result.id,), case_id))
        return result

    def save_response(self, session_id: int, stage_id: str, value: dict[str, Any]) -> None:
        """Store the room's response to one stage, checked against the stage's kind."""
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            template = parse_template(row.template_version.content, row.template_version.name)
            if stage_id not in template.stage_ids:
                raise ValidationError(f"'{template.name}' has no stage '{stage_id}'.", "stage")
            kind = template.stage(stage_id).response.kind
            content, event_ids = _clean_response(kind, value)
            response = session.scalar(
                select(StageResponse).where(
                    StageResponse.session_id == session_id, StageResponse.stage_id == stage_id
                )
            )
            if response is None:
                response = StageResponse(session_id=session_id, stage_id=stage_id, kind=kind.value)
                session.add(response)
            response.content_json = json.dumps(content, ensure_ascii=False)
            if event_ids is not None:
                events = session.scalars(
                    select(ChronologyEvent).where(
                        ChronologyEvent.id.in_(event_ids),
                        ChronologyEvent.case_id == row.case_id,
                    )
                ).all()
                if len(events) != len(set(event_ids)):
                    raise ValidationError(
                        "Link only events from this case's chronology.", "event_ids"
                    )
                response.linked_events = list(events)
            case_id = row.case_id
            touch_case(session, case_id)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))

    def responses(self, session_id: int) -> dict[str, dict[str, Any]]:
        """Every saved response of a session, by stage id."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(StageResponse).where(StageResponse.session_id == session_id)
            ).all()
            return {r.stage_id: json.loads(r.content_json) for r in rows}

    def add_action(
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
        text = clean_text(description).strip()
        if not text:
            raise ValidationError("Say what the action is.", "description")
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            last = session.scalar(
                select(func.max(Action.position)).where(Action.case_id == case_id)
            )
            action = Action(
                case_id=case_id,
                session_id=session_id,
                stage_id=stage_id,
                description=text,
                owner_role=clean_line(owner_role),
                due_on=due_on,
                done=done,
                position=(last or 0) + 1,
            )
            session.add(action)
            touch_case(session, case_id)
            session.flush()
            info = ActionInfo(
                action.id, case_id, session_id, stage_id, text, action.owner_role, due_on, done
            )
        self._changes.publish(Change(Entity.ACTION, ChangeKind.ADDED, (info.id,), case_id))
        return info

    def list_actions(self, case_id: int) -> list[ActionInfo]:
        """The case's actions in the order they were agreed."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(Action).where(Action.case_id == case_id).order_by(Action.position)
            ).all()
            return [
                ActionInfo(
                    a.id,
                    a.case_id,
                    a.session_id,
                    a.stage_id,
                    a.description,
                    a.owner_role,
                    a.due_on,
                    a.done,
                )
                for a in rows
            ]

    @staticmethod
    def _load(session: OrmSession, session_id: int) -> Session:
        row = session.get(Session, session_id)
        if row is None:
            raise NotFoundError("That session is no longer in this workspace.")
        return row


def session_status(text: str) -> SessionStatus:
    """One of planned, in_progress, complete."""
    try:
        return SessionStatus(text)
    except ValueError:
        allowed = ", ".join(s.value for s in SessionStatus)
        raise ValidationError(f"'{text}' is not a session status ({allowed}).", "status") from None


def _snapshot(session: OrmSession, template: Template) -> TemplateVersion:
    """The stored version row for this exact template text, creating it if new."""
    content = dump_template(template)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()
    existing = session.scalar(
        select(TemplateVersion).where(
            TemplateVersion.template_key == template.id,
            TemplateVersion.version == template.version,
        )
    )
    if existing is not None:
        if existing.content_sha256 != digest:
            raise ValidationError(
                f"Version {template.version} of '{template.name}' in this workspace differs "
                "from the one given; save the edited template as a new version.",
                "template",
            )
        return existing
    version = TemplateVersion(
        template_key=template.id,
        version=template.version,
        name=template.name,
        content=content,
        content_sha256=digest,
    )
    session.add(version)
    return version


def _clean_response(
    kind: ResponseKind, value: dict[str, Any]
) -> tuple[dict[str, Any], list[int] | None]:
    """The stored JSON for a response, and the linked event ids for the events kind."""
    if kind is ResponseKind.TEXT:
        return {"text": clean_text(str(value.get("text", "")))}, None
    if kind is ResponseKind.LIST:
        items = [clean_line(str(i)) for i in value.get("items", [])]
        return {"items": [i for i in items if i]}, None
    if kind is ResponseKind.SCALE:
        raw = value.get("value")
        if raw is not None and (not isinstance(raw, int) or not 0 <= raw <= 10):
            raise ValidationError("A scale answer is a whole number from 0 to 10.", "value")
        return {"value": raw, "note": clean_text(str(value.get("note", "")))}, None
    if kind is ResponseKind.MAP:
        columns = value.get("columns", [[], [], []])
        if len(columns) != 3:
            raise ValidationError("A map has exactly three columns.", "columns")
        cleaned = [[clean_line(str(i)) for i in col if clean_line(str(i))] for col in columns]
        return {"columns": cleaned}, None
    if kind is ResponseKind.EVENTS:
        ids = [int(i) for i in value.get("event_ids", [])]
        return {"event_ids": ids, "notes": clean_text(str(value.get("notes", "")))}, ids
    return {}, None
