"""Opening a workspace to read it while another DeepDive may be writing to it.

Commands that only read (``cases``, ``export``, ``report``, ``scan --workspace``, …)
never take the writer's lock (:mod:`deepdive.storage.lock`) and never upgrade the
file, so they work while the app has the workspace open. They check the file as a
writer does, without changing a byte (:func:`~deepdive.storage.inspection.inspect_existing`),
refuse a workspace that a newer DeepDive made or that needs upgrading first, and
read it through connections that SQLite itself forbids to write (``query_only``).
SQLite's write-ahead log gives each read a consistent view while the app commits.

Where the folder cannot be written (a read-only share), SQLite could not create the
shared-memory file a connection to a write-ahead-log database needs, so the file is
opened read-only (``mode=ro``) or, when no log is there, as immutable.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine

from deepdive.files.special import refuse_special_file
from deepdive.storage.errors import (
    NewerWorkspaceError,
    NotAWorkspaceError,
    WorkspaceError,
    WorkspaceReadOnlyError,
)
from deepdive.storage.inspection import inspect_existing, refuse_unreadable
from deepdive.storage.integrity import read_only_uri
from deepdive.storage.migrate import HEAD_REVISION, KNOWN_REVISIONS
from deepdive.storage.workspace import Workspace, tighten_own_files


class WorkspaceNeedsUpgradeError(WorkspaceError):
    """An older workspace that must be upgraded (by a writer) before it can be read."""


def _reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def open_for_reading(
    path: Path | str, *, records: bool = False, backup_dir: Path | None = None
) -> Workspace:
    """The existing workspace at ``path``, opened to read without the writer's lock.

    ``records``: the command will append to the export audit log
    (:meth:`Workspace.record`), so the file must be writable. Files an older DeepDive
    left readable by others (the workspace's, and those in ``backup_dir``) are made
    private, as a writer makes them: permissions only, never a byte of content.
    Raises a :class:`~deepdive.storage.errors.WorkspaceError` fit to show; nothing is
    created.
    """
    path = Path(path).expanduser().absolute()
    refuse_special_file(path, NotAWorkspaceError)
    if path.is_dir():
        raise NotAWorkspaceError(f"{path} is a folder; choose or name a workspace file.")
    if not path.exists():
        raise NotAWorkspaceError(f"There is no workspace at {path}; name it with --workspace.")
    refuse_unreadable(path)
    facts = inspect_existing(path)
    if not facts.has_tables:
        raise NotAWorkspaceError(f"{path} is an empty database, not a DeepDive workspace yet.")
    if facts.revision not in KNOWN_REVISIONS:
        raise NewerWorkspaceError(
            f"{path} was made by a newer version of DeepDive (schema {facts.revision}). "
            "Update DeepDive to read it; the file has not been changed."
        )
    if facts.revision != HEAD_REVISION:
        raise WorkspaceNeedsUpgradeError(
            f"{path} was made by an older DeepDive and must be upgraded before this command "
            "can read it; open it once in the DeepDive app (which upgrades it after a "
            "verified backup), then run the command again. The file has not been changed."
        )
    if records and not os.access(path, os.W_OK):
        raise WorkspaceReadOnlyError(
            f"{path} is read-only, and every export is recorded in the workspace's audit "
            "log; copy it somewhere you can write, or change its permissions."
        )
    tighten_own_files(path, backup_dir)
    return Workspace(path, _reader_engine(path), read_only=True)


def _reader_engine(path: Path) -> Engine:
    if os.access(path.parent, os.W_OK):
        engine = create_engine(f"sqlite:///{path}")
    else:
        uri = read_only_uri(path)
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    event.listen(engine, "connect", _reader_pragmas)
    return engine
