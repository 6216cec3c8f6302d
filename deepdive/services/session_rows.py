"""The rows behind a reflective session, read and written for :mod:`deepdive.services.sessions`:
its details as a plain result, its participants, its template's stages, a stage's
response row."""

from __future__ import annotations

import json
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.vocabulary import SessionStatus
from deepdive.services.errors import ValidationError
from deepdive.services.guard import GuardedField, IdentifierGuard
from deepdive.services.lookups import agency_named
from deepdive.services.session_responses import empty_response
from deepdive.services.session_results import Participant, SessionDetail
from deepdive.services.validation import guarded_line
from deepdive.storage.models import Session, SessionParticipant, StageResponse, TemplateVersion
from deepdive.templates import Stage, Template, parse_template


def session_status(text: str) -> SessionStatus:
    """One of planned, in_progress, complete."""
    try:
        return SessionStatus(text)
    except ValueError:
        allowed = ", ".join(s.value for s in SessionStatus)
        raise ValidationError(f"'{text}' is not a session status ({allowed}).", "status") from None


def session_detail(row: Session) -> SessionDetail:
    """The session as a plain result."""
    version = row.template_version
    return SessionDetail(
        id=row.id,
        case_id=row.case_id,
        title=row.title,
        template_key=version.template_key,
        template_version=version.version,
        template_name=version.name,
        held_on=row.held_on,
        status=row.status,
        facilitator_role=row.facilitator_role,
        participants=tuple(
            Participant(p.role, p.agency.name if p.agency else None) for p in row.participants
        ),
        current_stage=row.current_stage,
        notes=row.notes,
        minutes_used={
            r.stage_id: r.minutes_used for r in row.responses if r.minutes_used is not None
        },
    )


def participants_of(
    session: OrmSession, people: list[Participant], guard: IdentifierGuard
) -> list[SessionParticipant]:
    """Rows for ``people`` (roles checked by the guard, agencies found by name)."""
    return [
        SessionParticipant(
            role=guarded_line(
                person.role, "participants", "A participant's role", GuardedField.ROLE, guard
            ),
            agency=agency_named(session, person.agency, "participants"),
        )
        for person in people
    ]


def snapshot_template(version: TemplateVersion) -> Template:
    """The template a stored version holds (parsed once per distinct text)."""
    return _parsed(version.content_sha256, version.content, version.name)


@lru_cache(maxsize=64)
def _parsed(_digest: str, content: str, name: str) -> Template:
    # Versions never change, so their parsed templates can be shared: every autosave of
    # a response checks its stage, and parsing the YAML each time would cost more than
    # the save itself. Templates are frozen, so sharing them is safe.
    return parse_template(content, name)


def template_stage(row: Session, stage_id: str) -> Stage:
    """The stage ``stage_id`` of the session's template; refused when it has none."""
    template = snapshot_template(row.template_version)
    if stage_id not in template.stage_ids:
        raise ValidationError(f"'{template.name}' has no stage '{stage_id}'.", "stage")
    return template.stage(stage_id)


def response_row(session: OrmSession, row: Session, stage_id: str) -> StageResponse:
    """The stage's response row, added empty when there is none yet."""
    response = session.scalar(
        select(StageResponse).where(
            StageResponse.session_id == row.id, StageResponse.stage_id == stage_id
        )
    )
    if response is None:
        kind = template_stage(row, stage_id).response.kind
        response = StageResponse(
            session_id=row.id,
            stage_id=stage_id,
            kind=kind.value,
            content_json=json.dumps(empty_response(kind), ensure_ascii=False),
        )
        session.add(response)
    return response
