"""The leak check as a bundle export's gate.

A bundle holds pseudonymised text only, but what people type can still carry a real
name, an NHS number or an address. Before a bundle is written, every piece of its
prose goes through the privacy detector (:mod:`deepdive.privacy.leakcheck`): the
case's registered identifiers from the unlocked key vault, when there is one, and
validated patterns (NHS and NI numbers, postcodes, phone numbers, emails, dates of
birth, street addresses). Anything blocking raises ``ExportBlocked``, and no file
is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepdive.bundles.export import LeakGate
from deepdive.services import Services

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault


def bundle_leak_gate(services: Services, code: str, vault: Vault | None) -> LeakGate:
    """The gate for exporting case ``code``; ``vault`` adds the case's real identifiers."""
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.leakcheck import TextPart, check_parts

    case = services.cases.find(code)
    # The case's own pseudonyms and the agency names are known not to be real names.
    safe_words = [case.pseudonym, *(p.pseudonym for p in case.people)]
    safe_words.extend(services.agencies.names())
    # Every case's real identifiers, not only this one's: a name from another case
    # (a sibling, a shared carer) must not leave the machine either.
    registry = vault.registry() if vault is not None else None
    detector = Detector(registry, safe_words=safe_words)

    def gate(parts: list[tuple[str, str]]) -> None:
        report = check_parts([TextPart(where, text) for where, text in parts], detector)
        report.raise_if_blocked()

    return gate
