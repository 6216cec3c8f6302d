"""Checking a bundle's chronology: up to 100,000 events, a column at a time.

Each field of every event is checked at once (:class:`~deepdive.bundles.columns.Columns`),
and each distinct date, category, agency, tag and time stamp is parsed or cleaned once.
If any value is doubtful, the events are read again one by one
(:class:`~deepdive.bundles.fields.Fields`), which names the first wrong event and
field exactly as before; a doubt that turns out to be no error costs only time.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from deepdive.bundles.columns import Columns, Unsure, each_distinct
from deepdive.bundles.content import CHRONOLOGY_FILE, EventData
from deepdive.bundles.errors import BundleError
from deepdive.bundles.fields import BIG, Fields, known
from deepdive.domain.dates import DateError
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.services.case_content import event_span

# Every key an event in chronology.json has (as the exporter writes them all).
_KEYS = (
    "ref",
    "date",
    "end",
    "position",
    "category",
    "agency",
    "description",
    "significance",
    "voice",
    "outcome",
    "key_episode",
    "tags",
    "themes",
    "people",
    "created_at",
    "updated_at",
)


def read_events(
    items: list[Any], agencies: set[str], themes: set[str], people: set[int]
) -> tuple[EventData, ...]:
    """The checked events; BundleError naming the first wrong event and field.

    ``agencies`` and ``themes`` are the folded names the bundle lists, ``people`` the
    refs of its cast.
    """
    try:
        return _by_column(items, agencies, themes, people)
    except Unsure:
        return tuple(
            _event(Fields(item, f"{CHRONOLOGY_FILE}, event {n}"), agencies, themes, people)
            for n, item in enumerate(items, 1)
        )


@lru_cache(maxsize=16_384)
def _date_texts(start: str, end: str | None) -> tuple[str, str | None]:
    """The start and end as DeepDive writes them; DateError if they are not a date
    (or a period). Cached: a chronology repeats its dates."""
    span = event_span(start, end)
    return str(span.start), str(span.end) if span.end else None


def _by_column(
    items: list[Any], agencies: set[str], themes: set[str], people: set[int]
) -> tuple[EventData, ...]:
    if not items:
        return ()
    c = Columns(items, _KEYS)
    try:
        spans = each_distinct(
            list(zip(c.lines("date", 40), c.optional_lines("end", 40), strict=True)),
            lambda pair: _date_texts(*pair),
        )
    except DateError:
        raise Unsure from None
    categories = c.lines("category", 40)
    agency = c.optional_lines("agency", 120)
    descriptions = list(map(str.strip, c.texts("description")))
    event_themes = c.line_lists("themes", 160)
    linked = c.ref_lists("people")
    if (
        not set(categories) <= set(CATEGORIES)
        or not all(descriptions)
        or not {a.casefold() for a in set(agency) if a is not None} <= agencies
        or not {t.casefold() for t in set(chain.from_iterable(event_themes))} <= themes
        or not set(chain.from_iterable(linked)) <= people
    ):
        raise Unsure
    # tuple.__new__ is what EventData._make calls, without a Python call per event;
    # zip(strict=True) makes sure every event has all sixteen fields.
    return tuple(
        map(
            tuple.__new__,
            repeat(EventData),
            zip(
                c.integers("ref", 0, BIG),
                map(itemgetter(0), spans),
                map(itemgetter(1), spans),
                c.integers("position", -BIG, BIG),
                categories,
                agency,
                descriptions,
                map(str.strip, c.texts("significance")),
                map(str.strip, c.texts("voice")),
                map(str.strip, c.texts("outcome")),
                c.flags("key_episode"),
                c.line_lists("tags", 80),
                event_themes,
                linked,
                c.moments("created_at"),
                c.moments("updated_at"),
                strict=True,
            ),
        )
    )


def _event(f: Fields, agencies: set[str], themes: set[str], people: set[int]) -> EventData:
    date_text = f.line("date", 40)
    end_text = f.optional_line("end", 40)
    try:
        start, end = _date_texts(date_text, end_text)
    except DateError as exc:
        raise BundleError(f"{f.where}: {exc}") from exc
    category = f.line("category", 40)
    if category not in CATEGORIES:
        raise BundleError(f"{f.where}: '{category}' is not an event category.")
    description = f.text("description").strip()
    if not description:
        raise BundleError(f"{f.where}: the description is empty.")
    linked = f.refs("people")
    if not set(linked) <= people:
        raise BundleError(f"{f.where} names a person who is not in the bundle's cast.")
    event_themes = f.lines("themes", 160)
    for theme in event_themes:
        known(theme, themes, f.where, "theme")
    return EventData(
        ref=f.integer("ref", 0, BIG),
        date=start,
        end=end,
        position=f.integer("position", -BIG, BIG),
        category=category,
        agency=known(f.optional_line("agency", 120), agencies, f.where, "agency"),
        description=description,
        significance=f.text("significance").strip(),
        voice=f.text("voice").strip(),
        outcome=f.text("outcome").strip(),
        key_episode=f.flag("key_episode"),
        tags=f.lines("tags", 80),
        themes=event_themes,
        people=tuple(dict.fromkeys(linked)),
        created_at=f.moment("created_at"),
        updated_at=f.moment("updated_at"),
    )
