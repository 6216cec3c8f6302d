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
"reg", "number plate", "van" …). So does a current plate typed in lower case with a
space ("car reg yx19 kzt"): without the cue, "ls12 and" would be a postcode district
and a word. (The detector's automaton finds the cue words; :func:`plate_after_cue`
looks just after them.)
"""

from __future__ import annotations

import re

from deepdive.privacy import findings as conf
from deepdive.privacy.words import COMMON_WORDS

_CURRENT = re.compile(
    r"[A-HK-PR-WY][A-HJ-PR-Y](?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9]) ?[A-HJ-PR-Z]{3}"
    r"(?![A-Za-z0-9])"
)
_YEAR_LETTER = "[A-HJ-NPR-TV-Y]"  # never I, O, Q, U or Z
_PREFIX = re.compile(rf"{_YEAR_LETTER}[1-9][0-9]{{0,2}} ?[A-HJ-PR-Y]{{3}}(?![A-Za-z0-9])")
_SUFFIX = re.compile(rf"[A-HJ-PR-Y]{{3}} ?[1-9][0-9]{{0,2}}{_YEAR_LETTER}(?![A-Za-z0-9])")
# Words about a vehicle, lower case (for the automaton, which reads lower case).
VEHICLE_CUES = tuple(
    str.split(
        """
        car cars vehicle vehicles reg registration vrm plate plates van vans motorbike
        motorbikes moped mopeds scooter scooters taxi taxis lorry lorries drive drives
        driving drove driven driver drivers
        """
    )
)
_VEHICLE_CUE = re.compile(rf"(?<![a-z])(?:{'|'.join(VEHICLE_CUES)})(?![a-z])[^.!?\n]{{0,30}}$")
# A current plate in lower case, with its space, somewhere in the rest of the sentence.
_LOWER_CURRENT = re.compile(
    r"(?<![a-z0-9])[a-hk-pr-wy][a-hj-pr-y](?:0[2-9]|[12][0-9]|5[1-9]|[67][0-9]) "
    r"([a-hj-pr-z]{3})(?![A-Za-z0-9])"
)
_SENTENCE_GAP = re.compile(r"[^.!?\n]{0,30}")


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


def plate_after_cue(folded: str, cue_end: int) -> tuple[int, int] | None:
    """Where a current plate typed in lower case with its space ("yx19 kzt") is, when
    it starts within 30 characters of the sentence after a vehicle word ending at
    ``cue_end``."""
    gap = _SENTENCE_GAP.match(folded, cue_end)
    last_start = gap.end() if gap is not None else cue_end
    # A plate is 8 characters; one more lets the look-ahead see what follows it.
    for plate in _LOWER_CURRENT.finditer(folded, cue_end, last_start + 9):
        if plate.start() > last_start:
            break
        if plate.group(1) not in COMMON_WORDS:  # "ls12 and": a district and a word
            return plate.start(), plate.end()
    return None
