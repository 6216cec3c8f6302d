"""Build resources/reference.docx, DeepDive's house style, from scratch with python-docx.

    python scripts/build_reference_doc.py [OUT.docx]

The document starts as python-docx's blank package; its style sheet, numbering,
settings and page setup are replaced with the ones written below, so every style the
exporter uses (deepdive.export.styles) is defined here and nowhere else. The output is
byte-for-byte reproducible (fixed dates and zip timestamps).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Twips
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deepdive.export.styles import ALL_STYLES  # noqa: E402

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W_NS}"'

FONT = "Calibri"
MONO = "Consolas"
NAVY = "1F3A5F"
ACCENT = "2F6B8A"
TEXT = "262626"
MUTED = "5B6573"
RULE = "A6AEB8"
GRID = "C5CCD5"
CODE_FILL = "F2F4F7"
LINK = "1F5FA8"

# A4 with 2.2 cm side margins: 16.6 cm of text.
PAGE_W, PAGE_H = 11906, 16838
MARGIN_SIDE, MARGIN_TOP, MARGIN_BOTTOM = 1247, 1304, 1247
TEXT_W = PAGE_W - 2 * MARGIN_SIDE


def style(
    kind: str,
    style_id: str,
    name: str,
    *,
    based_on: str | None = "Normal",
    next_style: str | None = None,
    ui_priority: int | None = None,
    quick: bool = False,
    semi_hidden: bool = False,
    default: bool = False,
    ppr: str = "",
    rpr: str = "",
    extra: str = "",
) -> str:
    """One w:style element, children in schema order."""
    attrs = f' w:type="{kind}" w:styleId="{style_id}"' + (' w:default="1"' if default else "")
    parts = [f'<w:name w:val="{name}"/>']
    if based_on:
        parts.append(f'<w:basedOn w:val="{based_on}"/>')
    if next_style:
        parts.append(f'<w:next w:val="{next_style}"/>')
    if ui_priority is not None:
        parts.append(f'<w:uiPriority w:val="{ui_priority}"/>')
    if semi_hidden:
        parts.append("<w:semiHidden/><w:unhideWhenUsed/>")
    if quick:
        parts.append("<w:qFormat/>")
    if ppr:
        parts.append(f"<w:pPr>{ppr}</w:pPr>")
    if rpr:
        parts.append(f"<w:rPr>{rpr}</w:rPr>")
    parts.append(extra)
    return f"<w:style{attrs}>{''.join(parts)}</w:style>"


def fonts(name: str) -> str:
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def spacing(before: int, after: int, line: int | None = None) -> str:
    rule = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{rule}/>'


def heading(level: int, pt: float, color: str, *, italic: bool = False, rule: bool = False) -> str:
    before, after = {1: (480, 160), 2: (320, 120), 3: (240, 80)}.get(level, (200, 60))
    border = (
        f'<w:pBdr><w:bottom w:val="single" w:sz="8" w:space="4" w:color="{ACCENT}"/></w:pBdr>'
        if rule
        else ""
    )
    return style(
        "paragraph",
        f"Heading{level}",
        f"heading {level}",
        next_style="Normal",
        ui_priority=9,
        quick=True,
        ppr=f"<w:keepNext/><w:keepLines/>{border}{spacing(before, after, 240)}"
        f'<w:outlineLvl w:val="{level - 1}"/>',
        rpr=f"<w:b/><w:bCs/>{'<w:i/><w:iCs/>' if italic else ''}"
        f'<w:color w:val="{color}"/>{size(int(pt * 2))}',
    )


def toc(level: int, indent: int, *, bold: bool = False, before: int = 60) -> str:
    return style(
        "paragraph",
        f"TOC{level}",
        f"toc {level}",
        next_style="Normal",
        ui_priority=39,
        semi_hidden=True,
        ppr=f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{TEXT_W}"/></w:tabs>'
        f'{spacing(before, 40)}<w:ind w:left="{indent}"/>',
        rpr="<w:b/><w:bCs/>" if bold else "",
    )


def stylesheet() -> str:
    grid_borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{GRID}"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    styles = [
        style(
            "paragraph",
            "Normal",
            "Normal",
            based_on=None,
            default=True,
            quick=True,
            ppr="<w:widowControl/>",
            rpr=f'<w:color w:val="{TEXT}"/>',
        ),
        style(
            "character",
            "DefaultParagraphFont",
            "Default Paragraph Font",
            based_on=None,
            default=True,
            ui_priority=1,
            semi_hidden=True,
        ),
        style(
            "table",
            "TableNormal",
            "Normal Table",
            based_on=None,
            default=True,
            ui_priority=99,
            semi_hidden=True,
            extra='<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
            '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
            '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>",
        ),
        style(
            "numbering",
            "NoList",
            "No List",
            based_on=None,
            default=True,
            ui_priority=99,
            semi_hidden=True,
        ),
        style(
            "paragraph",
            "Title",
            "Title",
            next_style="Normal",
            ui_priority=10,
            quick=True,
            ppr=f"{spacing(0, 120, 228)}<w:contextualSpacing/>",
            rpr=f'<w:b/><w:bCs/><w:color w:val="{NAVY}"/><w:kern w:val="28"/>{size(60)}',
        ),
        style(
            "paragraph",
            "Subtitle",
            "Subtitle",
            next_style="Normal",
            ui_priority=11,
            quick=True,
            ppr=spacing(0, 360),
            rpr=f'<w:color w:val="{ACCENT}"/>{size(32)}',
        ),
        heading(1, 18, NAVY, rule=True),
        heading(2, 14, ACCENT),
        heading(3, 12, NAVY),
        heading(4, 11, NAVY, italic=True),
        heading(5, 11, MUTED),
        heading(6, 11, MUTED, italic=True),
        style(
            "paragraph",
            "ListParagraph",
            "List Paragraph",
            ui_priority=34,
            quick=True,
            ppr=f'{spacing(0, 160)}<w:ind w:left="720"/><w:contextualSpacing/>',
        ),
        style(
            "paragraph",
            "Quote",
            "Quote",
            next_style="Normal",
            ui_priority=29,
            quick=True,
            ppr=f'<w:pBdr><w:left w:val="single" w:sz="18" w:space="8" w:color="{ACCENT}"/>'
            f'</w:pBdr>{spacing(60, 120)}<w:ind w:left="340" w:right="340"/>',
            rpr='<w:i/><w:iCs/><w:color w:val="404040"/>',
        ),
        style(
            "paragraph",
            "Caption",
            "caption",
            next_style="Normal",
            ui_priority=35,
            quick=True,
            ppr=f'{spacing(80, 280)}<w:jc w:val="center"/>',
            rpr=f'<w:i/><w:iCs/><w:color w:val="{MUTED}"/>{size(18)}',
        ),
        style(
            "paragraph",
            "TOCHeading",
            "TOC Heading",
            based_on="Heading1",
            next_style="Normal",
            ui_priority=39,
            quick=True,
            ppr='<w:outlineLvl w:val="9"/>',
        ),
        toc(1, 0, bold=True, before=140),
        toc(2, 284),
        toc(3, 567, before=20),
        style(
            "paragraph",
            "FootnoteText",
            "footnote text",
            ui_priority=99,
            semi_hidden=True,
            ppr=spacing(0, 40, 240),
            rpr=size(18),
        ),
        style(
            "character",
            "FootnoteReference",
            "footnote reference",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            semi_hidden=True,
            rpr='<w:vertAlign w:val="superscript"/>',
        ),
        style(
            "paragraph",
            "Header",
            "header",
            ui_priority=99,
            ppr=f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>{spacing(0, 0, 240)}',
            rpr=f'<w:color w:val="{MUTED}"/>{size(17)}',
        ),
        style(
            "paragraph",
            "Footer",
            "footer",
            ui_priority=99,
            ppr=f'<w:pBdr><w:top w:val="single" w:sz="4" w:space="6" w:color="{RULE}"/></w:pBdr>'
            f'<w:tabs><w:tab w:val="center" w:pos="{TEXT_W // 2}"/>'
            f'<w:tab w:val="right" w:pos="{TEXT_W}"/></w:tabs>{spacing(0, 0, 240)}',
            rpr=f'<w:color w:val="{MUTED}"/>{size(17)}',
        ),
        style(
            "character",
            "Hyperlink",
            "Hyperlink",
            based_on="DefaultParagraphFont",
            ui_priority=99,
            rpr=f'<w:color w:val="{LINK}"/><w:u w:val="single"/>',
        ),
        style(
            "paragraph",
            "CodeBlock",
            "Code Block",
            ui_priority=39,
            quick=True,
            ppr=f'<w:shd w:val="clear" w:color="auto" w:fill="{CODE_FILL}"/>'
            f'{spacing(60, 160, 240)}<w:ind w:left="142" w:right="142"/>',
            rpr=f'{fonts(MONO)}<w:noProof/><w:color w:val="1F2328"/>{size(19)}',
        ),
        style(
            "character",
            "InlineCode",
            "Inline Code",
            based_on="DefaultParagraphFont",
            ui_priority=39,
            rpr=f'{fonts(MONO)}<w:noProof/><w:color w:val="1F2328"/>{size(19)}'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{CODE_FILL}"/>',
        ),
        style(
            "paragraph",
            "TableText",
            "Table Text",
            ui_priority=39,
            quick=True,
            ppr=spacing(20, 60, 247),
            rpr=size(19),
        ),
        style(
            "paragraph",
            "TableHeading",
            "Table Heading",
            based_on="TableText",
            ui_priority=39,
            quick=True,
            ppr="<w:keepNext/>",
            rpr="<w:b/><w:bCs/>",
        ),
        style(
            "paragraph",
            "ProtectiveMarking",
            "Protective Marking",
            based_on="Header",
            ui_priority=39,
            ppr=f'{spacing(0, 0, 240)}<w:jc w:val="center"/>',
            rpr=f'<w:b/><w:bCs/><w:color w:val="000000"/>{size(20)}',
        ),
        style(
            "paragraph",
            "CoverDetail",
            "Cover Detail",
            ui_priority=39,
            ppr=spacing(40, 40, 240),
            rpr=size(21),
        ),
        style(
            "table",
            "CaseStudyTable",
            "Case Study Table",
            based_on="TableNormal",
            ui_priority=39,
            ppr=spacing(0, 0),
            extra=f"<w:tblPr><w:tblBorders>{grid_borders}</w:tblBorders><w:tblCellMar>"
            '<w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
            '<w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/>'
            "</w:tblCellMar></w:tblPr>"
            '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/>'
            '<w:color w:val="FFFFFF"/></w:rPr><w:tcPr>'
            f'<w:shd w:val="clear" w:color="auto" w:fill="{NAVY}"/></w:tcPr></w:tblStylePr>',
        ),
    ]
    defaults = (
        f"<w:docDefaults><w:rPrDefault><w:rPr>{fonts(FONT)}{size(22)}"
        '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        f"<w:pPrDefault><w:pPr>{spacing(0, 160, 276)}</w:pPr></w:pPrDefault></w:docDefaults>"
    )
    return f"<w:styles {NS}>{defaults}{''.join(styles)}</w:styles>"


SETTINGS = (
    f"<w:settings {NS}>"
    '<w:zoom w:percent="100"/><w:removePersonalInformation/>'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-GB"/><w:decimalSymbol w:val="."/>'
    '<w:listSeparator w:val=","/></w:settings>'
)


def build(out: Path) -> None:
    """Write the reference document to ``out``."""
    document = docx.Document()
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype in (RT.THUMBNAIL, RT.EXTENDED_PROPERTIES):
            del package.rels[rel_id]
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML,) or rel.reltype.endswith("/stylesWithEffects"):
            del document.part.rels[rel_id]

    _replace(document.styles.element, stylesheet())
    _replace(document.settings.element, SETTINGS)
    _replace(document.part.numbering_part.element, f"<w:numbering {NS}/>")

    section = document.sections[0]
    section.page_width, section.page_height = Twips(PAGE_W), Twips(PAGE_H)
    section.left_margin = section.right_margin = Twips(MARGIN_SIDE)
    section.top_margin, section.bottom_margin = Twips(MARGIN_TOP), Twips(MARGIN_BOTTOM)
    section.header_distance = section.footer_distance = Twips(567)

    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    document.add_paragraph("DeepDive house style", style="Title")
    document.add_paragraph(
        "The reference document for Word exports: its styles, page setup and language are "
        "used for every case study. Give a team's own .docx or .dotx with --reference-doc to "
        "use theirs instead; any style missing there is taken from this one.",
    )
    for name in ALL_STYLES:
        if name.startswith("heading"):
            document.add_paragraph(f"A {name}", style=document.styles[name])

    core = document.core_properties
    for child in list(core._element):
        core._element.remove(child)
    core.title = "DeepDive house style"
    core.language = "en-GB"
    core.created = core.modified = datetime(2025, 1, 1, tzinfo=UTC)
    core.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    _reproducible_zip(buffer.getvalue(), out)


def _replace(element: etree._Element, xml: str) -> None:
    fresh = etree.fromstring(xml)
    for child in list(element):
        element.remove(child)
    for key in list(element.attrib):
        del element.attrib[key]
    for child in list(fresh):
        element.append(child)


def _reproducible_zip(data: bytes, out: Path) -> None:
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in sorted(
            source.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)
        ):
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else ROOT / "resources" / "reference.docx"
    build(out)
    print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
