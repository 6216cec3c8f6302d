"""WordprocessingML written as text, in schema order.

The exporter writes the document body as one XML string and parses it once: this is
many times faster than building thousands of table cells through python-docx's object
API, and it keeps every element in the order the Office Open XML schema requires
(Word refuses a file whose elements are out of order; LibreOffice does not, so only a
validator notices).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from deepdive.text.clean import count_bidi, show_bidi

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC_NS = "http://schemas.openxmlformats.org/drawingml/2006/picture"
NS_DECLS = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:wp="{WP_NS}" xmlns:a="{A_NS}" xmlns:pic="{PIC_NS}"'
)

# Characters XML 1.0 cannot hold, plus the C1 controls no document should carry. Tab
# and newline are kept; emoji, right-to-left scripts and everything else survive.
_UNHOLDABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass
class TextReport:
    """What had to be dropped or changed in the text on its way into a document."""

    dropped: int = 0
    notes: list[str] = field(default_factory=list)
    direction_marks: int = 0
    """Direction controls (U+202E…) written as visible marks instead."""

    def clean(self, text: str) -> str:
        """``text`` without characters a document cannot hold (they are counted), and
        with direction controls as visible marks, so they never reorder the text."""
        marks = count_bidi(text)
        if marks:
            text = show_bidi(text)
            if not self.direction_marks:
                self.notes.append(
                    "Hidden direction controls in the text are shown as marks such as "
                    "‹U+202E›, so they cannot change how the text reads."
                )
            self.direction_marks += marks
        if _UNHOLDABLE.search(text) is None:
            return text
        cleaned, count = _UNHOLDABLE.subn("", text)
        self.dropped += count
        return cleaned

    def note_once(self, note: str) -> None:
        """Add a note for the person exporting, unless it is there already."""
        if note not in self.notes:
            self.notes.append(note)


def esc(text: str) -> str:
    """Escape text for element content or a double-quoted attribute."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    return text


