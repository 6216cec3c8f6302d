"""What the person exporting chooses: format, sections, sessions, dates, marking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from deepdive.domain.vocabulary import DEFAULT_MARKING as DEFAULT_MARKING

ExportGate = Callable[[Path], None]
"""Called with the finished temporary file before it is moved into place.

It raises a DeepDiveError to block the export (the privacy leak check does this);
for a PDF it is given the Word document the PDF is made from.
"""

Progress = Callable[[int, int, str], None]
"""Told ``(done, total, what)`` as the export goes; called on the exporting thread."""


class ExportFormat(StrEnum):
    """The file types an export can write."""

    DOCX = "docx"
    MD = "md"
    PDF = "pdf"

    @classmethod
    def for_path(cls, path: Path) -> ExportFormat | None:
        """The format a file name's extension implies, if any."""
        try:
            return cls(path.suffix.lower().lstrip("."))
        except ValueError:
            return None


class DateMode(StrEnum):
    """How dates appear: as recorded, moved by the case's secret shift, or as ages."""

    REAL = "real"
    SHIFTED = "shifted"
    RELATIVE = "relative"


class Section(StrEnum):
    """The parts of a case study a person can leave out."""

    CONTENTS = "contents"
    SUMMARY = "summary"
    PROFILE = "profile"
    CHRONOLOGY = "chronology"
    TIMELINE = "timeline"
    SESSIONS = "sessions"
    LEARNING = "learning"

    @property
    def label(self) -> str:
        """The section as the export dialog names it."""
        return _LABELS[self]


_LABELS = {
    Section.CONTENTS: "Table of contents",
    Section.SUMMARY: "Summary and story",
    Section.PROFILE: "Profile and cast",
    Section.CHRONOLOGY: "Chronology",
    Section.TIMELINE: "Timeline picture",
    Section.SESSIONS: "Reflective sessions",
    Section.LEARNING: "Learning and actions",
}


@dataclass(frozen=True)
class ExportOptions:
    """Everything that shapes one case study document."""

    sections: frozenset[Section] = field(default_factory=lambda: frozenset(Section))
    session_ids: tuple[int, ...] | None = None
    """The sessions to include, in this order; None for all of them."""
    date_mode: DateMode = DateMode.REAL
    date_shift_days: int | None = None
    """The case's secret shift, from the key vault; needed for shifted dates."""
    marking: str | None = DEFAULT_MARKING
    """The protective marking on every page; None or "" for none."""
    version: str = "1.0"
    authors: tuple[str, ...] = ()
    """Who wrote the case study, by role (never by name)."""
    reference_doc: Path | None = None
