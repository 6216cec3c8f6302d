"""Importing a ``.ddcase`` bundle: everything is checked first, then written in one go.

Reading the archive (:mod:`deepdive.bundles.archive`) and checking every field
(:mod:`deepdive.bundles.parse`) happen before the workspace is touched. The case and
everything in it are then added in a single transaction, so an import either lands
whole or leaves the workspace exactly as it was.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from deepdive.bundles.archive import read_archive
from deepdive.bundles.content import BundleContent, ResponseData, SessionData
from deepdive.bundles.errors import BundleCodeConflict, BundleError
from deepdive.bundles.identities import refuse_identities
from deepdive.bundles.parse import parse_content
from deepdive.domain.dates import DateSpan
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.lookups import tags_named
from deepdive.services.validation import case_code
from deepdive.storage.models import (
    Action,
    Agency,
    Case,
    CaseOutcome,
    ChronologyEvent,
    Person,
    Session,
    SessionParticipant,
    StageResponse,
    TemplateVersion,
    Theme,
)
from deepdive.templates import ResponseKind


@dataclass(frozen=True)
class ImportedCase:
    """What an import added."""

    case_id: int
    code: str
    pseudonym: str
    events: int
    sessions: int
    renamed_from: str | None


def read_bundle(path: Path) -> BundleContent:
    """Read and check a bundle completely without touching any workspace."""
    _manifest, files = read_archive(path)
    try:
        return parse_content(files)
    except BundleError as exc:
        raise BundleError(f"{path.name}: {exc}") from exc


def import_case_bundle(services: Services, path: Path, new_code: str | None = None) -> ImportedCase:
    """Add the bundle's case to the workspace (as ``new_code`` if given).

    Raises BundleCodeConflict, with a suggested free code, if the code is taken.
    """
    content = read_bundle(path)
    refuse_identities(services.guard, content, path.name)
    code = content.case.code
    if new_code is not None:
        try:
            code = case_code(new_code, services.guard)
        except DeepDiveError as exc:
            raise BundleError(str(exc)) from exc
    with services.workspace.transaction() as session:
        if _code_taken(session, code):
            raise BundleCodeConflict(
                f"This workspace already has a case {code}.",
                code,
                _free_code(session, content.case.code),
            )
        _refuse_template_clash(session, content, path.name)
        case = _write(session, content, code)
        result = ImportedCase(
            case.id,
            case.code,
            case.pseudonym,
            len(content.events),
            len(content.sessions),
            content.case.code if code != content.case.code else None,
        )
    services.changes.publish(
        Change(Entity.CASE, ChangeKind.ADDED, (result.case_id,), result.case_id)
    )
    return result


def _code_taken(session: OrmSession, code: str) -> bool:
    return session.scalar(select(Case.id).where(Case.code == code)) is not None


def _free_code(session: OrmSession, code: str) -> str:
    base = f"{code[:34]}-COPY"
    candidate, number = base, 1
    while _code_taken(session, candidate):
        number += 1
        candidate = f"{base}{number}"
    return candidate


def _refuse_template_clash(session: OrmSession, content: BundleContent, name: str) -> None:
    for template in content.templates:
        existing = session.scalar(
            select(TemplateVersion).where(
                TemplateVersion.template_key == template.key,
                TemplateVersion.version == template.version,
            )
        )
        if existing is not None and existing.content_sha256 != template.sha256:
            raise BundleError(
                f"{name}: its sessions used version {template.version} of '{template.name}', "
                "and this workspace has a different template under that version. Nothing "
                "was imported; save one of them as a new version first."
            )


def _write(session: OrmSession, content: BundleContent, code: str) -> Case:
    data = content.case
    agencies = _agencies(session, content)
    themes = _themes(session, content)

    def agency(name: str | None) -> Agency | None:
        return agencies[name.casefold()] if name is not None else None

    case = Case(
        code=code,
        pseudonym=data.pseudonym,
        birth_year=data.birth_year,
        birth_month=data.birth_month,
        status=data.status,
        archived=data.archived,
        edge_of_care=data.edge_of_care,
        stayed_with_family=data.stayed_with_family,
        summary=data.summary,
        document_version=data.document_version,
        created_at=data.created_at,
        updated_at=data.updated_at,
        tags=tags_named(session, list(data.tags)),
    )
    case.outcomes = [
        CaseOutcome(
            domain=o.domain,
            start_value=o.start_value,
            latest_value=o.latest_value,
            start_measured_on=o.start_measured_on,
            latest_measured_on=o.latest_measured_on,
            note=o.note,
        )
        for o in data.outcomes
    ]
    people = {
        p.ref: Person(
            pseudonym=p.pseudonym,
            role=p.role,
            agency=agency(p.agency),
            notes=p.notes,
            sort_order=p.sort_order,
        )
        for p in content.people
    }
    case.people = list(people.values())
    events: dict[int, ChronologyEvent] = {}
    for e in content.events:
        span = DateSpan.parse(e.date, e.end)
        events[e.ref] = ChronologyEvent(
            date_text=str(span.start),
            end_text=str(span.end) if span.end else None,
            first_day=span.start.earliest(),
            last_day=(span.end or span.start).latest(),
            sort_key=span.sort_key(),
            position=e.position,
            category=e.category,
            source_agency=agency(e.agency),
            description=e.description,
            significance=e.significance,
            voice=e.voice,
            outcome=e.outcome,
            key_episode=e.key_episode,
            tags=tags_named(session, list(e.tags)),
            themes=[themes[t.casefold()] for t in e.themes],
            people=[people[ref] for ref in e.people],
            created_at=e.created_at,
            updated_at=e.updated_at,
        )
    case.events = list(events.values())
    session.add(case)
    session.flush()  # event ids are needed inside 'events' responses
    versions = _template_versions(session, content)
    sessions = {
        s.ref: _session(session, s, case, versions[s.template], agency, events, themes)
        for s in content.sessions
    }
    for a in content.actions:
        session.add(
            Action(
                case=case,
                session_id=sessions[a.session].id if a.session is not None else None,
                stage_id=a.stage_id,
                description=a.description,
                owner_role=a.owner_role,
                due_on=a.due_on,
                done=a.done,
                position=a.position,
                created_at=a.created_at,
                updated_at=a.updated_at,
            )
        )
    session.flush()
    return case


def _agencies(session: OrmSession, content: BundleContent) -> dict[str, Agency]:
    """The workspace's agencies by folded name, adding those the bundle brings."""
    known = {a.name.casefold(): a for a in session.scalars(select(Agency)).all()}
    last = max((a.sort_order for a in known.values()), default=0)
    for data in content.case.agencies:
        if data.name.casefold() not in known:
            last += 1
            agency = Agency(name=data.name, kind=data.kind, sort_order=last)
            session.add(agency)
            known[data.name.casefold()] = agency
    return known


