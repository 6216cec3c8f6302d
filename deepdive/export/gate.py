"""The privacy gate every export passes before it reaches its destination.

It is the leak check (:mod:`deepdive.privacy.leakcheck`): every text part of the
finished file is scanned; a registered identifier (from an unlocked key vault) or a
validated pattern (NHS number, postcode, phone number, …) blocks the export with
:class:`~deepdive.privacy.leakcheck.ExportBlocked`, and nothing is written.

:class:`LeakCheckGate` is an :data:`~deepdive.export.options.ExportGate`. The command
line and the app build it the same way::

    registry = vault.registry() if vault is not None else None   # every case's names
    gate = default_gate(registry)                                 # deepdive export
    gate = default_gate(registry, safe_words=workspace_safe_words(services, [code]),
                        confirm=ask_the_user)                     # the app's dialog

With ``confirm``, possible unregistered names are guessed too, and ``confirm`` is
asked (with the report) whether to go ahead; a "no" raises
:class:`~deepdive.privacy.leakcheck.ExportCancelled` and nothing is written.
``reference_patterns`` are the workspace's own case-record number patterns
(``services.reference_patterns.patterns()``); :func:`gate_with_vault` reads them itself.

With ``places`` (the case's texts, :func:`~deepdive.privacy.case_text.case_places`),
what the check finds is named by its place in the case (``case › chronology › 14 Mar
2016 › What happened``) rather than in the document (``body, line 589``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deepdive.privacy.case_text import PlacedText
    from deepdive.privacy.leakcheck import LeakReport, TextPart
    from deepdive.privacy.places import Located
    from deepdive.privacy.registry import IdentifierRegistry
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services

Confirm = Callable[["LeakReport"], bool]
"""Asked whether to export although possible names were found; True goes ahead."""
Places = Sequence["PlacedText"] | Callable[[], Sequence["PlacedText"]]
"""The case's texts by place (or how to read them when something is found)."""


class LeakCheckGate:
    """The leak check as an :data:`ExportGate`; keeps the report of its last check."""

    def __init__(
        self,
        registry: IdentifierRegistry | None = None,
        *,
        safe_words: Iterable[str] = (),
        confirm: Confirm | None = None,
        places: Places | None = None,
        reference_patterns: Iterable[str] = (),
    ) -> None:
        from deepdive.privacy.detector import Detector

        # Possible names are only guessed where someone can be asked about them.
        self._detector = Detector(
            registry,
            safe_words,
            guess_names=confirm is not None,
            reference_patterns=reference_patterns,
        )
        self._confirm = confirm
        self._places = places
        self.report: LeakReport | None = None
        self.located: list[Located] = []  # the last findings with their places in the case

    @property
    def checks_registered(self) -> bool:
        """Whether registered identifiers (from a vault or names file) are looked for."""
        return self._detector.has_registered

    def __call__(self, path: Path) -> None:
        from deepdive.privacy.leakcheck import TextPart, docx_text_parts

        if path.read_bytes()[:2] == b"PK":  # a Word document (also the source of a PDF)
            parts = docx_text_parts(path)
        else:
            parts = [TextPart("body", path.read_text(encoding="utf-8"))]
        self.check(parts)

    def check(self, parts: Iterable[TextPart]) -> None:
        """Check these texts: raise if anything blocks, ask ``confirm`` about the rest."""
        from deepdive.privacy.leakcheck import ExportCancelled, check_parts

        report = self._named_by_place(check_parts(parts, self._detector))
        self.report = report
        report.raise_if_blocked()
        if report.needs_confirmation and self._confirm is not None and not self._confirm(report):
            raise ExportCancelled()

    def _named_by_place(self, report: LeakReport) -> LeakReport:
        if report.clean or self._places is None:
            return report
        from deepdive.privacy.leakcheck import LeakReport
        from deepdive.privacy.places import locate

        placed = self._places() if callable(self._places) else self._places
        self.located = locate(report, placed, self._detector)
        return LeakReport(tuple(found.item for found in self.located))

    def verdict(self, accepted_by: str = "confirmed by the user") -> str:
        """What the audit log records for the last check.

        Lower-confidence findings that went out are recorded by count and kind
        (``accepted_by`` says how they were accepted), never by their text: the audit
        log lives in the workspace, which holds pseudonyms only, and a found name is
        exactly what must not be kept there (not even hashed: a hash of a name is
        undone by trying names).
        """
        return verdict_for(self.report, accepted_by)


