"""Word documents (.docx, .dotx) that someone sent, read within limits.

python-docx opens a package itself, trusting its zip; so a document is first read
completely through :class:`~deepdive.archives.reader.SafeArchive` and python-docx is
given a checked in-memory copy (every entry already expanded, within the limits).
The XML is bounded too: lxml's default limits stay on (no ``huge_tree``: at most 256
levels deep and 10 MB in one text node), entities are never resolved, and the number
of XML elements in the whole document is capped, because a parsed element costs
about 135 bytes however few bytes it took in the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from deepdive.archives.reader import ArchiveError, ArchiveLimits, SafeArchive

WORD_LIMITS = ArchiveLimits(
    "a Word document",
    max_entries=2_000,
    max_entry_bytes=50 * 1024 * 1024,
    max_total_bytes=200 * 1024 * 1024,
)
"""A document a person gives DeepDive: a chronology, a reference document, a scan."""

OWN_EXPORT_LIMITS = ArchiveLimits(
    "a Word document",
    max_entries=20_000,
    max_entry_bytes=200_000_000,
    max_total_bytes=2_000_000_000,
    max_ratio=1_000,
)
"""A document DeepDive itself has just written (read back for the leak check)."""

MAX_XML_ELEMENTS = 2_000_000
"""About 270 MB once parsed; a 300-page report has a fraction of this."""


class MarkupBudget:
    """Counts the XML elements of one document's parts against :data:`MAX_XML_ELEMENTS`."""

    def __init__(self, label: str, limit: int = MAX_XML_ELEMENTS) -> None:
        self.label = label
        self.limit = limit
        self.spent = 0

    def spend(self, name: str, data: bytes) -> None:
        """Count the tags in one part (an upper bound on its elements), refusing past the limit."""
        self.spent += data.count(b"<")
        if self.spent > self.limit:
            raise ArchiveError(
                f"{self.label}: {name} takes the document past {self.limit:,} XML elements; "
                f"DeepDive stops at {self.limit:,} (a real document has far fewer)."
            )


def xml_parser() -> etree.XMLParser:
    """A parser for untrusted XML: no entities, no network, lxml's default size limits."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def is_markup(name: str) -> bool:
    """Whether a package part is XML (python-docx parses these)."""
    return name.endswith((".xml", ".rels"))


def read_word_parts(
    path: Path, label: str | None = None, limits: ArchiveLimits = WORD_LIMITS
) -> dict[str, bytes]:
    """Every part of the package at ``path``, expanded within ``limits``."""
    with SafeArchive(path, limits, label) as archive:
        budget = MarkupBudget(archive.label)
        parts: dict[str, bytes] = {}
        for info in archive.infos:
            if info.is_dir():
                continue
            data = archive.read(info)
            if is_markup(info.filename):
                budget.spend(info.filename, data)
            parts[info.filename] = data
        return parts


def package_bytes(parts: dict[str, bytes]) -> bytes:
    """The parts as a zip again (stored, not packed: it lives in memory briefly)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


def open_word_document(parts: dict[str, bytes]) -> Any:
    """A python-docx Document over checked parts (see :func:`read_word_parts`).

    python-docx's own parse errors (a damaged part) pass through to the caller, who
    names the file in its message.
    """
    import docx  # imported here: only the Word paths need python-docx

    return docx.Document(io.BytesIO(package_bytes(parts)))
