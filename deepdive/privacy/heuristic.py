"""A guess at names nobody registered: capitalised words where a sentence does not start.

It flags, with low confidence, a capitalised word (or run of them) that is not at the
start of a sentence, line or list item, not an everyday word, not a known agency,
service or place, not a pseudonym of the workspace, and not in a heading. A title
("Mr", "Ms", "Dr") in front makes a name more likely. These findings are only
shown: never changed automatically, and they ask for confirmation on export rather
than block it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from deepdive.privacy import findings as conf
from deepdive.privacy.words import COMMON_WORDS, HONORIFICS, KNOWN_PHRASES, PLACES

# What ends a sentence or starts a field: the middle dot joins the parts of a label
# ("1 · 14 Mar 2016 · Started at college"), as a bullet or a bar does.
_SENTENCE_END = frozenset(".!?:;\"'([{*#>•·-|")
# A capitalised word: "Kayleigh", "McDonald", "O'Neill", "Smith-Jones". Not ALL CAPS,
# and not the tail of a longer word ("SENCo", "iPad"). The look-behinds sit after the
# first letter, where they cost nothing until a capital is found; the second skips
# words straight after ". " cheaply. The runs of small letters are possessive: giving
# one back could never end a word there, so the engine need not try.
_CAPITALISED = re.compile(
    r"[A-Z](?<![A-Za-z0-9][A-Z])(?<![.!?] [A-Z])(?:'[A-Z])?[a-z]++(?:[A-Z][a-z]++)?"
    r"(?:-[A-Z][a-z]++)*(?![A-Za-z0-9])"
)
# Up to this many different unknown words are each found by a plain substring search.
_FIND_EACH_LIMIT = 12
_TITLE_SMALL_WORDS = frozenset({"of", "the", "and", "a", "an", "in", "for", "to", "on", "at"})
_LIST_MARKER = re.compile(r"\s*(?:[-*+•>#]+|\d+[.)]|[a-z][.)])?\s*$")


@dataclass(frozen=True)
class NameGuess:
    """A run of capitalised words that may be a person's name."""

    start: int
    end: int
    confidence: float


class NameHeuristic:
    """Guesses unregistered names; ``safe_words`` are pseudonyms and agency names."""

    def __init__(self, safe_words: Iterable[str] = (), registered: Iterable[str] = ()) -> None:
        """``registered``: folded lower-case words the registry matches already."""
        safe = {" ".join(w.split()).lower() for w in safe_words if w.strip()}
        self._safe_phrases = frozenset(safe | KNOWN_PHRASES | PLACES)
        self._safe_words = frozenset(
            COMMON_WORDS | {part for phrase in safe for part in phrase.split()}
        )
        # Words that need no guess: safe, or found as registered identifiers anyway.
        self._no_guess = self._safe_words | frozenset(registered)

    def guesses(self, folded: str, taken: list[tuple[int, int]]) -> Iterator[NameGuess]:
        """Name guesses in ``folded`` outside the ``taken`` spans (sorted by start)."""
        taken_index = 0
        for start, end in self._runs(folded, self._unknown_words(folded)):
            while taken_index < len(taken) and taken[taken_index][1] <= start:
                taken_index += 1
            if taken_index < len(taken) and taken[taken_index][0] < end:
                continue
            guess = self._judge(folded, start, end)
            if guess is not None:
                yield guess

    def _unknown_words(self, folded: str) -> list[tuple[int, int]]:
        """Where the capitalised words that are not everyday or safe words are.

        The words are first collected as strings (quick), and only the few unknown
        ones are then looked for with their positions.
        """
        no_guess = self._no_guess
        unknown = {w for w in set(_CAPITALISED.findall(folded)) if w.lower() not in no_guess}
        if not unknown:
            return []
        if len(unknown) > _FIND_EACH_LIMIT:
            return [m.span() for m in _CAPITALISED.finditer(folded) if m.group() in unknown]
        spans: list[tuple[int, int]] = []
        size = len(folded)
        for word in unknown:
            position = folded.find(word)
            while position >= 0:
                end = position + len(word)
                whole_word = (position == 0 or not folded[position - 1].isalnum()) and (
                    end == size or not folded[end].isalnum()
                )
                if whole_word and _CAPITALISED.match(folded, position) is not None:
                    spans.append((position, end))
                position = folded.find(word, end)
        spans.sort()
        return spans

    @staticmethod
    def _runs(folded: str, words: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """Neighbouring capitalised words ("Kayleigh Marsden") as one run."""
        index = 0
        while index < len(words):
            start, end = words[index]
            index += 1
            while index < len(words) and words[index][0] == end + 1 and folded[end] == " ":
                end = words[index][1]
                index += 1
            yield start, end

    def _judge(self, folded: str, start: int, end: int) -> NameGuess | None:
        if _at_sentence_start(folded, start):
            # One capitalised word at a sentence start cannot be told from "Yesterday";
            # in a longer run the words after the first still read as a name.
            first_end = folded.find(" ", start, end)
            if first_end < 0:
                return None
            start = first_end + 1
        lowered = folded[start:end].lower()
        if lowered in self._safe_phrases or _is_heading(folded, start):
            return None
        if all(part in self._safe_words for part in lowered.split()):
            return None
        titled = _title_before(folded, start)
        return NameGuess(start, end, conf.TITLED_NAME if titled else conf.WEAK_NAME)


def _at_sentence_start(folded: str, start: int) -> bool:
    # A tab starts a new field as a line does: a footer's "Marking<tab>Page 3".
    line_start = max(folded.rfind("\n", 0, start), folded.rfind("\t", 0, start)) + 1
    before = folded[line_start:start]
    if _LIST_MARKER.fullmatch(before):
        return True
    stripped = before.rstrip()
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def _title_before(folded: str, start: int) -> bool:
    before = folded[max(0, start - 6) : start].rstrip(" .").rsplit(" ", 1)[-1]
    return before.lower() in HONORIFICS


def _is_heading(folded: str, start: int) -> bool:
    """A Markdown heading, or a short line mostly in capitals (a title)."""
    line_start = folded.rfind("\n", 0, start) + 1
    line_end = folded.find("\n", start)
    line = folded[line_start : line_end if line_end >= 0 else len(folded)]
    if line.lstrip().startswith("#"):
        return True
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3 or len(line) > 80 or line.rstrip().endswith((".", ",", ";")):
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in _TITLE_SMALL_WORDS)
    return capitalised / len(words) >= 0.8
