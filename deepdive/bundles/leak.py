"""The leak check as a bundle export's gate.

A bundle holds pseudonymised text only, but what people type can still carry a real
name, an NHS number or an address. Before a bundle is written, every piece of its
prose goes through the privacy detector (:mod:`deepdive.privacy.leakcheck`): the
case's registered identifiers from the unlocked key vault, when there is one, and
validated patterns (NHS and NI numbers, postcodes, phone numbers, emails, dates of
birth, street addresses, case-record references, the workspace's own among them).
Anything blocking raises ``ExportBlocked``, and no file is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepdive.bundles.export import LeakGate
from deepdive.services import Services

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault


def bundle_leak_gate(services: Services, code: str, vault: Vault | None) -> LeakGate:
    """The gate for exporting case ``code``; ``vault`` adds the case's real identifiers."""
    from deepdive.export.gate import vault_registry, workspace_safe_words
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.leakcheck import TextPart, check_parts

    # The case's own pseudonyms and the agency names are known not to be real names;
    # every case's real identifiers are looked for, as in a case study export.
    safe_words = workspace_safe_words(services, [code])
    detector = Detector(
        vault_registry(vault),
        safe_words=safe_words,
        reference_patterns=services.reference_patterns.patterns(),
    )

    def gate(parts: list[tuple[str, str]]) -> None:
        report = check_parts([TextPart(where, text) for where, text in parts], detector)
        report.raise_if_blocked()

    return gate
