"""What the detector reports: one :class:`Finding` per identifier found in a text."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from deepdive.privacy.organisations import generic_wording, looks_like_organisation

# Findings at or above this confidence block an export; those below ask the user.
BLOCKING_CONFIDENCE = 0.6

# Confidence of each source of finding (see Finding.confidence).
REGISTERED = 1.0
CHECKSUM_VALID = 0.95
STRONG_PATTERN = 0.85
PATTERN = 0.75
WEAK_NAME = 0.4
TITLED_NAME = 0.5
ORGANISATION = 0.5


class FindingKind(StrEnum):
    """What kind of identifier a finding is."""

    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    ADDRESS = "address"
    POSTCODE = "postcode"
    NHS_NUMBER = "nhs_number"
    NI_NUMBER = "ni_number"
    PUPIL_NUMBER = "pupil_number"
    PHONE = "phone"
    EMAIL = "email"
    URL = "personal_url"
    SOCIAL_HANDLE = "social_handle"
    IDENTIFIER = "identifier"
    VEHICLE = "vehicle_registration"
    CASE_REFERENCE = "case_reference"
    DOCUMENT_AUTHOR = "document_author"
    POSSIBLE_NAME = "possible_name"
    POSSIBLE_ORGANISATION = "possible_organisation"

    @property
    def label(self) -> str:
        """The kind as a user reads it."""
        return _LABELS[self]

    @property
    def placeholder(self) -> str:
        """What replaces an identifier of this kind in a pseudonymised text."""
        return f"[{_LABELS[self]}]"


_LABELS = {
    FindingKind.NAME: "name",
    FindingKind.DATE_OF_BIRTH: "date of birth",
    FindingKind.ADDRESS: "address",
    FindingKind.POSTCODE: "postcode",
    FindingKind.NHS_NUMBER: "NHS number",
    FindingKind.NI_NUMBER: "National Insurance number",
    FindingKind.PUPIL_NUMBER: "Unique Pupil Number",
    FindingKind.PHONE: "phone number",
    FindingKind.EMAIL: "email address",
    FindingKind.URL: "personal web address",
    FindingKind.SOCIAL_HANDLE: "social media handle",
    FindingKind.IDENTIFIER: "identifier",
    FindingKind.VEHICLE: "vehicle registration",
    FindingKind.CASE_REFERENCE: "case record reference",
    FindingKind.DOCUMENT_AUTHOR: "document author",
    FindingKind.POSSIBLE_NAME: "possible name",
    FindingKind.POSSIBLE_ORGANISATION: "possible school or service name",
}


@dataclass(frozen=True)
class Finding:
    """One identifier found in a text.

    ``start``/``end`` are character offsets into the text searched (``text ==
    source[start:end]``); ``line`` is the 1-based line ``start`` is on. ``confidence``
    is 1.0 for identifiers registered in the vault or a names file, about 0.95 for
    numbers whose checksum holds, 0.75-0.85 for other patterns and below 0.6 for the
    unregistered-name guess, which is never changed automatically. ``pseudonym`` is
    the replacement for a registered name, when the vault gives one.
    """

    kind: FindingKind
    text: str
    start: int
    end: int
    line: int
    confidence: float
    registered: bool = False
    pseudonym: str | None = None
    case_code: str | None = None

    @property
    def blocking(self) -> bool:
        """Whether this finding stops an export (the others ask for confirmation)."""
        return self.confidence >= BLOCKING_CONFIDENCE

    @property
    def label(self) -> str:
        """A short description: "registered name", "NHS number", "possible name"."""
        return f"registered {self.kind.label}" if self.registered else self.kind.label

    @property
    def replacement(self) -> str | None:
        """What a pseudonymised text puts here (None: leave it for the user to decide)."""
        if self.kind in (FindingKind.POSSIBLE_NAME, FindingKind.POSSIBLE_ORGANISATION):
            return None
        if self.kind is FindingKind.NAME and self.pseudonym:
            return self.pseudonym
        if self.kind is FindingKind.IDENTIFIER and looks_like_organisation(self.text):
            return generic_wording(self.text)  # a school: "the secondary school"
        return self.kind.placeholder

    def moved(self, offset: int, line_offset: int = 0) -> Finding:
        """The same finding in a larger text, ``offset`` characters further on."""
        return replace(
            self, start=self.start + offset, end=self.end + offset, line=self.line + line_offset
        )

    def as_dict(self) -> dict[str, object]:
        """The JSON form (``deepdive scan --json``)."""
        return {
            "kind": self.kind.value,
            "text": self.text,
            "line": self.line,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "registered": self.registered,
            "blocking": self.blocking,
        }


def pseudonymise(text: str, findings: list[Finding]) -> str:
    """``text`` with every finding that has a replacement replaced (names by pseudonym).

    Possible names are left as they are: only the user decides about those.
    """
    pieces: list[str] = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        replacement = finding.replacement
        if replacement is None or finding.start < position:
            continue
        pieces.append(text[position : finding.start])
        pieces.append(replacement)
        position = finding.end
    pieces.append(text[position:])
    return "".join(pieces)
