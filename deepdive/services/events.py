"""Chronology events: validated fuzzy dates, categories, sources, people and tags."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.domain.dates import DateError, DateSpan
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.services.cases import load_case
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import ValidationError
from deepdive.services.lookups import agency_named, tags_named, touch_case
from deepdive.services.text import clean_line, clean_text
from deepdive.services.validation import tag_names
from deepdive.storage.models import ChronologyEvent, Person
from deepdive.storage.workspace import Workspace


@dataclass(frozen=True)
class EventInput:
    """What a user (or an import) gives for one event."""

    date: str
    category: str
    description: str
    end: str | None = None
    agency: str | None = None
    people: tuple[int, ...] = ()
    significance: str = ""
    voice: str = ""
    outcome: str = ""
    key_episode: bool = False
    tags: tuple[str, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class EventInfo:
    """One chronology event as the UI and exports see it."""

    id: int
    case_id: int
    span: DateSpan
    category: str
    agency: str | None
    people: tuple[int, ...]
    description: str
    significance: str
    voice: str
    outcome: str
    key_episode: bool
    tags: tuple[str, ...]


def event_info(event: ChronologyEvent) -> EventInfo:
    """The plain view of an event."""
    return EventInfo(
        id=event.id,
        case_id=event.case_id,
        span=DateSpan.parse(event.date_text, event.end_text),
        category=event.category,
        agency=event.source_agency.name if event.source_agency else None,
        people=tuple(p.id for p in event.people),
        description=event.description,
        significance=event.significance,
        voice=event.voice,
        outcome=event.outcome,
        key_episode=event.key_episode,
        tags=tuple(t.name for t in event.tags),
    )


def validated_span(date_text: str, end_text: str | None) -> DateSpan:
    """Parse the dates, naming the field that is wrong."""
    try:
        DateSpan.parse(clean_line(date_text))
    except DateError as exc:
        raise ValidationError(str(exc), "date") from exc
    try:
        return DateSpan.parse(clean_line(date_text), clean_line(end_text) if end_text else None)
    except DateError as exc:
        raise ValidationError(str(exc), "end") from exc


def validated_category(category: str) -> str:
    """One of the known event domains (case-insensitive)."""
    wanted = clean_line(category).casefold()
    for known in CATEGORIES:
        if known.casefold() == wanted:
            return known
    raise ValidationError(
        f"'{clean_line(category)}' is not an event category; use one of: {', '.join(CATEGORIES)}.",
        "category",
    )


class EventService:
    """Add, change, list and delete chronology events."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def list_events(self, case_id: int) -> list[EventInfo]:
        """The case's chronology in date order (stable for equal dates)."""
        with self._workspace.reading() as session:
            events = session.scalars(
                select(ChronologyEvent)
                .where(ChronologyEvent.case_id == case_id)
                .order_by(ChronologyEvent.sort_key, ChronologyEvent.position, ChronologyEvent.id)
                .options(
                    selectinload(ChronologyEvent.people),
                    selectinload(ChronologyEvent.tags),
                    selectinload(ChronologyEvent.source_agency),
                )
            ).all()
            return [event_info(e) for e in events]

    def add(self, case_id: int, data: EventInput) -> EventInfo:
        """Add one event; nothing is saved if any field is invalid."""
        return self.add_many(case_id, [data])[0]

    def add_many(self, case_id: int, items: list[EventInput]) -> list[EventInfo]:
        """Add several events in one transaction (all or nothing)."""
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            position = session.scalar(
                select(func.max(ChronologyEvent.position)).where(ChronologyEvent.case_id == case_id)
            )
            position = position or 0
            added: list[ChronologyEvent] = []
            for data in items:
                position += 1
                event = ChronologyEvent(case_id=case_id, position=position)
                _apply(session, event, case_id, data)
                session.add(event)
                added.append(event)
            touch_case(session, case_id)
            session.flush()
            infos = [event_info(e) for e in added]
        self._changes.publish(
            Change(Entity.EVENT, ChangeKind.ADDED, tuple(i.id for i in infos), case_id)
        )
        return infos


def _apply(session: OrmSession, event: ChronologyEvent, case_id: int, data: EventInput) -> None:
    span = validated_span(data.date, data.end)
    event.date_text = str(span.start)
    event.end_text = str(span.end) if span.end else None
    event.first_day = span.start.earliest()
    event.last_day = (span.end or span.start).latest()
    event.sort_key = span.sort_key()
    event.category = validated_category(data.category)
    event.source_agency = agency_named(session, data.agency)
    description = clean_text(data.description).strip()
    if not description:
        raise ValidationError("Describe what happened.", "description")
    event.description = description
    event.significance = clean_text(data.significance).strip()
    event.voice = clean_text(data.voice).strip()
    event.outcome = clean_text(data.outcome).strip()
    event.key_episode = data.key_episode
    event.tags = tags_named(session, tag_names(list(data.tags)))
    people = list(session.scalars(select(Person).where(Person.id.in_(data.people))).all())
    if len(people) != len(set(data.people)) or any(p.case_id != case_id for p in people):
        raise ValidationError("Choose people from this case's cast.", "people")
    event.people = people
