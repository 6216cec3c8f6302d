"""One writer per workspace: a lock file beside it, naming the process that has it open.

``team.deepdive`` is guarded by ``team.deepdive.lock``. The file holds the process id,
host and start time of the DeepDive that opened the workspace, so a refusal can say
who has it. The operating system's own file lock on that file (``flock`` on POSIX,
``msvcrt.locking`` on Windows) is what decides: the system drops it the moment the
process ends, however it ends, so a lock file left by a crash or a power cut is
recognised as stale and taken over. Where file locks are not supported (some network
drives) the process id is checked instead.

Within one process a workspace may be opened more than once (a test reopening it,
a backup made while it is open); the lock is counted and released with the last
holder.

A command-line writer (``deepdive import-chronology``, ``bundle import``, …) says so in
the lock file, and another command that finds the workspace held by one *waits* for it
(up to :data:`COMMAND_WAIT` seconds): two imports started at once by a script both land,
one after the other. The app never waits, and nothing waits for the app: whoever finds
the workspace open in a window is told so at once.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import socket
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from deepdive.files.private import PRIVATE_FILE
from deepdive.storage.errors import WorkspaceInUseError, WorkspaceReadOnlyError

LOCK_SUFFIX = ".lock"
# Windows locks byte ranges and forbids reading a locked range, so the lock is taken
# on a byte far past the text that names the holder.
_WINDOWS_LOCK_OFFSET = 1 << 20
_ATTEMPTS = 5
COMMAND_WAIT = 60.0
"""How long a command waits for another command holding the workspace (seconds)."""
_POLL = 0.05


@dataclass(frozen=True)
class LockHolder:
    """Who a lock file says has the workspace open."""

    pid: int
    host: str
    since: str
    command: bool = False
    """Whether the holder is a short command-line writer (which others wait for)."""

    def describe(self) -> str:
        """'process 1234 on this computer since 14:02'."""
        where = "on this computer" if self.host == socket.gethostname() else f"on {self.host}"
        when = ""
        with contextlib.suppress(ValueError):
            moment = datetime.fromisoformat(self.since).astimezone()
            when = " since " + moment.strftime("%d %b %Y %H:%M")
        return f"process {self.pid} {where}{when}"


def lock_path_for(workspace: Path) -> Path:
    """The lock file that guards ``workspace``."""
    return workspace.with_name(workspace.name + LOCK_SUFFIX)


def read_holder(lock_file: Path) -> LockHolder | None:
    """What the lock file says, or None if it is missing or unreadable."""
    try:
        data = json.loads(lock_file.read_text(encoding="utf-8"))
        return LockHolder(
            int(data["pid"]),
            str(data["host"]),
            str(data.get("since", "")),
            data.get("command") is True,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running on this computer."""
    if pid <= 0:
        return False
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, it just belongs to someone else
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _try_os_lock(fd: int) -> bool | None:
    """Take the system's lock on the open file: True taken, False held elsewhere,
    None when this file system cannot lock files."""
    try:
        if sys.platform == "win32":  # pragma: no cover - Windows only
            import msvcrt

            os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, errno.EDEADLK):
            return False
        if exc.errno in (errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EINVAL):
            return None
        raise
    return True


def _same_file(fd: int, path: Path) -> bool:
    """Whether ``path`` still names the file open as ``fd`` (not unlinked meanwhile)."""
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (opened.st_dev, opened.st_ino)


def _in_use(workspace: Path, holder: LockHolder | None) -> WorkspaceInUseError:
    who = f" ({holder.describe()})" if holder else ""
    refused = WorkspaceInUseError(
        f"{workspace} is already open in another DeepDive window or process{who}. "
        "Only one DeepDive can write to a workspace at a time: switch to that window, "
        "or close it and try again."
    )
    refused.holder = holder
    return refused


class WorkspaceLock:
    """The lock this process holds on one workspace; release it when the workspace closes."""

    def __init__(self, workspace: Path, lock_file: Path, fd: int) -> None:
        self.workspace = workspace
        self.lock_file = lock_file
        self._fd = fd
        self._count = 1

    @property
    def held(self) -> bool:
        """Whether the lock is still held by this process."""
        return self._count > 0

    def release(self) -> None:
        """Give the lock up once; the lock file goes with the last holder in this process."""
        with _registry_guard:
            if self._count <= 0:
                return
            self._count -= 1
            if self._count > 0:
                return
            _registry.pop(self.lock_file, None)
            # Remove the file while still holding the system lock, so a process that
            # opens it in between finds it unlinked and starts again.
            try:
                if _same_file(self._fd, self.lock_file):
                    self.lock_file.unlink()
            except OSError:
                pass  # a leftover lock file is harmless: its lock is gone with the fd
            os.close(self._fd)


_registry: dict[Path, WorkspaceLock] = {}
_registry_guard = threading.Lock()


def acquire_lock(workspace: Path, *, command: bool = False) -> WorkspaceLock:
    """Lock ``workspace`` for this process, or raise WorkspaceInUseError naming the holder.

    A lock file left by a process that has ended is taken over. ``command``: the lock is
    a command-line writer's, and another command holding the workspace is waited for
    (up to :data:`COMMAND_WAIT` seconds) rather than refused.
    """
    start = time.monotonic()
    while True:
        try:
            return _acquire(workspace.absolute(), command)
        except WorkspaceInUseError as refused:
            waited = time.monotonic() - start
            holder: LockHolder | None = refused.holder
            # A holder that has not written its record yet (it locks, then writes) is
            # given a moment to say who it is.
            if not command or waited >= (COMMAND_WAIT if holder is not None else 1.0):
                raise
            if holder is not None and not holder.command:
                raise
            time.sleep(_POLL)  # the other command is writing: it ends in moments


def _acquire(workspace: Path, command: bool) -> WorkspaceLock:
    lock_file = lock_path_for(workspace)
    with _registry_guard:
        mine = _registry.get(lock_file)
        if mine is not None and mine.held:
            mine._count += 1
            return mine
        for _attempt in range(_ATTEMPTS):
            lock = _try_acquire(workspace, lock_file, command)
            if lock is not None:
                _registry[lock_file] = lock
                return lock
    raise _in_use(workspace, read_holder(lock_file))


def _try_acquire(workspace: Path, lock_file: Path, command: bool) -> WorkspaceLock | None:
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    except PermissionError as exc:
        raise WorkspaceReadOnlyError(
            f"{workspace.parent} is read-only: DeepDive cannot mark {workspace.name} as open "
            "there. Copy the workspace somewhere you can write."
        ) from exc
    except OSError as exc:
        raise WorkspaceReadOnlyError(f"{workspace} cannot be opened for writing: {exc}") from exc
    try:
        taken = _try_os_lock(fd)
        if taken is False:
            raise _in_use(workspace, read_holder(lock_file))
        if not _same_file(fd, lock_file):
            os.close(fd)  # the holder released and removed it meanwhile: try again
            return None
        if taken is None:
            holder = read_holder(lock_file)
            if (
                holder is not None
                and holder.pid != os.getpid()
                and (holder.host != socket.gethostname() or process_alive(holder.pid))
            ):
                raise _in_use(workspace, holder)
        _write_holder(fd, command)
    except BaseException:
        os.close(fd)
        raise
    return WorkspaceLock(workspace, lock_file, fd)


def _write_holder(fd: int, command: bool) -> None:
    record = {
        "app": "DeepDive",
        "command": command,
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "since": datetime.now(UTC).isoformat(timespec="seconds"),
    }
    data = json.dumps(record).encode("utf-8")
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, data)
    os.fsync(fd)
