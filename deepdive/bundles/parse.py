"""Checking a bundle's JSON completely, before anything is written to a workspace.

Every field is read through :class:`~deepdive.bundles.fields.Fields`, every value is
held to the same rules as typing it in (case codes, statuses, fuzzy dates, event
categories, template snapshots and response shapes), and every reference between
items must point at an item in the bundle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from operator import attrgetter
from typing import Any

from deepdive.bundles.chronology import read_events
from deepdive.bundles.content import (
    ACTIONS_FILE,
    CASE_FILE,
    CAST_FILE,
    CHRONOLOGY_FILE,
    SESSIONS_FILE,
    ActionData,
    AgencyData,
    BundleContent,
    CaseData,
    OutcomeData,
    ParticipantData,
    PersonData,
    ResponseData,
    SessionData,
    TemplateData,
    ThemeData,
)
from deepdive.bundles.errors import BundleError
from deepdive.bundles.fields import BIG, Fields, known
from deepdive.domain.vocabulary import CaseStatus, SessionStatus
from deepdive.errors import DeepDiveError
from deepdive.services.session_responses import clean_response
from deepdive.services.validation import case_code
from deepdive.templates import ResponseKind, Template, TemplateError, parse_template

MAX_ITEMS = 100_000


def parse_content(files: dict[str, Any]) -> BundleContent:
    """The bundle's content from its parsed data files; BundleError on anything wrong."""
    case = _case(Fields(files[CASE_FILE], CASE_FILE))
    agencies = {a.name.casefold() for a in case.agencies}
    themes = {t.name.casefold() for t in case.themes}
    cast = Fields(files[CAST_FILE], CAST_FILE)
    people = tuple(
        _person(Fields(item, f"{CAST_FILE}, person {n}"), agencies)
        for n, item in enumerate(cast.items("people", MAX_ITEMS), 1)
    )
    _unique_refs((p.ref for p in people), CAST_FILE, "person")
    person_refs = {p.ref for p in people}
    chronology = Fields(files[CHRONOLOGY_FILE], CHRONOLOGY_FILE)
    events = read_events(chronology.items("events", MAX_ITEMS), agencies, themes, person_refs)
    _unique_refs(map(attrgetter("ref"), events), CHRONOLOGY_FILE, "event")
    sessions_file = Fields(files[SESSIONS_FILE], SESSIONS_FILE)
    templates: dict[int, tuple[TemplateData, Template]] = {}
    for n, item in enumerate(sessions_file.items("templates", MAX_ITEMS), 1):
        data, template = _template(Fields(item, f"{SESSIONS_FILE}, template {n}"))
        if data.ref in templates:
            raise BundleError(f"{SESSIONS_FILE}: two templates share the ref {data.ref}.")
        if any((t.key, t.version) == (data.key, data.version) for t, _ in templates.values()):
            raise BundleError(
                f"{SESSIONS_FILE}: {data.key} version {data.version} is listed twice."
            )
        templates[data.ref] = (data, template)
    event_refs = {e.ref for e in events}
    sessions = tuple(
        _session(
            Fields(item, f"{SESSIONS_FILE}, session {n}"), templates, agencies, themes, event_refs
        )
        for n, item in enumerate(sessions_file.items("sessions", MAX_ITEMS), 1)
    )
    _unique_refs((s.ref for s in sessions), SESSIONS_FILE, "session")
    session_refs = {s.ref for s in sessions}
    actions = tuple(
        _action(Fields(item, f"{ACTIONS_FILE}, action {n}"), session_refs)
        for n, item in enumerate(
            Fields(files[ACTIONS_FILE], ACTIONS_FILE).items("actions", MAX_ITEMS), 1
        )
    )
    return BundleContent(
        case, people, events, tuple(t for t, _ in templates.values()), sessions, actions
    )


def _unique_refs(refs: Iterable[int], where: str, what: str) -> None:
    refs = list(refs)
    if len(set(refs)) == len(refs):
        return
    seen: set[int] = set()
    for ref in refs:
        if ref in seen:
            raise BundleError(f"{where}: two items share the {what} ref {ref}.")
        seen.add(ref)


def _case(f: Fields) -> CaseData:
    try:
        code = case_code(f.line("code", 40))
    except DeepDiveError as exc:
        raise BundleError(f"{CASE_FILE}: {exc}") from exc
    status = f.line("status", 20)
    if status not in {s.value for s in CaseStatus}:
        raise BundleError(f"{CASE_FILE}: '{status}' is not a case status.")
    agencies = tuple(
        AgencyData(a.line("name", 120), a.line("kind", 40))
        for a in (Fields(item, f"{CASE_FILE}, agency") for item in f.items("agencies", 1000))
    )
    themes = tuple(
        ThemeData(t.line("name", 160), t.text("description"))
        for t in (Fields(item, f"{CASE_FILE}, theme") for item in f.items("themes", 10_000))
    )
    outcomes = tuple(
        OutcomeData(
            o.line("domain", 60),
            o.line("start_value", 200, required=False),
            o.line("latest_value", 200, required=False),
            o.day("start_measured_on"),
            o.day("latest_measured_on"),
            o.text("note"),
        )
        for o in (Fields(item, f"{CASE_FILE}, outcome") for item in f.items("outcomes", 1000))
    )
    if len({o.domain.casefold() for o in outcomes}) != len(outcomes):
        raise BundleError(f"{CASE_FILE}: an outcome domain is listed twice.")
    return CaseData(
        code=code,
        pseudonym=f.line("pseudonym", 80),
        birth_year=f.optional_integer("birth_year", 1900, 2100),
        birth_month=f.optional_integer("birth_month", 1, 12),
        status=status,
        archived=f.flag("archived"),
        edge_of_care=f.flag("edge_of_care"),
        stayed_with_family=f.optional_flag("stayed_with_family"),
        summary=f.text("summary"),
        document_version=f.integer("document_version", 1, BIG),
        created_at=f.moment("created_at"),
        updated_at=f.moment("updated_at"),
        tags=f.lines("tags", 80),
        outcomes=outcomes,
        agencies=agencies,
        themes=themes,
        story=f.text("story", 20_000).strip(),  # bundles from before stories have none
    )


