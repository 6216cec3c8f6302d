"""The identifier guard: what a pseudonym-only or role-only field must never hold.

The services are given a guard (see :mod:`deepdive.services.guard`) and ask it about
every case code, pseudonym, role, agency and theme name before they store one. This
guard answers from the detector: validated patterns (NHS and NI numbers, postcodes,
phone numbers, emails, dates of birth, …) always; registered identifiers while a key
vault's registry has been set (the app sets it when the vault unlocks and clears it
when it locks); and, in a role, a person's title and name ("Mrs Sarah Thompson").

It is plain Python: the detector is built on first use, and rebuilt only when the
registry changes.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING

from deepdive.privacy import findings as conf
from deepdive.privacy.findings import Finding, FindingKind
from deepdive.privacy.words import HONORIFICS

if TYPE_CHECKING:
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.registry import IdentifierRegistry


class VaultGuard:
    """Finds the identifiers a pseudonym or role must not hold (see the module doc)."""

    def __init__(self, registry: IdentifierRegistry | None = None) -> None:
        self._registry = registry
        self._detector: Detector | None = None
        # Exports run on a worker thread and may read the guard while the vault locks.
        self._lock = threading.Lock()

    @property
    def has_registry(self) -> bool:
        """Whether registered identifiers (an unlocked vault's) are looked for too."""
        return self._registry is not None and len(self._registry) > 0

    def set_registry(
        self, registry: IdentifierRegistry | None, detector: Detector | None = None
    ) -> None:
        """Look for these registered identifiers from now on (None: patterns only).

        ``detector``: one already built on ``registry``, to share (building one for a
        large vault takes a moment).
        """
        with self._lock:
            self._registry = registry
            self._detector = detector if registry is not None else None

    def identifiers_in(self, text: str, *, role: bool = False) -> list[Finding]:
        """What ``text`` holds that such a field must refuse, in text order.

        Everything that would stop an export; a registered identifier that is the whole
        text even where the detector only asks ("Will" typed as a pseudonym, when a
        real Will is registered); and with ``role``, a name written after a title.
        """
        if not text.strip():
            return []
        refused: list[Finding] = []
        for finding in self._detector_now().detect(text):
            if finding.blocking or (finding.registered and _whole(text, finding)):
                refused.append(finding)
        if role:
            taken = [(f.start, f.end) for f in refused]
            refused.extend(
                titled
                for titled in _titled_names(text)
                if not any(start < titled.end and titled.start < end for start, end in taken)
            )
            refused.sort(key=lambda f: f.start)
        return refused

    def _detector_now(self) -> Detector:
        with self._lock:
            if self._detector is None:
                from deepdive.privacy.detector import Detector

                # Unregistered names are guessed in prose, never refused; roles get the
                # title rule instead.
                self._detector = Detector(self._registry, guess_names=False)
            return self._detector


def _whole(text: str, finding: Finding) -> bool:
    return not text[: finding.start].strip(" .,;:'\"") and not text[finding.end :].strip(" .,;:'\"")


# A title, then capitalised words or initials: "Mrs Sarah Thompson", "Dr. Patel", "Mr J Smith".
_TITLES = "|".join(sorted(HONORIFICS, key=len, reverse=True))
_TITLED_NAME = re.compile(rf"(?<![\w])(?i:{_TITLES})\.?\s+[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?)*")


def _titled_names(text: str) -> list[Finding]:
    """Every title followed by a name in ``text`` (a role never names a person)."""
    found = []
    for match in _TITLED_NAME.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        found.append(
            Finding(
                FindingKind.POSSIBLE_NAME,
                match.group().rstrip("."),
                match.start(),
                match.start() + len(match.group().rstrip(".")),
                line,
                conf.TITLED_NAME,
            )
        )
    return found
