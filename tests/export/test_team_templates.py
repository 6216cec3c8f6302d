"""A team's own .docx/.dotx as the reference: its look is used, its past is not."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest
from docx.shared import Inches, Pt
from docx_reading import PNG, W, open_docx, part_names, schema_errors

from deepdive.export import ExportOptions, ReferenceDocError, export_case_study
from deepdive.services import Services

CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
    "<vt:lpwstr>Jane Smith</vt:lpwstr></property></Properties>"
)


def team_template(folder: Path, *, as_template: bool) -> Path:
    """A council's template: its own header and logo, margins, fonts and someone's name."""
    document = docx.Document()
    section = document.sections[0]
    section.left_margin = section.right_margin = Inches(1)
    header = section.header
    header.is_linked_to_previous = False
    header.paragraphs[0].text = "Northshire Council · Children's Services"
    header.paragraphs[0].add_run().add_picture(io.BytesIO(PNG), width=Inches(1))
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(10)
    quote = document.styles["Quote"].element
    quote.getparent().remove(quote)  # the team's template lacks one style we use
    document.add_paragraph("Jane Smith's old report, which must not reach any export.")
    document.core_properties.author = "Jane Smith"
    document.core_properties.last_modified_by = "Jane Smith"
    document.core_properties.comments = "Draft by Jane Smith"
    buffer = io.BytesIO()
    document.save(buffer)
    path = folder / ("team.dotx" if as_template else "team.docx")
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/app.xml":
                data = data.replace(b"<Company/>", b"<Company>Northshire Council</Company>")
            if item.filename == "_rels/.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/custom-properties" '
                    b'Target="docProps/custom.xml"/></Relationships>',
                )
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/docProps/custom.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
                )
                if as_template:
                    data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
        target.writestr("docProps/custom.xml", CUSTOM_XML)
    return path


@pytest.mark.parametrize("as_template", [False, True], ids=["docx", "dotx"])
def test_team_template_look_is_used_and_its_past_is_not(
    demo_workspace: Services, tmp_path: Path, as_template: bool
) -> None:
    reference = team_template(tmp_path, as_template=as_template)
    out = tmp_path / "case.docx"
    export_case_study(
        demo_workspace, "DEMO-001", out, options=ExportOptions(reference_doc=reference)
    )
    document = open_docx(out)
    section = document.sections[0]
    assert section.left_margin == Inches(1)
    header_text = section.header._element
    texts = "".join(header_text.itertext())
    assert "Northshire Council" in texts and "OFFICIAL-SENSITIVE" in texts
    assert header_text.find(f".//{{{W}}}drawing") is not None  # the logo stayed
    assert document.styles["Normal"].font.name == "Arial"
    assert any(p.style.name == "Quote" for p in document.paragraphs) or (
        "Quote" in [s.name for s in document.styles]
    )
    assert "Code Block" in [s.name for s in document.styles]
    assert document.core_properties.author == ""
    assert document.core_properties.comments == ""
    assert "docProps/custom.xml" not in part_names(out)
    with zipfile.ZipFile(out) as package:
        for name in package.namelist():
            assert b"Jane Smith" not in package.read(name), name
            assert b"Northshire Council</Company>" not in package.read(name), name
    assert schema_errors(out) == []


def test_a_style_missing_from_the_template_falls_back_to_the_house_style(
    demo_workspace: Services, tmp_path: Path
) -> None:
    reference = team_template(tmp_path, as_template=False)
    out = tmp_path / "case.docx"
    export_case_study(
        demo_workspace, "DEMO-001", out, options=ExportOptions(reference_doc=reference)
    )
    quote = open_docx(out).styles["Quote"]
    assert quote.font.italic  # DeepDive's own Quote style, copied in


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"just some text", "notes.docx", "is not a Word document"),
        (None, "missing.docx", "Cannot read the reference document"),
        (b"PK\x03\x04broken", "broken.dotx", "is not a Word document"),
    ],
)
def test_unusable_reference_documents_are_refused_and_nothing_is_written(
    demo_workspace: Services, tmp_path: Path, content: bytes | None, name: str, message: str
) -> None:
    reference = tmp_path / name
    if content is not None:
        reference.write_bytes(content)
    out = tmp_path / "case.docx"
    with pytest.raises(ReferenceDocError, match=message):
        export_case_study(
            demo_workspace, "DEMO-001", out, options=ExportOptions(reference_doc=reference)
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        [name] if content is not None else []
    )


def test_macro_enabled_templates_are_refused(demo_workspace: Services, tmp_path: Path) -> None:
    reference = team_template(tmp_path, as_template=True)
    with zipfile.ZipFile(reference) as source:
        parts = {i.filename: source.read(i.filename) for i in source.infolist()}
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"template.main+xml", b"template.macroEnabledTemplate.main+xml"
    )
    macro = tmp_path / "macros.dotm"
    with zipfile.ZipFile(macro, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    with pytest.raises(ReferenceDocError, match="macros"):
        export_case_study(
            demo_workspace,
            "DEMO-001",
            tmp_path / "x.docx",
            options=ExportOptions(reference_doc=macro),
        )
    assert not (tmp_path / "x.docx").exists()
