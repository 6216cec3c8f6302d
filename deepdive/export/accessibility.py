"""The accessibility check every export runs on its finished Word file.

It looks for what Word's own Accessibility Checker and a WCAG 2.2 AA audit would flag
in a document a council publishes: pictures without alt text, headings that skip a
level, tables without a header row, merged cells, text below 4.5:1 contrast (3:1 for
large text), and a missing title or language. The house style passes it; a team's
reference document can break it, and then the person exporting is told what and where.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from deepdive.export.contrast import (
    WordStyle,
    header_fills,
    low_contrast,
    paragraph_text,
    read_styles,
)
from deepdive.export.wordml import W_NS

_W = f"{{{W_NS}}}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PARSER = etree.XMLParser(huge_tree=True)
_NS = {"w": W_NS}
_MERGED = etree.XPath("boolean(.//w:gridSpan | .//w:vMerge)", namespaces=_NS)
PREFIX = "Accessibility: "


@dataclass
class AccessibilityReport:
    """What the check found, as sentences for the person exporting."""

    findings: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        """True when nothing was found."""
        return not self.findings

    def messages(self) -> list[str]:
        """The findings, each marked as coming from the accessibility check."""
        return [PREFIX + finding for finding in self.findings]


def check_accessibility(path: Path) -> AccessibilityReport:
    """Check a finished .docx; see the module's description for what is checked."""
    with zipfile.ZipFile(path) as package:
        names = set(package.namelist())
        document = etree.fromstring(package.read("word/document.xml"), _PARSER)
        styles_xml = (
            etree.fromstring(package.read("word/styles.xml"), _PARSER)
            if "word/styles.xml" in names
            else None
        )
        core = (
            etree.fromstring(package.read("docProps/core.xml"), _PARSER)
            if "docProps/core.xml" in names
            else None
        )
        furniture = [
            etree.fromstring(package.read(name), _PARSER)
            for name in sorted(names)
            if name.startswith(("word/header", "word/footer")) and name.endswith(".xml")
        ]
    title = core.find(f"{_DC}title") if core is not None else None
    return check_parts(document, styles_xml, title.text if title is not None else None, furniture)


def check_word_document(document: Any) -> AccessibilityReport:
    """Check a python-docx document before it is saved (its trees as they are in memory,
    not read back from the file)."""
    furniture = [
        part.element
        for part in document.part.package.iter_parts()
        if str(part.partname).startswith(("/word/header", "/word/footer"))
    ]
    return check_parts(
        document.element,
        document.styles.element,
        document.core_properties.title,
        furniture,
    )


def check_parts(
    document: etree._Element,
    styles_xml: etree._Element | None,
    title: str | None,
    furniture: list[etree._Element],
) -> AccessibilityReport:
    """Check the body, styles, title and headers and footers of a Word document."""
    styles = read_styles(styles_xml)
    report = AccessibilityReport()
    _title_and_language(title, styles_xml, report)
    for root, where in [(document, "")] + [(part, " in a header or footer") for part in furniture]:
        _pictures(root, where, report)
    _headings(document, styles, report)
    _tables(document, report)
    report.findings += low_contrast([document, *furniture], styles, header_fills(styles_xml))
    return report


# ---------------------------------------------------------------- properties
def _title_and_language(
    title: str | None, styles_xml: etree._Element | None, report: AccessibilityReport
) -> None:
    if not (title or "").strip():
        report.findings.append("the document has no title (File ▸ Info ▸ Properties).")
    lang = None
    if styles_xml is not None:
        lang = styles_xml.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr/{_W}lang")
    if lang is None or not lang.get(f"{_W}val"):
        report.findings.append("the document's language is not set.")


def _pictures(root: etree._Element, where: str, report: AccessibilityReport) -> None:
    for properties in root.iter(f"{_WP}docPr"):
        if not (properties.get("descr") or "").strip():
            name = properties.get("name") or "a picture"
            report.findings.append(f"the picture “{name}”{where} has no alt text.")


# ------------------------------------------------------------------ headings
def _heading_level(style: WordStyle | None) -> int | None:
    if style is None or not style.name.startswith("heading "):
        return None
    level = style.name.removeprefix("heading ").strip()
    return int(level) if level.isdigit() else None


def _headings(
    document: etree._Element, styles: dict[str, WordStyle], report: AccessibilityReport
) -> None:
    levels = {
        style_id: level
        for style_id, style in styles.items()
        if (level := _heading_level(style)) is not None and "'" not in style_id
    }
    if not levels:
        return
    wanted = " or ".join(f"@w:val='{style_id}'" for style_id in levels)
    previous = 0
    for style in etree.XPath(f"//w:p/w:pPr/w:pStyle[{wanted}]", namespaces=_NS)(document):
        level = levels[style.get(f"{_W}val")]
        if level > previous + 1:
            text = paragraph_text(style.getparent().getparent())
            after = f"a level {previous} heading" if previous else "the start of the document"
            report.findings.append(
                f"the heading “{text}” is level {level} but follows {after} (a level is skipped)."
            )
        previous = level


# -------------------------------------------------------------------- tables
def _tables(document: etree._Element, report: AccessibilityReport) -> None:
    for number, table in enumerate(document.iter(f"{_W}tbl"), 1):
        caption = table.find(f"{_W}tblPr/{_W}tblCaption")
        name = f"table {number}"
        if caption is not None and caption.get(f"{_W}val"):
            name += f" (“{caption.get(f'{_W}val')}”)"
        first = table.find(f"{_W}tr")
        look = table.find(f"{_W}tblPr/{_W}tblLook")
        # A table of labels and values marks its first column as row headers and has
        # no header row (Word's own default tables set both flags, and are flagged).
        row_headers = (
            look is not None
            and look.get(f"{_W}firstColumn") == "1"
            and look.get(f"{_W}firstRow") == "0"
        )
        if first is not None and first.find(f"{_W}trPr/{_W}tblHeader") is None and not row_headers:
            report.findings.append(f"{name} has no header row (Table Properties ▸ Row).")
        if _MERGED(table):
            report.findings.append(f"{name} has merged cells, which screen readers misread.")
