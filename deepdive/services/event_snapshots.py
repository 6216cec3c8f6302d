"""Exact copies of chronology events, so an undo puts the workspace back as it was.

A :class:`ChronologySnapshot` holds every column of some events with all their links
(people, tags, themes, session stages that cite them), plus the case's "last changed"
time and the highest tag id then in use. Restoring it puts those events back with the
same ids, removes the events named as added since, restores the case's time and drops
tags that were created since and are no longer used. Undo and redo are both restores.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from sqlalchemy import Table, delete, func, insert, literal_column, select, update
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import NotFoundError
from deepdive.services.event_rows import chunks
from deepdive.storage.errors import undo_refused
from deepdive.storage.models import (
    Case,
    ChronologyEvent,
    Person,
    StageResponse,
    Tag,
    Theme,
    case_tags,
    event_people,
    event_tags,
    event_themes,
    response_events,
)
from deepdive.storage.search_index import bulk_event_indexing

EVENTS = cast(Table, ChronologyEvent.__table__)


@dataclass(frozen=True)
class EventRecord:
    """Every stored fact about one event: its columns and its links."""

    values: Mapping[str, object]
    people: tuple[int, ...]
    tags: tuple[tuple[int, str], ...]
    themes: tuple[int, ...]
    responses: tuple[int, ...]

    @property
    def id(self) -> int:
        """The event's id."""
        value = self.values["id"]
        assert isinstance(value, int)
        return value


@dataclass(frozen=True)
class ChronologySnapshot:
    """Some of a case's events as they were at one moment (see the module docstring)."""

    case_id: int
    case_updated_at: datetime
    max_tag_id: int
    events: tuple[EventRecord, ...]

    @property
    def ids(self) -> tuple[int, ...]:
        """The ids of the events held."""
        return tuple(record.id for record in self.events)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore changed, for the 'what changed' notifications."""

    added: tuple[int, ...]
    updated: tuple[int, ...]
    removed: tuple[int, ...]


def same_events(first: ChronologySnapshot, second: ChronologySnapshot) -> bool:
    """Whether two snapshots hold the same events with the same values and links (row
    versions aside): nobody changed them from one to the other."""
    if first.ids != second.ids:
        return False
    for a, b in zip(first.events, second.events, strict=True):
        values = {k: v for k, v in a.values.items() if k != "row_version"}
        others = {k: v for k, v in b.values.items() if k != "row_version"}
        if values != others or (a.people, a.tags, a.themes) != (b.people, b.tags, b.themes):
            return False
    return True


def snapshot_version(snapshot: ChronologySnapshot, event_id: int) -> int | None:
    """The row version of one event in ``snapshot`` (None if it is not there)."""
    for record in snapshot.events:
        if record.id == event_id:
            return int(cast(int, record.values["row_version"]))
    return None


def take_snapshot(session: OrmSession, case_id: int, ids: Sequence[int]) -> ChronologySnapshot:
    """Copy the events ``ids`` of ``case_id`` (all must exist) with their links."""
    updated_at = session.scalar(select(Case.updated_at).where(Case.id == case_id))
    if updated_at is None:
        raise NotFoundError("That case is no longer in this workspace.")
    max_tag_id = session.scalar(select(func.max(Tag.id))) or 0
    wanted = list(dict.fromkeys(ids))
    rows: dict[int, dict[str, object]] = {}
    people: dict[int, list[int]] = defaultdict(list)
    tags: dict[int, list[tuple[int, str]]] = defaultdict(list)
    themes: dict[int, list[int]] = defaultdict(list)
    responses: dict[int, list[int]] = defaultdict(list)
    for part in chunks(wanted):
        query = select(EVENTS).where(EVENTS.c.id.in_(part), EVENTS.c.case_id == case_id)
        for row in session.execute(query).mappings():
            rows[row["id"]] = dict(row)
        for event_id, person_id in _links(session, event_people, "person_id", part):
            people[event_id].append(person_id)
        for event_id, theme_id in _links(session, event_themes, "theme_id", part):
            themes[event_id].append(theme_id)
        for event_id, response_id in _links(session, response_events, "response_id", part):
            responses[event_id].append(response_id)
        tag_query = (
            select(event_tags.c.event_id, Tag.id, Tag.name)
            .join(Tag, Tag.id == event_tags.c.tag_id)
            .where(event_tags.c.event_id.in_(part))
            .order_by(event_tags.c.event_id, Tag.name)
        )
        for event_id, tag_id, name in session.execute(tag_query):
            tags[event_id].append((tag_id, name))
    missing = [i for i in wanted if i not in rows]
    if missing:
        raise NotFoundError("That event is no longer in this case's chronology.")
    records = tuple(
        EventRecord(
            values=rows[i],
            people=tuple(people[i]),
            tags=tuple(tags[i]),
            themes=tuple(themes[i]),
            responses=tuple(responses[i]),
        )
        for i in wanted
    )
    return ChronologySnapshot(case_id, updated_at, max_tag_id, records)


def _links(
    session: OrmSession, table: Table, other: str, ids: Sequence[int]
) -> list[tuple[int, int]]:
    """(event id, linked id) pairs, in the order they were linked (SQLite's rowid; on
    other engines, which keep no such order, by the linked id)."""
    sqlite = session.connection().dialect.name == "sqlite"
    order = literal_column(f"{table.name}.rowid") if sqlite else table.c[other]
    query = (
        select(table.c.event_id, table.c[other])
        .where(table.c.event_id.in_(ids))
        .order_by(table.c.event_id, order)
    )
    return [(row[0], row[1]) for row in session.execute(query)]


def _rows_of_case(
    session: OrmSession, event_ids: Sequence[int], case_id: int
) -> dict[int, dict[str, object]]:
    """The events' rows as they are now, by id (those since deleted are left out)."""
    current: dict[int, dict[str, object]] = {}
    for part in chunks(event_ids):
        for row in session.execute(select(EVENTS).where(EVENTS.c.id.in_(part))).mappings():
            current[row["id"]] = dict(row)
    if any(values["case_id"] != case_id for values in current.values()):
        # The id has since been given to an event of another case: putting ours back
        # would overwrite it, so refuse and leave everything as it is.
        raise NotFoundError(
            "This change can no longer be undone: the chronology has changed too much since."
        )
    return current


