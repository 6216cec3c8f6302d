"""Restoring a backup, and putting a damaged workspace aside: never overwriting a file.

A restore verifies the backup, copies it beside its new name (a private, locked
``.part`` file), verifies the copy and links it into place, so an existing file is
never replaced. A damaged workspace is renamed aside with its journal files, never
deleted.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from deepdive.files.atomic import PartFile, fsync_file, fsync_folder
from deepdive.files.destination import check_destination
from deepdive.files.kinds import COMPANION_SUFFIXES, FileKind
from deepdive.files.private import make_private_folder
from deepdive.storage.backup import copy_database, verify_backup
from deepdive.storage.errors import BackupError


def restore_backup(backup: Path, target: Path, backups: Path | None = None) -> Path:
    """Restore ``backup`` as a new workspace at ``target``, which must not exist.

    The backup is verified first; the copy is built beside ``target`` and renamed into
    place only after it passes its own check. An existing file is never overwritten,
    and ``target`` is checked as every writer's destination is (``backups`` is the
    backups folder, the user's by default).
    """
    target = target.expanduser().absolute()
    if target.exists():
        raise BackupError(f"{target} already exists; restore into a new file instead.")
    for suffix in COMPANION_SUFFIXES:
        if target.with_name(target.name + suffix).exists():
            raise BackupError(
                f"{target.name}{suffix} is lying beside {target.name}; "
                "choose another name so it cannot be mixed into the restored workspace."
            )
    # Never beside a database under its journal's name, nor in the backups folder.
    check_destination(target, FileKind.WORKSPACE, BackupError, backups=backups, new_folder_ok=True)
    verify_backup(backup)
    try:
        make_private_folder(target.parent)
        partial = PartFile(target)
    except OSError as exc:
        raise BackupError(f"The backup could not be restored to {target}: {exc}") from exc
    try:
        copy_database(backup, partial.path)
        verify_backup(partial.path)
        fsync_file(partial.path)
        _move_without_replacing(partial.path, target)
        fsync_folder(target.parent)
    except OSError as exc:
        if isinstance(exc, FileExistsError):
            raise BackupError(f"{target} already exists; restore into a new file.") from exc
        raise BackupError(f"The backup could not be restored to {target}: {exc}") from exc
    finally:
        partial.discard()
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
        _rename_with_side_files(path, aside)
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
            _rename_with_side_files(aside, path)
            raise
    finally:
        lock.release()
    return aside


def _rename_with_side_files(source: Path, target: Path) -> None:
    """Rename a database and any journal files SQLite keeps beside it."""
    os.rename(source, target)
    for suffix in COMPANION_SUFFIXES:
        side = source.with_name(source.name + suffix)
        if side.exists():
            os.rename(side, target.with_name(target.name + suffix))
