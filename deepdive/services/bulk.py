"""Writing many rows with one DB-API ``executemany``: the path every big import takes.

SQLAlchemy's per-row parameter handling costs more than SQLite's own insert when a
case brings tens of thousands of rows, so the few values that need converting
(dates, times, flags) are converted here with the very processors SQLAlchemy would
use, and the stored forms are identical to an ORM write.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session as OrmSession


def insert_rows(
    session: OrmSession, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``table`` in one go."""
    if not rows:
        return
    connection = session.connection()
    processors = [table.c[name].type.bind_processor(connection.dialect) for name in columns]
    converting = [(n, process) for n, process in enumerate(processors) if process is not None]
    values: Sequence[Sequence[Any]] = rows
    if converting:
        # Dates and times repeat across rows (a chronology's days, an import's time
        # stamp), so each distinct value is converted once.
        seen: list[dict[Any, Any]] = [{} for _ in converting]
        converted = []
        for row in rows:
            items = list(row)
            for (n, process), done in zip(converting, seen, strict=True):
                value = items[n]
                if value is not None:
                    found = done.get(value)
                    if found is None:
                        found = done[value] = process(value)
                    items[n] = found
            converted.append(tuple(items))
        values = converted
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
        list(values),
    )


def next_ids(session: OrmSession, table: Table, count: int) -> range:
    """``count`` ids as SQLite would give them (one more than the highest), so a single
    executemany writes every row (RETURNING would send them one by one)."""
    connection = session.connection()
    last = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar()
    return range(int(last or 0) + 1, int(last or 0) + 1 + count)
