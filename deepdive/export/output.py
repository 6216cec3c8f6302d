"""Writing an export safely: beside the destination, checked, then moved into place.

Nothing ever appears half-written at the destination: the file is finished under a
temporary name in the same folder, handed to the gate (the privacy leak check), and
only then renamed over the destination in one step. The destination rule and the
atomic writer are the ones every writer shares (:mod:`deepdive.files`); here they
raise :class:`ExportError`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from deepdive.export.errors import ExportError
from deepdive.export.libreoffice import (  # re-exported: where callers have found them
    LIBREOFFICE_NEEDED,
    convert_to_pdf,
    find_libreoffice,
    require_libreoffice,
)
from deepdive.export.options import ExportFormat, ExportGate
from deepdive.files import atomic as files_atomic
from deepdive.files import destination as files_destination
from deepdive.files.destination import Inputs
from deepdive.files.kinds import FileKind

REFERENCE_DOCUMENT = "the reference document"
__all__ = [
    "LIBREOFFICE_NEEDED",
    "REFERENCE_DOCUMENT",
    "check_destination",
    "convert_to_pdf",
    "destination_kind",
    "find_libreoffice",
    "require_libreoffice",
    "write_atomically",
]


def destination_kind(format: ExportFormat) -> FileKind:
    """The kind of file an export format writes (what it may replace)."""
    return {
        ExportFormat.DOCX: FileKind.WORD,
        ExportFormat.MD: FileKind.MARKDOWN,
        ExportFormat.PDF: FileKind.PDF,
    }[format]


def check_destination(
    destination: Path, kind: FileKind = FileKind.WORD, inputs: Inputs | None = None
) -> None:
    """Refuse a destination that cannot or must not be written, before any work is done.

    The one rule every writer shares (:mod:`deepdive.files.destination`): never a
    workspace, a key vault, a backup, a file of another kind or one of the ``inputs``
    (the reference document, say: ``{REFERENCE_DOCUMENT: path}``).
    """
    files_destination.check_destination(destination, kind, ExportError, inputs=inputs)


def write_atomically(
    destination: Path,
    write: Callable[[Path], object],
    gate: ExportGate | None,
    kind: FileKind = FileKind.WORD,
    inputs: Inputs | None = None,
) -> None:
    """Run ``write`` on a temporary file beside ``destination``, gate it, move it in."""
    files_atomic.write_atomically(
        destination, write, kind, check=gate, error=ExportError, inputs=inputs
    )
