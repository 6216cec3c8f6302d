"""A read-only look at an existing workspace file before anything opens it: is it whole,
is it a DeepDive workspace, and which schema revision does it carry. Nothing here
writes a byte or creates a file beside it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from deepdive.files.special import refuse_special_file
from deepdive.storage.errors import (
    NotAWorkspaceError,
    WorkspaceCorruptError,
    WorkspaceReadOnlyError,
)
from deepdive.storage.integrity import (
    APPLICATION_ID,
    SQLITE_HEADER,
    header_problem,
    quick_check,
    read_only_uri,
)


@dataclass(frozen=True)
class WorkspaceFacts:
    """What a read-only look at an existing file found."""

    revision: str | None
    application_id: int
    has_tables: bool


def refuse_unreadable(path: Path) -> None:
    """Refuse, from its bytes alone, a file that cannot be a whole workspace.

    Reads the header and size only: nothing is opened with SQLite, nothing is created.
    """
    refuse_special_file(path, NotAWorkspaceError)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as exc:
        raise WorkspaceReadOnlyError(
            f"{path} cannot be read: DeepDive does not have permission to open it."
        ) from exc
    if not header:
        raise NotAWorkspaceError(f"{path} is an empty file, not a DeepDive workspace.")
    if header != SQLITE_HEADER:
        raise NotAWorkspaceError(
            f"{path} is not a DeepDive workspace (it is not a SQLite database). "
            "Choose a .deepdive workspace file, or create a new one."
        )
    problem = header_problem(path)
    if problem is not None:
        raise WorkspaceCorruptError(
            f"{path} {problem}. It has not been changed; restore a backup or open "
            "another workspace."
        )


def inspect_existing(path: Path) -> WorkspaceFacts:
    """Look at an existing file read-only; raise if it is not a usable workspace.

    Nothing here writes to the file: it is opened with ``mode=ro`` (and as immutable
    when it has no write-ahead log, so no ``-wal``/``-shm`` files appear beside it).
    """
    refuse_unreadable(path)
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        raise WorkspaceCorruptError(f"{path} could not be opened: {exc}.") from exc
    try:
        return _read_facts(path, connection)
    except sqlite3.DatabaseError as exc:
        raise WorkspaceCorruptError(
            f"{path} is damaged and cannot be read safely ({exc}). "
            "It has not been changed; restore a backup or open another workspace."
        ) from exc
    finally:
        connection.close()


def _read_facts(path: Path, connection: sqlite3.Connection) -> WorkspaceFacts:
    application_id = connection.execute("PRAGMA application_id").fetchone()[0]
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    check = quick_check(connection)
    if check is not None:
        raise WorkspaceCorruptError(
            f"{path} failed its integrity check ({check}). It has not been changed; "
            "restore a backup or open another workspace."
        )
    if application_id != APPLICATION_ID or "alembic_version" not in tables:
        if not tables and application_id == 0:
            return WorkspaceFacts(revision=None, application_id=0, has_tables=False)
        raise NotAWorkspaceError(
            f"{path} is a database made by another program, not a DeepDive workspace. "
            "It has not been changed."
        )
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    return WorkspaceFacts(
        revision=row[0] if row else None, application_id=application_id, has_tables=True
    )
