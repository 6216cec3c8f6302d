"""One Word document being written on a reference document's styles and page setup."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from lxml import etree

from deepdive import APP_NAME
from deepdive.export.markdown_word import MarkdownToWord
from deepdive.export.page import EMU_PER_TWIP, apply_page_furniture, text_width
from deepdive.export.reference import clean_package, ensure_styles, open_reference, set_setting
from deepdive.export.state import DocumentState, Numbering
from deepdive.export.wordml import NS_DECLS, W_NS, esc

_W = f"{{{W_NS}}}"
_XML_PARSER = etree.XMLParser(huge_tree=True)
_SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote>"
)
_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{APP_NAME}</Application><DocSecurity>0</DocSecurity></Properties>"
)


class WordDocument:
    """Collects body XML, then writes a finished, cleaned package."""

    def __init__(self, reference: Path | None = None) -> None:
        self.document = open_reference(reference)
        clean_package(self.document)
        self.styles = ensure_styles(self.document)
        self.width = text_width(self.document)
        self.state = DocumentState(
            styles=self.styles,
            numbering=self._numbering(),
            link_id=self._link_id,
            text_width=self.width,
        )
        self.markdown = MarkdownToWord(self.state)
        self.body: list[str] = []
        self._picture_ids = 0

    def add(self, xml: str | Iterable[str]) -> None:
        """Append blocks (already written as WordprocessingML) to the body."""
        if isinstance(xml, str):
            self.body.append(xml)
        else:
            self.body.extend(xml)

    def _link_id(self, target: str) -> str:
        rel_id: str = self.document.part.relate_to(target, RT.HYPERLINK, is_external=True)
        return rel_id

    def _numbering(self) -> Numbering:
        numbering = self.document.part.numbering_part.element
        abstract_ids = [
            int(el.get(f"{_W}abstractNumId", "0"))
            for el in numbering.iterchildren(f"{_W}abstractNum")
        ]
        num_ids = [int(el.get(f"{_W}numId", "0")) for el in numbering.iterchildren(f"{_W}num")]
        first_abstract = max(abstract_ids, default=-1) + 1
        return Numbering(
            bullet_abstract_id=first_abstract,
            number_abstract_id=first_abstract + 1,
            first_num_id=max(num_ids, default=0) + 1,
        )

    def picture(self, png: bytes, *, alt: str, name: str, width_twips: int) -> str:
        """A run holding an inline picture with alt text, scaled to ``width_twips``."""
        rel_id, image = self.document.part.get_or_add_image(io.BytesIO(png))
        cx, cy = image.scaled_dimensions(width_twips * EMU_PER_TWIP, None)
        self._picture_ids += 1
        shape_id = 1000 + self._picture_ids
        alt_text = esc(self.state.report.clean(alt))
        title = esc(name)
        return (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{shape_id}" name="{title}" descr="{alt_text}" title="{title}"/>'
            '<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            "</wp:cNvGraphicFramePr><a:graphic>"
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
            f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{title}.png" '
            f'descr="{alt_text}"/><pic:cNvPicPr><a:picLocks noChangeAspect="1"/></pic:cNvPicPr>'
            f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/>'
            '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>"
            "</w:drawing></w:r>"
        )

    # ---------------------------------------------------------------- finishing
    def finish(self, *, title: str, marking: str | None, label: str) -> None:
        """Page furniture, body, numbering, footnotes and properties, in that order."""
        marking = self.state.report.clean(marking) if marking else None
        apply_page_furniture(
            self.document, self.styles, marking, self.state.report.clean(label), self.width
        )
        self._install_body()
        self._install_numbering()
        self._install_footnotes()
        self._set_properties(self.state.report.clean(title))

    def _install_body(self) -> None:
        old = self.document.element.body
        section = old.find(f"{_W}sectPr")
        xml = f"<w:body {NS_DECLS}>{''.join(self.body)}</w:body>"
        self.body = []
        new = etree.fromstring(xml.encode("utf-8"), _XML_PARSER)
        if section is not None:
            new.append(section)
        old.getparent().replace(old, new)

    def _install_numbering(self) -> None:
        numbering = self.state.numbering
        if not numbering.nums:
            return
        element = self.document.part.numbering_part.element
        fragment = etree.fromstring(
            f"<w:numbering {NS_DECLS}>{''.join(numbering.abstract_definitions())}</w:numbering>"
        )
        first_num = element.find(f"{_W}num")
        for abstract in list(fragment):
            if first_num is None:
                element.append(abstract)
            else:
                first_num.addprevious(abstract)
        nums = etree.fromstring(f"<w:numbering {NS_DECLS}>{''.join(numbering.nums)}</w:numbering>")
        cleanup = element.find(f"{_W}numIdMacAtCleanup")
        for num in list(nums):
            if cleanup is None:
                element.append(num)
            else:
                cleanup.addprevious(num)

    def _install_footnotes(self) -> None:
        if not self.state.footnotes:
            return
        xml = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:footnotes {NS_DECLS}>{_SEPARATORS}{''.join(self.state.footnotes)}</w:footnotes>"
        )
        package = self.document.part.package
        part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, xml.encode("utf-8"), package)
        for rel_id, target in self.state.footnote_links.items():
            part.load_rel(RT.HYPERLINK, target, rel_id, is_external=True)
        self.document.part.relate_to(part, RT.FOOTNOTES)
        settings = self.document.settings.element
        properties = set_setting(settings, "footnotePr")
        for separator_id in ("-1", "0"):
            etree.SubElement(properties, f"{_W}footnote").set(f"{_W}id", separator_id)

    def _set_properties(self, title: str) -> None:
        """Title set; author, company, comments, template and custom properties cleared."""
        core = self.document.core_properties
        for child in list(core._element):
            core._element.remove(child)
        now = datetime.now(UTC).replace(microsecond=0)
        core.title = title
        core.language = "en-GB"
        core.created = now
        core.modified = now
        core.revision = 1
        package = self.document.part.package
        for rel_id, rel in list(package.rels.items()):
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                del package.rels[rel_id]
        app = Part(
            PackURI("/docProps/app.xml"),
            CT.OFC_EXTENDED_PROPERTIES,
            _APP_XML.encode("utf-8"),
            package,
        )
        package.relate_to(app, RT.EXTENDED_PROPERTIES)

    def save(self, path: Path) -> None:
        """Write the package to ``path``."""
        self.document.save(str(path))
