"""Row versions: a save made from an older read is refused, never written over a newer one.

Each versioned row (events, cases, session stage responses, cast members, actions,
outcomes and stories) counts its changes in ``row_version``. An editor keeps the
version it read and gives it back with its save; the save bumps the version with one
conditional UPDATE, which matches no row when someone else saved in between (on
PostgreSQL it waits for their transaction and then sees their version). Either way
ChangedElsewhereError says so, with one message for every kind of row, and the
transaction is rolled back whole.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session as OrmSession

from deepdive.storage.errors import changed_elsewhere


def bump_version(
    session: OrmSession,
    model: type[Any],
    row_id: int,
    seen: int,
    expected: int | None,
    what: str,
) -> int:
    """Move the row ``row_id`` of ``model`` from version ``seen`` (as this transaction
    read it) to the next, refusing if ``expected`` (the editor's) or the stored version
    differs; returns the new version."""
    if expected is not None and expected != seen:
        raise changed_elsewhere(what)
    key = inspect(model).primary_key[0]  # a story's is its case's id
    written = session.execute(
        update(model)
        .where(key == row_id, model.row_version == seen)
        .values(row_version=seen + 1)
        .execution_options(synchronize_session="fetch")
    )
    if written.rowcount != 1:  # type: ignore[attr-defined]
        raise changed_elsewhere(what)
    return seen + 1


def bump_stored(session: OrmSession, row: Any, expected: int | None, what: str) -> int:
    """:func:`bump_version` for an ORM ``row`` that may have just been made (stored first,
    at version 1); two people making the same row at once are told as for a change."""
    try:
        session.flush()
    except IntegrityError as exc:  # a unique row a colleague made at the same moment
        raise changed_elsewhere(what) from exc
    row_id = inspect(row).identity[0]
    return bump_version(session, type(row), row_id, row.row_version, expected, what)
