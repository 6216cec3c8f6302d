"""Cleaning text on its way into the workspace.

Anything a person can type or paste is kept, including emoji and right-to-left
scripts. Only control characters that no document format can hold are dropped, so a
stray byte from a pasted PDF never breaks an export later.
"""

from __future__ import annotations

import re
import unicodedata

# C0 controls except tab and newline, DEL, C1 controls, and the non-characters that
# XML 1.0 forbids. Lone surrogates cannot reach here from valid UTF-8.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """Multi-line text (Markdown): normalise newlines and drop unholdable controls."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", text))


def clean_line(text: str) -> str:
    """A one-line field: like :func:`clean_text`, with whitespace runs folded to one space."""
    return " ".join(clean_text(text).split())
