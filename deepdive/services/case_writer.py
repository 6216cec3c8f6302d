"""Writing a whole case into the workspace in one transaction, for the case import
service: the cast, the chronology (through the same bulk path as a CSV import, one
``executemany`` per table), the sessions with their responses, actions, outcomes and
stories, with every link between them and the agencies, themes and tags they name."""

from __future__ import annotations

import json
from datetime import date
from itertools import chain
from operator import attrgetter
from typing import cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.bulk import insert_rows, link_rows, next_ids
from deepdive.services.case_content import CaseContent, ResponseData, SessionData, event_span
from deepdive.storage.models import (
    Action,
    Agency,
    Case,
    CaseOutcome,
    CaseStory,
    ChronologyEvent,
    Person,
    Session,
    SessionParticipant,
    StageResponse,
    Tag,
    TemplateVersion,
    Theme,
    case_tags,
    event_people,
    event_tags,
    event_themes,
    response_events,
    response_themes,
)
from deepdive.storage.search_index import bulk_event_indexing
from deepdive.templates import ResponseKind

_EVENTS = cast(Table, ChronologyEvent.__table__)
_PEOPLE = cast(Table, Person.__table__)
_EVENT_COLUMNS = (
    "id",
    "case_id",
    "date_text",
    "end_text",
    "first_day",
    "last_day",
    "sort_key",
    "position",
    "category",
    "source_agency_id",
    "description",
    "significance",
    "voice",
    "outcome",
    "key_episode",
    "created_at",
    "updated_at",
)
_PERSON_COLUMNS = ("id", "case_id", "pseudonym", "role", "agency_id", "notes", "sort_order")


