"""Page numbers written into a finished document's contents page.

The contents page is a real TOC field whose entries carry PAGEREF fields. Word would
fill their numbers only after asking the reader to update fields; instead the
document is laid out once by LibreOffice and each PAGEREF's shown result is set to
the page its heading lands on, so Word, LibreOffice and the PDF agree without asking.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from deepdive.export.libreoffice import LibreOffice
from deepdive.export.wordml import W_NS

_W = f"{{{W_NS}}}"
_DOCUMENT = "word/document.xml"
_PAGEREF = re.compile(r"^\s*PAGEREF\s+(\S+)")
_PARSER = etree.XMLParser(huge_tree=True)
NO_NUMBERS_NOTE = (
    "The contents page lists the sections as links without page numbers, because "
    "LibreOffice, which lays the pages out, is not installed. In Word, right-click the "
    "contents and choose Update Field to add them."
)
LAYOUT_BUDGET_S = 60.0
"""How long LibreOffice may take to lay a document out for its page numbers."""
LAYOUT_LIMIT_BYTES = 2_000_000
"""A body larger than this (about 1,200 chronology events, 250 pages) is not laid out:
measured, LibreOffice takes 11 s for 120 pages but minutes for 400, as its time grows
faster than the document."""
TOO_LONG_NOTE = (
    "The document is too long for LibreOffice to lay out quickly, so the "
    "contents page lists the sections as links without page numbers. In Word, "
    "right-click the contents and choose Update Field to add them."
)
UNKNOWN_NUMBERS_NOTE = (
    "LibreOffice could not lay the document out, so the contents page lists the sections "
    "as links without page numbers. In Word, right-click the contents and choose Update "
    "Field to add them."
)


def has_page_references(path: Path) -> bool:
    """Whether the document's body has PAGEREF fields to number."""
    with zipfile.ZipFile(path) as package:
        return b"PAGEREF" in package.read(_DOCUMENT)


def number_contents(
    path: Path, office: LibreOffice | None, budget_s: float = LAYOUT_BUDGET_S
) -> str | None:
    """Write the real page numbers into ``path``'s contents; a note if it could not.

    Laying out a very long document (a chronology of thousands of events) can take
    LibreOffice minutes: past ``budget_s`` it is stopped and the contents stay links.
    """
    if not has_page_references(path):
        return None
    if office is None:
        return NO_NUMBERS_NOTE
    if _body_size(path) > LAYOUT_LIMIT_BYTES:
        return TOO_LONG_NOTE  # it would not be laid out in time: do not wait to find out
    pages = office.page_numbers(path, budget_s)
    if pages is None:
        return TOO_LONG_NOTE
    if not pages or not fill_page_numbers(path, pages):
        return UNKNOWN_NUMBERS_NOTE
    return None


def _body_size(path: Path) -> int:
    with zipfile.ZipFile(path) as package:
        return package.getinfo(_DOCUMENT).file_size


def fill_page_numbers(path: Path, pages: dict[str, int]) -> bool:
    """Set every PAGEREF result in ``path`` from ``pages`` (bookmark -> page), in place.

    True when every reference found its page.
    """
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read(_DOCUMENT), _PARSER)
    complete = True
    for instruction in list(root.iter(f"{_W}instrText")):
        match = _PAGEREF.match(instruction.text or "")
        if match is None:
            continue
        page = pages.get(match.group(1))
        if page is None:
            complete = False
            continue
        _set_result(instruction.getparent(), str(page))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _replace_part(path, _DOCUMENT, data)
    return complete


def _set_result(instruction_run: etree._Element, text: str) -> None:
    """Replace what the field shows (between its separate and end marks) with ``text``."""
    separate = None
    sibling = instruction_run.getnext()
    while sibling is not None:
        mark = sibling.find(f"{_W}fldChar")
        kind = mark.get(f"{_W}fldCharType") if mark is not None else None
        if kind == "separate":
            separate = sibling
        elif kind == "end":
            break
        elif separate is not None:
            following = sibling.getnext()
            sibling.getparent().remove(sibling)
            sibling = following
            continue
        sibling = sibling.getnext()
    if separate is None:
        return
    result = etree.Element(f"{_W}r")
    properties = separate.find(f"{_W}rPr")
    if properties is not None:
        result.append(etree.fromstring(etree.tostring(properties)))
    etree.SubElement(result, f"{_W}t").text = text
    separate.addnext(result)


def _replace_part(path: Path, name: str, data: bytes) -> None:
    """Rewrite the package with one part's content changed, every other part as it was."""
    # Rewritten in memory and back into the same file, which keeps its permissions (the
    # file is the private temporary one the atomic writer moves into place afterwards).
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            content = data if item.filename == name else source.read(item.filename)
            target.writestr(item, content, compress_type=zipfile.ZIP_DEFLATED)
    path.write_bytes(buffer.getvalue())
