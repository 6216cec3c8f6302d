"""The engine for one short write beside another DeepDive (see ``Workspace.record``).

A command that only reads the workspace may still append to its export audit log; it
writes through a connection of its own with these settings, serialised by SQLite with
the app's writes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

# How long a record written beside the app waits for the app's transaction in progress.
RECORD_WAIT_MS = 30_000


def _record_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=FULL")  # the record survives a power cut once written
    cursor.execute(f"PRAGMA busy_timeout={RECORD_WAIT_MS}")
    cursor.close()


def record_engine(path: Path) -> Engine:
    """An engine for one short write beside another DeepDive (see ``Workspace.record``)."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _record_pragmas)
    return engine
