"""Chronology events: validated fuzzy dates, categories, sources, people and tags.

Every change goes through :class:`EventService`, in one transaction each: adding one
event or an imported file of thousands, changing fields, deleting, merging
duplicates, and restoring a :class:`ChronologySnapshot` (which is how undo and redo
work). Writes use SQLAlchemy Core with the lookups done once per transaction, so a
10,000-row import takes about a second rather than a minute.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, update

from deepdive.domain.dates import DateSpan
from deepdive.services.agencies import insert_agencies
from deepdive.services.bulk import next_ids
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import NotFoundError
from deepdive.services.event_duplicates import duplicate_groups, merged_input
from deepdive.services.event_rows import EventInput, EventRow, chunks, load_rows
from deepdive.services.event_snapshots import (
    ChronologySnapshot,
    RestoreResult,
    restore_snapshot,
    same_events,
    snapshot_version,
    take_snapshot,
)
from deepdive.services.event_writing import (
    EVENTS,
    EventLookups,
    PreparedEvent,
    insert_events,
    validated_category,
    validated_span,
    write_links,
)
from deepdive.services.guard import IdentifierGuard, patterns_guard
from deepdive.services.lookups import lock_case, touch_case
from deepdive.storage.errors import changed_elsewhere
from deepdive.storage.models import (
    ChronologyEvent,
    event_people,
    event_tags,
)
from deepdive.storage.search_index import bulk_event_indexing
from deepdive.storage.workspace import Workspace

__all__ = [
    "EVENT_FIELDS",
    "ChronologySnapshot",
    "EventInfo",
    "EventInput",
    "EventRow",
    "EventService",
    "row_input",
    "same_events",
    "snapshot_version",
    "validated_category",
    "validated_span",
]

# The names :meth:`EventService.update` accepts.
EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(EventInput))


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
    # The row version these values are (see EventService.update's expected_version).
    version: int = 1


def event_info(event: ChronologyEvent) -> EventInfo:
    """The plain view of an ORM event (its links loaded)."""
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
        version=event.row_version,
    )


def row_info(row: EventRow) -> EventInfo:
    """The :class:`EventInfo` of a stored row."""
    return EventInfo(
        id=row.id,
        case_id=row.case_id,
        span=row.span(),
        category=row.category,
        agency=row.agency,
        people=row.people,
        description=row.description,
        significance=row.significance,
        voice=row.voice,
        outcome=row.outcome,
        key_episode=row.key_episode,
        tags=row.tags,
        version=row.row_version,
    )


def row_input(row: EventRow) -> EventInput:
    """The input that would store ``row`` again unchanged."""
    return EventInput(
        date=row.date_text,
        end=row.end_text,
        category=row.category,
        agency=row.agency,
        people=row.people,
        description=row.description,
        significance=row.significance,
        voice=row.voice,
        outcome=row.outcome,
        key_episode=row.key_episode,
        tags=row.tags,
    )


def _prepared_info(
    case_id: int, event_id: int, prepared: PreparedEvent, version: int = 1
) -> EventInfo:
    """The event as written (at ``version``): what the service returns without reading
    it back."""
    values = prepared.values
    return EventInfo(
        id=event_id,
        case_id=case_id,
        span=prepared.span,
        category=values["category"],
        agency=prepared.agency,
        people=prepared.people,
        description=values["description"],
        significance=values["significance"],
        voice=values["voice"],
        outcome=values["outcome"],
        key_episode=values["key_episode"],
        tags=tuple(name for _, name in prepared.tags),
        version=version,
    )


class EventService:
    """Add, change, list, delete, merge and restore chronology events."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    # ---------------------------------------------------------------- reading
    def list_events(self, case_id: int) -> list[EventInfo]:
        """The case's chronology in date order (stable for equal dates)."""
        with self._workspace.reading() as session:
            return [row_info(row) for row in load_rows(session, case_id)]

    def list_rows(self, case_id: int) -> list[EventRow]:
        """The case's chronology as light rows (fast: for the table and the timeline)."""
        with self._workspace.reading() as session:
            return load_rows(session, case_id)

    def rows(self, case_id: int, ids: Sequence[int]) -> list[EventRow]:
        """Just these events of the case, in chronology order (missing ids are skipped)."""
        with self._workspace.reading() as session:
            return load_rows(session, case_id, ids)

    def get(self, event_id: int) -> EventInfo:
        """One event."""
        return row_info(self._row(event_id))

    def _row(self, event_id: int) -> EventRow:
        return self._versioned_row(event_id)[0]

    def _versioned_row(self, event_id: int) -> tuple[EventRow, int]:
        """The event's row and its row version (read with the values, in one query)."""
        with self._workspace.reading() as session:
            case_id = session.scalar(select(EVENTS.c.case_id).where(EVENTS.c.id == event_id))
            rows = load_rows(session, case_id, [event_id]) if case_id is not None else []
        if not rows:
            raise NotFoundError("That event is no longer in the chronology.")
        return rows[0], int(rows[0].row_version)

    # ---------------------------------------------------------------- writing
    def add(self, case_id: int, data: EventInput) -> EventInfo:
        """Add one event; nothing is saved if any field is invalid."""
        return self.add_many(case_id, [data])[0]

    def add_many(
        self, case_id: int, items: Sequence[EventInput], new_agencies: Sequence[str] = ()
    ) -> list[EventInfo]:
        """Add several events in one transaction (all or nothing).

        ``new_agencies`` are added to the workspace's agency list in the same
        transaction (an imported file's sources), checked as any new agency name is.
        """
        if not items:
            return []
        with self._workspace.transaction() as session:
            # Writers to one case on a server take turns from here, so two imports at
            # once number their events one after the other (SQLite: one writer anyway).
            lock_case(session, case_id)
            agency_ids = (
                insert_agencies(session, new_agencies, self._guard, known_ok=True)
                if new_agencies
                else []
            )
            lookups = EventLookups(session, case_id)
            prepared = [lookups.prepare(data) for data in items]
            position = (
                session.scalar(
                    select(func.coalesce(func.max(EVENTS.c.position), 0)).where(
                        EVENTS.c.case_id == case_id
                    )
                )
                or 0
            )
            # Ids given as the database would give them, so one executemany writes
            # every row; RETURNING would send them one by one.
            ids = list(next_ids(session, EVENTS, len(prepared)))
            rows = [
                {**p.values, "id": event_id, "case_id": case_id, "position": position + n}
                for n, (event_id, p) in enumerate(zip(ids, prepared, strict=True), start=1)
            ]
            with bulk_event_indexing(session.connection(), len(rows)) as indexing:
                insert_events(session, rows)
                indexing.touched(ids)
            write_links(session, zip(ids, prepared, strict=True))
            touch_case(session, case_id)
            infos = [
                _prepared_info(lookups.case_id, i, p) for i, p in zip(ids, prepared, strict=True)
            ]
        if agency_ids:
            self._changes.publish(Change(Entity.AGENCY, ChangeKind.ADDED, tuple(agency_ids)))
        self._publish(ChangeKind.ADDED, tuple(ids), case_id)
        return infos

    def version(self, event_id: int) -> int:
        """The event's row version now: an editor keeps the one it loaded and gives it
        back to :meth:`update`, so a colleague's change in between is never overwritten."""
        with self._workspace.reading() as session:
            found = session.scalar(select(EVENTS.c.row_version).where(EVENTS.c.id == event_id))
        if found is None:
            raise NotFoundError("That event is no longer in the chronology.")
        return int(found)

    def update(
        self, event_id: int, *, expected_version: int | None = None, **changes: Any
    ) -> EventInfo:
        """Change the named fields (``date``, ``end``, ``category``, … as in EventInput).

        The fields are checked together (an end must not come before the start); if
        any is wrong, ValidationError names it and nothing is saved. If the event changed
        since ``expected_version`` (see :meth:`version`), or while this read it,
        ChangedElsewhereError says so and nothing is saved.
        """
        unknown = set(changes) - set(EVENT_FIELDS)
        if unknown:
            raise TypeError(f"unknown event fields: {', '.join(sorted(unknown))}")
        for name in ("people", "tags"):
            if name in changes:
                changes[name] = tuple(changes[name])
        row, seen = self._versioned_row(event_id)
        if expected_version is not None and expected_version != seen:
            raise changed_elsewhere("this event")
        data = dataclasses.replace(row_input(row), **changes)
        with self._workspace.transaction() as session:
            lookups = EventLookups(session, row.case_id)
            prepared = lookups.prepare(data)
            written = session.execute(
                update(EVENTS)
                .where(EVENTS.c.id == event_id, EVENTS.c.row_version == seen)
                .values({**prepared.values, "row_version": seen + 1})
            )
            if written.rowcount != 1:  # type: ignore[attr-defined]
                raise changed_elsewhere("this event")
            session.execute(delete(event_people).where(event_people.c.event_id == event_id))
            session.execute(delete(event_tags).where(event_tags.c.event_id == event_id))
            write_links(session, [(event_id, prepared)])
            touch_case(session, row.case_id)
            info = _prepared_info(lookups.case_id, event_id, prepared, seen + 1)
        self._publish(ChangeKind.UPDATED, (event_id,), row.case_id)
        return info

    def delete_many(self, case_id: int, ids: Sequence[int]) -> ChronologySnapshot:
        """Delete these events of the case in one go; returns them for an undo."""
        with self._workspace.transaction() as session:
            snapshot = take_snapshot(session, case_id, ids)
            with bulk_event_indexing(session.connection(), len(snapshot.ids)) as indexing:
                for part in chunks(list(snapshot.ids)):
                    session.execute(delete(EVENTS).where(EVENTS.c.id.in_(part)))
                indexing.touched(snapshot.ids)
            touch_case(session, case_id)
        self._publish(ChangeKind.REMOVED, snapshot.ids, case_id)
        return snapshot

    def delete(self, event_id: int) -> ChronologySnapshot:
        """Delete one event; returns it for an undo."""
        return self.delete_many(self._row(event_id).case_id, [event_id])

    # ------------------------------------------------------- undo and redo
    def snapshot(self, case_id: int, ids: Sequence[int] = ()) -> ChronologySnapshot:
        """An exact copy of these events (none: just the case's state) for undo."""
        with self._workspace.reading() as session:
            return take_snapshot(session, case_id, ids)

    def restore(
        self,
        snapshot: ChronologySnapshot,
        remove_ids: Sequence[int] = (),
        expected: ChronologySnapshot | None = None,
    ) -> RestoreResult:
        """Put the snapshot's events back as they were (same ids and links), remove
        ``remove_ids``, and restore the case's 'last changed' time.

        With ``expected`` (the events as the caller left them), a restore that would
        overwrite someone else's later change is refused (ChangedElsewhereError) and
        nothing changes.
        """
        with self._workspace.transaction() as session:
            result = restore_snapshot(session, snapshot, remove_ids, expected)
        for kind, ids in (
            (ChangeKind.REMOVED, result.removed),
            (ChangeKind.ADDED, result.added),
            (ChangeKind.UPDATED, result.updated),
        ):
            if ids:
                self._publish(kind, ids, snapshot.case_id)
        return result

    # ----------------------------------------------------------- duplicates
    def find_duplicates(self, case_id: int) -> list[tuple[int, ...]]:
        """Groups of events on the same date with near-identical text, in date order.

        Each group lists its event ids in chronology order; the first is the one a
        merge keeps.
        """
        return duplicate_groups(self.list_rows(case_id))

    def merge(self, keep_id: int, other_ids: Sequence[int]) -> EventInfo:
        """Fold ``other_ids`` into ``keep_id`` (see ``merged_input``) and delete them."""
        keeper = self._row(keep_id)
        others = self.rows(keeper.case_id, [i for i in other_ids if i != keep_id])
        if len(others) != len({i for i in other_ids if i != keep_id}):
            raise NotFoundError("One of those events is no longer in the chronology.")
        data = merged_input(keeper, others)
        with self._workspace.transaction() as session:
            lookups = EventLookups(session, keeper.case_id)
            prepared = lookups.prepare(data)
            session.execute(
                update(EVENTS)
                .where(EVENTS.c.id == keep_id)
                .values({**prepared.values, "row_version": EVENTS.c.row_version + 1})
            )
            session.execute(delete(event_people).where(event_people.c.event_id == keep_id))
            session.execute(delete(event_tags).where(event_tags.c.event_id == keep_id))
            write_links(session, [(keep_id, prepared)])
            session.execute(delete(EVENTS).where(EVENTS.c.id.in_([o.id for o in others])))
            touch_case(session, keeper.case_id)
            info = _prepared_info(lookups.case_id, keep_id, prepared)
        self._publish(ChangeKind.REMOVED, tuple(o.id for o in others), keeper.case_id)
        self._publish(ChangeKind.UPDATED, (keep_id,), keeper.case_id)
        return info

    def _publish(self, kind: ChangeKind, ids: tuple[int, ...], case_id: int) -> None:
        self._changes.publish(Change(Entity.EVENT, kind, ids, case_id))
