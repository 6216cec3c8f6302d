"""Rotating, verified backups of workspaces, and restoring them safely.

A backup is made with SQLite's online backup API (safe while the workspace is open and
being written), into a temporary file beside its final name. The copy is then opened
and given SQLite's full integrity check; only a copy that passes is renamed into place,
so the backup folder never holds a half-written or unchecked backup.

Backups live in the backup folder of the user data folder, named
``<name>-<why>-<UTC time>-<key>.deepdive``, where the key is a short hash of the
workspace's full path, so two workspaces that share a name keep apart.
Which to keep is decided by :func:`backups_to_keep`, a pure function: the newest ten,
the newest of each of the last seven days, and the newest of each week for a month.
Backups made before a schema upgrade are never pruned.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from deepdive.storage.errors import BackupError
from deepdive.storage.integrity import APPLICATION_ID, header_problem, read_only_uri

KEEP_NEWEST = 10
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_DAYS = 31
_STAMP = "%Y%m%dT%H%M%S%fZ"
_SIDE_FILES = ("-wal", "-shm", "-journal")


class BackupKind(StrEnum):
    """Why a backup was made."""

    MANUAL = "manual"
    IDLE = "idle"
    CLOSE = "close"
    BEFORE_UPGRADE = "before-upgrade"
    BEFORE_RESTORE = "before-restore"

    @property
    def label(self) -> str:
        """How the reason reads in the restore dialog."""
        return {
            "manual": "Backed up by you",
            "idle": "Automatic (after a pause)",
            "close": "Automatic (on closing)",
            "before-upgrade": "Before an upgrade",
            "before-restore": "Before a restore",
        }[self.value]


_NAME = re.compile(
    r"^(?P<stem>.+)-(?P<kind>"
    + "|".join(re.escape(kind.value) for kind in BackupKind)
    + r")-(?P<stamp>\d{8}T\d{12}Z)-(?P<key>[0-9a-f]{10})\.deepdive$"
)


@dataclass(frozen=True)
class BackupInfo:
    """One backup file, as its name describes it."""

    path: Path
    made_at: datetime
    kind: BackupKind
    size: int


def workspace_key(workspace: Path) -> str:
    """The short hash of the workspace's full path that its backups' names end with."""
    full = str(workspace.expanduser().absolute())
    return hashlib.sha256(full.encode("utf-8")).hexdigest()[:10]


def list_backups(workspace: Path, root: Path) -> list[BackupInfo]:
    """Every backup of ``workspace``, newest first (files that are not backups are ignored)."""
    return _backups_in(root, workspace_key(workspace))


def _backups_in(root: Path, key: str) -> list[BackupInfo]:
    if not root.is_dir():
        return []
    found = [info for info in (_parse(p, key) for p in root.iterdir()) if info is not None]
    return sorted(found, key=lambda info: info.made_at, reverse=True)


def _parse(path: Path, key: str) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or match["key"] != key or not path.is_file():
        return None
    try:
        kind = BackupKind(match["kind"])
        made_at = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None
    return BackupInfo(path, made_at, kind, path.stat().st_size)


def make_backup(
    workspace: Path, root: Path, kind: BackupKind, now: datetime | None = None
) -> BackupInfo:
    """Back ``workspace`` up into its folder under ``root``, verified; then prune old ones.

    Raises BackupError (and leaves no partial file) if the workspace cannot be read or
    the copy fails its check.
    """
    workspace = workspace.expanduser().absolute()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    key = workspace_key(workspace)
    folder = root
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"The backup folder {folder} cannot be created: {exc}") from exc
    stem = re.sub(r"[^\w.-]+", "_", workspace.stem)[:40] or "workspace"
    final = folder / f"{stem}-{kind}-{moment.strftime(_STAMP)}-{key}.deepdive"
    partial = final.with_name(final.name + ".partial")
    try:
        _copy_database(workspace, partial)
        verify_backup(partial)
        _fsync_file(partial)
        os.replace(partial, final)
        _fsync_folder(folder)
    except BackupError:
        _remove_quietly(partial)
        raise
    except (OSError, sqlite3.Error) as exc:
        _remove_quietly(partial)
        raise BackupError(f"{workspace.name} could not be backed up: {exc}.") from exc
    prune(root, key, moment)
    return BackupInfo(final, moment, kind, final.stat().st_size)


def _copy_database(source: Path, destination: Path) -> None:
    """Copy with SQLite's online backup API into a standalone (rollback-journal) file."""
    problem = header_problem(source)
    if problem is not None:
        raise BackupError(f"{source.name} {problem}; it was not backed up.")
    _remove_quietly(destination)
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
            # The copy stands alone: no write-ahead log beside it to lose or mix up.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def verify_backup(path: Path) -> int:
    """Open ``path`` read-only and run the full integrity check; returns its case count.

    Raises BackupError saying what is wrong.
    """
    problem = header_problem(path)
    if problem is not None:
        raise BackupError(f"The backup {path.name} {problem}.")
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            result = connection.execute("PRAGMA integrity_check(1)").fetchone()[0]
            if result != "ok":
                raise BackupError(f"The backup {path.name} failed its integrity check ({result}).")
            if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                raise BackupError(f"The backup {path.name} is not a DeepDive workspace.")
            return _count_cases(connection)
        finally:
            connection.close()
    except sqlite3.Error as exc:
        raise BackupError(f"The backup {path.name} cannot be read ({exc}).") from exc


def case_count(path: Path) -> int | None:
    """How many cases a backup holds, or None if it cannot be read."""
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return _count_cases(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def _count_cases(connection: sqlite3.Connection) -> int:
    has_cases = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='cases'"
    ).fetchone()
    if not has_cases:
        return 0
    return int(connection.execute("SELECT count(*) FROM cases").fetchone()[0])


