"""Page furniture: the protective marking and "Page X of Y" on every page.

A team's reference document may already have headers and footers (a logo, the team's
name): those are kept and the marking is added to them. Where there are none, DeepDive
adds its own. First-page and even-page headers, when the template uses them, get the
marking too, so it is on every page.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from deepdive.export.styles import StyleIds
from deepdive.export.wordml import NS_DECLS, W_NS, Format, esc, field_runs, run

_W = f"{{{W_NS}}}"
EMU_PER_TWIP = 635


def text_width(document: Any) -> int:
    """The width between the margins of the last section, in twentieths of a point."""
    section = document.sections[-1]
    width = section.page_width or 11906 * EMU_PER_TWIP
    left = section.left_margin or 0
    right = section.right_margin or 0
    gutter = section.gutter or 0
    twips = int((width - left - right - gutter) / EMU_PER_TWIP)
    return max(twips, 2880)


def apply_page_furniture(
    document: Any, styles: StyleIds, marking: str | None, label: str, width: int
) -> None:
    """Put the marking in every header and footer, and page numbers in every footer."""
    settings = document.settings.element
    even_pages = settings.find(f"{_W}evenAndOddHeaders") is not None
    for section in document.sections:
        headers = [section.header]
        footers = [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if even_pages:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        for header in headers:
            _fill(header, _header_xml(styles, marking), at_start=True)
        for footer in footers:
            _fill(footer, _footer_xml(styles, marking, label, width), at_start=False)


def _fill(story: Any, xml: str, *, at_start: bool) -> None:
    created = story.is_linked_to_previous
    if created:
        story.is_linked_to_previous = False
    element = story._element
    if created:
        # python-docx starts a new header with one empty paragraph: replace it.
        for child in list(element):
            element.remove(child)
    if not xml:
        if len(element) == 0:
            element.append(etree.fromstring(f"<w:p {NS_DECLS}/>"))
        return
    fragment = etree.fromstring(f"<w:hdr {NS_DECLS}>{xml}</w:hdr>")
    paragraphs = list(fragment)
    if at_start:
        for offset, para in enumerate(paragraphs):
            element.insert(offset, para)
    else:
        for para in paragraphs:
            element.append(para)


def _header_xml(styles: StyleIds, marking: str | None) -> str:
    if not marking:
        return ""
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{esc(styles("Protective Marking"))}"/>'
        f'<w:jc w:val="center"/></w:pPr>{run(marking)}</w:p>'
    )


def _footer_xml(styles: StyleIds, marking: str | None, label: str, width: int) -> str:
    """One line: what the document is, the marking in the middle, the page on the right."""
    small = Format()
    page = (
        run("Page ", small)
        + field_runs("PAGE", "1", small)
        + run(" of ", small)
        + field_runs("NUMPAGES", "1", small)
    )
    middle = run(marking, Format(bold=True)) if marking else ""
    tabs = (
        f'<w:tabs><w:tab w:val="center" w:pos="{width // 2}"/>'
        f'<w:tab w:val="right" w:pos="{width}"/></w:tabs>'
    )
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{esc(styles("footer"))}"/>{tabs}</w:pPr>'
        f"{run(label, small)}<w:r><w:tab/></w:r>{middle}<w:r><w:tab/></w:r>{page}</w:p>"
    )
