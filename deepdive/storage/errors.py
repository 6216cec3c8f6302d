"""Errors met when opening or writing a workspace, with messages fit to show."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from deepdive.errors import DeepDiveError


class WorkspaceError(DeepDiveError):
    """A workspace cannot be opened or used."""


class NotAWorkspaceError(WorkspaceError):
    """The file is not a DeepDive workspace (empty, not SQLite, another program's)."""


class NewerWorkspaceError(WorkspaceError):
    """The workspace was made by a newer DeepDive; it is never modified."""


class WorkspaceCorruptError(WorkspaceError):
    """The file is damaged; it is never written to."""


class WorkspaceReadOnlyError(WorkspaceError):
    """DeepDive cannot write to the file or its folder."""


class WorkspaceWriteError(WorkspaceError):
    """A save failed (full disk, I/O error, locked); nothing was half-written."""


class WorkspaceInUseError(WorkspaceError):
    """Another DeepDive window or process has the workspace open (one writer only)."""


class ChangedElsewhereError(WorkspaceError):
    """A save was refused: someone else changed the same thing since it was read."""


class BackupError(WorkspaceError):
    """A backup could not be made, verified or restored; nothing was replaced."""


def translate_write_error(exc: BaseException, path: Path | str) -> WorkspaceError | None:
    """Turn a low-level SQLite failure during a save into a message for the user.

    Every message starts "Could not save" and says the typed text is still in the
    window, because the transaction was rolled back whole and the window keeps it.
    Returns None for errors that are not about the file (programming errors stay as
    they are, to be logged).
    """
    # Imported here: the file-kind checks every export makes import this module, and
    # ``deepdive render`` must not pay for SQLAlchemy (which is loaded by now anyway).
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.orm.exc import StaleDataError

    name = path if isinstance(path, str) else path.name
    if isinstance(exc, StaleDataError):
        return changed_elsewhere("this")
    original = exc.orig if isinstance(exc, DBAPIError) else exc
    if _server_unreachable(exc):
        return WorkspaceWriteError(
            f"Could not save to {name} — the connection to the server was lost. Your text is "
            "safe in this window; DeepDive will save it again when the server answers."
        )
    if not isinstance(original, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(original).lower()
    if "full" in text:
        what, advice = "the disk is full", "free some space and DeepDive will save it again"
    elif "readonly" in text or "read-only" in text:
        what, advice = "the workspace file is read-only", "check the file's permissions"
    elif "locked" in text or "busy" in text:
        what, advice = (
            "the workspace is busy in another program",
            "close the other program and DeepDive will save it again",
        )
    elif "disk i/o" in text or "malformed" in text or "corrupt" in text:
        what, advice = (
            "the disk reported an error",
            "check the drive (or free some space) and DeepDive will try again",
        )
    else:
        return None
    return WorkspaceWriteError(
        f"Could not save to {name} — {what}. Your text is safe in this window; {advice}."
    )


def _server_unreachable(exc: BaseException) -> bool:
    """Whether a save failed because a server's connection went (not a wrong statement)."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError) or not exc.connection_invalidated:
        return False
    return type(exc.orig).__module__.split(".", 1)[0] == "psycopg"


def changed_elsewhere(what: str) -> ChangedElsewhereError:
    """The refusal of a save that would overwrite someone else's newer change to ``what``."""
    return ChangedElsewhereError(
        f"Not saved: someone else changed {what} after you opened it, and saving would "
        "overwrite their change. Your text is still here; look at their version, then "
        "make your change again."
    )
