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
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from deepdive.export.wordml import W_NS

_W = f"{{{W_NS}}}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_PARSER = etree.XMLParser(huge_tree=True)
_NS = {"w": W_NS}
# Found by libxml2's XPath (in C): ElementPath's ".//" walks every element in Python.
_PARAGRAPH_STYLES = etree.XPath("//w:p/w:pPr/w:pStyle", namespaces=_NS)
_PARAGRAPH_SHADING = etree.XPath("//w:p/w:pPr/w:shd", namespaces=_NS)
_CELL_SHADING = etree.XPath("//w:tc/w:tcPr/w:shd", namespaces=_NS)
_RUN_COLORS = etree.XPath("//w:r/w:rPr/w:color", namespaces=_NS)
_RUN_STYLES = etree.XPath("//w:r/w:rPr/w:rStyle", namespaces=_NS)
_MERGED = etree.XPath("boolean(.//w:gridSpan | .//w:vMerge)", namespaces=_NS)
_WHITE = "FFFFFF"
_NORMAL_CONTRAST = 4.5
_LARGE_CONTRAST = 3.0
PREFIX = "Accessibility: "


@dataclass
class _Style:
    name: str
    based_on: str | None
    color: str | None
    size: int | None
    bold: bool | None


@dataclass
class _Contrast:
    """One colour pair below the contrast needed, where it was first seen and how often."""

    ratio: float
    needed: float
    first: str
    count: int = 0


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
    styles = _read_styles(styles_xml)
    header_fills = _header_fills(styles_xml)
    report = AccessibilityReport()
    _title_and_language(title, styles_xml, report)
    for root, where in [(document, "")] + [(part, " in a header or footer") for part in furniture]:
        _pictures(root, where, report)
    _headings(document, styles, report)
    _tables(document, report)
    _contrast([document, *furniture], styles, header_fills, report)
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
def _read_styles(styles_xml: etree._Element | None) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if styles_xml is None:
        return styles
    for style in styles_xml.iter(f"{_W}style"):
        style_id = style.get(f"{_W}styleId")
        if not style_id:
            continue
        name = style.find(f"{_W}name")
        based = style.find(f"{_W}basedOn")
        properties = style.find(f"{_W}rPr")
        color, size, bold = _run_look(properties)
        styles[style_id] = _Style(
            name=(name.get(f"{_W}val", "") if name is not None else style_id).casefold(),
            based_on=based.get(f"{_W}val") if based is not None else None,
            color=color,
            size=size,
            bold=bold,
        )
    return styles


def _heading_level(style: _Style | None) -> int | None:
    if style is None or not style.name.startswith("heading "):
        return None
    level = style.name.removeprefix("heading ").strip()
    return int(level) if level.isdigit() else None