@dataclass(frozen=True)
class Format:
    """Character formatting of a run; ``style`` is a character style id."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    superscript: bool = False
    subscript: bool = False
    small_caps: bool = False
    style: str | None = None
    color: str | None = None
    size_half_points: int | None = None

    def plus(self, **changes: object) -> Format:
        """A copy with some attributes changed."""
        values = {**self.__dict__, **changes}
        return Format(**values)


PLAIN = Format()


@lru_cache(maxsize=256)
def rpr(fmt: Format, code_style: str = "") -> str:
    """The ``w:rPr`` element for a format (schema order), or "" for plain text."""
    parts: list[str] = []
    style = fmt.style or (code_style if fmt.code else None)
    if style:
        parts.append(f'<w:rStyle w:val="{esc(style)}"/>')
    if fmt.bold:
        parts.append("<w:b/><w:bCs/>")
    if fmt.italic:
        parts.append("<w:i/><w:iCs/>")
    if fmt.small_caps:
        parts.append("<w:smallCaps/>")
    if fmt.strike:
        parts.append("<w:strike/>")
    if fmt.color:
        parts.append(f'<w:color w:val="{fmt.color}"/>')
    if fmt.size_half_points:
        parts.append(f'<w:sz w:val="{fmt.size_half_points}"/>')
        parts.append(f'<w:szCs w:val="{fmt.size_half_points}"/>')
    if fmt.superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    elif fmt.subscript:
        parts.append('<w:vertAlign w:val="subscript"/>')
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, fmt: Format = PLAIN, code_style: str = "") -> str:
    """A run of text; newlines become line breaks and tabs become tab characters."""
    props = rpr(fmt, code_style)
    if "\n" not in text and "\t" not in text:
        return f'<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    pieces: list[str] = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def page_break_run() -> str:
    """A run holding a page break."""
    return '<w:r><w:br w:type="page"/></w:r>'


def field_runs(instruction: str, cached: str, fmt: Format = PLAIN, dirty: bool = False) -> str:
    """A complex field (PAGE, NUMPAGES, TOC, PAGEREF…) with its last shown result."""
    props = rpr(fmt)
    flag = ' w:dirty="true"' if dirty else ""
    return (
        f'<w:r>{props}<w:fldChar w:fldCharType="begin"{flag}/></w:r>'
        f'<w:r>{props}<w:instrText xml:space="preserve"> {esc(instruction)} </w:instrText></w:r>'
        f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{run(cached, fmt) if cached else ''}"
        f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
    )


@dataclass(frozen=True)
class ParaProps:
    """Paragraph properties the exporter uses (written in schema order)."""

    style: str | None = None
    keep_next: bool = False
    keep_lines: bool = False
    page_break_before: bool = False
    num_id: int | None = None
    level: int = 0
    border_bottom: bool = False
    shading: str | None = None
    bidi: bool = False
    space_before: int | None = None
    space_after: int | None = None
    indent_left: int | None = None
    align: str | None = None
    outline_level: int | None = None


@lru_cache(maxsize=512)
def ppr(props: ParaProps) -> str:
    """The ``w:pPr`` element for these properties, or "" when there are none."""
    p: list[str] = []
    if props.style:
        p.append(f'<w:pStyle w:val="{esc(props.style)}"/>')
    if props.keep_next:
        p.append("<w:keepNext/>")
    if props.keep_lines:
        p.append("<w:keepLines/>")
    if props.page_break_before:
        p.append("<w:pageBreakBefore/>")
    if props.num_id is not None:
        p.append(
            f'<w:numPr><w:ilvl w:val="{props.level}"/><w:numId w:val="{props.num_id}"/></w:numPr>'
        )
    if props.border_bottom:
        p.append(
            '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="A6AEB8"/></w:pBdr>'
        )
    if props.shading:
        p.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{props.shading}"/>')
    if props.bidi:
        p.append("<w:bidi/>")
    if props.space_before is not None or props.space_after is not None:
        attrs = ""
        if props.space_before is not None:
            attrs += f' w:before="{props.space_before}"'
        if props.space_after is not None:
            attrs += f' w:after="{props.space_after}"'
        p.append(f"<w:spacing{attrs}/>")
    if props.indent_left is not None:
        p.append(f'<w:ind w:left="{props.indent_left}"/>')
    if props.align:
        p.append(f'<w:jc w:val="{props.align}"/>')
    if props.outline_level is not None:
        p.append(f'<w:outlineLvl w:val="{props.outline_level}"/>')
    return f"<w:pPr>{''.join(p)}</w:pPr>" if p else ""


def paragraph(content: str, props: ParaProps | None = None) -> str:
    """A paragraph holding runs (or other inline content) already written as XML."""
    return f"<w:p>{ppr(props) if props else ''}{content}</w:p>"


def styled(content: str, style: str | None) -> str:
    """A paragraph in one style."""
    if style is None:
        return f"<w:p>{content}</w:p>"
    return f'<w:p><w:pPr><w:pStyle w:val="{esc(style)}"/></w:pPr>{content}</w:p>'


HEADER_FILL = "1F3A5F"
"""The dark fill of every table's header row (its text is white)."""


@dataclass(slots=True)  # made thousands of times: no frozen-instance cost
class Cell:
    """One table cell: its paragraphs (XML) and optional shading / vertical alignment."""

    content: str
    fill: str | None = None
    span: int = 1
    valign: str | None = None


