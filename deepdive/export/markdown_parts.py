"""Small pieces of the Markdown-to-Word writer (:mod:`.markdown_word`): a table cell's
alignment, which way a paragraph reads, taking an element out of the parsed tree, and
joining blocks so that a table is never the last thing in a cell."""

from __future__ import annotations

import re
import unicodedata

from lxml.etree import _Element

from deepdive.export.wordml import SPACER, TABLE_END

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def cell_alignment(style: str) -> str | None:
    """A table cell's alignment from its style ("text-align: center"), or None."""
    if "center" in style:
        return "center"
    if "right" in style:
        return "right"
    return None


def starts_right_to_left(text: str) -> bool:
    """Whether ``text``'s first strongly directional character is right-to-left."""
    if _RTL.search(text) is None:
        return False
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction == "L":
            return False
        if direction in ("R", "AL"):
            return True
    return False


def remove_keeping_tail(el: _Element) -> None:
    """Take ``el`` out of its tree, keeping the text that followed it."""
    parent = el.getparent()
    if parent is None:
        return
    previous = el.getprevious()
    tail = (el.tail or "").rstrip("\xa0 ")
    if previous is not None:
        previous.tail = ((previous.tail or "") + tail).rstrip("\xa0 ")
    else:
        parent.text = ((parent.text or "") + tail).rstrip("\xa0 ")
    parent.remove(el)


def separate_tables(blocks: list[str], in_table: bool) -> str:
    """Join blocks, with a thin paragraph after each table (a cell must end with one)."""
    out: list[str] = []
    for block in blocks:
        out.append(block)
        if block.endswith(TABLE_END):
            out.append(SPACER)
    return "".join(out)
