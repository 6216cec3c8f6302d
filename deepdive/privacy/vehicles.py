"""UK vehicle registrations (number plates), in the formats DVLA has issued.

- Current (since September 2001): two memory-tag letters, a two-digit age identifier,
  three random letters: "YX19 KZT", "YX19KZT". The age identifier is the year (02-29,
  March plates) or the year plus 50 (51-79, September plates); the first letter is a
  region DVLA uses, and I and Q appear nowhere. This shape is specific enough to be
  reported wherever it is written.
- Prefix (1983-2001): a year letter, 1-3 digits, three letters: "P123 ABC".
- Suffix (1963-1983): three letters, 1-3 digits, a year letter: "ABC 123D".

The older shapes are also the shapes of school years, form groups and codes ("Y10
SEN"), so they count only with a word about a vehicle just before them ("car",
"reg", "number plate", "van" …).
"""

from __future__ import annotations

import re

from deepdive.privacy import findings as conf

_CURRENT = re.compile(
    r"[A-HK-PR-WY][A-HJ-PR-Y](?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9]) ?[A-HJ-PR-Z]{3}"
    r"(?![A-Za-z0-9])"
)
_YEAR_LETTER = "[A-HJ-NPR-TV-Y]"  # never I, O, Q, U or Z
_PREFIX = re.compile(rf"{_YEAR_LETTER}[1-9][0-9]{{0,2}} ?[A-HJ-PR-Y]{{3}}(?![A-Za-z0-9])")
_SUFFIX = re.compile(rf"[A-HJ-PR-Y]{{3}} ?[1-9][0-9]{{0,2}}{_YEAR_LETTER}(?![A-Za-z0-9])")
_VEHICLE_CUE = re.compile(
    r"(?<![a-z])(?:cars?|vehicles?|reg|registration|vrm|plates?|vans?|motorbikes?|mopeds?|"
    r"scooters?|taxis?|lorry|lorries|drives?|driving|drove|driven|drivers?)(?![a-z])"
    r"[^.!?\n]{0,30}$"
)


def vehicle_at(folded: str, origin: int) -> tuple[int, float] | None:
    """The end and confidence of a number plate starting at ``origin`` (a word start),
    or None; the older formats count only after a word about a vehicle."""
    window = folded[origin : origin + 10]
    current = _CURRENT.match(window.upper())
    if current is not None and _same_case(window[: current.end()]):
        return origin + current.end(), conf.PATTERN
    older = _PREFIX.match(window) or _SUFFIX.match(window)
    if older is not None:
        before = folded[max(0, origin - 40) : origin].lower()
        if _VEHICLE_CUE.search(before) is not None:
            return origin + older.end(), conf.PATTERN
    return None


def _same_case(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return all(c.isupper() for c in letters) or all(c.islower() for c in letters)
