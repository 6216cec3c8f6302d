"""Reference numbers of the case-management systems councils keep children's records in.

A record number ("LCS 2048817", "Mosaic ID: 456123") leads straight to the child's
file, so it must not leave the machine. Two sources:

- built in: a number of at least five digits (perhaps after up to three letters, and
  with "/" or "-" groups, as police crime numbers have) just after the name of a
  system councils use for children's or adults' records: Liquidlogic's LCS, ICS and
  EHM (Early Help Module), Mosaic, Eclipse and CareFirst (OLM), Azeus Care,
  Frameworki; or after "person ID", "client ID", "child ID", "crime reference" and the
  like. The cue words are found in the detector's one automaton walk.
- per workspace: regular expressions a team adds for its own system's numbers (see
  :mod:`deepdive.services.reference_patterns`), checked here when they are saved so that
  a pattern can neither fail to compile nor take forever on some text.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Iterator
from typing import Any

from deepdive.errors import DeepDiveError

# Python's own parser for regular expressions (the parse tree shows the repeats and
# alternatives that can make matching take forever); it has no type stubs.
sre_parse: Any = importlib.import_module("re._parser")

# Names of the systems, as notes write them, and the generic cues (lower case: the
# automaton reads lower case). A generic word alone ("person") is far too common to
# look at, so those cues are pairs ("person id").
_SYSTEMS = (
    "lcs",
    "liquidlogic",
    "liquid logic",
    "ics",
    "ehm",
    "mosaic",
    "eclipse",
    "carefirst",
    "care first",
    "azeus",
    "frameworki",
    "framework-i",
)
_ID_WORDS = ("id", "no", "num", "number", "ref", "reference")
SYSTEM_CUES = (
    *_SYSTEMS,
    *(f"{who} {word}" for who in ("person", "client", "child", "crime") for word in _ID_WORDS),
)
# After a cue: perhaps "ID", "no.", "number", "ref" … then the number.
_AFTER_CUE = re.compile(
    r"\)?(?:[ \t]+(?:(?:person|client|child|case|record|care)[ \t]+)?"
    r"(?:id|no|num|number|ref|reference)(?![a-z])\.?)?[ \t]*[:#]?[ \t]*"
)
_NUMBER = re.compile(r"(?:[A-Za-z]{1,3}[-/]?)?[0-9]{5,12}(?:[-/][0-9]{1,8})*(?![A-Za-z0-9])")
_CRIME_NUMBER = re.compile(r"[0-9]{1,4}/[0-9]{3,8}/[0-9]{2,4}(?![A-Za-z0-9])")

# What a configured pattern may be: long enough to be specific, short enough to read.
MAX_PATTERN_LENGTH = 200
MIN_MATCH_LENGTH = 4


class ReferencePatternError(DeepDiveError):
    """A configured reference pattern that cannot be used; the message says why."""


def reference_after_cue(
    low: str, folded: str, cue_start: int, cue_end: int
) -> tuple[int, int] | None:
    """Where the reference number after a system name or ID cue is ("LCS 2048817"), or
    the reference that starts with the system's name ("LCS-2048817"), if there is one."""
    if low[cue_end : cue_end + 1] in ("-", "/") or low[cue_end : cue_end + 1].isdigit():
        joined = _NUMBER.match(folded, cue_start)
        if joined is not None:
            return joined.start(), joined.end()
    gap = _AFTER_CUE.match(low, cue_end)
    position = gap.end() if gap is not None else cue_end
    number = _NUMBER.match(folded, position) or _CRIME_NUMBER.match(folded, position)
    if number is None:
        return None
    return number.start(), number.end()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A configured pattern, compiled; :class:`ReferencePatternError` says what is wrong
    with one that is empty, too long, malformed, too broad or can take forever."""
    text = pattern.strip()
    if not text:
        raise ReferencePatternError("A reference pattern cannot be empty.")
    if len(text) > MAX_PATTERN_LENGTH:
        raise ReferencePatternError(
            f"The reference pattern is {len(text)} characters long; keep it under "
            f"{MAX_PATTERN_LENGTH}."
        )
    try:
        compiled = re.compile(text)
        tree: Any = sre_parse.parse(text)
    except re.error as exc:
        where = f" at character {exc.pos + 1}" if exc.pos is not None else ""
        raise ReferencePatternError(
            f"The reference pattern “{text}” is not a valid regular expression{where}: {exc.msg}."
        ) from None
    if tree.getwidth()[0] < MIN_MATCH_LENGTH:
        raise ReferencePatternError(
            f"The reference pattern “{text}” can match fewer than {MIN_MATCH_LENGTH} "
            "characters, so it would flag ordinary text; make it more specific (for "
            r"example LCS\d{7})."
        )
    problem = _slow_construct(tree.data, inside_repeat=False)
    if problem is not None:
        raise ReferencePatternError(
            f"The reference pattern “{text}” has {problem}, which can make checking some "
            r"texts take forever; write it without (for example \d{3}-\d{4} rather than "
            r"(\d+-?)+)."
        )
    return compiled


def _slow_construct(items: Iterable[tuple[Any, Any]], *, inside_repeat: bool) -> str | None:
    """What in a parsed pattern can backtrack without end: a repeat of variable length
    inside another repeat, an alternative or a back-reference inside a repeat."""
    for op, value in items:
        name = str(op)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, body = value
            repeats = high is sre_parse.MAXREPEAT or high > 1
            if inside_repeat and repeats and low != high:
                return "a repeat inside a repeat"
            found = _slow_construct(body, inside_repeat=inside_repeat or repeats)
            if found is not None:
                return found
        elif name == "BRANCH":
            if inside_repeat:
                return "alternatives inside a repeat"
            for branch in value[1]:
                found = _slow_construct(branch, inside_repeat=inside_repeat)
                if found is not None:
                    return found
        elif name in ("GROUPREF", "GROUPREF_EXISTS"):
            return "a back-reference"
        elif name == "SUBPATTERN":
            found = _slow_construct(value[-1], inside_repeat=inside_repeat)
            if found is not None:
                return found
        elif name in ("ASSERT", "ASSERT_NOT", "ATOMIC_GROUP"):
            body = value[-1] if name != "ATOMIC_GROUP" else value
            found = _slow_construct(body, inside_repeat=inside_repeat)
            if found is not None:
                return found
    return None


def configured_hits(folded: str, patterns: Iterable[re.Pattern[str]]) -> Iterator[tuple[int, int]]:
    """Where each configured pattern matches ``folded``."""
    for pattern in patterns:
        for match in pattern.finditer(folded):
            if match.end() > match.start():
                yield match.start(), match.end()
