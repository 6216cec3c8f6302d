"""A whole session as stored, so deleting it can be undone exactly.

The snapshot keeps the session's row, who was in the room, every stage's response
(with its id, the events it links and its learning themes) and which actions were
agreed in it. Putting it back restores all of them with the same ids; events or
themes deleted since are simply not linked again, and actions deleted since stay
deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import DuplicateError, NotFoundError
from deepdive.services.lookups import touch_case
from deepdive.storage.models import (
    Action,
    Agency,
    ChronologyEvent,
    Session,
    SessionParticipant,
    StageResponse,
    Theme,
    response_events,
    response_themes,
)


@dataclass(frozen=True)
class ResponseSnapshot:
    """One stage's response as stored."""

    id: int
    stage_id: str
    kind: str
    content_json: str
    minutes_used: int | None
    event_ids: tuple[int, ...]
    theme_ids: tuple[int, ...]


@dataclass(frozen=True)
class SessionSnapshot:
    """A session as stored, with what hangs off it (see :func:`put_back`)."""

    id: int
    case_id: int
    template_version_id: int
    title: str
    held_on: date | None
    status: str
    facilitator_role: str
    current_stage: str | None
    notes: str
    participants: tuple[tuple[str, int | None], ...]  # role, agency id
    responses: tuple[ResponseSnapshot, ...]
    action_ids: tuple[int, ...]


def take_snapshot(session: OrmSession, session_id: int) -> SessionSnapshot:
    """Everything about one session, enough to put it back after a delete."""
    row = session.get(Session, session_id)
    if row is None:
        raise NotFoundError("That session is no longer in this workspace.")
    responses = tuple(
        ResponseSnapshot(
            r.id,
            r.stage_id,
            r.kind,
            r.content_json,
            r.minutes_used,
            tuple(e.id for e in r.linked_events),
            tuple(t.id for t in r.themes),
        )
        for r in sorted(row.responses, key=lambda r: r.id)
    )
    actions = session.scalars(select(Action.id).where(Action.session_id == session_id)).all()
    return SessionSnapshot(
        row.id,
        row.case_id,
        row.template_version_id,
        row.title,
        row.held_on,
        row.status,
        row.facilitator_role,
        row.current_stage,
        row.notes,
        tuple((p.role, p.agency_id) for p in row.participants),
        responses,
        tuple(actions),
    )


def put_back(session: OrmSession, snapshot: SessionSnapshot) -> None:
    """Store a deleted session again, exactly as ``snapshot`` kept it."""
    if session.get(Session, snapshot.id) is not None:
        raise DuplicateError("That session is already back.")
    agencies = set(session.scalars(select(Agency.id)).all())
    row = Session(
        id=snapshot.id,
        case_id=snapshot.case_id,
        template_version_id=snapshot.template_version_id,
        title=snapshot.title,
        held_on=snapshot.held_on,
        status=snapshot.status,
        facilitator_role=snapshot.facilitator_role,
        current_stage=snapshot.current_stage,
        notes=snapshot.notes,
    )
    row.participants = [
        SessionParticipant(role=role, agency_id=agency if agency in agencies else None)
        for role, agency in snapshot.participants
    ]
    session.add(row)
    session.flush()
    events = set(
        session.scalars(
            select(ChronologyEvent.id).where(ChronologyEvent.case_id == snapshot.case_id)
        ).all()
    )
    themes = set(session.scalars(select(Theme.id)).all())
    for kept in snapshot.responses:
        session.add(
            StageResponse(
                id=kept.id,
                session_id=row.id,
                stage_id=kept.stage_id,
                kind=kept.kind,
                content_json=kept.content_json,
                minutes_used=kept.minutes_used,
            )
        )
        session.flush()
        links = [{"response_id": kept.id, "event_id": e} for e in kept.event_ids if e in events]
        if links:
            session.execute(insert(response_events), links)
        tags = [{"response_id": kept.id, "theme_id": t} for t in kept.theme_ids if t in themes]
        if tags:
            session.execute(insert(response_themes), tags)
    if snapshot.action_ids:
        session.execute(
            update(Action)
            .where(Action.id.in_(snapshot.action_ids), Action.session_id.is_(None))
            .values(session_id=row.id)
        )
    touch_case(session, snapshot.case_id)