def restore_snapshot(
    session: OrmSession,
    snapshot: ChronologySnapshot,
    remove_ids: Sequence[int] = (),
    expected: ChronologySnapshot | None = None,
) -> RestoreResult:
    """Put the snapshot's events back exactly and remove ``remove_ids`` (see the module).

    ``expected`` is how the caller left the events (an undo step: the state after it):
    if someone else changed, added or deleted one of the touched events since, the
    restore would overwrite their change, so ChangedElsewhereError refuses it. Events
    put back move on to a new row version, so an editor that read them before sees a
    change.
    """
    case_id = snapshot.case_id
    if session.get(Case, case_id) is None:
        raise NotFoundError("That case is no longer in this workspace.")
    keep = set(snapshot.ids)
    touched = list(dict.fromkeys([*snapshot.ids, *remove_ids]))
    current = _rows_of_case(session, touched, case_id)
    existing = current.keys()
    if expected is not None and _changed_since(expected, current, touched):
        raise undo_refused("this event")
    versions_now = {i: int(cast(int, values["row_version"])) for i, values in current.items()}
    versions = {
        record.id: max(int(cast(int, record.values["row_version"])), versions_now.get(record.id, 0))
        + 1
        for record in snapshot.events
    }
    with bulk_event_indexing(session.connection(), len(existing) + len(keep)) as indexing:
        for part in chunks(list(existing)):
            session.execute(delete(EVENTS).where(EVENTS.c.id.in_(part)))
        if snapshot.events:
            session.execute(
                insert(EVENTS),
                [
                    {**record.values, "row_version": versions[record.id]}
                    for record in snapshot.events
                ],
            )
        indexing.touched([*existing, *snapshot.ids])
    if snapshot.events:
        _restore_links(session, case_id, snapshot.events)
    session.execute(
        update(Case).where(Case.id == case_id).values(updated_at=snapshot.case_updated_at)
    )
    _drop_new_unused_tags(session, snapshot.max_tag_id)
    return RestoreResult(
        added=tuple(i for i in snapshot.ids if i not in existing),
        updated=tuple(i for i in snapshot.ids if i in existing),
        removed=tuple(i for i in existing if i not in keep),
    )