def _person(f: Fields, agencies: set[str]) -> PersonData:
    return PersonData(
        ref=f.integer("ref", 0, BIG),
        pseudonym=f.line("pseudonym", 80),
        role=f.line("role", 60),
        agency=known(f.optional_line("agency", 120), agencies, f.where, "agency"),
        notes=f.text("notes"),
        sort_order=f.integer("sort_order", -BIG, BIG),
    )


def _template(f: Fields) -> tuple[TemplateData, Template]:
    content = f.text("content")
    sha = f.line("sha256", 64)
    if hashlib.sha256(content.encode("utf-8")).hexdigest() != sha:
        raise BundleError(f"{f.where}: the template text does not match its checksum.")
    data = TemplateData(
        ref=f.integer("ref", 0, BIG),
        key=f.line("key", 80),
        version=f.integer("version", 1, BIG),
        name=f.line("name", 160),
        source=f.line("source", 20),
        content=content,
        sha256=sha,
        created_at=f.moment("created_at"),
    )
    try:
        template = parse_template(content, data.name)
    except TemplateError as exc:
        raise BundleError(f"{f.where}: the template snapshot is not valid ({exc}).") from exc
    if (template.id, template.version) != (data.key, data.version):
        raise BundleError(f"{f.where}: the snapshot is not {data.key} version {data.version}.")
    return data, template


def _session(
    f: Fields,
    templates: dict[int, tuple[TemplateData, Template]],
    agencies: set[str],
    themes: set[str],
    events: set[int],
) -> SessionData:
    template_ref = f.integer("template", 0, BIG)
    if template_ref not in templates:
        raise BundleError(f"{f.where} uses a template that is not in the bundle.")
    template = templates[template_ref][1]
    status = f.line("status", 20)
    if status not in {s.value for s in SessionStatus}:
        raise BundleError(f"{f.where}: '{status}' is not a session status.")
    current = f.optional_line("current_stage", 80)
    if current is not None and current not in template.stage_ids:
        raise BundleError(f"{f.where}: the current stage '{current}' is not in its template.")
    participants = tuple(
        ParticipantData(
            p.line("role", 80), known(p.optional_line("agency", 120), agencies, p.where, "agency")
        )
        for p in (Fields(item, f"{f.where}, participant") for item in f.items("participants", 1000))
    )
    responses = tuple(
        _response(Fields(item, f"{f.where}, response"), template, themes, events)
        for item in f.items("responses", 1000)
    )
    if len({r.stage_id for r in responses}) != len(responses):
        raise BundleError(f"{f.where} has two responses to one stage.")
    return SessionData(
        ref=f.integer("ref", 0, BIG),
        template=template_ref,
        title=f.line("title", 200),
        held_on=f.day("held_on"),
        status=status,
        facilitator_role=f.line("facilitator_role", 80, required=False),
        current_stage=current,
        notes=f.text("notes"),
        created_at=f.moment("created_at"),
        updated_at=f.moment("updated_at"),
        participants=participants,
        responses=responses,
    )


def _response(f: Fields, template: Template, themes: set[str], events: set[int]) -> ResponseData:
    stage_id = f.line("stage_id", 80)
    if stage_id not in template.stage_ids:
        raise BundleError(f"{f.where}: '{template.name}' has no stage '{stage_id}'.")
    kind = template.stage(stage_id).response.kind
    if f.line("kind", 20) != kind.value:
        raise BundleError(f"{f.where}: stage '{stage_id}' takes a {kind.value} response.")
    raw = f.raw("content")
    if not isinstance(raw, dict):
        raise BundleError(f"{f.where}: 'content' must be a JSON object.")
    try:
        content, linked = clean_response(kind, raw)
    except DeepDiveError as exc:
        raise BundleError(f"{f.where}: {exc}") from exc
    if kind is ResponseKind.EVENTS and not set(linked or ()) <= events:
        raise BundleError(f"{f.where} links an event that is not in the bundle.")
    linked_events = f.refs("events")
    if not set(linked_events) <= events:
        raise BundleError(f"{f.where} links an event that is not in the bundle.")
    response_themes = f.lines("themes", 160)
    for theme in response_themes:
        known(theme, themes, f.where, "theme")
    return ResponseData(
        stage_id=stage_id,
        kind=kind.value,
        content=content,
        minutes_used=f.optional_integer("minutes_used", 0, 24 * 60),
        updated_at=f.moment("updated_at"),
        events=tuple(dict.fromkeys(linked_events)),
        themes=response_themes,
    )


def _action(f: Fields, sessions: set[int]) -> ActionData:
    session = f.optional_integer("session", 0, BIG)
    if session is not None and session not in sessions:
        raise BundleError(f"{f.where} belongs to a session that is not in the bundle.")
    description = f.text("description").strip()
    if not description:
        raise BundleError(f"{f.where}: the description is empty.")
    return ActionData(
        session=session,
        stage_id=f.optional_line("stage_id", 80),
        description=description,
        owner_role=f.line("owner_role", 80, required=False),
        due_on=f.day("due_on"),
        done=f.flag("done"),
        position=f.integer("position", -BIG, BIG),
        created_at=f.moment("created_at"),
        updated_at=f.moment("updated_at"),
    )
