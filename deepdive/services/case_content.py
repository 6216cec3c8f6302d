"""A whole case as plain data: what a case bundle carries into a workspace.

Items refer to each other by ``ref`` numbers that mean something only inside one
content (people, events, templates and sessions each number their own). Nothing from
the key vault is here: the workspace holds pseudonyms only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from deepdive.domain.dates import DateSpan


@dataclass(frozen=True)
class AgencyData:
    name: str
    kind: str


@dataclass(frozen=True)
class ThemeData:
    name: str
    description: str


@dataclass(frozen=True)
class OutcomeData:
    domain: str
    start_value: str
    latest_value: str
    start_measured_on: date | None
    latest_measured_on: date | None
    note: str


@dataclass(frozen=True)
class CaseData:
    code: str
    pseudonym: str
    birth_year: int | None
    birth_month: int | None
    status: str
    archived: bool
    edge_of_care: bool
    stayed_with_family: bool | None
    summary: str
    document_version: int
    created_at: datetime
    updated_at: datetime
    tags: tuple[str, ...]
    outcomes: tuple[OutcomeData, ...]
    agencies: tuple[AgencyData, ...]
    themes: tuple[ThemeData, ...]
    story: str = ""  # the story of a life changed, if written


@dataclass(frozen=True)
class PersonData:
    ref: int
    pseudonym: str
    role: str
    agency: str | None
    notes: str
    sort_order: int


@lru_cache(maxsize=16_384)
def event_span(date_text: str, end_text: str | None) -> DateSpan:
    """An event's date texts read as a span (DateError if they are not one).

    Cached: a chronology repeats its dates, and an imported case's are read when they
    are checked and again when they are written.
    """
    return DateSpan.parse(date_text, end_text)


class EventData(NamedTuple):
    """One chronology event. A named tuple, as immutable as the dataclasses here but
    four times quicker to build: a case can bring 100,000 of them."""

    ref: int
    date: str
    end: str | None
    position: int
    category: str
    agency: str | None
    description: str
    significance: str
    voice: str
    outcome: str
    key_episode: bool
    tags: tuple[str, ...]
    themes: tuple[str, ...]
    people: tuple[int, ...]
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class TemplateData:
    ref: int
    key: str
    version: int
    name: str
    source: str
    content: str
    sha256: str
    created_at: datetime


@dataclass(frozen=True)
class ParticipantData:
    role: str
    agency: str | None


@dataclass(frozen=True)
class ResponseData:
    stage_id: str
    kind: str
    content: dict[str, Any]
    """For the ``events`` kind, ``event_ids`` holds event refs, not workspace ids."""
    minutes_used: int | None
    updated_at: datetime
    events: tuple[int, ...]
    themes: tuple[str, ...]


@dataclass(frozen=True)
class SessionData:
    ref: int
    template: int
    title: str
    held_on: date | None
    status: str
    facilitator_role: str
    current_stage: str | None
    notes: str
    created_at: datetime
    updated_at: datetime
    participants: tuple[ParticipantData, ...]
    responses: tuple[ResponseData, ...]


@dataclass(frozen=True)
class ActionData:
    session: int | None
    stage_id: str | None
    description: str
    owner_role: str
    due_on: date | None
    done: bool
    position: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class CaseContent:
    """One case and everything in it."""

    case: CaseData
    people: tuple[PersonData, ...]
    events: tuple[EventData, ...]
    templates: tuple[TemplateData, ...]
    sessions: tuple[SessionData, ...]
    actions: tuple[ActionData, ...]
