"""Finding and merging duplicate events, as appear after combining agency chronologies.

Two events are duplicates when their start dates could be the same day (``14 Mar
2016`` and ``Mar 2016`` can; ``14 Mar`` and ``15 Mar`` cannot) and their descriptions
are near-identical word for word (punctuation and case ignored). Duplicates are
grouped transitively; a group's first event in chronology order is the one a merge
keeps.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from difflib import SequenceMatcher

from deepdive.domain.dates import FuzzyDate, Precision
from deepdive.services.event_rows import EventInput, EventRow

# Word-sequence similarity (0..1) at or above which two descriptions count as the same.
SIMILARITY = 0.8

_WORD = re.compile(r"\w+")
_PRECISION_RANK = {Precision.DAY: 0, Precision.MONTH: 1, Precision.SEASON: 2, Precision.YEAR: 3}


def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def similar(a: Sequence[str], b: Sequence[str], threshold: float = SIMILARITY) -> bool:
    """Whether two word lists are near-identical (cheap bounds first)."""
    if not a or not b:
        return False
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= threshold
        and matcher.quick_ratio() >= threshold
        and matcher.ratio() >= threshold
    )


def duplicate_groups(rows: Sequence[EventRow]) -> list[tuple[int, ...]]:
    """Ids of duplicate events, grouped; groups and their members in chronology order."""
    order = {row.id: n for n, row in enumerate(rows)}
    starts: list[tuple[date, date, EventRow, list[str]]] = []
    for row in rows:
        start = FuzzyDate.parse(row.date_text)
        starts.append((start.earliest(), start.latest(), row, _words(row.description)))
    starts.sort(key=lambda item: item[0])
    parent = {row.id: row.id for row in rows}

    def root(event_id: int) -> int:
        while parent[event_id] != event_id:
            parent[event_id] = parent[parent[event_id]]
            event_id = parent[event_id]
        return event_id

    for i, (_first, latest, row, words) in enumerate(starts):
        # Sorted by first possible day: every later start that could be the same day
        # begins on or before this start's last possible day.
        for other_first, _other_latest, other, other_words in starts[i + 1 :]:
            if other_first > latest:
                break
            if similar(words, other_words):
                a, b = root(row.id), root(other.id)
                if a != b:
                    parent[max(a, b, key=order.__getitem__)] = min(a, b, key=order.__getitem__)
    groups: dict[int, list[int]] = {}
    for row in rows:
        groups.setdefault(root(row.id), []).append(row.id)
    found = [tuple(sorted(ids, key=order.__getitem__)) for ids in groups.values() if len(ids) > 1]
    return sorted(found, key=lambda ids: order[ids[0]])


def _most_precise(rows: Sequence[EventRow]) -> EventRow:
    def rank(row: EventRow) -> tuple[int, int]:
        start = FuzzyDate.parse(row.date_text)
        return (_PRECISION_RANK[start.precision], int(start.approximate))

    return min(rows, key=rank)  # min keeps the first of equals: the keeper wins ties


def _combined(texts: Sequence[str]) -> str:
    """Distinct non-empty texts (ignoring case and punctuation), joined as paragraphs."""
    kept: list[str] = []
    seen: list[list[str]] = []
    for text in texts:
        words = _words(text)
        if text.strip() and not any(words == other for other in seen):
            kept.append(text.strip())
            seen.append(words)
    return "\n\n".join(kept)


def merged_input(keeper: EventRow, others: Sequence[EventRow]) -> EventInput:
    """The event that results from folding ``others`` into ``keeper``.

    Kept: the keeper's description, domain and source; the most precise start date;
    the other events' significance, voice and outcome where they add something; every
    person and tag; the key episode flag if any had it. Other sources are named at the
    end of the description ("Also recorded by: Police."), so each entry still names
    its source.
    """
    group = [keeper, *others]
    dated = _most_precise(group)
    agency = keeper.agency or next((o.agency for o in others if o.agency), None)
    also = list(dict.fromkeys(o.agency for o in others if o.agency and o.agency != agency))
    description = keeper.description
    if also:
        description += f"\n\n*Also recorded by: {', '.join(also)}.*"
    return EventInput(
        date=dated.date_text,
        end=keeper.end_text or next((o.end_text for o in others if o.end_text), None),
        category=keeper.category,
        agency=agency,
        people=tuple(dict.fromkeys(p for row in group for p in row.people)),
        description=description,
        significance=_combined([row.significance for row in group]),
        voice=_combined([row.voice for row in group]),
        outcome=_combined([row.outcome for row in group]),
        key_episode=any(row.key_episode for row in group),
        tags=tuple(dict.fromkeys(t for row in group for t in row.tags)),
    )