class CaseWriter:
    """Writes one checked content into an open transaction."""

    def __init__(self, session: OrmSession, content: CaseContent) -> None:
        self.session = session
        self.content = content
        self.agencies = self._agencies()
        self.themes = self._themes()
        self.tags = self._tags()
        self.people: dict[int, int] = {}
        self.events: dict[int, int] = {}

    def write(self, code: str, team_id: int | None = None) -> int:
        case_id = self._case(code, team_id)
        self._people(case_id)
        self._events(case_id)
        versions = self._template_versions()
        sessions = {
            s.ref: self._session(s, case_id, versions[s.template]) for s in self.content.sessions
        }
        for a in self.content.actions:
            self.session.add(
                Action(
                    case_id=case_id,
                    session_id=sessions[a.session] if a.session is not None else None,
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
        self.session.flush()
        return case_id

    # ------------------------------------------------------------ shared rows
    def agency(self, name: str | None) -> int | None:
        return self.agencies[name.casefold()] if name is not None else None

    def _agencies(self) -> dict[str, int]:
        """The workspace's agencies by folded name, adding those the case brings."""
        rows = self.session.execute(select(Agency.id, Agency.name, Agency.sort_order)).all()
        known = {name.casefold(): agency_id for agency_id, name, _ in rows}
        last = max((order for _, _, order in rows), default=0)
        for data in self.content.case.agencies:
            if data.name.casefold() not in known:
                last += 1
                agency = Agency(name=data.name, kind=data.kind, sort_order=last)
                self.session.add(agency)
                self.session.flush()
                known[data.name.casefold()] = agency.id
        return known

    def _themes(self) -> dict[str, int]:
        rows = self.session.execute(select(Theme.id, Theme.name)).all()
        known = {name.casefold(): theme_id for theme_id, name in rows}
        for data in self.content.case.themes:
            if data.name.casefold() not in known:
                theme = Theme(name=data.name, description=data.description)
                self.session.add(theme)
                self.session.flush()
                known[data.name.casefold()] = theme.id
        return known

    def _tags(self) -> dict[str, int]:
        """Every tag the case and its events use, by folded name (new ones added)."""
        # Matched by casefold in Python: SQLite's comparisons ignore case for ASCII only.
        known = {
            name.casefold(): tag_id
            for tag_id, name in self.session.execute(select(Tag.id, Tag.name)).all()
        }
        events = self.content.events
        wanted = [*self.content.case.tags, *chain.from_iterable(map(attrgetter("tags"), events))]
        for name in dict.fromkeys(wanted):
            if name.casefold() not in known:
                known[name.casefold()] = self.session.execute(
                    insert(Tag).values(name=name).returning(Tag.id)
                ).scalar_one()
        return known

    # ------------------------------------------------------------ the case
    def _case(self, code: str, team_id: int | None) -> int:
        data = self.content.case
        case = Case(
            team_id=team_id,
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
        if data.story:
            case.story = CaseStory(text=data.story, updated_at=data.updated_at)
        self.session.add(case)
        self.session.flush()
        tag_ids = dict.fromkeys(self.tags[t.casefold()] for t in data.tags)
        insert_rows(self.session, case_tags, ("case_id", "tag_id"), [(case.id, t) for t in tag_ids])
        return case.id

    def _people(self, case_id: int) -> None:
        people = self.content.people
        ids = next_ids(self.session, _PEOPLE, len(people))
        rows = []
        for person_id, p in zip(ids, people, strict=True):
            self.people[p.ref] = person_id
            rows.append(
                (
                    person_id,
                    case_id,
                    p.pseudonym,
                    p.role,
                    self.agency(p.agency),
                    p.notes,
                    p.sort_order,
                )
            )
        insert_rows(self.session, _PEOPLE, _PERSON_COLUMNS, rows)

    def _events(self, case_id: int) -> None:
        events = self.content.events
        ids = next_ids(self.session, _EVENTS, len(events))
        self.events = dict(zip(map(attrgetter("ref"), events), ids, strict=True))
        # A chronology repeats its dates, agencies and tags: each is resolved once.
        dates = {pair: _stored_dates(*pair) for pair in set(map(attrgetter("date", "end"), events))}
        agencies = {name: self.agency(name) for name in set(map(attrgetter("agency"), events))}
        rows = [
            (
                event_id,
                case_id,
                *dates[(e.date, e.end)],
                e.position,
                e.category,
                agencies[e.agency],
                e.description,
                e.significance,
                e.voice,
                e.outcome,
                e.key_episode,
                e.created_at,
                e.updated_at,
            )
            for event_id, e in zip(ids, events, strict=True)
        ]
        with bulk_event_indexing(self.session.connection(), len(rows)) as indexing:
            insert_rows(self.session, _EVENTS, _EVENT_COLUMNS, rows)
            indexing.touched(list(ids))
        people = link_rows(ids, list(map(attrgetter("people"), events)), self.people.__getitem__)
        tags = link_rows(
            ids, list(map(attrgetter("tags"), events)), lambda name: self.tags[name.casefold()]
        )
        themes = link_rows(
            ids, list(map(attrgetter("themes"), events)), lambda name: self.themes[name.casefold()]
        )
        insert_rows(self.session, event_people, ("event_id", "person_id"), people)
        insert_rows(self.session, event_tags, ("event_id", "tag_id"), tags)
        insert_rows(self.session, event_themes, ("event_id", "theme_id"), themes)

    # ------------------------------------------------------------ sessions
    def _template_versions(self) -> dict[int, int]:
        versions: dict[int, int] = {}
        for t in self.content.templates:
            existing = self.session.scalar(
                select(TemplateVersion.id).where(
                    TemplateVersion.template_key == t.key, TemplateVersion.version == t.version
                )
            )
            if existing is None:
                row = TemplateVersion(
                    template_key=t.key,
                    version=t.version,
                    name=t.name,
                    source=t.source,
                    content=t.content,
                    content_sha256=t.sha256,
                    created_at=t.created_at,
                )
                self.session.add(row)
                self.session.flush()
                existing = row.id
            versions[t.ref] = existing
        return versions

    def _session(self, data: SessionData, case_id: int, version_id: int) -> int:
        row = Session(
            case_id=case_id,
            template_version_id=version_id,
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
            SessionParticipant(role=p.role, agency_id=self.agency(p.agency))
            for p in data.participants
        ]
        responses = [self._response(r) for r in data.responses]
        row.responses = responses
        self.session.add(row)
        self.session.flush()
        linked, themed = [], []
        for response, r in zip(responses, data.responses, strict=True):
            linked += [(response.id, self.events[ref]) for ref in dict.fromkeys(r.events)]
            themed += [
                (response.id, t) for t in dict.fromkeys(self.themes[n.casefold()] for n in r.themes)
            ]
        insert_rows(self.session, response_events, ("response_id", "event_id"), linked)
        insert_rows(self.session, response_themes, ("response_id", "theme_id"), themed)
        return row.id

    def _response(self, data: ResponseData) -> StageResponse:
        content = dict(data.content)
        if data.kind == ResponseKind.EVENTS.value:
            # The content links events by ref; the workspace by their new ids.
            content["event_ids"] = [self.events[ref] for ref in content.get("event_ids", [])]
            reflections = content.get("reflections", {})
            if reflections:  # the room's words on each event, kept by event ref too
                content["reflections"] = {
                    str(self.events[int(ref)]): text for ref, text in reflections.items()
                }
        return StageResponse(
            stage_id=data.stage_id,
            kind=data.kind,
            content_json=json.dumps(content, ensure_ascii=False),
            minutes_used=data.minutes_used,
            updated_at=data.updated_at,
        )


def _stored_dates(start: str, end: str | None) -> tuple[str, str | None, date, date, str]:
    """An event's date columns: its date texts, first and last days, and sort key."""
    span = event_span(start, end)
    return (
        str(span.start),
        str(span.end) if span.end else None,
        span.start.earliest(),
        (span.end or span.start).latest(),
        span.sort_key(),
    )
