"""Errors met when opening or writing a workspace, with messages fit to show."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

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


class ServerUnavailableError(WorkspaceWriteError):
    """A team workspace's server is not answering (stopped, unreachable, the connection
    cut); nothing was half-written, and the app tries again."""


class WorkspaceInUseError(WorkspaceError):
    """Another DeepDive window or process has the workspace open (one writer only);
    ``holder`` is what its lock file says (a ``LockHolder``), when it could be read."""

    holder: Any = None


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
    if server_unreachable(exc):
        return ServerUnavailableError(
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


def server_unreachable(exc: BaseException) -> bool:
    """Whether a read or save failed because a server could not be reached or its
    connection went (not a wrong statement): the connection was lost, or a new one
    could not be made."""
    from sqlalchemy.exc import DBAPIError

    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return False
    kinds = type(exc.orig).__mro__
    from_driver = type(exc.orig).__module__.split(".", 1)[0] == "psycopg"
    operational = any(kind.__name__ == "OperationalError" for kind in kinds)
    return from_driver and (exc.connection_invalidated or operational)


def server_unavailable(name: str) -> ServerUnavailableError:
    """The error a read meets while a team workspace's server is not answering."""
    return ServerUnavailableError(
        f"The server of {name} is not answering. DeepDive keeps trying; what you type "
        "stays in the window until it can be saved."
    )


def changed_elsewhere(what: str) -> ChangedElsewhereError:
    """The refusal of a save that would overwrite someone else's newer change to ``what``."""
    return ChangedElsewhereError(
        f"Not saved: someone else changed {what} after you opened it, and saving would "
        "overwrite their change. Your text is still here; look at their version, then "
        "make your change again."
    )


def undo_refused(what: str) -> ChangedElsewhereError:
    """The refusal of an undo or redo that would overwrite someone else's later change."""
    return ChangedElsewhereError(
        f"Not undone: someone else changed {what} after this step, and undoing it would "
        "overwrite their change. The step is dropped; you see their version."
    )
