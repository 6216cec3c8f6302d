"""The privacy gate every export passes before it reaches its destination.

It is the leak check (:mod:`deepdive.privacy.leakcheck`): every text part of the
finished file is scanned; a registered identifier (from an unlocked key vault) or a
validated pattern (NHS number, postcode, phone number, …) blocks the export with
:class:`~deepdive.privacy.leakcheck.ExportBlocked`, and nothing is written.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from deepdive.export.options import ExportGate

if TYPE_CHECKING:
    from deepdive.privacy.registry import IdentifierRegistry


def leak_check_gate(registry: IdentifierRegistry | None = None) -> ExportGate:
    """The leak check as an :data:`ExportGate`, looking for ``registry``'s identifiers.

    Without a registry (the vault is locked) it still blocks validated patterns.
    Possible unregistered names are not guessed here: they need a person to confirm
    them, which the app's export dialog is the place for.
    """
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.leakcheck import TextPart, check_parts, docx_text_parts

    detector = Detector(registry, guess_names=False)

    def gate(path: Path) -> None:
        if path.read_bytes()[:2] == b"PK":  # a Word document (also the source of a PDF)
            parts = docx_text_parts(path)
        else:
            parts = [TextPart("body", path.read_text(encoding="utf-8"))]
        check_parts(parts, detector).raise_if_blocked()

    return gate


def default_gate(registry: IdentifierRegistry | None = None) -> ExportGate:
    """The gate the app and the command line give every export."""
    return leak_check_gate(registry)
