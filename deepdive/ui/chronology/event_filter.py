"""Which events the chronology shows: filters that combine, fast enough to run per keystroke.

Pure Python over :class:`EventRow` tuples (no Qt), so it is tested on its own. Free
text matches every word typed, in any order, in any field (dates as stored, domain,
source, people, tags and all the text). Each event's searchable text is built once
and kept until the event changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from deepdive.services.events import EventRow


@dataclass(frozen=True)
class EventFilter:
    """The filters in force; empty ones let everything through.

    Each choice filter passes an event that has *any* of its chosen values (domains,
    sources, people, tags); different filters must all pass.
    """

    text: str = ""
    categories: frozenset[str] = frozenset()
    agencies: frozenset[str] = frozenset()
    people: frozenset[int] = frozenset()
    tags: frozenset[str] = frozenset()
    date_from: date | None = None
    date_to: date | None = None
    key_only: bool = False
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "words", tuple(self.text.casefold().split()))
        # Any iterable is accepted; kept as frozensets so filters compare and hash.
        for name in ("categories", "agencies", "people", "tags"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    @property
    def is_empty(self) -> bool:
        """Whether every event passes."""
        return self == EventFilter()


NO_AGENCY = ""  # the agency filter value for events with no source


def searchable_text(row: EventRow, people: Mapping[int, str]) -> str:
    """Everything a free-text search looks at, case-folded."""
    names = " ".join(people.get(p, "") for p in row.people)
    parts = (
        row.date_text,
        row.end_text or "",
        row.category,
        row.agency or "",
        names,
        " ".join(row.tags),
        row.description,
        row.significance,
        row.voice,
        row.outcome,
    )
    return "\n".join(parts).casefold()


def matching(
    rows: Sequence[EventRow],
    event_filter: EventFilter,
    haystack: Callable[[EventRow], str],
) -> list[int]:
    """Positions in ``rows`` of the events that pass; ``haystack(row)`` is its text."""
    f = event_filter
    if f.is_empty:
        return list(range(len(rows)))
    after = f.date_from.isoformat() if f.date_from else None
    before = f.date_to.isoformat() if f.date_to else None
    tags = frozenset(t.casefold() for t in f.tags)
    categories, agencies, people = f.categories, f.agencies, f.people
    found = []
    for i, row in enumerate(rows):
        if f.key_only and not row.stored_key_episode:
            continue
        if categories and row.category not in categories:
            continue
        if agencies and (row.agency or NO_AGENCY) not in agencies:
            continue
        # Overlap: the event could have happened within the range (ISO text compares).
        if after is not None and row.last_day_text < after:
            continue
        if before is not None and row.first_day_text > before:
            continue
        # people_text and tags_text are None when empty: most events fail here at once.
        if people and (not row.people_text or people.isdisjoint(row.people)):
            continue
        if tags and (not row.tags_text or tags.isdisjoint(t.casefold() for t in row.tags)):
            continue
        if f.words:
            text = haystack(row)
            if not all(word in text for word in f.words):
                continue
        found.append(i)
    return found
