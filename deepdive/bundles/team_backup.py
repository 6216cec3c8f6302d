"""Backing up a team workspace: a verified bundle of every case the role can see.

The database itself is backed up by the server's own tools (``pg_dump``, base backups,
the council's usual ones); this is the person's own copy of what they can read,
restorable case by case with ``deepdive bundle import``. Each case is read in one
snapshot and written as a ``.ddcase`` bundle into a new private folder, then read back
in full (as an import reads it) and compared with what was read from the server; a
bundle that does not match stops the backup. ``manifest.json``, written last, lists
every bundle with its checksum, so a folder without one is an unfinished backup.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deepdive import installed_version
from deepdive.bundles.archive import BUNDLE_SUFFIX, write_archive
from deepdive.bundles.content import BundleContent
from deepdive.bundles.errors import BundleError
from deepdive.bundles.importer import read_bundle
from deepdive.files.private import create_private_file, make_private_folder
from deepdive.services import Services
from deepdive.services.case_export import CaseExportService

MANIFEST = "manifest.json"
FORMAT = "deepdive-team-backup"
FORMAT_VERSION = 1

_UNSAFE = re.compile(r"[^\w.-]+")

BackupProgress = Callable[[int, int, str], None]
"""Told ``(done, total, case code)`` as each case is written."""


@dataclass(frozen=True)
class BackedUpCase:
    """One case's bundle in a backup."""

    code: str
    file: str
    sha256: str
    events: int
    sessions: int


@dataclass(frozen=True)
class TeamBackup:
    """A finished, verified backup of a team workspace."""

    workspace: str
    folder: Path
    cases: tuple[BackedUpCase, ...]

    def message(self) -> str:
        """One line saying what was backed up and where."""
        count = len(self.cases)
        return (
            f"Backed up {count} case{'' if count == 1 else 's'} of {self.workspace} to "
            f"{self.folder} (a bundle of each, read back and checked; {MANIFEST} lists them)."
        )


def backup_folder(root: Path, workspace_name: str, now: datetime) -> Path:
    """A new folder under ``root`` named from the workspace and the time."""
    name = _UNSAFE.sub("_", workspace_name.split("://", 1)[-1]).strip("_")[:60]
    return root / f"{name or 'team'}-{now.strftime('%Y%m%dT%H%M%SZ')}"


def back_up_team_workspace(
    services: Services, folder: Path, progress: BackupProgress | None = None
) -> TeamBackup:
    """Write a verified bundle of every case ``services`` can read into ``folder`` (new,
    or empty), then its manifest. Raises :class:`BundleError` with a message to show."""
    _new_folder(folder)
    summaries = services.cases.list_cases()
    reader = CaseExportService(services.workspace)
    written: list[BackedUpCase] = []
    for done, summary in enumerate(summaries, start=1):
        if progress is not None:
            progress(done, len(summaries), summary.code)
        content = BundleContent.of(reader.read_case(summary.code))
        written.append(_write_case(content, folder, len(written)))
    _write_manifest(folder, services.workspace.location, written)
    verify_team_backup(folder)
    return TeamBackup(services.workspace.location, folder, tuple(written))


def make_team_backup(
    services: Services, folder: Path, progress: BackupProgress | None = None
) -> TeamBackup:
    """Back up as ``deepdive backup`` and File ▸ Back up now do: the verified set of
    bundles in ``folder`` (:func:`back_up_team_workspace`), recorded in the export
    audit log by its manifest."""
    done = back_up_team_workspace(services, folder, progress)
    services.audit.record_export(None, "backup", done.folder / MANIFEST, "not checked (a backup)")
    return done


def _new_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BundleError(f"{folder} is already there; a backup goes into a new, empty folder.")
    try:
        make_private_folder(folder)
    except OSError as exc:
        raise BundleError(f"The backup folder {folder} cannot be made: {exc}") from exc


def _write_case(content: BundleContent, folder: Path, number: int) -> BackedUpCase:
    files = content.to_json()
    encoded = {
        name: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        for name, data in files.items()
    }
    code = content.case.code
    # Codes are unique, but two may make one file name once unsafe characters go.
    safe = _UNSAFE.sub("_", code)
    path = folder / f"{number + 1:05d}-{safe}{BUNDLE_SUFFIX}"
    digest = write_archive(path, encoded, code, installed_version())
    back = read_bundle(path)
    if back.to_json() != files:
        raise BundleError(
            f"The bundle of {code} read back differently from the case on the server, so "
            f"the backup in {folder} is not complete; try again."
        )
    return BackedUpCase(code, path.name, digest, len(content.events), len(content.sessions))


def _write_manifest(folder: Path, workspace: str, cases: list[BackedUpCase]) -> None:
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": installed_version(),
        "workspace": workspace,
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cases": [case.__dict__ for case in cases],
    }
    data = json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")
    partial = folder / (MANIFEST + ".partial")
    fd = create_private_file(partial)
    try:
        with open(fd, "wb", closefd=True) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(folder / MANIFEST)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BundleError(f"The backup's manifest cannot be written in {folder}: {exc}") from exc


@dataclass(frozen=True)
class SetCase:
    """One case in a backup set, as read back from its bundle."""

    code: str
    pseudonym: str
    events: int
    sessions: int
    path: Path


@dataclass(frozen=True)
class BackupSet:
    """A whole, verified backup set: where it is, what it backed up and when."""

    folder: Path
    workspace: str
    made_at: str
    cases: tuple[SetCase, ...]


def verify_team_backup(folder: Path) -> int:
    """Check that every bundle the manifest lists is there with its checksum and reads as
    a whole case; returns how many. Raises :class:`BundleError` naming what is wrong."""
    return len(read_team_backup(folder).cases)


def read_team_backup(folder: Path) -> BackupSet:
    """Verify the backup set in ``folder`` (as :func:`verify_team_backup`) and say what
    each of its cases is. Raises :class:`BundleError` naming what is wrong."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        cases = manifest["cases"]
        assert manifest["format"] == FORMAT
    except (OSError, ValueError, KeyError, TypeError, AssertionError) as exc:
        raise BundleError(
            f"{folder} has no readable {MANIFEST}: it is not a whole backup."
        ) from exc
    read: list[SetCase] = []
    for case in cases:
        path = folder / case["file"]
        try:
            with path.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError as exc:
            raise BundleError(f"{path.name}, listed in {MANIFEST}, cannot be read: {exc}") from exc
        if digest != case["sha256"]:
            raise BundleError(f"{path.name} has changed since the backup was made.")
        content = read_bundle(path)
        read.append(
            SetCase(
                content.case.code,
                content.case.pseudonym,
                len(content.events),
                len(content.sessions),
                path,
            )
        )
    return BackupSet(
        folder, str(manifest.get("workspace", "")), str(manifest.get("made_at", "")), tuple(read)
    )
