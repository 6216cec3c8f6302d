"""The leak check as a bundle export's gate.

A bundle holds pseudonymised text only, but what people type can still carry a real
name, an NHS number or an address. Before a bundle is written, every piece of its
prose goes through the privacy detector (:mod:`deepdive.privacy.leakcheck`): the
case's registered identifiers from the unlocked key vault, when there is one, and
validated patterns (NHS and NI numbers, postcodes, phone numbers, emails, dates of
birth, street addresses, case-record references, the workspace's own among them).
Anything blocking raises ``ExportBlocked``, and no file is written. Each finding is
named by its place in the case, as for a case study.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepdive.services import Services

if TYPE_CHECKING:
    from deepdive.export.gate import Confirm, LeakCheckGate
    from deepdive.privacy.places import Located
    from deepdive.privacy.vault import Vault


class BundleLeakGate:
    """The leak check over a bundle's texts (a ``LeakGate``); remembers its verdict."""

    def __init__(self, checker: LeakCheckGate) -> None:
        self.checker = checker

    def __call__(self, parts: list[tuple[str, str]]) -> None:
        from deepdive.privacy.leakcheck import TextPart

        self.checker.check(TextPart(where, text) for where, text in parts)

    @property
    def located(self) -> list[Located]:
        """The last check's findings, each at its place in the case."""
        return self.checker.located

    def verdict(self, accepted_by: str = "confirmed by the user") -> str:
        """What the audit log records for the last check (see ``LeakCheckGate.verdict``)."""
        return self.checker.verdict(accepted_by)


def bundle_leak_gate(
    services: Services, code: str, vault: Vault | None, *, confirm: Confirm | None = None
) -> BundleLeakGate:
    """The gate for exporting case ``code``; ``vault`` adds the real identifiers.

    With ``confirm``, possible unregistered names are guessed too and ``confirm`` is
    asked whether to go ahead (``ExportCancelled`` if not), as for a case study.
    """
    from deepdive.export.gate import (
        LeakCheckGate,
        case_places_of,
        vault_registry,
        workspace_safe_words,
    )

    # The case's own pseudonyms and the agency names are known not to be real names;
    # every case's real identifiers are looked for, as in a case study export. What is
    # found is named by its place in the case (case › chronology › date › field).
    safe_words = workspace_safe_words(services, [code])
    checker = LeakCheckGate(
        vault_registry(vault),
        safe_words=safe_words,
        confirm=confirm,
        places=case_places_of(services, code),
        reference_patterns=services.reference_patterns.patterns(),
    )
    return BundleLeakGate(checker)
