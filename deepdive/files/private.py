"""Files and folders readable by their owner only, whatever the umask.

Every file DeepDive creates — workspaces (and the ``-wal``/``-shm`` files SQLite makes
beside them, which take the database file's permissions), backups, logs, exports,
bundles, template files, pictures and temporary files — is created 0600, and every
folder it creates 0700. The mode is set explicitly after creating, because a umask
only ever takes permissions away: 0600 asked for under umask 022 is 0600, and the
``chmod`` makes it exact under an unusual one too.

Files an older DeepDive made readable by others are tightened when DeepDive next uses
them (:func:`tighten`): group and other permissions are taken away, never one added,
and only from files the user owns.

On Windows, POSIX permission bits do not apply: a new file takes the access rules of
its folder, and the per-user data folder is the user's own.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_POSIX = os.name == "posix"


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing parents 0700; folders already there are left
    as they are (they may be shared on purpose)."""
    missing: list[Path] = []
    current = folder
    while not current.exists() and current != current.parent:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            continue  # made meanwhile by another process
        if _POSIX:
            os.chmod(path, PRIVATE_FOLDER)


def create_private_file(path: Path) -> int:
    """Create ``path`` (it must not exist) 0600 and return its open descriptor (read-write)."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, PRIVATE_FILE)
    if _POSIX:
        try:
            os.fchmod(fd, PRIVATE_FILE)
        except BaseException:
            os.close(fd)
            raise
    return fd


def tighten(path: Path) -> bool:
    """Take group and other permissions away from the file or folder ``path`` when this
    user owns it; True if there were any. Never adds a permission, never touches a file
    of another user's or anything else, and is quiet when ``path`` is not there."""
    if not _POSIX:
        return False
    try:
        info = os.stat(path)
        if (
            info.st_uid != os.geteuid()
            or not info.st_mode & 0o077
            or not (stat.S_ISREG(info.st_mode) or stat.S_ISDIR(info.st_mode))
        ):
            return False
        os.chmod(path, stat.S_IMODE(info.st_mode) & ~0o077)
    except OSError:
        return False
    return True


def private_opener(path: str, flags: int) -> int:
    """An ``opener`` for :func:`open` that creates files 0600 (for the log's rotation)."""
    fd = os.open(path, flags, PRIVATE_FILE)
    if _POSIX and flags & os.O_CREAT:
        with contextlib.suppress(OSError):
            if os.fstat(fd).st_size == 0:
                os.fchmod(fd, PRIVATE_FILE)
    return fd


def keep_mode_of(existing: Path, replacement: Path) -> None:
    """Give ``replacement`` the permissions of the file it is about to replace."""
    if not _POSIX:
        return
    try:
        mode = os.stat(existing).st_mode & 0o7777
    except OSError:
        return
    os.chmod(replacement, mode)


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """While inside, anything created by this process (and its children) is private.

    For whole-process use at start-up (the command line and the app), before any
    thread starts: the umask belongs to the process, not to a thread.
    """
    if not _POSIX:
        yield
        return
    previous = os.umask(0o077)
    os.umask(previous | 0o077)
    try:
        yield
    finally:
        os.umask(previous)