def _changed_since(
    left: ChronologySnapshot, current: Mapping[int, Mapping[str, object]], ids: Sequence[int]
) -> bool:
    """Whether any of ``ids`` differs now from how ``left`` has it (present or not, and
    every column but the row version, which an undo itself moves on)."""
    before = {record.id: record.values for record in left.events}
    for event_id in ids:
        then, now = before.get(event_id), current.get(event_id)
        if then is None or now is None:
            if then is not now:
                return True
            continue
        if any(now.get(k) != v for k, v in then.items() if k != "row_version"):
            return True
    return False


def _restore_links(session: OrmSession, case_id: int, records: Sequence[EventRecord]) -> None:
    cast = set(session.scalars(select(Person.id).where(Person.case_id == case_id)))
    themes = set(session.scalars(select(Theme.id)))
    wanted_responses = {r for record in records for r in record.responses}
    responses: set[int] = set()
    for part in chunks(sorted(wanted_responses)):
        responses.update(
            session.scalars(select(StageResponse.id).where(StageResponse.id.in_(part)))
        )
    tag_ids = _ensure_tags(session, {tag for record in records for tag in record.tags})
    people_links = [
        {"event_id": r.id, "person_id": p} for r in records for p in r.people if p in cast
    ]
    tag_links = [{"event_id": r.id, "tag_id": tag_ids[t]} for r in records for t in r.tags]
    theme_links = [
        {"event_id": r.id, "theme_id": t} for r in records for t in r.themes if t in themes
    ]
    response_links = [
        {"event_id": r.id, "response_id": s} for r in records for s in r.responses if s in responses
    ]
    for table, links in (
        (event_people, people_links),
        (event_tags, tag_links),
        (event_themes, theme_links),
        (response_events, response_links),
    ):
        if links:
            session.execute(insert(table), links)


def _ensure_tags(session: OrmSession, tags: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    """The tag id to link for each remembered (id, name), recreating deleted tags."""
    if not tags:
        return {}
    by_id = dict(session.execute(select(Tag.id, Tag.name)).all())
    by_name = {name: tag_id for tag_id, name in by_id.items()}
    chosen: dict[tuple[int, str], int] = {}
    for tag_id, name in sorted(tags):
        if by_id.get(tag_id) == name:
            chosen[(tag_id, name)] = tag_id
        elif name in by_name:
            chosen[(tag_id, name)] = by_name[name]
        elif tag_id not in by_id:
            session.execute(insert(Tag).values(id=tag_id, name=name))
            by_id[tag_id], by_name[name] = name, tag_id
            chosen[(tag_id, name)] = tag_id
        else:
            new_id = session.execute(insert(Tag).values(name=name).returning(Tag.id)).scalar_one()
            by_id[new_id], by_name[name] = name, new_id
            chosen[(tag_id, name)] = new_id
    return chosen


def _drop_new_unused_tags(session: OrmSession, max_tag_id: int) -> None:
    """Remove tags made after the snapshot that nothing uses any more."""
    used_by_events = select(event_tags.c.tag_id)
    used_by_cases = select(case_tags.c.tag_id)
    session.execute(
        delete(Tag).where(
            Tag.id > max_tag_id, Tag.id.not_in(used_by_events), Tag.id.not_in(used_by_cases)
        )
    )
