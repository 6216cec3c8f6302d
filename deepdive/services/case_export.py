"""Reading a whole case out of the workspace as plain data (what a bundle carries).

The case, its cast, chronology, sessions with their responses, actions, outcomes and
the agencies and themes they use are read in one snapshot, as
:class:`~deepdive.services.case_content.CaseContent`; the bundle writer turns that into
its files. The counterpart of :mod:`deepdive.services.case_import`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.errors import DeepDiveError
from deepdive.services.case_content import (
    ActionData,
    AgencyData,
    CaseContent,
    CaseData,
    EventData,
    OutcomeData,
    ParticipantData,
    PersonData,
    ResponseData,
    SessionData,
    TemplateData,
    ThemeData,
)
from deepdive.services.errors import NotFoundError
from deepdive.storage.models import (
    Action,
    Agency,
    Case,
    ChronologyEvent,
    Session,
    StageResponse,
    TemplateVersion,
    Theme,
)
from deepdive.storage.workspace import Workspace

_DAMAGED = "A session response in this case is damaged; it cannot be exported."


class DamagedCaseError(DeepDiveError):
    """Something stored in the case cannot be read back (it was damaged)."""


class CaseExportService:
    """Reads a whole case as plain data."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def read_case(self, code: str) -> CaseContent:
        """Case ``code`` and everything in it; NotFoundError if there is none."""
        with self._workspace.reading() as session:
            return _read_case(session, code)


def _read_case(session: OrmSession, code: str) -> CaseContent:
    wanted = code.strip().upper()
    case = session.scalar(
        select(Case)
        .where(Case.code == wanted)
        .options(
            selectinload(Case.tags),
            selectinload(Case.people),
            selectinload(Case.outcomes),
            selectinload(Case.story),
        )
    )
    if case is None:
        raise NotFoundError(f"There is no case {wanted} in this workspace.")
    events = session.scalars(
        select(ChronologyEvent)
        .where(ChronologyEvent.case_id == case.id)
        .order_by(ChronologyEvent.sort_key, ChronologyEvent.position, ChronologyEvent.id)
        .options(
            selectinload(ChronologyEvent.people),
            selectinload(ChronologyEvent.tags),
            selectinload(ChronologyEvent.themes),
        )
    ).all()
    sessions = session.scalars(
        select(Session)
        .where(Session.case_id == case.id)
        .order_by(Session.id)
        .options(
            selectinload(Session.participants),
            selectinload(Session.template_version),
            selectinload(Session.responses).selectinload(StageResponse.linked_events),
            selectinload(Session.responses).selectinload(StageResponse.themes),
        )
    ).all()
    actions = session.scalars(
        select(Action).where(Action.case_id == case.id).order_by(Action.position, Action.id)
    ).all()
    agencies = {a.id: a for a in session.scalars(select(Agency)).all()}

    def agency(agency_id: int | None) -> str | None:
        return agencies[agency_id].name if agency_id is not None else None

    templates = {s.template_version.id: s.template_version for s in sessions}
    return CaseContent(
        case=_case_data(case, events, sessions, agencies),
        people=tuple(
            PersonData(p.id, p.pseudonym, p.role, agency(p.agency_id), p.notes, p.sort_order)
            for p in sorted(case.people, key=lambda p: (p.sort_order, p.id))
        ),
        events=tuple(_event_data(e, agency) for e in events),
        templates=tuple(_template_data(t) for _, t in sorted(templates.items())),
        sessions=tuple(_session_data(s, agency) for s in sessions),
        actions=tuple(_action_data(a) for a in actions),
    )


def _case_data(
    case: Case,
    events: Sequence[ChronologyEvent],
    sessions: Sequence[Session],
    agencies: dict[int, Agency],
) -> CaseData:
    """The case's own fields, with the agencies and themes its content names."""
    themes: dict[int, Theme] = {}
    for event in events:
        themes.update({t.id: t for t in event.themes})
    for row in sessions:
        for response in row.responses:
            themes.update({t.id: t for t in response.themes})
    used_agencies = {p.agency_id for p in case.people} | {e.source_agency_id for e in events}
    used_agencies |= {p.agency_id for s in sessions for p in s.participants}
    return CaseData(
        code=case.code,
        pseudonym=case.pseudonym,
        birth_year=case.birth_year,
        birth_month=case.birth_month,
        status=case.status,
        archived=case.archived,
        edge_of_care=case.edge_of_care,
        stayed_with_family=case.stayed_with_family,
        summary=case.summary,
        story=case.story.text if case.story is not None else "",
        document_version=case.document_version,
        created_at=case.created_at,
        updated_at=case.updated_at,
        tags=tuple(t.name for t in case.tags),
        outcomes=tuple(
            OutcomeData(
                o.domain,
                o.start_value,
                o.latest_value,
                o.start_measured_on,
                o.latest_measured_on,
                o.note,
            )
            for o in sorted(case.outcomes, key=lambda o: o.id)
        ),
        agencies=tuple(
            AgencyData(agencies[i].name, agencies[i].kind)
            for i in sorted(i for i in used_agencies if i is not None)
        ),
        themes=tuple(ThemeData(t.name, t.description) for _, t in sorted(themes.items())),
    )


def _event_data(e: ChronologyEvent, agency: Callable[[int | None], str | None]) -> EventData:
    return EventData(
        ref=e.id,
        date=e.date_text,
        end=e.end_text,
        position=e.position,
        category=e.category,
        agency=agency(e.source_agency_id),
        description=e.description,
        significance=e.significance,
        voice=e.voice,
        outcome=e.outcome,
        key_episode=e.key_episode,
        tags=tuple(t.name for t in e.tags),
        themes=tuple(t.name for t in sorted(e.themes, key=lambda t: t.id)),
        people=tuple(p.id for p in sorted(e.people, key=lambda p: p.id)),
        created_at=e.created_at,
        updated_at=e.updated_at,
    )


def _template_data(t: TemplateVersion) -> TemplateData:
    return TemplateData(
        t.id,
        t.template_key,
        t.version,
        t.name,
        t.source,
        t.content,
        t.content_sha256,
        t.created_at,
    )


def _action_data(a: Action) -> ActionData:
    return ActionData(
        a.session_id,
        a.stage_id,
        a.description,
        a.owner_role,
        a.due_on,
        a.done,
        a.position,
        a.created_at,
        a.updated_at,
    )


def _session_data(row: Session, agency: Callable[[int | None], str | None]) -> SessionData:
    return SessionData(
        ref=row.id,
        template=row.template_version_id,
        title=row.title,
        held_on=row.held_on,
        status=row.status,
        facilitator_role=row.facilitator_role,
        current_stage=row.current_stage,
        notes=row.notes,
        created_at=row.created_at,
        updated_at=row.updated_at,
        participants=tuple(ParticipantData(p.role, agency(p.agency_id)) for p in row.participants),
        responses=tuple(
            ResponseData(
                stage_id=r.stage_id,
                kind=r.kind,
                content=_content(r.content_json),
                minutes_used=r.minutes_used,
                updated_at=r.updated_at,
                events=tuple(e.id for e in sorted(r.linked_events, key=lambda e: e.id)),
                themes=tuple(t.name for t in sorted(r.themes, key=lambda t: t.id)),
            )
            for r in sorted(row.responses, key=lambda r: r.id)
        ),
    )


def _content(text: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise DamagedCaseError(_DAMAGED) from exc
    if not isinstance(value, dict):
        raise DamagedCaseError(_DAMAGED)
    return value
