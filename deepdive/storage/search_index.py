"""Keeping the search index current through bulk writes to chronology events.

Migration 0002_search keeps ``search_index`` current with a trigger per event row. A
write of thousands of events at once (an import, or undoing and redoing one) spends
most of its time in those per-row triggers, so :func:`bulk_event_indexing` sets the
event insert and delete triggers aside *inside the caller's transaction*, lets the
caller write, and then brings the index rows of the touched events up to date in two
statements. Those statements use the very expressions the triggers hold (read from
the triggers themselves), so the index ends up exactly as if the triggers had run.
The triggers are put back, byte for byte, before the transaction commits; a rollback
undoes everything, triggers included, because SQLite's DDL is transactional.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection

# Fewer rows than this keep the ordinary per-row triggers (no schema change at all).
BULK_AT_LEAST = 500

_INSERT_TRIGGER = "events_search_insert"
_DELETE_TRIGGER = "events_search_delete"
_INSERT_BODY = re.compile(
    r"\ACREATE TRIGGER events_search_insert AFTER INSERT ON events BEGIN "
    r"(INSERT INTO search_index \([\w, ]+\)) VALUES \((.+)\); END\Z",
    re.DOTALL,
)
_DELETE_BODY = re.compile(
    r"\ACREATE TRIGGER events_search_delete AFTER DELETE ON events BEGIN "
    r"DELETE FROM search_index WHERE rowid = (.+); END\Z",
    re.DOTALL,
)


@dataclass(frozen=True)
class _EventTriggers:
    """The two triggers as stored, and the set-wise statements derived from them."""

    insert_sql: str
    delete_sql: str
    index_rows: str  # indexes the events whose ids are in a JSON list
    unindex_rows: str  # removes the index rows of the ids in a JSON list


class EventIndexBatch:
    """The events a bulk write touched; their index rows are rebuilt afterwards."""

    def __init__(self, bulk: bool) -> None:
        self.bulk = bulk
        self._ids: dict[int, None] = {}

    def touched(self, ids: list[int] | tuple[int, ...]) -> None:
        """Note events added, removed or rewritten (ids may repeat)."""
        if self.bulk:
            self._ids.update(dict.fromkeys(ids))

    @property
    def ids(self) -> list[int]:
        """The touched event ids, in the order first noted."""
        return list(self._ids)


def _event_triggers(connection: Connection) -> _EventTriggers | None:
    """The event search triggers, or None if they are not the ones this code understands."""
    stored: dict[str, object] = dict(
        connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events' "
            f"AND name IN ('{_INSERT_TRIGGER}', '{_DELETE_TRIGGER}')"
        ).all()
    )
    insert_sql, delete_sql = stored.get(_INSERT_TRIGGER), stored.get(_DELETE_TRIGGER)
    if not isinstance(insert_sql, str) or not isinstance(delete_sql, str):
        return None
    inserted, deleted = _INSERT_BODY.match(insert_sql), _DELETE_BODY.match(delete_sql)
    if inserted is None or deleted is None:
        return None
    columns, values = inserted.groups()
    (rowid,) = deleted.groups()
    # NEW and OLD become aliases of the same rows the triggers would have seen.
    return _EventTriggers(
        insert_sql=insert_sql,
        delete_sql=delete_sql,
        index_rows=(
            f"{columns} SELECT {values} FROM events AS NEW "
            "WHERE NEW.id IN (SELECT value FROM json_each(?))"
        ),
        unindex_rows=(
            f"DELETE FROM search_index WHERE rowid IN (SELECT {rowid} FROM "
            "(SELECT value AS id FROM json_each(?)) AS OLD)"
        ),
    )


@contextlib.contextmanager
def bulk_event_indexing(connection: Connection, expected_rows: int) -> Iterator[EventIndexBatch]:
    """Write many events with the per-row search triggers set aside; index them after.

    The caller notes every event id it inserts or deletes with ``batch.touched(ids)``.
    With fewer than :data:`BULK_AT_LEAST` rows expected, or a workspace whose
    triggers differ from the ones understood here, the triggers simply stay in place.
    Must run inside the caller's transaction (one is begun if SQLite has none yet, so
    the triggers can never be left out by an early commit).
    """
    # PostgreSQL keeps its per-row trigger functions: its DDL would take table locks
    # that every other writer waits behind.
    sqlite = connection.dialect.name == "sqlite"
    triggers = _event_triggers(connection) if sqlite and expected_rows >= BULK_AT_LEAST else None
    if triggers is None:
        yield EventIndexBatch(bulk=False)
        return
    dbapi = connection.connection.dbapi_connection
    if dbapi is not None and not getattr(dbapi, "in_transaction", True):
        connection.exec_driver_sql("BEGIN")
    connection.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    connection.exec_driver_sql(f"DROP TRIGGER {_DELETE_TRIGGER}")
    batch = EventIndexBatch(bulk=True)
    try:
        yield batch
        ids = json.dumps(batch.ids)
        # Replace each touched event's index row by what its stored row says now.
        connection.exec_driver_sql(triggers.unindex_rows, (ids,))
        connection.exec_driver_sql(triggers.index_rows, (ids,))
    except BaseException:
        # Back in place at once (the caller's rollback would restore them anyway).
        with contextlib.suppress(Exception):
            _restore_triggers(connection, triggers)
        raise
    _restore_triggers(connection, triggers)


def _restore_triggers(connection: Connection, triggers: _EventTriggers) -> None:
    connection.exec_driver_sql(triggers.insert_sql)
    connection.exec_driver_sql(triggers.delete_sql)