def verdict_for(report: LeakReport | None, accepted_by: str) -> str:
    """What the audit log records for a check that found ``report`` (see
    :meth:`LeakCheckGate.verdict`)."""
    if report is None or report.clean:
        return "leak check passed"
    accepted = report.needs_confirmation
    kinds = Counter(item.finding.label for item in accepted)
    counted = ", ".join(_count(n, label) for label, n in sorted(kinds.items()))
    if len(kinds) == 1:
        return f"leak check passed; {accepted_by}: {counted}"
    return f"leak check passed; {accepted_by}: {len(accepted)} findings ({counted})"


def default_gate(
    registry: IdentifierRegistry | None = None,
    *,
    safe_words: Iterable[str] = (),
    confirm: Confirm | None = None,
    places: Places | None = None,
    reference_patterns: Iterable[str] = (),
) -> LeakCheckGate:
    """The leak check the app and the command line give every export, looking for
    ``registry``'s identifiers.

    Without a registry (the vault is locked) it still blocks validated patterns and
    ``reference_patterns`` (the workspace's own case-record numbers). Possible
    unregistered names are guessed only when ``confirm`` is given (someone is there to
    be asked); ``safe_words`` (pseudonyms, agencies) are never guessed. ``places``
    names findings by their place in the case.
    """
    return LeakCheckGate(
        registry,
        safe_words=safe_words,
        confirm=confirm,
        places=places,
        reference_patterns=reference_patterns,
    )


def vault_registry(vault: Vault | None) -> IdentifierRegistry | None:
    """What an export must not carry: every case's identifiers in the unlocked vault
    (a sibling's or a shared carer's name from another case must not leave either),
    including those another program (``deepdive vault add``) saved since it was
    unlocked."""
    if vault is None:
        return None
    vault.refresh()
    return vault.registry()


def workspace_safe_words(services: Services, codes: Iterable[str] | None = None) -> list[str]:
    """Words never guessed as names: the pseudonyms and cast of the cases ``codes``
    (every case when None) and the workspace's agency names."""
    words: list[str] = list(services.agencies.names())
    chosen = [c.code for c in services.cases.list_cases()] if codes is None else list(codes)
    for code in chosen:
        case = services.cases.find(code)
        words.append(case.pseudonym)
        words.extend(p.pseudonym for p in case.people)
    return words


def gate_with_vault(
    services: Services,
    vault: Vault | None,
    codes: Iterable[str] | None,
    *,
    confirm: Confirm | None = None,
    places: Places | None = None,
) -> LeakCheckGate:
    """The app's gate for an export of the cases ``codes`` (None: every case); the
    findings of one case's export are named by their place in it (``places``: name
    them by these places instead, such as the programme report's)."""
    # The pseudonyms matter only where possible names are guessed (someone to ask).
    safe_words = workspace_safe_words(services, codes) if confirm is not None else []
    chosen = list(codes) if codes is not None else []
    if places is None and len(chosen) == 1:
        places = case_places_of(services, chosen[0])
    return default_gate(
        vault_registry(vault),
        safe_words=safe_words,
        confirm=confirm,
        places=places,
        reference_patterns=services.reference_patterns.patterns(),
    )


def case_places_of(services: Services, code: str) -> Callable[[], Sequence[PlacedText]]:
    """The case's texts by place, read when the check finds something."""

    def read() -> Sequence[PlacedText]:
        from deepdive.privacy.case_text import case_places

        return case_places(services, services.cases.find(code).id)

    return read


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
