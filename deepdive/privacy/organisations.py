"""Names of the places that identify a child: schools, academies, colleges, nurseries,
GP surgeries, medical and health centres, children's homes.

"Newfield Secondary School", "Heeley Green Surgery", "Oakwood Children's Home" and
"St Mary's C of E Primary" each narrow a young person down to a few hundred people.
They are found from the word that says what the place is ("School", "Surgery",
"Children's Home"; the detector's automaton finds those, capitalised) and the
capitalised words just before it, of which at least one must be more than a generic
word: "the school", "a GP surgery", "his secondary school", "Primary School" and "The
Health Centre" are not names. An unregistered one is a possible identifier that asks;
a registered one (an "other identifier" in the key vault, or a names-file line) blocks,
and so does another mention of it ("Newfield School" for "Newfield Secondary School")
or its name without the words that say what it is ("Newfield", "St Mary's"; see
:func:`place_stem`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

from deepdive.privacy.words import COMMON_WORDS, MONTHS, PLACES, WORD_NAMES

# The word that says what the place is, and the word that must come just before it
# when it is too general alone ("Centre" only as "Health Centre", "Home" only as
# "Children's Home"); None: it names a place on its own.
TYPE_WORDS: dict[str, frozenset[str] | None] = {
    "school": None,
    "academy": None,
    "college": None,
    "nursery": None,
    "preschool": None,
    "surgery": None,
    "primary": None,
    "infants": None,
    "juniors": None,
    "centre": frozenset({"medical", "health", "children's", "childrens", "family", "wellbeing"}),
    "center": frozenset({"medical", "health", "children's", "childrens", "family"}),
    "home": frozenset({"children's", "childrens", "residential"}),
    "practice": frozenset({"medical", "health", "family", "gp", "group"}),
}

# Words that describe a kind of place rather than name one.
_GENERIC = frozenset(
    str.split(
        """
        primary secondary junior juniors infant infants nursery high grammar comprehensive
        special independent free faith boarding residential secure private community
        village virtual forest sunday studio hospital catholic church england c e ce rc
        cofe methodist anglican trust mainstream alternative pupil referral unit sixth form
        further education day medical health dental gp doctors doctor's family children's
        childrens care new old local specialist st saint today yesterday tomorrow then now
        meanwhile also however when while after before during school schools academy
        college surgery centre center home practice preschool pre-school upper lower middle
        infant's boys girls boys' girls' mixed the a an his her their our my this that
        """
    )
)
# Words that start a sentence before a name rather than start the name: "At Newfield
# Primary", "From Oakwood Children's Home".
_BEFORE_NAME = frozenset(
    str.split(
        """
        at in on to from into onto and but or for with by about after before when while
        then also however meanwhile today yesterday now this that his her their our my
        we they he she it as if so
        """
    )
)
# Small words inside a name: "Church of England", "Bishop of Hereford's".
_CONNECTORS = frozenset({"of", "the", "and", "&", "de", "la", "le", "upon", "on", "in"})
# The name is the words back to the last punctuation or line break before it (the
# greedy start makes the engine try the boundary from the end, in one pass).
_LAST_BOUNDARY = re.compile(r".*[.!?;:,()\[\]{}\"\n\t|*#>]", re.DOTALL)
_LOOK_BACK = 80
_MOST_WORDS = 7


class OrganisationHit(NamedTuple):
    """A possible organisation name at ``start:end``; ``words``: its distinctive words
    ("newfield" in "Newfield Secondary School"), lower case."""

    start: int
    end: int
    words: tuple[str, ...] = ()


class OrganisationFinder:
    """Finds organisation names around type words; ``safe_words`` (pseudonyms and the
    workspace's agencies) never make a name distinctive."""

    def __init__(self, safe_words: Iterable[str] = ()) -> None:
        safe = {" ".join(w.split()).lower() for w in safe_words if w.strip()}
        self._safe_phrases = frozenset(safe)
        self._plain = frozenset(
            _GENERIC | COMMON_WORDS | MONTHS.keys() | {p for s in safe for p in s.split()}
        )

    def find(
        self, folded: str, type_words: Iterable[tuple[int, int, str]]
    ) -> list[OrganisationHit]:
        """Organisation names ending at the type words found (start, end, key), in text
        order, overlapping ones reduced to the longest."""
        hits: list[OrganisationHit] = []
        for start, end, key in type_words:
            hit = self._name_ending(folded, start, end, key)
            if hit is None:
                continue
            while hits and hits[-1].end > hit.start and hits[-1].start >= hit.start:
                hits.pop()  # "St Mary's Primary" inside "St Mary's Primary School"
            if hits and hits[-1].end > hit.start:
                continue
            hits.append(hit)
        return hits

    def _name_ending(self, folded: str, start: int, end: int, key: str) -> OrganisationHit | None:
        if start < 2 or folded[start - 1] != " " or not folded[start - 2].isalpha():
            return None  # "School reported …" at a sentence start: nothing before it
        chunk = folded[max(0, start - _LOOK_BACK) : start]
        boundary = _LAST_BOUNDARY.match(chunk)
        if boundary is not None:
            chunk = chunk[boundary.end() :]
        words = chunk.split(" ")[:-1]  # the last piece is the "" before the type word
        words.reverse()
        position = start - 1  # the space before the type word
        required = TYPE_WORDS.get(key)
        if required is not None:
            if not words or words[0].lower() not in required:
                return None
            position -= len(words[0]) + 1
            words = words[1:]
        name_start = None
        distinctive: list[str] = []
        for word in words[:_MOST_WORDS]:
            if not word:
                break
            lower = word.lower()
            if word[0].isupper():
                name_start = position - len(word)
                if lower not in self._plain and lower.removesuffix("'s") not in self._plain:
                    distinctive.append(lower)
            elif lower not in _CONNECTORS:
                break
            position -= len(word) + 1
        if name_start is None:
            return None
        head = folded[name_start:start].split(" ")
        while len(head) > 2 and head[0].lower() in _BEFORE_NAME:
            name_start += len(head[0]) + 1
            head.pop(0)
        if not distinctive:
            return None
        if folded[name_start:end].lower() in self._safe_phrases:
            return None
        return OrganisationHit(name_start, end, tuple(distinctive))


# Words that say what kind of place it is, kept in its generic wording ("the secondary
# school"), and type words that read better with a noun ("the primary school").
_KIND_WORDS = frozenset(
    str.split(
        """
        primary secondary junior infant nursery high grammar special medical health
        children's childrens family residential gp
        """
    )
)
_AS_NOUN = {"primary": "primary school", "infants": "infant school", "juniors": "junior school"}


def generic_wording(name: str) -> str:
    """What a place's name becomes when it must not be named: its kind, as a reader
    would say it ("Newfield Secondary School" → "the secondary school", "Heeley Green
    Surgery" → "the surgery", "Oakwood Children's Home" → "the children's home")."""
    words = name.lower().replace("’", "'").split()
    if not words:
        return name
    kind = [_AS_NOUN.get(words[-1], words[-1])]
    for word in reversed(words[:-1]):
        if word not in _KIND_WORDS:
            break
        kind.insert(0, word)
    return "the " + " ".join(kind)


def looks_like_organisation(name: str) -> bool:
    """Whether a registered "name" is a place ("Newfield Academy", "Oakwood Children's
    Home"): it is then looked for as a whole, not word by word."""
    words = name.lower().split()
    if len(words) < 2:
        return False
    last = words[-1].removesuffix("'s")
    if last not in TYPE_WORDS:
        return False
    required = TYPE_WORDS[last]
    return required is None or words[-2] in required


def distinctive_words(name: str) -> list[str]:
    """The words of a place's name that are more than generic ("newfield" in "Newfield
    Secondary School"): another mention with one of them ("Newfield School") is the
    same place."""
    plain = _GENERIC | COMMON_WORDS | MONTHS.keys()
    words = [w.strip(",.()").lower() for w in name.split()]
    return [w for w in words if w and w not in plain and w.removesuffix("'s") not in plain]


def place_stem(name: str) -> str | None:
    """A place's name without the words that say what it is: "Newfield" for "Newfield
    Secondary School", "St Mary's" for "St Mary's C of E Primary", "Heeley Green" for
    "Heeley Green Surgery". Notes name a school so ("excluded from Newfield"), and a
    registered one mentioned so is the same place.

    None where that would be too broad to stand for the place: nothing distinctive is
    left ("Secondary School"), or one word that is an everyday word, a word name or a
    town ("Hope Academy", "Park School", "Rotherham College" leave "Hope", "Park",
    "Rotherham", which notes use for other things).
    """
    if not looks_like_organisation(name):
        return None
    words = name.replace("’", "'").split()[:-1]  # without the type word
    while words and (words[-1].lower().strip(",.") in _GENERIC or words[-1].lower() in _CONNECTORS):
        words.pop()  # "Secondary", "C of E", "Children's"
    while words and words[0].lower() in ("the", "a", "an"):
        words.pop(0)
    if not words or not distinctive_words(" ".join(words)):
        return None
    if len(words) == 1:
        word = words[0].lower().removesuffix("'s")
        if word in COMMON_WORDS or word in WORD_NAMES or word in PLACES or word in MONTHS:
            return None
    return " ".join(words)
