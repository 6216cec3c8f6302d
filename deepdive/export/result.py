"""What an export wrote, and what the person exporting should know about it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from deepdive.export.accessibility import AccessibilityReport
from deepdive.export.options import ExportFormat


@dataclass(frozen=True)
class ExportResult:
    """What was written, and anything the person exporting should know."""

    path: Path
    format: ExportFormat
    dropped_characters: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)
    accessibility: AccessibilityReport | None = None
    """The accessibility check of the Word file (None for Markdown, which has none)."""

    def messages(self) -> list[str]:
        """Plain sentences for the person exporting (dropped characters, skipped parts,
        what the accessibility check found)."""
        out = list(self.notes)
        if self.accessibility is not None:
            out += self.accessibility.messages()
        if self.dropped_characters:
            out.append(
                f"{self.dropped_characters} control character(s) that a document cannot hold "
                "were left out."
            )
        return out
