"""A shortcut through Python-Markdown's inline processing for simple table cells.

Python-Markdown runs every inline pattern over every table cell; a chronology of
2,000 rows is 8,000 cells, and that costs more than everything else in rendering it.
Most cells are plain words, or words with a **bold** or *italic* run. This tree
processor runs just before the inline one and writes exactly what it would for such
cells (checked against the full parser in tests/text), marking their text atomic so
the inline processor passes them by. Any other cell is left for the full parser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

if TYPE_CHECKING:
    from markdown import Markdown

PRIORITY = 25
"""After the footnote tree processor (50), before the inline one (20)."""

# A character any inline pattern, escape, entity or stashed placeholder starts with.
_SPECIAL = re.compile(r"[\\`*_\[\]<>&!\x02\x03\n{}]")
# Plain text, then any number of **strong** / *emphasis* runs of plain words each
# followed by plain text. Inside a run: no leading or trailing space, no star.
_PLAIN = r"[^\\`*_\[\]<>&!\x02\x03\n{}]"
_RUN = re.compile(rf"(\*\*|\*)({_PLAIN}(?:{_PLAIN}*{_PLAIN})?)\1")
_SIMPLE = re.compile(rf"{_PLAIN}*(?:(?:\*\*|\*)\S{_PLAIN}*?\*{{1,2}}{_PLAIN}*)*")


class SimpleCells(Treeprocessor):
    """Finishes the inline formatting of simple table cells (see the module)."""

    def __init__(self, md: Markdown) -> None:
        super().__init__(md)
        self.enabled = True

    def run(self, root: ET.Element) -> None:
        """Rewrite simple ``td``/``th`` cells in place."""
        if not self.enabled:
            return
        for cell in root.iter():
            if cell.tag not in ("td", "th") or len(cell) or not cell.text:
                continue
            _emphasis(cell, cell.text)


def simple_pieces(text: str) -> list[tuple[str, str]] | None:
    """A simple cell's text as (tag, text) pieces: tag "" for plain text, "strong" or
    "em"; None when the cell needs the full parser."""
    if _SPECIAL.search(text) is None:
        return [("", text)]
    if _SIMPLE.fullmatch(text) is None:
        return None
    pieces: list[tuple[str, str]] = []
    position = 0
    for match in _RUN.finditer(text):
        inner = match.group(2)
        if inner != inner.strip() or (match.start() and text[match.start() - 1] == "*"):
            return None
        pieces.append(("", text[position : match.start()]))
        pieces.append(("strong" if match.group(1) == "**" else "em", inner))
        position = match.end()
    pieces.append(("", text[position:]))
    if any("*" in piece for kind, piece in pieces if not kind):
        return None  # a star the simple reading cannot place: the full parser decides
    return pieces


def _emphasis(cell: ET.Element, text: str) -> None:
    """Give ``cell`` its pieces as text and strong/em children, if it splits cleanly."""
    pieces = simple_pieces(text)
    if pieces is None:
        return
    cell.text = AtomicString(pieces[0][1])
    for index in range(1, len(pieces), 2):
        kind, inner = pieces[index]
        child = ET.SubElement(cell, kind)
        child.text = AtomicString(inner)
        after = pieces[index + 1][1]
        child.tail = AtomicString(after) if after else None
