"""Characters that must not act on their own: direction controls and terminal controls.

Bidirectional controls (embeddings, overrides, isolates and marks) reorder the text
around them without being seen: "\u202eexe.doc" reads as "cod.exe". In a one-line
field (a name, a code, a pseudonym, a role) there is no reason for them, so they are
removed. In multi-line text they are kept as a visible mark such as ``‹U+202E›``, so
a reader sees them and they change nothing about how the text around them reads.

A terminal obeys escape sequences and other control characters in what it prints;
:func:`for_terminal` is the one function the command line passes everything it
prints through, so text from a workspace or a shared file can never drive it.
"""

from __future__ import annotations

import re
import unicodedata

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_BIDI = re.compile(f"[{BIDI_CONTROLS}]")
# Characters that show nothing but split a word for anything that compares words: the
# soft hyphen, zero-width space, non-joiner and joiner, word joiner and zero-width
# no-break space. Text pasted from PDFs and web pages carries them ("Jay\u00adden"),
# and a name split by one must still be found, so they are dropped on the way in.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
# C0 controls except tab and newline, DEL, C1 controls, the non-characters that XML 1.0
# forbids, and lone surrogates (valid UTF-8 has none, but JSON's "\udcff" escapes can
# bring one, and no file can store it).
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
# Anything clean_text or clean_line changes besides whitespace and normalisation.
_TO_CLEAN = re.compile(
    f"[\r\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff{BIDI_CONTROLS}{INVISIBLE}]"
)
# The ASCII characters _TO_CLEAN does not match: tab, newline and the printable ones.
_ASCII_KEPT = bytes([0x09, 0x0A, *range(0x20, 0x7F)])
# What a terminal may act on: every C0 control but tab and newline (ESC included),
# DEL, the C1 controls (0x9B is a one-byte escape on some terminals), and the
# direction controls, which reorder what is shown around them.
_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}]")


def strip_bidi(text: str) -> str:
    """``text`` without any direction control character."""
    return _BIDI.sub("", text) if _BIDI.search(text) else text


def show_bidi(text: str) -> str:
    """``text`` with each direction control written as a visible mark, ``‹U+202E›``."""
    if _BIDI.search(text) is None:
        return text
    return _BIDI.sub(lambda m: f"‹U+{ord(m.group()):04X}›", text)


def count_bidi(text: str) -> int:
    """How many direction control characters ``text`` holds."""
    return len(_BIDI.findall(text))


def clean_text(text: str) -> str:
    """Multi-line text (Markdown): newlines normalised, unholdable controls dropped,
    direction controls made visible marks."""
    if _TO_CLEAN.search(text) is not None:  # rare: most text has nothing to clean
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = show_bidi(_INVISIBLE.sub("", _FORBIDDEN.sub("", text)))
    return unicodedata.normalize("NFC", text)


def clean_texts(texts: list[str]) -> list[str]:
    """:func:`clean_text` of each of many texts (a bundle's 100,000 descriptions), with
    one search over all of them for anything to clean, not one per text."""
    # A newline is neither a character to clean nor one that normalisation joins to
    # its neighbours, so the joined texts need cleaning exactly when some text does.
    joined = "\n".join(texts)
    if _needs_cleaning(joined):
        return [clean_text(text) for text in texts]
    if unicodedata.is_normalized("NFC", joined):
        return texts
    return [unicodedata.normalize("NFC", text) for text in texts]


def _needs_cleaning(text: str) -> bool:
    """Whether ``text`` holds any character :data:`_TO_CLEAN` matches."""
    if text.isascii():
        # Deleting every ASCII character that needs nothing done is many times quicker
        # than a regular-expression search over megabytes of plain text.
        return bool(text.encode("ascii").translate(None, _ASCII_KEPT))
    return _TO_CLEAN.search(text) is not None


def clean_line(text: str) -> str:
    """A one-line field: controls and direction controls removed, whitespace folded."""
    if _TO_CLEAN.search(text) is not None:
        text = strip_bidi(_INVISIBLE.sub("", _FORBIDDEN.sub("", text)))
    return unicodedata.normalize("NFC", " ".join(text.split()))


def visible_text(text: str) -> str:
    """``text`` as a reader sees it, for comparing words: invisible characters dropped
    and compatibility forms folded ("Ｊａｙ" is "Jay"). Line breaks are kept, so a
    finding's line number still holds."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKC", _INVISIBLE.sub("", text))


def for_terminal(text: str) -> str:
    """``text`` safe to print: each control a terminal could act on shown as ``\\u001b``.

    That is also how JSON writes such a character inside a string, so JSON printed
    through this function means exactly what it meant before.
    """
    if _TERMINAL.search(text) is None:
        return text
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
