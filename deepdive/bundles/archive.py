"""The ``.ddcase`` container: a zip holding a manifest and the case's JSON files.

Writing: the JSON files, then ``manifest.json`` with the format version, the app
version and each file's SHA-256 and size, into a temporary file that is renamed into
place. Reading treats the file as hostile: it goes through the one safe archive reader
(:mod:`deepdive.archives`), which never extracts anything to disk and refuses, before
reading any content, an archive past the limits of a case bundle (size, entries,
expanded size, expansion ratio). Then an archive that names a path outside itself
(absolute, ``..``, drive letters, links), repeats a name, or holds anything the
manifest does not list is refused. Each file is then read with a running size limit,
checked against its checksum, and parsed as JSON.
"""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from deepdive.archives import ArchiveError, ArchiveLimits, SafeArchive, size_text
from deepdive.bundles.content import DATA_FILES
from deepdive.bundles.errors import BundleError
from deepdive.files.atomic import write_atomically
from deepdive.files.kinds import FileKind

BUNDLE_SUFFIX = ".ddcase"
FORMAT = "deepdive-case-bundle"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"

MAX_ARCHIVE_BYTES = 256 * 1024 * 1024
MAX_ENTRIES = 32
MAX_EXPANDED_BYTES = 512 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
BUNDLE_LIMITS = ArchiveLimits(
    "a case bundle",
    max_entries=MAX_ENTRIES,
    max_entry_bytes=256 * 1024 * 1024,
    max_total_bytes=MAX_EXPANDED_BYTES,
)


def write_archive(path: Path, files: dict[str, bytes], case_code: str, app_version: str) -> str:
    """Write the bundle atomically; returns the SHA-256 of the finished file.

    The destination is checked as every writer's is (never a workspace, a vault, a
    backup or a file of another kind; the folder must exist).
    """
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": app_version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "case_code": case_code,
        "files": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in files.items()
        },
    }
    digest = ""

    def write(partial: Path) -> None:
        nonlocal digest
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False))
            for name, data in files.items():
                archive.writestr(name, data)
        with partial.open("rb") as handle:
            digest = hashlib.file_digest(handle, "sha256").hexdigest()

    write_atomically(path, write, FileKind.BUNDLE, error=BundleError)
    return digest


def read_archive(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """The manifest and each data file's parsed JSON; BundleError if anything is wrong."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BundleError(f"{path} cannot be read: {exc.strerror or exc}.") from exc
    if size > MAX_ARCHIVE_BYTES:
        raise BundleError(
            f"{name} is {size_text(size)}, too large to be a case bundle (DeepDive stops at "
            f"{size_text(MAX_ARCHIVE_BYTES)})."
        )
    try:
        with SafeArchive(path, BUNDLE_LIMITS) as archive:
            entries = _checked_entries(archive, name)
            manifest = _manifest(archive, entries, name)
            files = {
                file: _json(_read_entry(archive, entries[file], info, name), f"{name}: {file}")
                for file, info in manifest["files"].items()
            }
    except ArchiveError as exc:
        raise BundleError(str(exc)) from exc
    return manifest, files


def _checked_entries(archive: SafeArchive, name: str) -> dict[str, zipfile.ZipInfo]:
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infos:
        _refuse_unsafe_path(info, name)
        if info.filename in entries:
            raise BundleError(f"{name} holds '{info.filename}' twice.")
        entries[info.filename] = info
    return entries


def _refuse_unsafe_path(info: zipfile.ZipInfo, name: str) -> None:
    entry = info.filename
    path = PurePosixPath(entry.replace("\\", "/"))
    unsafe = (
        not entry
        or "\\" in entry
        or "\x00" in entry
        or entry.startswith("/")
        or (len(entry) > 1 and entry[1] == ":")
        or any(part in ("..", "") for part in entry.split("/"))
        or path.is_absolute()
    )
    if unsafe:
        raise BundleError(f"{name} names a path outside the archive ('{entry}'); refused.")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode) or info.is_dir():
        raise BundleError(f"{name}: '{entry}' is a link or folder, not a file; refused.")


def _manifest(
    archive: SafeArchive, entries: dict[str, zipfile.ZipInfo], name: str
) -> dict[str, Any]:
    if MANIFEST not in entries:
        raise BundleError(f"{name} is not a DeepDive case bundle: it has no {MANIFEST}.")
    manifest = _json(archive.read(entries[MANIFEST], MAX_MANIFEST_BYTES), f"{name}: {MANIFEST}")
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BundleError(f"{name}: {MANIFEST} does not describe a DeepDive case bundle.")
    version = manifest.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise BundleError(f"{name}: {MANIFEST} has no usable format version.")
    if version > FORMAT_VERSION:
        raise BundleError(
            f"{name} was made by a newer DeepDive (bundle format {version}; this DeepDive "
            f"reads format {FORMAT_VERSION}). Update DeepDive to import it."
        )
    listed = manifest.get("files")
    if not isinstance(listed, dict) or set(listed) != set(DATA_FILES):
        raise BundleError(
            f"{name}: {MANIFEST} must list exactly these files: {', '.join(DATA_FILES)}."
        )
    for file, info in listed.items():
        if (
            not isinstance(info, dict)
            or not isinstance(info.get("sha256"), str)
            or len(info["sha256"]) != 64
            or not isinstance(info.get("bytes"), int)
            or isinstance(info.get("bytes"), bool)
        ):
            raise BundleError(f"{name}: {MANIFEST} gives no usable checksum for {file}.")
        if file not in entries:
            raise BundleError(f"{name} is missing {file}, which its manifest lists.")
    extra = sorted(set(entries) - set(listed) - {MANIFEST})
    if extra:
        raise BundleError(f"{name} holds files its manifest does not list: {', '.join(extra)}.")
    return manifest


def _read_entry(
    archive: SafeArchive, entry: zipfile.ZipInfo, expected: dict[str, Any], name: str
) -> bytes:
    if entry.file_size != expected["bytes"]:
        raise BundleError(f"{name}: {entry.filename} is not the size its manifest records.")
    data = archive.read(entry, expected["bytes"])
    if hashlib.sha256(data).hexdigest() != expected["sha256"].lower():
        raise BundleError(
            f"{name}: {entry.filename} does not match its checksum; the bundle was changed "
            "or damaged after it was made."
        )
    return data


def _reject_constant(token: str) -> None:
    raise ValueError(f"{token} is not allowed")


def _json(data: bytes, where: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise BundleError(f"{where} is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise BundleError(
            f"{where} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})."
        ) from exc
    except (ValueError, RecursionError) as exc:
        raise BundleError(f"{where} is not valid JSON ({type(exc).__name__}).") from exc
