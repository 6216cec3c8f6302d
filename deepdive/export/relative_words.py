"""How a date written in free text reads once a relative export has made it an age.

The presenter (:class:`~deepdive.export.dates.DatePresenter`) works out the age; this
module fits it into the sentence so that it still reads as English:

- after "in", "on" or "during": "in September 2019" → "at age 15y 4m";
- after "about" and its kin: "about 2013" → "about age 9";
- written "mid-2016", "early 2016" or "pre-2016": "about age 12", "before about age 12";
- after a time of the school year or a holiday, the age follows it in brackets: "in
  the summer term 2016" → "in the summer term (about age 12)", "Easter 2016" → "Easter
  (about age 12)";
- used as an adjective after "the", "a", "her", "Jay's" and the like, the date moves
  behind the words it describes: "the 2018 assessment" → "the assessment (at about age
  14)", "the 2016 strategy meeting was held" → "the strategy meeting (at about age 12)
  was held";
- anywhere else it stands where the date stood: "from 26 February 2018" → "from age 13y
  9m".
"""

from __future__ import annotations

import re
from collections.abc import Callable

from deepdive.export.textdates import TextDate

NOT_SHOWN = "(date not shown)"
_LOOK_BACK = 40
_PREFIX = re.compile(
    r"(?P<prep>(?<![A-Za-z])(?:in|on|during)[ ]+)?"
    r"(?P<approx>(?<![A-Za-z])(?:about|around|circa|approx\.?|approximately|c\.|ca\.)[ ]*)?$",
    re.IGNORECASE,
)
# "mid-2016" or, as records also write it, "early 2016": the word goes with the date.
_HYPHENED = re.compile(r"(?<![A-Za-z])(?P<h>mid|early|late|pre|post)(?:-|[ ]+)$", re.IGNORECASE)
_HYPHENED_AS = {"mid": "", "early": "", "late": "", "pre": "before ", "post": "after "}
# A time of the school or holiday year named before the year keeps its name, the age
# after it: "the summer term 2016" → "the summer term (about age 12)".
_NAMED_TIME = re.compile(
    r"(?<![A-Za-z])(?:(?:autumn|spring|summer)[ ]+term|easter(?:[ ]+holidays?)?"
    r"|summer[ ]+holidays?|christmas|half[ -]term)[ ]+$",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?:the|a|an|this|that|his|her|their|its|our|my|your|[A-Za-z]+['’]s)[ ]+$",
    re.IGNORECASE,
)
# A word that can be part of a noun: lower case, or an acronym ("EHCP", "CAMHS").
_WORD = re.compile(r"[ ]+([a-z][a-z'’-]*|[A-Z][A-Z0-9]+s?)(?![A-Za-z0-9])")
_MOST_WORDS = 4
# Words that cannot be part of the noun a date describes: the noun ends before them.
_NOT_IN_A_NOUN = """
is are was were be been being has have had will would could should may might must
can cannot did does do and or but nor so then yet in on at for with without to of by
from about into onto after before since until till during over under between through
throughout that which who whom whose where when while because as than not also again
still now only just went took made gave saw began came got left set put met kept
held heard told thought felt became brought said says shows found sent led ran
"""
_ENDS_PHRASE = frozenset(_NOT_IN_A_NOUN.split())


def relative_words(
    text: str, item: TextDate, position: int, value: Callable[[bool], str]
) -> tuple[int, int, str]:
    """The stretch of ``text`` to replace for the date ``item`` (never before
    ``position``, where the last replacement ended) and what replaces it. ``value``
    gives the age for the date (True: it is "about" that date)."""
    window = max(position, item.start - _LOOK_BACK)
    if _NAMED_TIME.search(text, window, item.start):
        shown = value(True)
        return item.start, item.end, shown if shown == NOT_SHOWN else f"({shown})"
    hyphened = _HYPHENED.search(text, window, item.start)
    if hyphened is not None:
        shown = _HYPHENED_AS[hyphened["h"].lower()] + value(True)
        return hyphened.start(), item.end, _like(hyphened["h"], shown)
    prefix = _PREFIX.search(text, window, item.start)
    approximate = prefix is not None and prefix["approx"] is not None
    start = prefix.start("approx") if approximate and prefix is not None else item.start
    shown = value(approximate)
    if prefix is not None and prefix["prep"] is not None:
        start = prefix.start("prep")
        if not (shown.startswith("before") or shown == NOT_SHOWN):
            shown = f"at {shown}"
        return start, item.end, _like(prefix["prep"], shown)
    if _DETERMINER_BEFORE.search(text, window, start):
        end = _described_end(text, item.end)
        if end is not None:
            words = text[item.end : end].strip()
            when = shown if shown == NOT_SHOWN or shown.startswith("before") else f"at {shown}"
            return start, end, f"{words} ({when.strip('()')})"
    if approximate and prefix is not None:
        return start, item.end, _like(prefix["approx"], shown)
    return start, item.end, shown


def _described_end(text: str, at: int) -> int | None:
    """Where the words a date describes end ("2018 [child protection conference] was
    held"): before punctuation, the end of the text or a word that cannot be part of a
    noun (a verb, a preposition: ``_ENDS_PHRASE``, or a word ending in "ed"). When no
    such end comes within a few words, the one word after the date (None: no word)."""
    ends: list[int] = []
    position = at
    while len(ends) < _MOST_WORDS:
        word = _WORD.match(text, position)
        if word is None or (ends and _ends_phrase(word[1])) or word[1] in _ENDS_PHRASE:
            break
        position = word.end()
        ends.append(position)
    if not ends:
        return None
    following = _WORD.match(text, position)
    if following is None or _ends_phrase(following[1]):
        return position
    return ends[0]


def _ends_phrase(word: str) -> bool:
    return word in _ENDS_PHRASE or (len(word) > 3 and word.endswith("ed"))


def _like(written: str, shown: str) -> str:
    """``shown`` with a capital when the words it replaces had one (a sentence's start)."""
    return shown[:1].upper() + shown[1:] if written[:1].isupper() else shown
