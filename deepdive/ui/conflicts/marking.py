"""The words that differ between two versions of a text, marked for showing side by side."""

from __future__ import annotations

import html
import re
from difflib import SequenceMatcher

_WORDS = re.compile(r"\S+|\s+")
# Pale backgrounds with dark text on them, readable in the light and dark themes alike.
THEIRS_MARK = "#f6d5d1"  # a pale red behind words only theirs has
MINE_MARK = "#d3ecd6"  # a pale green behind words only yours has
MARKED_TEXT = "#1b1b1b"


def marked_pair(theirs: str, mine: str, empty: str = "(empty)") -> tuple[str, str]:
    """Both texts as HTML, each with the words the other lacks marked (and underlined,
    so the marking does not rest on colour alone); ``empty`` stands for no text."""
    a, b = _WORDS.findall(theirs), _WORDS.findall(mine)
    left: list[str] = []
    right: list[str] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            left.append(_plain(a[i1:i2]))
            right.append(_plain(b[j1:j2]))
            continue
        left.append(_marked(a[i1:i2], THEIRS_MARK))
        right.append(_marked(b[j1:j2], MINE_MARK))
    none = f"<i>{html.escape(empty)}</i>"
    return "".join(left) or none, "".join(right) or none


def _plain(words: list[str]) -> str:
    return html.escape("".join(words)).replace("\n", "<br>")


def _marked(words: list[str], colour: str) -> str:
    text = "".join(words)
    if not text.strip():
        return _plain(words)
    # The text colour is set inside the span: the dark theme's light text would not
    # show on the pale marking.
    return (
        f'<span style="background-color:{colour}; text-decoration:underline">'
        f'<font color="{MARKED_TEXT}">{_plain(words)}</font></span>'
    )