def newest_good_backup(workspace: Path, root: Path) -> tuple[BackupInfo, int] | None:
    """The newest backup of ``workspace`` that passes verification, with its case count."""
    for info in list_backups(workspace, root):
        try:
            return info, verify_backup(info.path)
        except BackupError:
            continue
    return None


def restore_backup(backup: Path, target: Path) -> Path:
    """Restore ``backup`` as a new workspace at ``target``, which must not exist.

    The backup is verified first; the copy is built beside ``target`` and renamed into
    place only after it passes its own check. An existing file is never overwritten.
    """
    target = target.expanduser().absolute()
    if target.exists():
        raise BackupError(f"{target} already exists; restore into a new file instead.")
    for suffix in _SIDE_FILES:
        if target.with_name(target.name + suffix).exists():
            raise BackupError(
                f"{target.name}{suffix} is lying beside {target.name}; "
                "choose another name so it cannot be mixed into the restored workspace."
            )
    verify_backup(backup)
    partial = target.with_name(target.name + ".restoring")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _copy_database(backup, partial)
        verify_backup(partial)
        _fsync_file(partial)
        _move_without_replacing(partial, target)
        _fsync_folder(target.parent)
    except BackupError:
        _remove_quietly(partial)
        raise
    except OSError as exc:
        _remove_quietly(partial)
        if isinstance(exc, FileExistsError):
            raise BackupError(f"{target} already exists; restore into a new file.") from exc
        raise BackupError(f"The backup could not be restored to {target}: {exc}") from exc
    return target


def _move_without_replacing(source: Path, target: Path) -> None:
    """Rename ``source`` to ``target``, refusing (FileExistsError) if ``target`` exists."""
    try:
        # A hard link refuses to replace an existing file, unlike a rename.
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:
        # File systems without hard links (FAT, some network drives).
        if target.exists():
            raise FileExistsError(str(target)) from None
        os.replace(source, target)
        return
    source.unlink()


def set_aside(path: Path, reason: str = "damaged", now: datetime | None = None) -> Path:
    """Rename a file (and any journal files beside it) out of the way; returns the new name.

    Nothing is deleted: ``team.deepdive`` becomes ``team.damaged-20240503-140215.deepdive``.
    """
    moment = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.stem}.{reason}-{moment}{path.suffix}")
    number = 1
    while aside.exists():
        number += 1
        aside = path.with_name(f"{path.stem}.{reason}-{moment}-{number}{path.suffix}")
    try:
        os.rename(path, aside)
        for suffix in _SIDE_FILES:
            side = path.with_name(path.name + suffix)
            if side.exists():
                os.rename(side, aside.with_name(aside.name + suffix))
    except OSError as exc:
        raise BackupError(f"{path} could not be moved aside: {exc}") from exc
    return aside


def replace_damaged(path: Path, backup: Path) -> Path:
    """Put ``backup`` in the place of the damaged workspace at ``path``; returns where the
    damaged file now is (renamed beside it, never deleted).

    The workspace is locked throughout, so a DeepDive that still has it open is not
    pulled from under; if the restore fails, the damaged file is put back as it was.
    """
    from deepdive.storage.lock import acquire_lock

    path = path.expanduser().absolute()
    verify_backup(backup)
    lock = acquire_lock(path)
    try:
        aside = set_aside(path)
        try:
            restore_backup(backup, path)
        except BaseException:
            os.rename(aside, path)
            for suffix in _SIDE_FILES:
                side = aside.with_name(aside.name + suffix)
                if side.exists():
                    os.rename(side, path.with_name(path.name + suffix))
            raise
    finally:
        lock.release()
    return aside


def prune(root: Path, key: str, now: datetime) -> list[Path]:
    """Delete one workspace's rotating backups that the retention rules do not keep."""
    rotating = [
        info for info in _backups_in(root, key) if info.kind is not BackupKind.BEFORE_UPGRADE
    ]
    keep = backups_to_keep([info.made_at for info in rotating], now)
    removed: list[Path] = []
    for info in rotating:
        if info.made_at not in keep:
            with contextlib.suppress(OSError):
                info.path.unlink()
                removed.append(info.path)
    return removed


def backups_to_keep(stamps: Sequence[datetime], now: datetime) -> set[datetime]:
    """Which backup times to keep: the newest ten, the newest of each of the last seven
    days, and the newest of each ISO week of the last month. Pure; times are aware."""
    newest_first = sorted(set(stamps), reverse=True)
    keep = set(newest_first[:KEEP_NEWEST])
    keep |= _newest_per_period(
        newest_first, now, KEEP_DAILY_DAYS, lambda moment: moment.astimezone(UTC).date()
    )
    keep |= _newest_per_period(
        newest_first,
        now,
        KEEP_WEEKLY_DAYS,
        lambda moment: moment.astimezone(UTC).isocalendar()[:2],
    )
    return keep


def _newest_per_period(
    newest_first: Iterable[datetime],
    now: datetime,
    days: int,
    period: Callable[[datetime], Hashable],
) -> set[datetime]:
    horizon = now - timedelta(days=days)
    seen: set[Hashable] = set()
    kept: set[datetime] = set()
    for moment in newest_first:
        if moment < horizon:
            break
        key = period(moment)
        if key not in seen:
            seen.add(key)
            kept.add(moment)
    return kept


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open folders, and needs no such step."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, *(path.with_name(path.name + s) for s in _SIDE_FILES)):
        with contextlib.suppress(OSError):
            candidate.unlink()
