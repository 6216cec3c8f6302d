"""The one check every writer makes before it writes: may this file be (re)placed?

The rule, the same for every writer (exports, report, render, bundles, template
files, pictures, backups) on the command line and in the app:

* The destination is a file name in a folder that exists and can be written to. A
  folder, a named pipe, a device or a socket is refused, and a missing folder is
  never created (a mistyped folder would otherwise quietly become a new one).
* DeepDive's own files are never replaced, whatever they are called: a workspace, its
  ``-wal``/``-shm``/``-journal`` files and lock file (recognised by content, and by
  name beside a database), a key vault, a backup, or anything in the backups folder.
* An existing file may be replaced only by a file of the same kind, judged by its
  content: a Word document by a Word document, a PDF by a PDF, a Markdown export by
  text, a bundle by a bundle, a template file by a template, a picture by a picture
  of its format. An empty file may be replaced by anything. Anything else (a PDF
  under a ``.docx`` name, a Word template, a spreadsheet, an unknown binary) stays as
  it is: the message says what it is and asks for another name.
* A read-only file is not replaced either: someone made it so on purpose.
* Nor is anything the same command reads (``inputs``: a reference document, the
  Markdown file being rendered), by whatever name, link or hard link it is given.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from deepdive.errors import DeepDiveError
from deepdive.files.errors import DestinationError
from deepdive.files.kinds import FileKind, companion_base, sniff
from deepdive.files.special import special_kind

# What each kind DeepDive writes may replace (besides an empty file).
_REPLACEABLE = {
    FileKind.WORD: frozenset({FileKind.WORD}),
    FileKind.MARKDOWN: frozenset({FileKind.TEXT}),
    FileKind.PDF: frozenset({FileKind.PDF}),
    FileKind.BUNDLE: frozenset({FileKind.BUNDLE}),
    FileKind.TEMPLATE: frozenset({FileKind.TEMPLATE}),
    FileKind.PNG: frozenset({FileKind.PNG}),
    FileKind.SVG: frozenset({FileKind.SVG}),
}

Inputs = Mapping[str, Path | None]
"""What a command reads, by what it is to the person: ``{"the reference document": path}``
(None where it reads nothing of that kind this time)."""


def check_destination(
    destination: Path,
    kind: FileKind,
    error: type[DeepDiveError] = DestinationError,
    *,
    backups: Path | None = None,
    new_folder_ok: bool = False,
    inputs: Inputs | None = None,
) -> None:
    """Refuse (``error``) a destination this writer must not write; see the module's rule.

    ``kind`` is what is about to be written; ``backups`` is the backups folder (the
    user's by default); ``inputs`` what the command reads. Only a new workspace (a
    restore) passes ``new_folder_ok``, as creating a workspace makes its folder.
    Nothing is created or changed.
    """
    what = kind.description
    special = special_kind(destination)
    if special is not None:
        raise error(
            f"{destination} is {special}, not an ordinary file; choose a file name for {what}."
        )
    if destination.is_dir():
        raise error(f"{destination} is a folder; give a file name for {what} in it.")
    folder = destination.parent
    if not folder.is_dir() and not (new_folder_ok and not folder.exists()):
        raise error(
            f"The folder {folder} does not exist; DeepDive does not create folders for "
            f"{what}. Choose a folder that exists."
        )
    if kind is not FileKind.BACKUP and _inside(destination, backups):
        raise error(
            f"{destination} is in DeepDive's backups folder, which holds backups only; "
            f"choose another folder for {what}."
        )
    base = companion_base(destination)
    if base is not None:
        raise error(
            f"{destination.name} belongs to the database {base.name} beside it (its "
            "write-ahead log, shared memory, journal or lock file): writing it would damage "
            f"that database, so DeepDive never does. Choose another name for {what}."
        )
    for role, source in (inputs or {}).items():
        if source is not None and _same_file(destination, source):
            alias = "" if destination == source else f" ({source}, by another name)"
            raise error(
                f"{destination} is also {role}{alias}, which DeepDive reads to make {what}: "
                "writing over it would destroy it. Choose another name."
            )
    if destination.exists():
        _check_existing(destination, kind, error)
    if folder.is_dir() and not os.access(folder, os.W_OK):
        raise error(f"Cannot write to the folder {folder}: permission denied.")


def _check_existing(destination: Path, kind: FileKind, error: type[DeepDiveError]) -> None:
    what = kind.description
    try:
        found = sniff(destination)
    except OSError as exc:
        raise error(
            f"{destination} cannot be read ({exc.strerror or exc}), so DeepDive cannot tell "
            f"what it is and leaves it as it is. Choose another name for {what}."
        ) from None
    if found.protected:
        raise error(
            f"{destination} is {found.description}: DeepDive never writes over it, "
            f"whatever it is called. Choose another name for {what}."
        )
    if found is not FileKind.EMPTY and found not in _REPLACEABLE.get(kind, frozenset()):
        raise error(
            f"{destination} is {found.description}, not {what}: DeepDive replaces an "
            "existing file only with one of the same kind, so it is left as it is. "
            "Choose another name, or move that file first."
        )
    if not os.access(destination, os.W_OK):
        raise error(f"{destination} is read-only, so DeepDive leaves it as it is.")


def _same_file(one: Path, other: Path) -> bool:
    """Whether both name one existing file (links followed, hard links included)."""
    try:
        return os.path.samefile(one, other)
    except (OSError, ValueError):
        return False


def _inside(path: Path, folder: Path | None) -> bool:
    if folder is None:
        from deepdive.paths import backup_dir

        folder = backup_dir()
    try:
        resolved_folder = folder.resolve()
        return path.resolve().is_relative_to(resolved_folder)
    except (OSError, RuntimeError, ValueError):
        return False
