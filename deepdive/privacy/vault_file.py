"""The key vault's file on disk: written atomically, one writer at a time, and
compared with the copy a program read, so another program's change is never lost.

The app can hold the vault unlocked for hours while ``deepdive vault add`` or another
DeepDive window changes the file. Every program remembers the SHA-256 of the bytes it
last read or wrote (its *stamp*); before it writes, it takes the vault's file lock
(``.cases.vault.lock`` beside it, there only for the milliseconds of a save) and
reads the file again: if the bytes are not the ones it stamped, someone else saved
since, and :mod:`deepdive.privacy.vault` merges before it writes.

The lock is the operating system's (``flock``, ``msvcrt.locking``), as for the
workspace (:mod:`deepdive.storage.lock`): the system drops it when a process ends
however it ends, and the lock file is removed by its holder, so nothing is left
beside the vault. (The ``filelock`` package leaves its file behind on POSIX.)
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from deepdive.files.private import make_private_folder
from deepdive.privacy.errors import VaultChangedElsewhereError, VaultSaveError

_TEMP_MARK = ".saving-"
# A save takes milliseconds; a program waiting longer than this for another's lock
# says so rather than waiting without end.
LOCK_TIMEOUT_SECONDS = 15.0


def stamp_of(data: bytes) -> bytes:
    """What a program remembers of the bytes it read or wrote."""
    return hashlib.sha256(data).digest()


def lock_path(path: Path) -> Path:
    """The lock file that lets one program at a time save the vault at ``path``."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the vault's file lock (VaultSaveError if another program keeps it)."""
    lock_file = lock_path(path)
    deadline = time.monotonic() + LOCK_TIMEOUT_SECONDS
    try:
        make_private_folder(path.parent)
        while True:
            descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
            taken = _try_lock(descriptor)
            if taken is not False and _same_file(descriptor, lock_file):
                break  # taken (or this file system cannot lock: saves are not guarded)
            os.close(descriptor)
            if taken is not False:
                continue  # its holder removed the file meanwhile: take the new one
            if time.monotonic() > deadline:
                raise VaultSaveError(
                    f"The key vault {path.name} is being saved by another program and stayed "
                    f"busy for {LOCK_TIMEOUT_SECONDS:.0f} seconds; nothing was saved. Try again."
                )
            time.sleep(0.02)
    except OSError as exc:
        raise _save_error(path, exc) from None
    try:
        yield
    finally:
        # Removed while still held, so a program that opens it meanwhile sees it gone.
        with contextlib.suppress(OSError):
            if _same_file(descriptor, lock_file):
                lock_file.unlink()
        os.close(descriptor)


def _try_lock(descriptor: int) -> bool | None:
    """The system's lock on the open file: True taken, False held by another program,
    None when this file system cannot lock files."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return None
        os.close(descriptor)
        raise
    return True


def _same_file(descriptor: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``descriptor``."""
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    return os.path.samestat(on_disk, os.fstat(descriptor))


def read_if_changed(path: Path, stamp: bytes | None) -> bytes | None:
    """The file's bytes when they are not the ones ``stamp`` remembers; None when they
    are (or when the file is still absent and was absent before: ``stamp`` None)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if stamp is None:
            return None
        raise VaultChangedElsewhereError(
            f"The key vault {path.name} is no longer where it was opened ({path.parent}): "
            "another program moved or deleted it. Nothing was saved; your change is kept "
            "here until the vault is locked."
        ) from None
    except OSError as exc:
        raise _save_error(path, exc) from None
    if stamp is not None and stamp_of(data) == stamp:
        return None
    if stamp is None:
        raise VaultSaveError(f"{path} already exists; open it, or choose another name.")
    return data


def write_atomically(path: Path, data: bytes) -> None:
    """A new file beside ``path``, flushed, then renamed over it (private to the user)."""
    folder = path.parent
    temporary = folder / f".{path.name}{_TEMP_MARK}{secrets.token_hex(4)}"
    try:
        make_private_folder(folder)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        _sync_folder(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise _save_error(path, exc) from None
    _remove_leftovers(path)


def _save_error(path: Path, exc: OSError) -> VaultSaveError:
    reason = (
        "the disk is full"
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
        else (exc.strerror or type(exc).__name__)
    )
    return VaultSaveError(
        f"The key vault could not be saved ({reason}). The previous copy of "
        f"{path.name} is unchanged; your last change to it is not saved."
    )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(path: Path) -> None:
    """Delete half-written copies a crash during an earlier save left behind."""
    for leftover in path.parent.glob(f".{path.name}{_TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
