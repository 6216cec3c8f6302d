"""Excel workbooks (.xlsx) that someone sent, read within limits.

openpyxl opens a package itself, trusting its zip, so a workbook is first read
completely through :class:`~deepdive.archives.reader.SafeArchive` (entries, sizes and
expansion ratio checked before and while expanding) and openpyxl is given the
checked in-memory copy. Its XML is bounded like a Word document's, and a part that
declares a document type (the only way to define entities, which Excel never
writes) is refused before any parser sees it.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from deepdive.archives.reader import ArchiveError, ArchiveLimits
from deepdive.archives.word import is_markup, package_bytes, read_word_parts

WORKBOOK_LIMITS = ArchiveLimits(
    "an Excel workbook",
    max_entries=2_000,
    max_entry_bytes=50 * 1024 * 1024,
    max_total_bytes=200 * 1024 * 1024,
)
"""A spreadsheet a person gives DeepDive: an agency's chronology."""

_DOCTYPE = (b"<!DOCTYPE", "<!DOCTYPE".encode("utf-16-le"), "<!DOCTYPE".encode("utf-16-be"))


def read_workbook_parts(path: Path, label: str | None = None) -> dict[str, bytes]:
    """Every part of the workbook at ``path``, expanded within :data:`WORKBOOK_LIMITS`."""
    parts = read_word_parts(path, label, WORKBOOK_LIMITS)
    for name, data in parts.items():
        if is_markup(name) and any(mark in data for mark in _DOCTYPE):
            raise ArchiveError(
                f"{label or path.name}: {name} declares a document type, which Excel never "
                "writes; DeepDive does not read it."
            )
    return parts


def open_workbook(parts: dict[str, bytes]) -> Any:
    """An openpyxl workbook (read-only, cached formula values) over checked parts.

    openpyxl's own errors (a damaged part) pass through to the caller, who names the
    file in its message. Close it when done.
    """
    import openpyxl  # imported here: only the spreadsheet path needs it

    return openpyxl.load_workbook(
        io.BytesIO(package_bytes(parts)), read_only=True, data_only=True, keep_links=False
    )