def table_start(
    widths: list[int],
    *,
    style: str | None,
    caption: str = "",
    borders: bool = True,
    look_first_row: bool = True,
    look_first_column: bool = False,
    full_width: bool = True,
) -> str:
    """``w:tbl`` opening, properties and grid, for fixed column widths in twentieths."""
    p: list[str] = []
    if style:
        p.append(f'<w:tblStyle w:val="{esc(style)}"/>')
    total = sum(widths)
    p.append(
        f'<w:tblW w:w="{total}" w:type="dxa"/>' if full_width else '<w:tblW w:w="0" w:type="auto"/>'
    )
    if not borders:
        p.append(
            "<w:tblBorders>"
            + "".join(
                f'<w:{side} w:val="nil"/>'
                for side in ("top", "left", "bottom", "right", "insideH", "insideV")
            )
            + "</w:tblBorders>"
        )
    p.append('<w:tblLayout w:type="fixed"/>')
    # w:val repeats the flags as hex for Word 2007: 0x0020 first row, 0x0080 first
    # column, 0x0600 no banding. A first column of labels is the table's row headers.
    look = 0x0600 | (0x0020 if look_first_row else 0) | (0x0080 if look_first_column else 0)
    p.append(
        f'<w:tblLook w:val="{look:04X}" '
        f'w:firstRow="{int(look_first_row)}" w:lastRow="0" '
        f'w:firstColumn="{int(look_first_column)}" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    )
    if caption:
        p.append(f'<w:tblCaption w:val="{esc(caption)}"/>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    return f"<w:tbl><w:tblPr>{''.join(p)}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"


_CHAR_TWIPS = 95  # an average character of the table text, with its cell margins
_LINE_TWIPS = 260
_PAGE_TWIPS = 12000  # the text height of an A4 page, less a repeated header row


def row_fits_page(texts: list[tuple[str, int]]) -> bool:
    """Whether a row whose cells hold these texts (with their widths) looks shorter than
    a page: such a row is kept whole, a longer one may break (or it would be cut off)."""
    tallest = 0
    for text, width in texts:
        per_line = max(width // _CHAR_TWIPS, 8)
        lines = sum(len(chunk) // per_line + 1 for chunk in text.split("\n"))
        tallest = max(tallest, lines)
    return tallest * _LINE_TWIPS < _PAGE_TWIPS


def table_row(
    cells: list[Cell], widths: list[int], *, header: bool = False, cant_split: bool = True
) -> str:
    """One ``w:tr``; a header row repeats at the top of every page the table runs onto.

    Rows are kept whole on one page (``cant_split``) unless the caller knows a row is
    taller than a page.
    """
    trpr = ""
    if header or cant_split:
        trpr = (
            "<w:trPr>"
            + ("<w:cantSplit/>" if cant_split or header else "")
            + ("<w:tblHeader/>" if header else "")
            + "</w:trPr>"
        )
    out = [f"<w:tr>{trpr}"]
    column = 0
    for cell in cells:
        width = sum(widths[column : column + cell.span])
        column += cell.span
        tcpr = f'<w:tcW w:w="{width}" w:type="dxa"/>'
        if cell.span > 1:
            tcpr += f'<w:gridSpan w:val="{cell.span}"/>'
        if cell.fill:
            tcpr += f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>'
        if cell.valign:
            tcpr += f'<w:vAlign w:val="{cell.valign}"/>'
        content = cell.content or "<w:p/>"
        out.append(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{content}</w:tc>")
    out.append("</w:tr>")
    return "".join(out)


TABLE_END = "</w:tbl>"
SPACER = (
    '<w:p><w:pPr><w:spacing w:before="0" w:after="120" w:line="240" w:lineRule="auto"/>'
    '<w:rPr><w:sz w:val="8"/><w:szCs w:val="8"/></w:rPr></w:pPr></w:p>'
)
"""A thin paragraph: keeps a table from touching what follows (Word merges touching tables)."""


def bookmark(name: str, bookmark_id: int, content: str) -> str:
    """Inline content wrapped in a bookmark (used for TOC page references)."""
    return (
        f'<w:bookmarkStart w:id="{bookmark_id}" w:name="{esc(name)}"/>{content}'
        f'<w:bookmarkEnd w:id="{bookmark_id}"/>'
    )