def _themes(session: OrmSession, content: BundleContent) -> dict[str, Theme]:
    known = {t.name.casefold(): t for t in session.scalars(select(Theme)).all()}
    for data in content.case.themes:
        if data.name.casefold() not in known:
            theme = Theme(name=data.name, description=data.description)
            session.add(theme)
            known[data.name.casefold()] = theme
    return known


def _template_versions(session: OrmSession, content: BundleContent) -> dict[int, TemplateVersion]:
    versions: dict[int, TemplateVersion] = {}
    for t in content.templates:
        existing = session.scalar(
            select(TemplateVersion).where(
                TemplateVersion.template_key == t.key, TemplateVersion.version == t.version
            )
        )
        if existing is None:
            existing = TemplateVersion(
                template_key=t.key,
                version=t.version,
                name=t.name,
                source=t.source,
                content=t.content,
                content_sha256=t.sha256,
                created_at=t.created_at,
            )
            session.add(existing)
        versions[t.ref] = existing
    return versions


def _session(
    session: OrmSession,
    data: SessionData,
    case: Case,
    version: TemplateVersion,
    agency: Callable[[str | None], Agency | None],
    events: dict[int, ChronologyEvent],
    themes: dict[str, Theme],
) -> Session:
    row = Session(
        case=case,
        template_version=version,
        title=data.title,
        held_on=data.held_on,
        status=data.status,
        facilitator_role=data.facilitator_role,
        current_stage=data.current_stage,
        notes=data.notes,
        created_at=data.created_at,
        updated_at=data.updated_at,
    )
    row.participants = [
        SessionParticipant(role=p.role, agency=agency(p.agency)) for p in data.participants
    ]
    row.responses = [_response(r, events, themes) for r in data.responses]
    session.add(row)
    session.flush()
    return row


def _response(
    data: ResponseData, events: dict[int, ChronologyEvent], themes: dict[str, Theme]
) -> StageResponse:
    content = dict(data.content)
    if data.kind == ResponseKind.EVENTS.value:
        # The bundle links events by ref; the workspace by their new ids.
        content["event_ids"] = [events[ref].id for ref in content.get("event_ids", [])]
    return StageResponse(
        stage_id=data.stage_id,
        kind=data.kind,
        content_json=json.dumps(content, ensure_ascii=False),
        minutes_used=data.minutes_used,
        updated_at=data.updated_at,
        linked_events=[events[ref] for ref in data.events],
        themes=[themes[t.casefold()] for t in data.themes],
    )