def _headings(
    document: etree._Element, styles: dict[str, _Style], report: AccessibilityReport
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
            text = _text(style.getparent().getparent())
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


# ------------------------------------------------------------------ contrast
def _contrast(
    roots: list[etree._Element],
    styles: dict[str, _Style],
    header_fills: dict[str, str],
    report: AccessibilityReport,
) -> None:
    checker = _ContrastCheck(_Looks(styles))
    for root in roots:
        checker.check(root, header_fills)
    for (color, background), found in checker.pairs.items():
        places = "1 place" if found.count == 1 else f"{found.count} places"
        report.findings.append(
            f"text coloured #{color} on #{background} has a contrast of {found.ratio:.1f}:1, "
            f"below {found.needed:g}:1 ({places}, first in “{found.first}”)."
        )


class _ContrastCheck:
    """Runs below the contrast they need, by colour pair.

    Reading every run of a long document is slow in Python, so runs are read one by
    one only where it can matter: runs with their own colour or character style, and
    the runs of paragraphs whose style's colour is too faint for their background.
    """

    def __init__(self, looks: _Looks) -> None:
        self.looks = looks
        self.pairs: dict[tuple[str, str], _Contrast] = {}

    def check(self, root: etree._Element, header_fills: dict[str, str]) -> None:
        """Check every run of one part."""
        backgrounds = _backgrounds(root, header_fills)
        paragraph_styles = {
            style.getparent().getparent(): style.get(f"{_W}val")
            for style in _PARAGRAPH_STYLES(root)
        }
        own: set[etree._Element] = set()
        for find in (_RUN_COLORS, _RUN_STYLES):
            for element in find(root):
                run = element.getparent().getparent()
                if run not in own:
                    own.add(run)
                    self._run(run, paragraph_styles, backgrounds)
        verdicts: dict[tuple[str | None, str], bool] = {}
        for paragraph in root.iter(f"{_W}p"):
            style = paragraph_styles.get(paragraph)
            background = backgrounds.get(paragraph, _WHITE)
            key = (style, background)
            faint = verdicts.get(key)
            if faint is None:
                color, _size, _bold = self.looks.of(None, style)
                # Large text needs less, but a run may be small: the runs decide.
                faint = verdicts[key] = (
                    color is not None and contrast_ratio(color, background) < _NORMAL_CONTRAST
                )
            if faint:
                for run in paragraph.iter(f"{_W}r"):
                    if run not in own:
                        self._run(run, paragraph_styles, backgrounds, paragraph)

    def _run(
        self,
        run: etree._Element,
        paragraph_styles: dict[etree._Element, str | None],
        backgrounds: dict[etree._Element, str],
        paragraph: etree._Element | None = None,
    ) -> None:
        if paragraph is None:
            paragraph = next(run.iterancestors(f"{_W}p"), None)
            if paragraph is None:
                return
        paragraph_style = paragraph_styles.get(paragraph)
        properties = run.find(f"{_W}rPr")
        if properties is None:
            color, size, bold = self.looks.of(None, paragraph_style)
        else:
            character = properties.find(f"{_W}rStyle")
            inherited = self.looks.of(
                character.get(f"{_W}val") if character is not None else None,
                paragraph_style,
            )
            color, size, bold = _merge(_run_look(properties), inherited)
        if color is None:
            return  # "auto": Word shows it dark or light, whichever reads
        background = backgrounds.get(paragraph, _WHITE)
        large = size is not None and (size >= 36 or (bold and size >= 28))
        needed = _LARGE_CONTRAST if large else _NORMAL_CONTRAST
        ratio = contrast_ratio(color, background)
        if ratio >= needed or run.find(f"{_W}t") is None:
            return
        found = self.pairs.setdefault(
            (color, background), _Contrast(ratio, needed, _text(paragraph))
        )
        found.count += 1


def _backgrounds(root: etree._Element, header_fills: dict[str, str]) -> dict[etree._Element, str]:
    """The colour behind each paragraph that is not on white: its own shading, its
    cell's, or the shading its table style gives a header row."""
    found: dict[etree._Element, str] = {}
    for table in root.iter(f"{_W}tbl"):
        header_fill = _style_fill(table, header_fills)
        first = table.find(f"{_W}tr") if header_fill else None
        if first is not None and header_fill:
            for cell in first.iterchildren(f"{_W}tc"):
                for paragraph in cell.iterchildren(f"{_W}p"):
                    found[paragraph] = header_fill
    # A cell's own shading wins over its table style's (shaded cells are few: found
    # through their shading rather than by reading every cell).
    for shading in _CELL_SHADING(root):
        fill = _fill(shading)
        if fill is not None:
            for paragraph in shading.getparent().getparent().iterchildren(f"{_W}p"):
                found[paragraph] = fill
    for shading in _PARAGRAPH_SHADING(root):
        fill = _fill(shading)
        if fill is not None:
            found[shading.getparent().getparent()] = fill
    return found


def _style_fill(table: etree._Element, header_fills: dict[str, str]) -> str | None:
    """The shading a table style's first-row formatting gives the table's first row."""
    look = table.find(f"{_W}tblPr/{_W}tblLook")
    if look is not None and look.get(f"{_W}firstRow") == "0":
        return None
    style = table.find(f"{_W}tblPr/{_W}tblStyle")
    return header_fills.get(style.get(f"{_W}val", "")) if style is not None else None


def _header_fills(styles_xml: etree._Element | None) -> dict[str, str]:
    fills: dict[str, str] = {}
    if styles_xml is None:
        return fills
    for style in styles_xml.iter(f"{_W}style"):
        for conditional in style.iterchildren(f"{_W}tblStylePr"):
            if conditional.get(f"{_W}type") == "firstRow":
                fill = _fill(conditional.find(f"{_W}tcPr/{_W}shd"))
                if fill:
                    fills[style.get(f"{_W}styleId", "")] = fill
    return fills


def _fill(shading: etree._Element | None) -> str | None:
    if shading is None:
        return None
    fill = (shading.get(f"{_W}fill") or "").upper()
    return fill if len(fill) == 6 and fill != "AUTO" else None


def _run_look(properties: etree._Element | None) -> tuple[str | None, int | None, bool | None]:
    if properties is None:
        return None, None, None
    color_el = properties.find(f"{_W}color")
    color = color_el.get(f"{_W}val", "").upper() if color_el is not None else None
    size_el = properties.find(f"{_W}sz")
    size = size_el.get(f"{_W}val") if size_el is not None else None
    bold_el = properties.find(f"{_W}b")
    bold = None
    if bold_el is not None:
        bold = bold_el.get(f"{_W}val", "true") not in ("0", "false")
    return color, int(size) if size and size.isdigit() else None, bold


_Look = tuple[str | None, int | None, bool | None]


class _Looks:
    """What a character style and a paragraph style give a run, worked out once each."""

    def __init__(self, styles: dict[str, _Style]) -> None:
        self.styles = styles
        self.known: dict[tuple[str | None, str | None], tuple[str | None, int | None, bool]] = {}

    def of(
        self, character: str | None, paragraph: str | None
    ) -> tuple[str | None, int | None, bool]:
        """Colour (None for automatic), size in half-points and boldness."""
        key = (character, paragraph)
        found = self.known.get(key)
        if found is None:
            look: _Look = (None, None, None)
            for style_id in (character, paragraph):
                seen: set[str] = set()
                while style_id and style_id in self.styles and style_id not in seen:
                    seen.add(style_id)
                    style = self.styles[style_id]
                    look = (
                        look[0] or style.color,
                        look[1] or style.size,
                        look[2] if look[2] is not None else style.bold,
                    )
                    style_id = style.based_on
            found = self.known[key] = _merge(look, (None, None, None))
        return found


def _merge(first: _Look, then: _Look) -> tuple[str | None, int | None, bool]:
    """``first``'s values, each missing one taken from ``then``."""
    color = first[0] or then[0]
    if color is not None and (color == "AUTO" or len(color) != 6):
        color = None
    bold = first[2] if first[2] is not None else then[2]
    return color, first[1] or then[1], bool(bold)


@lru_cache(maxsize=256)
def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two colours given as RRGGBB."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    channels = []
    for i in (0, 2, 4):
        value = int(color[i : i + 2], 16) / 255
        channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _text(paragraph: etree._Element) -> str:
    text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip()
    return text if len(text) <= 60 else text[:57].rstrip() + "…"
