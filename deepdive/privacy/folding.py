"""Folding text for matching: same length, accents and typographic marks taken off.

Detection runs on a folded copy of the text whose every character sits at the same
index as in the original, so a match's position is the position in what the user
wrote. Folding maps accented Latin letters to their base letter (Zoë → Zoe, Siân →
Sian), typographic quotes to ``'`` and ``"``, dashes to ``-`` and unusual spaces to a
space. Other symbols (emoji, bullets) become a space, which only ever separates
words. Cyrillic and Greek letters drawn exactly like Latin ones become those letters;
other letters of other scripts are kept as they are.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# Latin letters that NFKD does not take apart into a base letter and a mark.
_SPECIAL_LETTERS = {
    "ß": "s",
    "Æ": "A",
    "æ": "a",
    "Ø": "O",
    "ø": "o",
    "Œ": "O",
    "œ": "o",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ð": "D",
    "ð": "d",
    "Þ": "T",
    "þ": "t",
    "ı": "i",
    "Ħ": "H",
    "ħ": "h",
}

# Cyrillic and Greek letters drawn exactly like Latin ones (from Unicode's confusables
# list): "Jаyden" typed with a Cyrillic "а" reads as "Jayden" and must be found as it.
_LOOKALIKES = dict(
    zip(
        "АВЕКМНОРСТХУІЈЅԚԜҮӀаеорсухіјѕһԁԛԝӏ"  # Cyrillic
        "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιναρκ",  # Greek
        "ABEKMHOPCTXYIJSQWYIaeopcyxijshdqwlABEZHIKMNOPTYXoivapk",
        strict=True,
    )
)


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x80, 0x3000):
        char = chr(code)
        category = unicodedata.category(char)
        if char in _SPECIAL_LETTERS:
            table[code] = _SPECIAL_LETTERS[char]
        elif char in _LOOKALIKES:
            table[code] = _LOOKALIKES[char]
        elif category.startswith("L"):
            base = unicodedata.normalize("NFKD", char)[:1]
            if base.isascii() and base.isalpha():
                table[code] = base
        elif category == "Mn":
            # A combining mark after a base letter (text typed in decomposed form): not a
            # letter, so "Zoe" + U+0308 still matches "Zoe" and the mark is re-attached later.
            table[code] = "\x01"
        elif category == "Pd":
            table[code] = "-"
        elif category in ("Pi", "Pf"):
            table[code] = '"' if unicodedata.name(char, "").find("DOUBLE") >= 0 else "'"
        elif category.startswith("Z") or category.startswith(("P", "S", "C")):
            table[code] = " "
    table[0x2019] = "'"  # right single quotation mark, the apostrophe Word types
    table[0x2018] = "'"
    table[0x201B] = "'"
    table[0x2032] = "'"  # prime, sometimes typed for an apostrophe
    table[0x2010] = "-"
    table[0x2011] = "-"
    table[0x2026] = "."
    # A middle dot or a bullet joins the parts of a label ("1 · 14 Mar 2016 · Started
    # at college"): a field boundary, as a table's bar is, not a space within a sentence.
    table[0x00B7] = "|"
    table[0x2022] = "|"
    return table


_TABLE = _build_table()


class _NeedsSlowFold(Exception):
    """A letter or digit of another script: it must be kept, which ASCII cannot hold."""


def _ascii_fold_handler(error: UnicodeError) -> tuple[str, int]:
    assert isinstance(error, UnicodeEncodeError)
    run = error.object[error.start : error.end]
    folded = run.translate(_TABLE)
    if not folded.isascii():
        # Emoji and other symbols beyond the table only separate words; a letter or
        # digit of another script has to be kept, so the slow path takes over.
        if any(c.isalnum() for c in folded if not c.isascii()):
            raise _NeedsSlowFold
        folded = "".join(c if c.isascii() else " " for c in folded)
    return folded, error.end


codecs.register_error("deepdive-fold", _ascii_fold_handler)

_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")
_COMMON_MARKS = tuple(
    (mark, _TABLE[ord(mark)]) for mark in "\u2019\u2018\u201c\u201d\u2013\u2014\u00a0\u2026"
)


def fold(text: str) -> str:
    """The text with accents and typographic marks folded; same length, case kept."""
    if text.isascii():
        return text
    # The typographic marks Word puts in almost every paragraph go first, with
    # str.replace (one fast scan each, no copy when the mark is absent, and none at
    # all once the text is narrower than the mark); often that leaves plain ASCII.
    for mark, plain in _COMMON_MARKS:
        text = text.replace(mark, plain)
    if text.isascii():
        return text
    try:
        # The codec machinery calls the handler once per run of non-ASCII characters,
        # which is far quicker than translating every character of a long text.
        return text.encode("ascii", "deepdive-fold").decode("ascii")
    except _NeedsSlowFold:
        return _NON_ASCII_RUN.sub(_fold_run_keeping_letters, text)


def _fold_run_keeping_letters(match: re.Match[str]) -> str:
    folded = match.group().translate(_TABLE)
    return "".join(c if c.isascii() or c.isalnum() else " " for c in folded)


def fold_lower(text: str) -> str:
    """:func:`fold` and lower case, still the same length as ``text``."""
    lowered = fold(text).lower()
    if len(lowered) != len(text):  # a few letters of other scripts lower into two
        lowered = "".join(c.lower()[:1] or c for c in fold(text))
    return lowered


def fold_key(text: str) -> str:
    """A registered identifier as the matcher compares it: folded, lower, spaces single."""
    return " ".join(fold_lower(unicodedata.normalize("NFC", text)).split())


def is_word_char(char: str) -> bool:
    """Whether ``char`` continues a word (so a match next to it is not a whole word)."""
    return char.isalpha()
