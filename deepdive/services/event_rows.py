"""Reading a chronology quickly: plain rows straight from SQL, without ORM objects.

A case may hold 10,000 events and must open in a fraction of a second, so the
chronology is read with one SQL query through the DB-API cursor, whose tuples become
:class:`EventRow` tuples at C speed. The people and tags of each event arrive as
joined text and are split only when asked for; dates are parsed into a
:class:`DateSpan` only when something asks for one (:meth:`EventRow.span`). What a
user or an import gives for one event (:class:`EventInput`) lives here too, beside the
rows it becomes, so the services that read rows and those that write them share it.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.dates import DateSpan


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


# SQLite allows at most 32,766 bound parameters; stay well below it.
ID_CHUNK = 900
# Joins tag names in one text (a control character that cleaned text never holds).
TAG_SEPARATOR = "\x1f"


class _StoredEvent(NamedTuple):
    id: int
    case_id: int
    date_text: str
    end_text: str | None
    first_day_text: str
    last_day_text: str
    sort_key: str
    position: int
    category: str
    agency: str | None
    description: str
    significance: str
    voice: str
    outcome: str
    stored_key_episode: int
    row_version: int  # read with the values, so an editor's version always matches them
    people_text: str | None
    tags_text: str | None


class EventRow(_StoredEvent):
    """One chronology event as stored: canonical date texts and derived days.

    People are in cast order (by id), tags in name order, as everywhere else.
    """

    __slots__ = ()

    @property
    def first_day(self) -> date:
        """The first day the event could have started."""
        return date.fromisoformat(self.first_day_text)

    @property
    def last_day(self) -> date:
        """The last day the event (or its period) could have ended."""
        return date.fromisoformat(self.last_day_text)

    @property
    def key_episode(self) -> bool:
        """Whether the event is marked as a key practice episode."""
        return bool(self.stored_key_episode)

    @property
    def people(self) -> tuple[int, ...]:
        """Ids of the cast members involved."""
        text = self.people_text
        return tuple(int(p) for p in text.split(",")) if text else ()

    @property
    def tags(self) -> tuple[str, ...]:
        """The event's tags."""
        text = self.tags_text
        return tuple(text.split(TAG_SEPARATOR)) if text else ()

    @property
    def is_period(self) -> bool:
        """Whether the event has an end date."""
        return self.end_text is not None

    def span(self) -> DateSpan:
        """The event's date as a :class:`DateSpan` (parsed on each call)."""
        return DateSpan.parse(self.date_text, self.end_text)


_SELECT = """
SELECT e.id, e.case_id, e.date_text, e.end_text, e.first_day, e.last_day, e.sort_key,
       e.position, e.category, a.name, e.description, e.significance, e.voice, e.outcome,
       e.key_episode, e.row_version
FROM events e LEFT JOIN agencies a ON a.id = e.source_agency_id
"""
# Other engines hand back dates and flags as Python objects; the rows hold SQLite's
# stored forms (ISO date text, 0 or 1), so ask for those.
_SELECT_TYPED = _SELECT.replace(
    "e.first_day, e.last_day", "CAST(e.first_day AS TEXT), CAST(e.last_day AS TEXT)"
).replace("e.key_episode", "CAST(e.key_episode AS INTEGER)")
# Links are read apart and joined in Python: a correlated subquery per event costs
# more than the whole rest of the query.
_PEOPLE = """
SELECT l.event_id, l.person_id FROM event_people l JOIN events e ON e.id = l.event_id
"""
_TAGS = """
SELECT l.event_id, t.name FROM event_tags l JOIN tags t ON t.id = l.tag_id
JOIN events e ON e.id = l.event_id
"""
_ORDER = operator.itemgetter(6, 7, 0)  # sort_key, position, id


def chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    """``ids`` in slices small enough for one SQL ``IN (...)``."""
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def load_rows(
    session: OrmSession, case_id: int, ids: Sequence[int] | None = None
) -> list[EventRow]:
    """The case's events (or just ``ids`` of them) in chronology order.

    Order: by date (see ``FuzzyDate.sort_key``), then by the order they were added.
    This is the hot path of opening a case, so it reads through the DB-API cursor
    (plain tuples) and sorts in Python, which beats copying whole rows into SQLite's
    sorter.
    """
    connection = session.connection()
    db = connection.connection.driver_connection
    assert db is not None
    sqlite = connection.dialect.name == "sqlite"
    mark, select_ = ("?", _SELECT) if sqlite else ("%s", _SELECT_TYPED)
    if ids is None:
        where = f"WHERE {_case_filter(db, case_id)}" if sqlite else "WHERE e.case_id = %s"
        params: tuple[int, ...] = (case_id,)
        records = db.execute(select_ + where, params).fetchall()
        people = _joined(db, _PEOPLE + where + " ORDER BY l.event_id, l.person_id", params, ",")
        tags = _joined(db, _TAGS + where + " ORDER BY l.event_id, t.name", params, TAG_SEPARATOR)
    else:
        records, people, tags = [], {}, {}
        for part in chunks(list(dict.fromkeys(ids))):
            where = f"WHERE e.id IN ({', '.join([mark] * len(part))}) AND e.case_id = {mark}"
            params = (*part, case_id)
            records += db.execute(select_ + where, params).fetchall()
            people.update(_joined(db, _PEOPLE + where + " ORDER BY 1, 2", params, ","))
            tags.update(_joined(db, _TAGS + where + " ORDER BY 1, 2", params, TAG_SEPARATOR))
    records.sort(key=_ORDER)
    make = EventRow._make
    return [make((*r, people.get(r[0]), tags.get(r[0]))) for r in records]


def _joined(db: Any, query: str, params: tuple[int, ...], separator: str) -> dict[int, str]:
    """(event id, value) rows as one joined text per event."""
    grouped: dict[int, list[str]] = {}
    for event_id, value in db.execute(query, params).fetchall():
        grouped.setdefault(event_id, []).append(str(value))
    return {event_id: separator.join(values) for event_id, values in grouped.items()}


def _case_filter(db: Any, case_id: int) -> str:
    """The WHERE clause for one case's events, choosing how SQLite reads them.

    When the case holds most of the workspace's events, reading the table straight
    through is more than twice as fast as following the index row by row; the unary
    ``+`` tells SQLite not to use the index.
    """
    (in_case,) = db.execute("SELECT count(*) FROM events WHERE case_id = ?", (case_id,)).fetchone()
    (total,) = db.execute("SELECT count(*) FROM events").fetchone()
    return "+e.case_id = ?" if in_case * 2 >= total else "e.case_id = ?"
