"""Writing a file whole or not at all: beside the destination, checked, then renamed.

The file is written under a hidden temporary name in the destination's folder,
``.<name>.<random>.part`` (0600), flushed to disk, shown to an optional ``check`` (the
privacy leak check), and only then renamed over the destination in one step. A file
it replaces keeps its permissions; a new file is readable by its owner only.

While it is being written, the ``.part`` file is locked (``flock``) by the process
writing it. A run killed mid-write (``kill -9``, a power cut) leaves its ``.part``
behind, unlocked: the next write to that folder removes such leftovers, and never
one that a live DeepDive is still writing. Where files cannot be locked (Windows,
some network drives) a leftover is removed once it is a day old.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path

from deepdive.errors import DeepDiveError
from deepdive.files.destination import Inputs, check_destination
from deepdive.files.errors import DestinationError
from deepdive.files.kinds import COMPANION_SUFFIXES, FileKind
from deepdive.files.private import create_private_file, keep_mode_of

PART_SUFFIX = ".part"
_PART_NAME = re.compile(r"^\..+\.[0-9a-f]{16}\.part$")
_UNLOCKABLE_AGE_S = 24 * 60 * 60
_JUST_MADE_S = 60
_MAX_NAME_IN_PART = 120


class PartFile:
    """A new, private, locked temporary file beside ``destination``; close it when done."""

    def __init__(self, destination: Path) -> None:
        stem = destination.name[:_MAX_NAME_IN_PART]
        for _attempt in range(10):
            path = destination.with_name(f".{stem}.{secrets.token_hex(8)}{PART_SUFFIX}")
            try:
                self._fd: int | None = create_private_file(path)
                break
            except FileExistsError:
                continue
        else:  # pragma: no cover - ten random names all taken
            raise FileExistsError(errno.EEXIST, "no free temporary name", str(destination))
        self.path = path
        _lock(self._fd)
        if os.name != "posix":
            # Windows cannot rename a file this process still has open.
            self.release()

    def release(self) -> None:
        """Close the file (and so give up its lock); the file itself stays."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def discard(self) -> None:
        """Remove the file and any journal SQLite left beside it, then release it."""
        for candidate in (self.path, *(_side(self.path, s) for s in COMPANION_SUFFIXES)):
            with contextlib.suppress(OSError):
                candidate.unlink()
        self.release()


def write_atomically(
    destination: Path,
    write: Callable[[Path], object],
    kind: FileKind,
    *,
    check: Callable[[Path], object] | None = None,
    error: type[DeepDiveError] = DestinationError,
    inputs: Inputs | None = None,
) -> None:
    """Write ``destination`` whole or not at all (see the module); raises ``error``.

    ``write`` fills the temporary file it is given; ``check`` sees the finished file
    and raises to stop (the destination is then left as it was). ``inputs`` are what
    the writer reads, which the destination must not be.
    """
    check_destination(destination, kind, error, inputs=inputs)
    remove_leftover_parts(destination.parent)
    try:
        part = PartFile(destination)
    except OSError as exc:
        raise _write_error(destination, exc, error) from exc
    try:
        try:
            write(part.path)
            fsync_file(part.path)
        except OSError as exc:
            raise _write_error(destination, exc, error, part.path) from exc
        if check is not None:
            check(part.path)
        # Checked again: the slow part is done, and the folder may have changed.
        check_destination(destination, kind, error, inputs=inputs)
        try:
            if destination.exists():
                keep_mode_of(destination, part.path)
            os.replace(part.path, destination)
            fsync_folder(destination.parent)
        except OSError as exc:
            raise _write_error(destination, exc, error) from exc
    finally:
        part.discard()


def remove_leftover_parts(folder: Path) -> list[Path]:
    """Remove ``.part`` files a killed DeepDive left in ``folder``; returns what went.

    Only names of DeepDive's own pattern are looked at, and only files no live process
    holds locked (or, where locks are not available, a day old) are removed.
    """
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(folder) if _PART_NAME.match(entry.name)]
    except OSError:
        return removed
    for name in names:
        path = folder / name
        if _remove_if_abandoned(path):
            removed.append(path)
            for suffix in COMPANION_SUFFIXES:
                with contextlib.suppress(OSError):
                    _side(path, suffix).unlink()
    return removed


def _remove_if_abandoned(path: Path) -> bool:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return False
    try:
        opened = os.fstat(fd)
        if not stat.S_ISREG(opened.st_mode):
            return False
        age = time.time() - opened.st_mtime
        if opened.st_size == 0 and age < _JUST_MADE_S:
            return False  # made a moment ago, perhaps not yet locked by its writer
        taken = _try_lock(fd)
        if taken is False:
            return False  # a live DeepDive is writing it
        if taken is None and age < _UNLOCKABLE_AGE_S:
            return False
        try:
            now = os.stat(path, follow_symlinks=False)
        except OSError:
            return False
        if (now.st_dev, now.st_ino) != (opened.st_dev, opened.st_ino):
            return False  # renamed into place or replaced meanwhile
        path.unlink()
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _lock(fd: int) -> None:
    with contextlib.suppress(OSError):
        _try_lock(fd)


def _try_lock(fd: int) -> bool | None:
    """An exclusive lock without waiting: True taken, False held elsewhere, None unavailable."""
    if os.name != "posix":
        return None
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
            return False
        return None
    return True


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def fsync_file(path: Path) -> None:
    """Flush a file's content to the disk."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX; Windows cannot open folders)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_error(
    destination: Path,
    exc: OSError,
    error: type[DeepDiveError] = DestinationError,
    written: Path | None = None,
) -> DeepDiveError:
    """A message for an OSError met while writing ``destination`` (or its temporary
    file ``written``), naming the file the writer could not read when that is the cause."""
    reading = exc.filename is not None and Path(str(exc.filename)) not in (written, destination)
    if reading and exc.errno != errno.ENOSPC:
        # Something the writer reads (a reference document, a picture) is missing or
        # unreadable: blaming the destination would send the user the wrong way.
        reason = exc.strerror or str(exc)
        return error(
            f"{destination.name} was not written: DeepDive could not read "
            f"{exc.filename} ({reason})."
        )
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return error(f"The disk is full: {destination.name} was not written.")
    if isinstance(exc, PermissionError):
        return error(
            f"Cannot write {destination}: permission denied (is it open in another program?)."
        )
    reason = exc.strerror or str(exc)
    return error(f"Cannot write {destination}: {reason}.")


def write_bytes_atomically(
    destination: Path,
    data: bytes,
    kind: FileKind,
    error: type[DeepDiveError] = DestinationError,
) -> None:
    """Write ``data`` (a picture, say) to ``destination`` whole or not at all."""
    write_atomically(destination, lambda path: path.write_bytes(data), kind, error=error)
