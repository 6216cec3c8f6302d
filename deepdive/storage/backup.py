"""Rotating, verified backups of workspaces (restoring them: :mod:`deepdive.storage.restore`).

:func:`back_up_workspace` is the one way a backup is made on request, by the command
line and by the app (which runs it on a worker thread and shows its progress).
A backup is made with SQLite's online backup API (safe while the workspace is open and
being written), into a private temporary file beside its final name. The copy is then
opened and given SQLite's full integrity check; only a copy that passes is renamed into
place, so the backup folder never holds a half-written or unchecked backup. Backups
and their folder are readable by their owner only.

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
import re
import sqlite3
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path

from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind
from deepdive.files.private import make_private_folder
from deepdive.storage.errors import BackupError
from deepdive.storage.integrity import APPLICATION_ID, header_problem, read_only_uri

KEEP_NEWEST = 10
KEEP_DAILY_DAYS = 7
KEEP_WEEKLY_DAYS = 31
_STAMP = "%Y%m%dT%H%M%S%fZ"
_STEP_PAGES = 1024  # 4 MB a step with the default page size: progress without slowing

BackupProgress = Callable[[int, int, str], None]
"""Told ``(done, total, what)`` as a backup goes; called on the thread making it."""


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
    # Known when the backup was just made and verified; not part of what names it.
    cases: int | None = field(default=None, compare=False)


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


@dataclass(frozen=True)
class BackupDone:
    """A backup just made and verified, and what to tell the person who asked for it."""

    workspace: Path
    info: BackupInfo

    def message(self) -> str:
        """'Backed up team.deepdive (3 cases) to …; the copy passed its integrity check.'"""
        count = self.info.cases or 0
        return (
            f"Backed up {self.workspace.name} ({count} case{'' if count == 1 else 's'}) to "
            f"{self.info.path}; the copy passed its integrity check."
        )


def back_up_workspace(
    workspace: Path,
    root: Path,
    kind: BackupKind = BackupKind.MANUAL,
    progress: BackupProgress | None = None,
) -> BackupDone:
    """Make a verified backup of the workspace file at ``workspace`` (which must exist).

    Used by ``deepdive backup`` and by the app alike; raises BackupError saying what
    is wrong, and then leaves nothing behind.
    """
    path = workspace.expanduser().absolute()
    if not path.is_file():
        raise BackupError(f"There is no workspace at {path}; name it with --workspace.")
    return BackupDone(path, make_backup(path, root, kind, progress=progress))


def make_backup(
    workspace: Path,
    root: Path,
    kind: BackupKind,
    now: datetime | None = None,
    progress: BackupProgress | None = None,
) -> BackupInfo:
    """Back ``workspace`` up into its folder under ``root``, verified; then prune old ones.

    Raises BackupError (and leaves no partial file) if the workspace cannot be read or
    the copy fails its check. ``progress`` is told ``(done, total, what)`` as it goes.
    """
    workspace = workspace.expanduser().absolute()
    moment = (now or datetime.now(UTC)).astimezone(UTC)
    key = workspace_key(workspace)
    try:
        make_private_folder(root)
    except OSError as exc:
        raise BackupError(f"The backup folder {root} cannot be created: {exc}") from exc
    stem = re.sub(r"[^\w.-]+", "_", workspace.stem)[:40] or "workspace"
    final = root / f"{stem}-{kind}-{moment.strftime(_STAMP)}-{key}.deepdive"
    cases = 0

    def copy(partial: Path) -> None:
        try:
            copy_database(workspace, partial, progress)
        except sqlite3.Error as exc:
            raise BackupError(f"{workspace.name} could not be backed up: {exc}.") from exc

    def check(partial: Path) -> None:
        nonlocal cases
        if progress is not None:
            progress(0, 1, "Checking the copy")
        cases = verify_backup(partial)

    write_atomically(final, copy, FileKind.BACKUP, check=check, error=BackupError)
    prune(root, key, moment)
    return BackupInfo(final, moment, kind, final.stat().st_size, cases)


def copy_database(source: Path, destination: Path, progress: BackupProgress | None = None) -> None:
    """Copy with SQLite's online backup API into a standalone (rollback-journal) file.

    ``destination`` is an empty private file (the journal SQLite makes beside it takes
    its permissions). The copy is made in steps, for progress, from one read
    transaction: a snapshot that the app's saves meanwhile neither change nor restart.
    """
    problem = header_problem(source)
    if problem is not None:
        raise BackupError(f"{source.name} {problem}; it was not backed up.")
    src = sqlite3.connect(read_only_uri(source), uri=True)
    try:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        dst = sqlite3.connect(destination)
        try:

            def step(_status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total, "Copying the workspace")

            src.backup(dst, pages=_STEP_PAGES, progress=step)
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
