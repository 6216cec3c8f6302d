"""Opening, creating and upgrading a workspace file safely.

A workspace is one SQLite file. Before DeepDive writes to an existing file it checks,
without changing a byte, that the file is whole (header, size, SQLite's quick check),
is a DeepDive workspace, and was not made by a newer DeepDive. Then it takes the
workspace's lock (:mod:`deepdive.storage.lock`), so only one DeepDive writes to it.
Upgrades run after a verified backup (:mod:`deepdive.storage.backup`). A new
workspace is built beside its final name and renamed into place, so a crash never
leaves a half-made workspace behind.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker

from deepdive.files.kinds import COMPANION_SUFFIXES, companion_base
from deepdive.files.private import create_private_file, make_private_folder, tighten
from deepdive.files.special import refuse_special_file
from deepdive.storage.address import ServerAddress
from deepdive.storage.errors import (
    BackupError,
    NewerWorkspaceError,
    NotAWorkspaceError,
    WorkspaceReadOnlyError,
    server_unavailable,
    server_unreachable,
    translate_write_error,
)
from deepdive.storage.inspection import WorkspaceFacts, inspect_existing, refuse_unreadable
from deepdive.storage.integrity import (
    APPLICATION_ID,
    SQLITE_HEADER,
)
from deepdive.storage.lock import WorkspaceLock, acquire_lock, lock_path_for
from deepdive.storage.migrate import HEAD_REVISION, KNOWN_REVISIONS, upgrade_to_head
from deepdive.storage.record_engine import record_engine
from deepdive.storage.teams_errors import access_lost, team_refusal

__all__ = [
    "APPLICATION_ID",
    "SQLITE_HEADER",
    "Workspace",
    "WorkspaceFacts",
    "inspect_existing",
    "make_engine",
    "open_workspace",
]


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL makes every commit durable through a power cut, which is the promise.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def make_engine(path: Path) -> Engine:
    """A SQLAlchemy engine on ``path`` with DeepDive's connection settings."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


