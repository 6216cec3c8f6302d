"""Text contrast in a Word document, as WCAG 2.2 AA measures it: 4.5:1, or 3:1 for
large text (18 pt, or 14 pt bold), against the shading behind it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from deepdive.export.wordml import W_NS

_W = f"{{{W_NS}}}"
_NS = {"w": W_NS}
# Found by libxml2's XPath (in C): ElementPath's ".//" walks every element in Python.
_PARAGRAPH_STYLES = etree.XPath("//w:p/w:pPr/w:pStyle", namespaces=_NS)
_PARAGRAPH_SHADING = etree.XPath("//w:p/w:pPr/w:shd", namespaces=_NS)
_CELL_SHADING = etree.XPath("//w:tc/w:tcPr/w:shd", namespaces=_NS)
_RUN_COLORS = etree.XPath("//w:r/w:rPr/w:color", namespaces=_NS)
_RUN_STYLES = etree.XPath("//w:r/w:rPr/w:rStyle", namespaces=_NS)
_WHITE = "FFFFFF"
_NORMAL_CONTRAST = 4.5
_LARGE_CONTRAST = 3.0


@dataclass
class WordStyle:
    """What a style of the document is called and gives its text."""

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


def read_styles(styles_xml: etree._Element | None) -> dict[str, WordStyle]:
    """Each style of styles.xml by id: its name, parent, and the colour, size and
    boldness it gives text."""
    styles: dict[str, WordStyle] = {}
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
        styles[style_id] = WordStyle(
            name=(name.get(f"{_W}val", "") if name is not None else style_id).casefold(),
            based_on=based.get(f"{_W}val") if based is not None else None,
            color=color,
            size=size,
            bold=bold,
        )
    return styles


def low_contrast(
    roots: list[etree._Element],
    styles: dict[str, WordStyle],
    header_fills: dict[str, str],
) -> list[str]:
    """Sentences naming each colour pair below the contrast it needs, with how often
    and where it is first seen."""
    findings: list[str] = []
    checker = _ContrastCheck(_Looks(styles))
    for root in roots:
        checker.check(root, header_fills)
    for (color, background), found in checker.pairs.items():
        places = "1 place" if found.count == 1 else f"{found.count} places"
        findings.append(
            f"text coloured #{color} on #{background} has a contrast of {found.ratio:.1f}:1, "
            f"below {found.needed:g}:1 ({places}, first in “{found.first}”)."
        )
    return findings


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
            (color, background), _Contrast(ratio, needed, paragraph_text(paragraph))
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


def header_fills(styles_xml: etree._Element | None) -> dict[str, str]:
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

    def __init__(self, styles: dict[str, WordStyle]) -> None:
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


def paragraph_text(paragraph: etree._Element) -> str:
    """A paragraph's text, cut to about sixty characters (to name where something is)."""
    text = "".join(t.text or "" for t in paragraph.iter(f"{_W}t")).strip()
    return text if len(text) <= 60 else text[:57].rstrip() + "…"
