"""Judging a registered name that is also an everyday word ("Young", "Will", "Hope",
"White") by the words around it: the person, the word, or a question for the user."""

from __future__ import annotations

import re

from deepdive.privacy import findings as conf
from deepdive.privacy.findings import FindingKind
from deepdive.privacy.registry import KeyInfo
from deepdive.privacy.words import (
    COMMON_WORDS,
    HONORIFICS,
    KNOWN_PHRASES,
    MODAL_WORD_NAMES,
    PHRASE_FOLLOWERS,
    QUESTION_FOLLOWERS,
)

# The word after a word name, on the same line or the next.
_NEXT_WORD = re.compile(r"[ \t]*(?:\r?\n)?[ \t]*(?<=\s)([^\W\d_][\w'\-]*)")
# Asking, not blocking: a registered word name where nothing says it is the person.
WORD_NAME_ASKS = 0.5


def word_name_confidence(
    folded: str, start: int, end: int, info: KeyInfo, keys: dict[str, KeyInfo]
) -> float | None:
    """A registered everyday-word name ("Young", "Will", "Hope") judged by the words
    around it: as a possessive, after a title or beside another registered name it
    blocks; in a phrase ("Young Person A", "young people", "White British", "Burger
    King") or a question ("Will the plan work?") it is the word (None); otherwise it
    asks. A name that is nearly always the person when capitalised ("Lee") blocks in
    the middle of a sentence."""
    if folded.startswith("'s", end) and not folded[end + 2 : end + 3].isalpha():
        return conf.REGISTERED  # "Will's mum"
    following = _NEXT_WORD.match(folded, end)
    after = following.group(1) if following is not None else ""
    after_lower = after.lower()
    if after_lower in keys and _is_name_key(after_lower, keys):
        return conf.REGISTERED  # "Hope Marsh"
    if after_lower in PHRASE_FOLLOWERS or (after[:1].isupper() and after_lower in COMMON_WORDS):
        return None  # "Young Person A", "young people", "White British", "Price Review"
    before = folded[max(0, start - 24) : start].rstrip(" \t")
    previous = before.rstrip(".").rsplit(None, 1)[-1].lower() if before else ""
    if previous in HONORIFICS:
        return conf.REGISTERED  # "Mrs Price", "Dr. Price"
    word = folded[start:end].lower()
    if not before or before[-1] in ".!?:\n\"'(":  # the start of a sentence
        if word in MODAL_WORD_NAMES and after_lower in QUESTION_FOLLOWERS:
            return None  # "Will the plan work?"
        return WORD_NAME_ASKS
    if before[-1].isalpha() and _is_name_key(previous, keys):
        return conf.REGISTERED  # "Kerry Young"
    if f"{word} {after_lower}" in KNOWN_PHRASES or f"{previous} {word}" in KNOWN_PHRASES:
        return None  # "Burger King"
    return WORD_NAME_ASKS if info.needs_context else conf.REGISTERED


def _is_name_key(word: str, keys: dict[str, KeyInfo]) -> bool:
    info = keys.get(word) or keys.get(word.removesuffix("'s"))
    return info is not None and info.kind is FindingKind.NAME