class Workspace:
    """An open workspace: its path, engine, and a way to run one transaction.

    A workspace opened for reading only (:func:`deepdive.storage.reading.open_for_reading`)
    has no lock and ``read_only`` set: its transactions are refused, and only
    :meth:`record` writes.

    A team workspace on a server (``server`` set, :mod:`deepdive.storage.server`) has no
    lock file; its ``path`` is where its companion files (the key vault) live in the
    person's own data folder, not a database file.
    """

    def __init__(
        self,
        path: Path,
        engine: Engine,
        lock: WorkspaceLock | None = None,
        *,
        read_only: bool = False,
        server: ServerAddress | None = None,
    ) -> None:
        self.path = path
        self.engine = engine
        self.lock = lock
        self.read_only = read_only
        self.server = server
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._before_close: list[Callable[[], None]] = []
        self._closed = False
        # A team workspace's own token in the change notifications it sends (notify.py).
        self.change_origin: str | None = None

    @property
    def session_factory(self) -> sessionmaker[OrmSession]:
        """What makes this workspace's sessions (for listening to their events)."""
        return self._sessions

    @property
    def location(self) -> str:
        """The workspace as a person names it: the file, or the server's address."""
        return self.server.shown if self.server is not None else str(self.path)

    @property
    def name(self) -> str:
        """A short name for messages: the file's name, or the server's address."""
        return self.server.shown if self.server is not None else self.path.name

    def call_before_close(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` when the workspace closes, while it is still locked (e.g. a backup)."""
        self._before_close.append(hook)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[OrmSession]:
        """One unit of work: commits on success, rolls back entirely on any error."""
        if self.read_only:
            raise WorkspaceReadOnlyError(
                f"{self.name} was opened for reading only, so this command cannot change it."
            )
        with self._unit_of_work(self._sessions()) as session:
            yield session

    @contextlib.contextmanager
    def _unit_of_work(self, session: OrmSession) -> Iterator[OrmSession]:
        """``session`` committed on success; on any error rolled back, the error said
        as a user sees it (:func:`translate_write_error`); closed either way."""
        try:
            yield session
            session.commit()
        except Exception as exc:
            session.rollback()
            translated = translate_write_error(exc, self.name) or team_refusal(exc)
            if translated is not None:
                raise translated from exc
            raise
        finally:
            session.close()

    @contextlib.contextmanager
    def record(self) -> Iterator[OrmSession]:
        """A short transaction that appends a record nobody else edits (the export audit
        log), which a reader may write too.

        On a workspace opened for writing it is :meth:`transaction`. A reader has no
        lock: its record is written through a connection of its own, inside SQLite's
        own write lock (``BEGIN IMMEDIATE``, waiting up to half a minute for the
        writer's transaction in progress), committed durably, and the connection closed.
        SQLite serialises it with the app's writes, so nothing is lost or torn.
        """
        if not self.read_only:
            with self.transaction() as session:
                yield session
            return
        if self.server is not None:  # the server serialises writers: a plain transaction
            with self._unit_of_work(self._sessions()) as session:
                yield session
            return
        engine = record_engine(self.path)
        try:
            with self._unit_of_work(sessionmaker(engine, expire_on_commit=False)()) as session:
                session.connection().exec_driver_sql("BEGIN IMMEDIATE")
                yield session
        finally:
            engine.dispose()

    @contextlib.contextmanager
    def reading(self) -> Iterator[OrmSession]:
        """A session for reads only; never commits."""
        session = self._sessions()
        try:
            yield session
        except DBAPIError as exc:
            if self.server is not None and server_unreachable(exc):
                raise server_unavailable(self.name) from exc
            lost = access_lost(self.server.database, exc) if self.server is not None else None
            if lost is not None:
                raise lost from exc
            raise
        finally:
            session.rollback()
            session.close()

    def close(self) -> None:
        """Release the file (checkpoints the WAL so the file stands alone) and its lock."""
        if self._closed:
            return
        self._closed = True
        try:
            for hook in self._before_close:
                hook()
        finally:
            self.engine.dispose()
            if self.lock is not None:
                self.lock.release()


def open_workspace(
    path: Path | str,
    *,
    create: bool = True,
    backup_dir: Path | None = None,
    command: bool = False,
) -> Workspace:
    """Open (or create) the workspace at ``path``, upgrading it if it is older.

    ``command``: opened by a command-line writer, which waits for another command that
    has the workspace (see :func:`~deepdive.storage.lock.acquire_lock`).

    Raises a :class:`~deepdive.storage.errors.WorkspaceError` with a message fit to
    show the user when the file cannot be used; the file is then left untouched.
    """
    path = Path(path).expanduser().absolute()
    # Before anything opens it: reading a named pipe would wait for ever.
    refuse_special_file(path, NotAWorkspaceError)
    if path.is_dir():
        raise NotAWorkspaceError(f"{path} is a folder; choose or name a workspace file.")
    if not path.exists():
        if not create:
            raise NotAWorkspaceError(f"There is no workspace at {path}.")
        return _create(path, command)
    refuse_unreadable(path)
    # Locked before SQLite looks inside, so no other DeepDive writes while it does.
    lock = acquire_lock(path, command=command)
    try:
        facts = inspect_existing(path)
        if facts.revision not in KNOWN_REVISIONS and facts.has_tables:
            raise NewerWorkspaceError(
                f"{path} was made by a newer version of DeepDive (schema {facts.revision}). "
                "Update DeepDive to open it; the file has not been changed."
            )
        if not os.access(path, os.W_OK):
            raise WorkspaceReadOnlyError(
                f"{path} is read-only. DeepDive needs to save as you type: copy it "
                "somewhere you can write, or change its permissions."
            )
        tighten_own_files(path, backup_dir)
        if facts.revision != HEAD_REVISION:
            return Workspace(path, _upgrade(path, facts, backup_dir), lock)
        return Workspace(path, make_engine(path), lock)
    except BaseException:
        lock.release()
        raise


def tighten_own_files(path: Path, backups: Path | None) -> list[str]:
    """Make the files of the workspace at ``path`` that an older DeepDive left readable
    by others (it, its ``-wal``/``-shm``/``-journal`` and lock files, the backups folder
    and what is in it) readable by their owner only, and say so in the log.

    Returns what was tightened, as the log line names it: nothing the next time.
    Permissions are only ever taken away, and another user's files are left alone.
    """
    own = {"the workspace": path, "its lock file": lock_path_for(path)}
    own |= {f"its {s} file": path.with_name(path.name + s) for s in COMPANION_SUFFIXES}
    if backups is not None:
        own["the backups folder"] = backups
    tightened = [what for what, file in own.items() if tighten(file)]
    if backups is not None and backups.is_dir():
        count = sum(tighten(entry) for entry in backups.iterdir())
        if count:
            tightened.append(f"{count} file{'s' if count > 1 else ''} in the backups folder")
    if tightened:
        from deepdive.logs import log_note

        log_note(
            "Files an older DeepDive left readable by others are now readable by their "
            f"owner only: {', '.join(tightened)}."
        )
    return tightened


def _upgrade(path: Path, facts: WorkspaceFacts, backup_dir: Path | None) -> Engine:
    """Bring an older workspace up to date, after a verified backup of it."""
    if facts.has_tables and backup_dir is not None:
        from deepdive.storage.backup import BackupKind, make_backup

        try:
            make_backup(path, backup_dir, BackupKind.BEFORE_UPGRADE)
        except BackupError as exc:
            raise BackupError(
                f"{exc} DeepDive needs a backup before it upgrades {path.name}, so the "
                "workspace has not been changed."
            ) from exc
    engine = make_engine(path)
    try:
        with engine.begin() as connection:
            upgrade_to_head(connection)
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _create(path: Path, command: bool) -> Workspace:
    base = companion_base(path)
    if base is not None:
        raise NotAWorkspaceError(
            f"{path.name} is the name SQLite gives the write-ahead log, journal or lock of "
            f"{base.name} beside it; a workspace there would be lost. Choose another name."
        )
    try:
        make_private_folder(path.parent)
    except OSError as exc:
        raise WorkspaceReadOnlyError(f"The folder for {path} cannot be created: {exc}") from exc
    lock = acquire_lock(path, command=command)
    if path.exists():  # another DeepDive created it a moment ago: open theirs
        lock.release()
        return open_workspace(path, create=False, command=command)
    try:
        _build_new(path)
        return Workspace(path, make_engine(path), lock)
    except BaseException:
        lock.release()
        raise


def _build_new(path: Path) -> None:
    building = path.with_name(path.name + ".creating")
    for leftover in (
        building,
        *(building.with_name(building.name + s) for s in COMPANION_SUFFIXES),
    ):
        leftover.unlink(missing_ok=True)
    try:
        # Made 0600 before SQLite opens it: SQLite gives the -wal and -shm files it
        # creates later the database file's own permissions, so they are private too.
        os.close(create_private_file(building))
    except OSError as exc:
        raise WorkspaceReadOnlyError(f"A workspace cannot be created at {path}: {exc}") from exc
    engine = make_engine(building)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
            upgrade_to_head(connection)
        engine.dispose()
        os.replace(building, path)
    except (OSError, sqlite3.Error) as exc:
        engine.dispose()
        building.unlink(missing_ok=True)
        raise WorkspaceReadOnlyError(f"A workspace cannot be created at {path}: {exc}") from exc
