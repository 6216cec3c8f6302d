"""Writing chronology events: the checks every event's fields pass (a fuzzy date, a
known domain), and the lookups and inserts one transaction shares, done once per
transaction so a 10,000-row import takes about a second (see :class:`EventLookups`).
The service that uses them is :class:`~deepdive.services.events.EventService`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.dates import DateError, DateSpan, FuzzyDate
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.services.bulk import insert_rows
from deepdive.services.errors import ValidationError
from deepdive.services.event_rows import EventInput
from deepdive.services.lookups import TAGS, add_named
from deepdive.services.text import clean_line, clean_text
from deepdive.services.validation import tag_names
from deepdive.storage.models import (
    Agency,
    ChronologyEvent,
    Person,
    Tag,
    event_people,
    event_tags,
    utc_now,
)

EVENTS = cast(Table, ChronologyEvent.__table__)


def validated_span(date_text: str, end_text: str | None) -> DateSpan:
    """Parse the dates, naming the field that is wrong."""
    try:
        start = FuzzyDate.parse(clean_line(date_text))
    except DateError as exc:
        raise ValidationError(str(exc), "date") from exc
    end = clean_line(end_text) if end_text else ""
    try:
        return DateSpan(start, FuzzyDate.parse(end) if end else None)
    except DateError as exc:
        raise ValidationError(str(exc), "end") from exc


_CATEGORY_BY_KEY = {known.casefold(): known for known in CATEGORIES}


def validated_category(category: str) -> str:
    """One of the known event domains (case-insensitive)."""
    known = _CATEGORY_BY_KEY.get(clean_line(category).casefold())
    if known is not None:
        return known
    raise ValidationError(
        f"'{clean_line(category)}' is not an event category; use one of: {', '.join(CATEGORIES)}.",
        "category",
    )


class StoredDates(NamedTuple):
    """A validated date span and the columns it is stored in."""

    span: DateSpan
    values: dict[str, Any]


@dataclass
class PreparedEvent:
    """One validated event, ready to write."""

    values: dict[str, Any]
    span: DateSpan
    agency: str | None
    people: tuple[int, ...]
    tags: list[tuple[int, str]]


class EventLookups:
    """Agencies, cast and tags read once per transaction (an import has thousands of rows)."""

    def __init__(self, session: OrmSession, case_id: int) -> None:
        self._session = session
        self.case_id = case_id
        self.agencies = {
            name.casefold(): (agency_id, name)
            for agency_id, name in session.execute(select(Agency.id, Agency.name))
        }
        self.cast = set(session.scalars(select(Person.id).where(Person.case_id == case_id)))
        self.tags = {
            name.casefold(): (tag_id, name)
            for tag_id, name in session.execute(select(Tag.id, Tag.name))
        }
        self._dates: dict[tuple[str, str | None], StoredDates] = {}

    def agency(self, name: str | None) -> tuple[int, str] | None:
        if name is None or not clean_line(name):
            return None
        found = self.agencies.get(clean_line(name).casefold())
        if found is None:
            raise ValidationError(
                f"'{clean_line(name)}' is not an agency in this workspace; add it to the agency "
                "list first.",
                "agency",
            )
        return found

    def tag(self, name: str) -> tuple[int, str]:
        found = self.tags.get(name.casefold())
        if found is None:
            tag_id = add_named(self._session, TAGS, name=name)
            found = self.tags[name.casefold()] = (tag_id, name)
        return found

    def dates(self, date_text: str, end_text: str | None) -> StoredDates:
        """The validated span and its stored columns (dates repeat in an import, so each
        pair of texts is worked out once)."""
        found = self._dates.get((date_text, end_text))
        if found is None:
            span = validated_span(date_text, end_text)
            found = self._dates[(date_text, end_text)] = StoredDates(
                span,
                {
                    "date_text": str(span.start),
                    "end_text": str(span.end) if span.end else None,
                    "first_day": span.start.earliest(),
                    "last_day": (span.end or span.start).latest(),
                    "sort_key": span.sort_key(),
                },
            )
        return found

    def prepare(self, data: EventInput) -> PreparedEvent:
        """Validate ``data`` (the first wrong field raises ValidationError naming it)."""
        span, date_values = self.dates(data.date, data.end)
        category = validated_category(data.category)
        agency = self.agency(data.agency)
        description = clean_text(data.description).strip()
        if not description:
            raise ValidationError("Describe what happened.", "description")
        names = tag_names(list(data.tags))
        people = tuple(sorted(set(data.people)))  # cast order, as the chronology lists them
        if any(p not in self.cast for p in people):
            raise ValidationError("Choose people from this case's cast.", "people")
        tags = sorted({self.tag(name) for name in names}, key=lambda tag: tag[1])
        values = {
            **date_values,
            "category": category,
            "source_agency_id": agency[0] if agency else None,
            "description": description,
            "significance": clean_text(data.significance).strip(),
            "voice": clean_text(data.voice).strip(),
            "outcome": clean_text(data.outcome).strip(),
            "key_episode": bool(data.key_episode),
        }
        return PreparedEvent(values, span, agency[1] if agency else None, people, tags)


def write_links(session: OrmSession, pairs: Iterable[tuple[int, PreparedEvent]]) -> None:
    people, tags = [], []
    for event_id, prepared in pairs:
        people += [(event_id, p) for p in prepared.people]
        tags += [(event_id, tag_id) for tag_id, _ in prepared.tags]
    if people:
        insert_rows(session, event_people, ("event_id", "person_id"), people)
    if tags:
        insert_rows(session, event_tags, ("event_id", "tag_id"), tags)


def insert_events(session: OrmSession, rows: list[dict[str, Any]]) -> None:
    """Insert many event rows (all with the same keys) with one ``executemany``."""
    names = [*rows[0], "created_at", "updated_at"]
    now = utc_now()
    insert_rows(session, EVENTS, names, [(*row.values(), now, now) for row in rows])
