"""What kind of file something is, judged by its content (its name only where SQLite's is).

:func:`sniff` reads at most a few kilobytes (and, for a zip, its directory and one
small part), never the whole file, and never opens anything but an ordinary file.
It tells DeepDive's own precious files — workspaces, their write-ahead logs, shared
memory, journals and lock files, key vaults and backups — from documents of each
kind DeepDive writes, so a writer can refuse to replace anything but its own kind.
It is the one place that tells whether a file is a key vault (``sniff(path) is
FileKind.VAULT``), by the magic of :mod:`deepdive.privacy.vault_format`.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import stat
import zipfile
from enum import StrEnum
from pathlib import Path

from deepdive.storage.integrity import APPLICATION_ID, SQLITE_HEADER
from deepdive.storage.lock import LOCK_SUFFIX

_HEAD_BYTES = 8192
_ZIP_PART_LIMIT = 256 * 1024
_ZIP_MAX_ENTRIES = 10_000
# SQLite's own files beside a database: they hold committed data or locks.
COMPANION_SUFFIXES = ("-wal", "-shm", "-journal")
_WAL_MAGIC = (0x377F0682, 0x377F0683)
_JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_SHM_VERSION = 3007000
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_TEMPLATE_FORMAT = re.compile(
    rb"^\s*['\"]?format['\"]?\s*:\s*['\"]?deepdive-template/", re.MULTILINE
)
_SVG = re.compile(rb"<svg[\s>]", re.IGNORECASE)
# A backup's name: <name>-<why>-<UTC time>-<key>.deepdive (see deepdive.storage.backup).
BACKUP_NAME = re.compile(r"-[a-z]+(?:-[a-z]+)*-\d{8}T\d{12}Z-[0-9a-f]{10}\.deepdive$")


class FileKind(StrEnum):
    """A kind of file, as DeepDive writes it or finds it."""

    # What DeepDive writes (and may replace a file of the same kind with).
    WORD = "word"
    MARKDOWN = "markdown"
    PDF = "pdf"
    BUNDLE = "bundle"
    TEMPLATE = "template"
    PNG = "png"
    SVG = "svg"
    # DeepDive's own files: never replaced by any writer.
    WORKSPACE = "workspace"
    COMPANION = "companion"
    LOCK = "lock"
    VAULT = "vault"
    BACKUP = "backup"
    # What else a file can be.
    EMPTY = "empty"
    DATABASE = "database"
    WORD_TEMPLATE = "word-template"
    ZIP = "zip"
    TEXT = "text"
    OTHER = "other"

    @property
    def description(self) -> str:
        """The kind as a sentence names it: 'a Word document'."""
        return _DESCRIPTIONS[self]

    @property
    def protected(self) -> bool:
        """Whether no writer may ever replace a file of this kind."""
        return self in PROTECTED


PROTECTED = frozenset(
    {FileKind.WORKSPACE, FileKind.COMPANION, FileKind.LOCK, FileKind.VAULT, FileKind.BACKUP}
)

_DESCRIPTIONS = {
    FileKind.WORD: "a Word document",
    FileKind.MARKDOWN: "a Markdown file",
    FileKind.PDF: "a PDF document",
    FileKind.BUNDLE: "a DeepDive case bundle",
    FileKind.TEMPLATE: "a DeepDive session template",
    FileKind.PNG: "a PNG picture",
    FileKind.SVG: "an SVG drawing",
    FileKind.WORKSPACE: "a DeepDive workspace",
    FileKind.COMPANION: "part of a database (its write-ahead log, shared memory or journal)",
    FileKind.LOCK: "the lock file of a DeepDive workspace",
    FileKind.VAULT: "a key vault, which holds real identities",
    FileKind.BACKUP: "a DeepDive backup",
    FileKind.EMPTY: "an empty file",
    FileKind.DATABASE: "a database made by another program",
    FileKind.WORD_TEMPLATE: "a Word template",
    FileKind.ZIP: "an archive or an office file of another kind",
    FileKind.TEXT: "a text file",
    FileKind.OTHER: "a file of another kind",
}


def companion_base(path: Path) -> Path | None:
    """The database a name like ``team.deepdive-wal`` or ``team.deepdive.lock`` belongs
    to, when that database is there (a SQLite file); else None."""
    name = path.name
    for suffix in (*COMPANION_SUFFIXES, LOCK_SUFFIX):
        if name.endswith(suffix) and len(name) > len(suffix):
            base = path.with_name(name[: -len(suffix)])
            if _starts_with(base, SQLITE_HEADER):
                return base
    return None


def sniff(path: Path) -> FileKind:
    """What the existing ordinary file at ``path`` is, from its content.

    Raises OSError when it cannot be read (the caller says so), and refuses to open
    anything but an ordinary file.
    """
    base = companion_base(path)
    if base is not None:
        return FileKind.LOCK if path.name.endswith(LOCK_SUFFIX) else FileKind.COMPANION
    head = _read_head(path)
    if not head:
        return FileKind.EMPTY
    if head.startswith(SQLITE_HEADER):
        return _database_kind(path, head)
    kind = _binary_kind(head)
    if kind is not None:
        return kind
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    if _is_text(head):
        if _TEMPLATE_FORMAT.search(head):
            return FileKind.TEMPLATE
        if _SVG.search(head):
            return FileKind.SVG
        return FileKind.TEXT
    return FileKind.OTHER


def _read_head(path: Path) -> bytes:
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path} is not an ordinary file")
        return os.read(fd, _HEAD_BYTES)
    finally:
        os.close(fd)


def _database_kind(path: Path, head: bytes) -> FileKind:
    # PRAGMA application_id is stored big-endian at offset 68 of the header.
    if len(head) >= 72 and int.from_bytes(head[68:72], "big") == APPLICATION_ID:
        return FileKind.BACKUP if BACKUP_NAME.search(path.name) else FileKind.WORKSPACE
    return FileKind.DATABASE


def _binary_kind(head: bytes) -> FileKind | None:
    from deepdive.privacy.vault_format import MAGIC  # the cryptography import is slow

    if head.startswith(MAGIC):
        return FileKind.VAULT
    if len(head) >= 4 and int.from_bytes(head[:4], "big") in _WAL_MAGIC:
        return FileKind.COMPANION
    if head.startswith(_JOURNAL_MAGIC):
        return FileKind.COMPANION
    if _is_shared_memory(head):
        return FileKind.COMPANION
    if head.startswith(b'{"app": "DeepDive"'):
        return FileKind.LOCK
    if b"%PDF-" in head[:1024]:
        return FileKind.PDF
    if head.startswith(_PNG_MAGIC):
        return FileKind.PNG
    return None


def _is_shared_memory(head: bytes) -> bool:
    # The -shm header starts with its version in the machine's byte order, twice.
    if len(head) < 52:
        return False
    little = int.from_bytes(head[0:4], "little"), int.from_bytes(head[48:52], "little")
    big = int.from_bytes(head[0:4], "big"), int.from_bytes(head[48:52], "big")
    return (_SHM_VERSION, _SHM_VERSION) in (little, big)


def _is_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    try:
        # A multi-byte character may be cut at the end of the head: not final.
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _zip_kind(path: Path) -> FileKind:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            if len(infos) > _ZIP_MAX_ENTRIES:
                return FileKind.ZIP
            names = {info.filename: info for info in infos}
            if "word/document.xml" in names and "[Content_Types].xml" in names:
                types = _read_part(archive, names["[Content_Types].xml"])
                if b"wordprocessingml.template.main+xml" in types:
                    return FileKind.WORD_TEMPLATE
                if b"wordprocessingml.document.main+xml" in types:
                    return FileKind.WORD
            manifest = names.get("manifest.json")
            if manifest is not None and b'"deepdive-case-bundle"' in _read_part(archive, manifest):
                return FileKind.BUNDLE
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,
        RuntimeError,
        OSError,
        EOFError,
        ValueError,
    ):
        pass  # a damaged, unusual or unreadable zip: some other archive
    return FileKind.ZIP


def _read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """At most ``_ZIP_PART_LIMIT`` bytes of one part (a hostile zip cannot make it more)."""
    with contextlib.suppress(Exception), archive.open(info) as handle:
        return handle.read(_ZIP_PART_LIMIT)
    return b""


def _starts_with(path: Path, prefix: bytes) -> bool:
    try:
        return _read_head(path).startswith(prefix)
    except OSError:
        return False
