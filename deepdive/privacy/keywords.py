"""One Aho-Corasick automaton for every word-like thing the detector looks for.

It reads the folded, lower-cased text once, whatever the number of keys (a regular
expression with a thousand alternatives is several times slower), and holds:

- the registered text keys: names, aliases, addresses, other identifiers, and each
  registered date of birth in every common spelling;
- cue words: "DOB", "born", "date of birth"… (a date just after is a date of birth),
  and the names of case-management systems and ID words ("LCS", "Mosaic", "person
  ID"…; a record number just after is a case reference, see
  :mod:`deepdive.privacy.references`), and words about a vehicle ("car", "reg"; a
  number plate typed in lower case just after is one, see
  :mod:`deepdive.privacy.vehicles`);
- words that count only when written with a capital: registered names that are also
  everyday words ("Will", "Young"), street words ("Road", "Lane"…; a house number and
  capitalised words just before make an address) and the words that say what a place
  is ("School", "Surgery"; see :mod:`deepdive.privacy.organisations`). The thousands
  of lower-case "will", "young" and "way" in a long text are turned away by one
  comparison. A word name blocks where the words around it make it a name (see
  :func:`deepdive.privacy.word_names.word_name_confidence`) and otherwise asks.

A hit counts only as a whole word: not inside a longer word ("Ann" is not found in
"annual"), but possessives and hyphen or apostrophe neighbours are fine
("Jayden's", "Smith-Jones", "O'Neill"). Parts of one person's name separated only
by spaces and at most one line break join into one hit ("Jayden⏎Marsh"), and a
name hyphenated at a line end ("Jay-⏎den") is joined before it is looked up.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

import ahocorasick

from deepdive.privacy import findings as conf
from deepdive.privacy.datefinder import match_digit_led, match_month_led
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.folding import is_word_char
from deepdive.privacy.organisations import TYPE_WORDS
from deepdive.privacy.patterns import URL_MARKERS
from deepdive.privacy.references import SYSTEM_CUES, reference_after_cue
from deepdive.privacy.registry import IdentifierRegistry, KeyInfo
from deepdive.privacy.vehicles import VEHICLE_CUES, plate_after_cue
from deepdive.privacy.word_names import word_name_confidence
from deepdive.privacy.words import STREET_WORDS

DOB_CUES = ("dob", "d.o.b", "date of birth", "born", "birthday", "bday", "b'day")
_HYPHEN_BREAK = re.compile(r"-[ \t]*\r?\n[ \t]*")
_WORD_BEFORE = re.compile(r"[^\W\d_][\w'\-]*$")
_WORD_AFTER = re.compile(r"[^\W\d_][\w'\-]*")
# Between two parts of one name: spaces, and at most one line break.
_NAME_GAP = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*")
# What may sit between a date-of-birth cue and its date: "DOB: ", "born on the ".
_AFTER_CUE = re.compile(r"[\s:,.\-()]*(?:(?:was|is)\s+)?(?:on\s+)?(?:the\s+)?")
# Before a street word: house number and up to three capitalised words.
_ADDRESS_BEFORE = re.compile(
    r"(?<![A-Za-z0-9])(?:(?:[Ff]lat|[Aa]partment|[Uu]nit)\s+[0-9]{1,4}[A-Za-z]?,?\s+)?"
    r"[0-9]{1,4}[A-Za-z]?,?[ ]+(?:[A-Z][A-Za-z'\-]+[ ]+){1,3}$"
)

_CUE = "cue"
_REFERENCE = "reference"
_VEHICLE = "vehicle"
_STREET = "street"
_ORGANISATION = "organisation"

_URL = "url"
_HYPHEN = "hyphen"

# Street words short enough to be the start of many words ("St" in "still") are
# looked up with the character that ends them, so the automaton reports few hits.
_ABBREVIATIONS = frozenset(
    {"st", "rd", "ave", "ln", "cl", "dr", "pl", "ct", "sq", "tce", "cres", "gdns"}
)
# Brackets, quotes and Markdown marks become spaces in the text the automaton reads, so
# every key is looked up with a space (or, for names, a hyphen or apostrophe) before it:
# the automaton then reports only hits at the start of a word.
_TO_SPACE = str.maketrans({c: " " for c in '()[]{}<>"*_#|\n\t\r~`=+'})


@dataclass(frozen=True)
class KeywordScan:
    """What one walk of the automaton found: keyword hits in text order, where each
    URL marker is (marker, start), for :func:`patterns.scan_shapes`, and where each
    capitalised organisation type word is (start, end, key: "school", "home" …) for
    :mod:`deepdive.privacy.organisations`."""

    hits: list[KeywordHit]
    url_markers: list[tuple[str, int]]
    organisation_words: list[tuple[int, int, str]] = field(default_factory=list)


class KeywordHit(NamedTuple):
    """Something found through the automaton, at ``start:end`` of the text (a named
    tuple, quick to make: one is made for every hit)."""

    kind: FindingKind
    start: int
    end: int
    confidence: float
    info: KeyInfo | None = None  # set for registered identifiers


class KeywordMatcher:
    """Registered identifiers and cue words, found in folded, lower-cased text."""

    def __init__(self, registry: IdentifierRegistry) -> None:
        self._keys = registry.text_keys
        self._dates = registry.dates
        # word → (key, roles, suffix length, whether it counts only with a capital,
        # how far before the match's last character the key starts)
        entries: dict[str, tuple[str, tuple[str | None, ...], int, bool, int]] = {}

        def add(
            key: str,
            role: str | None,
            prefixes: str = " ",
            suffix: str = "",
            *,
            capital: bool = False,
        ) -> None:
            for prefix in prefixes:
                word = prefix + key + suffix
                existing = entries.get(word)
                offset = len(key) + len(suffix)
                if existing is None:
                    entries[word] = (key, (role,), len(suffix), capital, offset)
                elif role not in existing[1]:
                    # "green" is a street word and a registered surname: both roles, and
                    # a capital is needed only if every role needs one.
                    roles = (*existing[1], role)
                    entries[word] = (key, roles, len(suffix), existing[3] and capital, offset)

        for key, info in self._keys.items():
            name = info.kind is FindingKind.NAME
            add(key, None, " -'" if name else " ", capital=info.word_name or info.place_stem)
        for cue in DOB_CUES:
            add(cue, _CUE)
        for cue in SYSTEM_CUES:
            add(cue, _REFERENCE)
        for cue in VEHICLE_CUES:
            add(cue, _VEHICLE)
        for type_word in TYPE_WORDS:
            add(type_word, _ORGANISATION, capital=True)
        for street in STREET_WORDS:
            if street in _ABBREVIATIONS:
                for end in " .,;":
                    add(street, _STREET, suffix=end, capital=True)
            else:
                add(street, _STREET, capital=True)
        automaton = ahocorasick.Automaton()
        for word, value in entries.items():
            automaton.add_word(word, value)
        # The URL markers ride along this one walk, so the text is not searched again
        # for each of them (see patterns.scan_shapes).
        for marker in URL_MARKERS:
            automaton.add_word(marker, (marker, (_URL,), 0, False, len(marker)))
        # A hyphen before a line break reads "- " here (line breaks become spaces); the
        # few hits are checked against the text for a real break ("Jay-⏎den").
        automaton.add_word("- ", ("-", (_HYPHEN,), 1, False, 2))
        automaton.make_automaton()
        self._automaton = automaton

    def find(self, low: str, folded: str) -> list[KeywordHit]:
        """Every hit, registered identifiers joined across line breaks, in text order."""
        return self.scan(low, folded).hits

    def scan(self, low: str, folded: str) -> KeywordScan:
        """:meth:`find`'s hits, and where the URL markers are, from one walk."""
        if not low:
            return KeywordScan([], [])
        registered: list[KeywordHit] = []
        others: list[KeywordHit] = []
        hyphens: list[int] = []
        url_markers: list[tuple[str, int]] = []
        organisation_words: list[tuple[int, int, str]] = []
        for hit in self._whole_word_hits(low, folded, hyphens, url_markers, organisation_words):
            (registered if hit.info is not None else others).append(hit)
        registered.extend(self._hyphenated_at_line_end(low, folded, hyphens))
        joined = _join_split_names(_longest_first(registered), low)
        return KeywordScan(
            sorted([*joined, *others], key=lambda h: h.start), url_markers, organisation_words
        )

    def _whole_word_hits(
        self,
        low: str,
        folded: str,
        hyphens: list[int],
        url_markers: list[tuple[str, int]],
        organisation_words: list[tuple[int, int, str]],
    ) -> Iterator[KeywordHit]:
        """Whole-word hits; fills ``hyphens`` (a hyphen before white space),
        ``url_markers`` and ``organisation_words`` on the way."""
        size = len(low)
        # One leading space, so a key at the very start is preceded by one too; index
        # i of ``scan`` is index i - 1 of ``low``.
        scan = " " + low.translate(_TO_SPACE)
        for last, (key, roles, suffix, capital, offset) in self._automaton.iter(scan):
            # Most hits of a long text are everyday words in lower case ("will",
            # "young", "way"): the first test turns them away (a key's first letter is
            # ASCII, and small letters sort after capitals).
            if capital and folded[last - offset] >= "a":
                continue
            end = last - suffix
            start = last - offset
            first = roles[0]
            if first == _HYPHEN:
                hyphens.append(start)
                continue
            if first == _URL:
                url_markers.append((key, start))
                continue
            if end < size and is_word_char(low[end]):
                continue
            if end < size and key[-1].isdigit() and low[end].isdigit():
                continue
            for role in roles:
                hit = self._role_hit(role, key, low, folded, start, end, organisation_words)
                if hit is not None:
                    yield hit

    def _role_hit(
        self,
        role: str | None,
        key: str,
        low: str,
        folded: str,
        start: int,
        end: int,
        organisation_words: list[tuple[int, int, str]],
    ) -> KeywordHit | None:
        """What the whole word ``key`` at ``start:end`` finds in one of its roles: a
        registered name, a street ending, a reference or date after its cue word, a
        number plate (organisation words are gathered, not found, here)."""
        if role is None:
            info = self._keys[key]
            if (info.word_name or info.place_stem) and not folded[start].isupper():
                return None  # shared with a cue word that needs no capital
            if not info.word_name:
                return KeywordHit(info.kind, start, end, conf.REGISTERED, info)
            confidence = word_name_confidence(folded, start, end, info, self._keys)
            return (
                None if confidence is None else KeywordHit(info.kind, start, end, confidence, info)
            )
        if role == _STREET:
            return _address_ending(folded, start, end) if folded[start].isupper() else None
        if role == _ORGANISATION:
            if folded[start].isupper():
                organisation_words.append((start, end, key))
            return None
        if role == _REFERENCE:
            number = reference_after_cue(low, folded, start, end)
            return (
                None
                if number is None
                else KeywordHit(FindingKind.CASE_REFERENCE, *number, conf.PATTERN)
            )
        if role == _CUE:
            return self._date_after_cue(low, folded, end)
        if role == _VEHICLE:
            plate = plate_after_cue(folded, end)
            return None if plate is None else KeywordHit(FindingKind.VEHICLE, *plate, conf.PATTERN)
        return None

    def _date_after_cue(self, low: str, folded: str, cue_end: int) -> KeywordHit | None:
        gap = _AFTER_CUE.match(low, cue_end, cue_end + 24)
        position = gap.end() if gap is not None else cue_end
        if position >= len(folded):
            return None
        found = (
            match_digit_led(folded, position)
            if folded[position].isdigit()
            else match_month_led(folded, position)
        )
        if found is None:
            return None
        match, value = found
        info = self._dates.get(value)
        if info is not None:
            return KeywordHit(
                FindingKind.DATE_OF_BIRTH, match.start(), match.end(), conf.REGISTERED, info
            )
        return KeywordHit(
            FindingKind.DATE_OF_BIRTH, match.start(), match.end(), conf.STRONG_PATTERN
        )

    def _hyphenated_at_line_end(
        self, low: str, folded: str, hyphens: list[int]
    ) -> list[KeywordHit]:
        """Registered names hyphenated at a line end; ``hyphens``: where a hyphen
        stands before white space (every line-end hyphen is one of them)."""
        hits: list[KeywordHit] = []
        for position in hyphens:
            gap = _HYPHEN_BREAK.match(low, position)
            if gap is None:
                continue
            before = _WORD_BEFORE.search(low, max(0, gap.start() - 40), gap.start())
            after = _WORD_AFTER.match(low, gap.end())
            if before is None or after is None:
                continue
            for joined in (before.group() + after.group(), f"{before.group()}-{after.group()}"):
                info = self._keys.get(joined)
                if info is None or (info.word_name and not folded[before.start()].isupper()):
                    continue
                hits.append(
                    KeywordHit(info.kind, before.start(), after.end(), conf.REGISTERED, info)
                )
                break
        return hits


