"""Writing many rows with one DB-API ``executemany``: the path every big import takes.

SQLAlchemy's per-row parameter handling costs more than SQLite's own insert when a
case brings tens of thousands of rows, so the few values that need converting
(dates, times, flags) are converted here, each distinct value once, with the very
processors SQLAlchemy and adapters sqlite3 would use, and the stored forms are
identical to an ORM write. On PostgreSQL the driver adapts dates and times itself, and
new ids come from the table's own sequence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from datetime import date, datetime
from itertools import chain, repeat
from typing import Any, TypeVar

from sqlalchemy import Dialect, Table
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.types import TypeEngine

_Key = TypeVar("_Key", int, str)


def insert_rows(
    session: OrmSession, table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Insert ``rows`` (values in the order of ``columns``) into ``table`` in one go."""
    if not rows:
        return
    connection = session.connection()
    converting = [
        (n, convert)
        for n, name in enumerate(columns)
        if (convert := _converter(table.c[name].type, connection.dialect)) is not None
    ]
    values: Sequence[Sequence[Any]] = rows
    if converting:
        # Converted a column at a time, each distinct value once: dates and times
        # repeat across rows (a chronology's days, an import's time stamp).
        by_column = list(zip(*rows, strict=True))
        for n, convert in converting:
            done = {v: None if v is None else convert(v) for v in set(by_column[n])}
            by_column[n] = tuple(map(done.__getitem__, by_column[n]))
        values = list(zip(*by_column, strict=True))
    marks = ", ".join([placeholder(connection.dialect)] * len(columns))
    connection.exec_driver_sql(
        f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", list(values)
    )


def placeholder(dialect: Dialect) -> str:
    """The driver's own parameter mark (``?`` for sqlite3, ``%s`` for psycopg)."""
    return "?" if dialect.paramstyle == "qmark" else "%s"


def _converter(column_type: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a column's values become what SQLite stores, or None if they need nothing:
    SQLAlchemy's bind processor, then the adapter the sqlite3 module would apply to
    what that gives (it writes dates and times as text, once per row otherwise)."""
    process = column_type.bind_processor(dialect)
    try:
        adapted = column_type.python_type in (date, datetime)
    except NotImplementedError:  # a type that does not say
        adapted = False
    if dialect.name != "sqlite":  # psycopg adapts dates and times itself
        return process
    if process is None and not adapted:
        return None

    def convert(value: Any) -> Any:
        if process is not None:
            value = process(value)
        adapter = sqlite3.adapters.get((type(value), sqlite3.PrepareProtocol))
        return value if adapter is None else adapter(value)

    return convert


def next_ids(session: OrmSession, table: Table, count: int) -> Sequence[int]:
    """``count`` ids as the database would give them, so a single executemany writes
    every row (RETURNING would send them one by one): on SQLite one more than the
    highest; on PostgreSQL taken from the table's sequence, so other writers and later
    inserts never collide with them."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return list(
            connection.exec_driver_sql(
                f"SELECT nextval(pg_get_serial_sequence('{table.name}', 'id')) "
                "FROM generate_series(1, %s)",
                (count,),
            ).scalars()
        )
    last = connection.exec_driver_sql(f"SELECT coalesce(max(id), 0) FROM {table.name}").scalar()
    return range(int(last or 0) + 1, int(last or 0) + 1 + count)


def link_rows(
    ids: Sequence[int], keys: Sequence[tuple[_Key, ...]], resolve: Callable[[_Key], int]
) -> list[tuple[int, int]]:
    """Rows for a link table: (item id, linked id) for each key each item lists, each
    pair once. ``resolve`` gives a key's id; it is called once per distinct key."""
    linked = {key: resolve(key) for key in set(chain.from_iterable(keys))}
    pairs = list(
        zip(
            chain.from_iterable(map(repeat, ids, map(len, keys))),
            map(linked.__getitem__, chain.from_iterable(keys)),
            strict=True,
        )
    )
    # Two keys of one item can mean one row (tags differing only in case).
    return pairs if len(set(pairs)) == len(pairs) else list(dict.fromkeys(pairs))
