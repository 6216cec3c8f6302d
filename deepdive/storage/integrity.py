"""Checking a workspace file before trusting it: a quick look on open, a full check on demand.

Everything here reads the file read-only (``mode=ro``); nothing is ever repaired in
place. A damaged workspace is restored from a backup instead (see
:mod:`deepdive.storage.backup`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"
# PRAGMA application_id marks the file as DeepDive's ("DDws").
APPLICATION_ID = 0x44447773
_MAX_MESSAGES = 20


@dataclass(frozen=True)
class IntegrityReport:
    """What a full check of a workspace found."""

    path: Path
    problems: tuple[str, ...]
    revision: str | None = None
    cases: int | None = None
    size: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Whether the workspace passed every check."""
        return not self.problems


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` without any chance of writing to it.

    A read-only connection to a write-ahead-log database still creates ``-wal`` and
    ``-shm`` files beside it. When no log is there (the workspace was closed cleanly
    and nobody has it open) the file is opened as immutable, so reading it leaves
    nothing behind; when a log is there, SQLite must read it too.
    """
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not path.with_name(path.name + "-wal").exists():
        uri += "&immutable=1"
    return uri


def header_problem(path: Path) -> str | None:
    """A problem visible from the file's size and header alone, or None.

    SQLite reads a file cut short in its last page as if the missing bytes were
    zeros, so a truncated workspace can pass its own checks; the header says how big
    the file should be.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "is an empty file"
    if len(header) < 100 or header[:16] != SQLITE_HEADER:
        return "is not a SQLite database (its header is missing or overwritten)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"has a damaged header (page size {page_size})"
    if size % page_size:
        return f"is truncated or padded ({size} bytes is not a whole number of pages)"
    pages = int.from_bytes(header[28:32], "big")
    counter_valid = header[24:28] == header[92:96]
    wal = path.with_name(path.name + "-wal")
    if counter_valid and pages and size < pages * page_size and not wal.exists():
        return f"is truncated ({size} bytes of the {pages * page_size} its header records)"
    return None


def quick_check(connection: sqlite3.Connection) -> str | None:
    """SQLite's quick check on an open connection: None if it passed, else the first problem."""
    rows = connection.execute("PRAGMA quick_check(1)").fetchall()
    result = str(rows[0][0]) if rows else "no answer"
    return None if result == "ok" else result


def full_check(path: Path, expected_tables: frozenset[str] | None = None) -> IntegrityReport:
    """Run every check on the workspace at ``path`` (which must exist); never writes to it."""
    size = path.stat().st_size
    problem = header_problem(path)
    if problem is not None:
        return IntegrityReport(path, (f"The file {problem}.",), size=size)
    problems: list[str] = []
    notes: list[str] = []
    revision: str | None = None
    cases: int | None = None
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return IntegrityReport(path, (f"SQLite cannot open it: {exc}.",), size=size)
    try:
        for (message,) in connection.execute(f"PRAGMA integrity_check({_MAX_MESSAGES})"):
            if message != "ok":
                problems.append(f"Integrity check: {message}")
        broken_links = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken_links:
            where = ", ".join(sorted({str(row[0]) for row in broken_links}))
            problems.append(
                f"{len(broken_links)} rows point at rows that no longer exist (in {where})."
            )
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            problems.append("It is not marked as a DeepDive workspace.")
        tables = {
            str(row[0])
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if expected_tables is not None:
            missing = sorted(expected_tables - tables)
            if missing:
                problems.append(f"Tables are missing: {', '.join(missing)}.")
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = str(row[0]) if row else None
        if "cases" in tables:
            cases = int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])
        if path.with_name(path.name + "-wal").exists():
            notes.append("It has a write-ahead log (it is open, or was not closed cleanly).")
    except sqlite3.DatabaseError as exc:
        problems.append(f"SQLite cannot read it: {exc}.")
    finally:
        connection.close()
    return IntegrityReport(path, tuple(problems), revision, cases, size, tuple(notes))
