"""A landscape page for the timeline, between the document's portrait pages.

Word ends a section with a paragraph that carries the section's properties. The
timeline is put between two such breaks; once the page furniture (headers, footers,
the marking and page numbers) is in place, :func:`complete_breaks` gives the first
break the document's own page setup and the second the same turned on its side, so
headers, footers and page numbers run on unchanged through the landscape pages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from deepdive.export.wordml import W_NS

_W = f"{{{W_NS}}}"
SECTION_BREAK = '<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr></w:p>'
"""A paragraph ending a section; its page setup is filled in by :func:`complete_breaks`."""
_TWIPS_PER_INCH = 1440


@dataclass(frozen=True)
class PageArea:
    """The room between the margins of a landscape page, in twips."""

    width: int
    height: int

    @property
    def width_inches(self) -> float:
        """The width in inches (for sizing text that must print large enough)."""
        return self.width / _TWIPS_PER_INCH


def landscape_area(document: Any) -> PageArea:
    """The text area of the document's page turned on its side."""
    section = document.sections[-1]
    emu_per_twip = 635
    page_w = int(section.page_width or 11906 * emu_per_twip) // emu_per_twip
    page_h = int(section.page_height or 16838 * emu_per_twip) // emu_per_twip
    left = int(section.left_margin or 0) // emu_per_twip
    right = int(section.right_margin or 0) // emu_per_twip
    top = int(section.top_margin or 0) // emu_per_twip
    bottom = int(section.bottom_margin or 0) // emu_per_twip
    gutter = int(section.gutter or 0) // emu_per_twip
    long_side, short_side = max(page_w, page_h), min(page_w, page_h)
    return PageArea(
        width=max(2880, long_side - left - right - gutter),
        height=max(2880, short_side - top - bottom),
    )


def complete_breaks(document: Any) -> int:
    """Give the timeline's two section breaks their page setup; returns how many."""
    body = document.element.body
    final = body.find(f"{_W}sectPr")
    breaks = body.findall(f"{_W}p/{_W}pPr/{_W}sectPr")
    if final is None or len(breaks) != 2:
        return 0
    portrait, landscape = breaks
    _fill(portrait, final, turn=False)
    _fill(landscape, final, turn=True)
    # The cover's different first page belongs to the first section only.
    for section in (landscape, final):
        for first_page in section.findall(f"{_W}titlePg"):
            section.remove(first_page)
    return 2


def _fill(target: Any, source: Any, *, turn: bool) -> None:
    for child in list(target):
        target.remove(child)
    for child in source:
        target.append(copy.deepcopy(child))
    kind = target.find(f"{_W}type")
    if kind is None:
        kind = target.makeelement(f"{_W}type", {})
        target.insert(_type_position(target), kind)
    kind.set(f"{_W}val", "nextPage")
    size = target.find(f"{_W}pgSz")
    if size is None:
        return
    width, height = size.get(f"{_W}w"), size.get(f"{_W}h")
    if turn and width and height:
        long_side, short_side = max(int(width), int(height)), min(int(width), int(height))
        size.set(f"{_W}w", str(long_side))
        size.set(f"{_W}h", str(short_side))
        size.set(f"{_W}orient", "landscape")


def _type_position(section: Any) -> int:
    """Where w:type goes: after the header and footer references (the schema's order)."""
    references = {
        f"{_W}headerReference",
        f"{_W}footerReference",
        f"{_W}footnotePr",
        f"{_W}endnotePr",
    }
    return sum(1 for child in section if child.tag in references)