def _address_ending(folded: str, start: int, end: int) -> KeywordHit | None:
    """ "14 Acacia Avenue": a house number and capitalised words before the street word."""
    before = _ADDRESS_BEFORE.search(folded, max(0, start - 60), start)
    if before is None:
        return None
    number = before.group().split()[0].rstrip(",")
    if len(number) == 4 and number[:2] in ("19", "20") and number.isdigit():
        return None  # "In 2016 Park Lane…" starts with a year, not a house number
    if end < len(folded) and folded[end] == ".":
        end += 1 if folded[start:end] in ("St", "Rd", "Ave", "Cres", "Gdns", "Sq", "Tce") else 0
    return KeywordHit(FindingKind.ADDRESS, before.start(), end, conf.PATTERN)


def _longest_first(hits: list[KeywordHit]) -> list[KeywordHit]:
    """Overlapping hits reduced to the longest (leftmost on ties), in text order."""
    kept: list[KeywordHit] = []
    for hit in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _join_split_names(hits: list[KeywordHit], low: str) -> list[KeywordHit]:
    """Parts of one person's name separated only by spaces or a line break, as one hit."""
    joined: list[KeywordHit] = []
    for hit in hits:
        if joined:
            previous = joined[-1]
            same_person = (
                previous.info is not None
                and hit.info is not None
                and previous.info.pseudonym == hit.info.pseudonym
                and previous.info.case_code == hit.info.case_code
                and previous.kind is hit.kind is FindingKind.NAME
            )
            if (
                same_person
                and hit.start > previous.end
                and _NAME_GAP.fullmatch(low, previous.end, hit.start)
            ):
                joined[-1] = KeywordHit(
                    previous.kind, previous.start, hit.end, previous.confidence, previous.info
                )
                continue
        joined.append(hit)
    return joined
