"""The leak check reads every text part a .docx carries and blocks identifiers."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from deepdive.errors import DeepDiveError
from deepdive.privacy.detector import Detector
from deepdive.privacy.leakcheck import (
    DocumentReadError,
    ExportBlocked,
    TextPart,
    check_parts,
    docx_text_parts,
)
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson


@pytest.fixture(scope="module")
def detector() -> Detector:
    person = VaultPerson("Jay", real_names=("Jayden Marsh",), nhs_numbers=("943 476 5919",))
    registry = IdentifierRegistry.from_cases([VaultCase("DD-1", 30, (person,))])
    return Detector(registry, safe_words=["Jay", "Mum"])


def clean_document(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = "Case study DD-1"
    document.core_properties.author = "Deep Dive facilitator"
    document.add_heading("Case study", level=1)
    document.add_paragraph("Jay moved to the children's home in March 2016.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "When"
    table.cell(0, 1).text = "What happened"
    table.cell(1, 0).text = "Mar 2016"
    table.cell(1, 1).text = "Jay was placed out of area."
    document.sections[0].header.paragraphs[0].text = "OFFICIAL-SENSITIVE"
    document.save(str(path))
    return path


def export_with_leaks(path: Path) -> Path:
    """A Word export with the real name in a header, a comment and a table cell."""
    document = docx.Document(str(clean_document(path)))
    document.sections[0].header.paragraphs[0].text = "Case study about Jayden Marsh"
    document.tables[0].cell(1, 1).text = "Jayden was placed out of area."
    run = document.paragraphs[1].runs[0]
    document.add_comment(run, text="Check this with Marsh's nan", author="Reviewer", initials="R")
    document.save(str(path))
    return path


def test_every_text_part_of_a_docx_is_read(tmp_path: Path) -> None:
    parts = docx_text_parts(export_with_leaks(tmp_path / "case.docx"))
    where = {p.where.split(" (")[0] for p in parts}
    assert {"body", "header", "comments", "docProps/core.xml"} <= where
    body = next(p.text for p in parts if p.where == "body")
    assert "Jayden was placed out of area." in body  # the table cell
    comments = next(p.text for p in parts if p.where.startswith("comments"))
    assert "Check this with Marsh's nan" in comments
    core = next(p.text for p in parts if p.where == "docProps/core.xml")
    assert "Case study DD-1" in core


def test_an_export_with_a_name_in_header_comment_and_table_is_blocked(
    tmp_path: Path, detector: Detector
) -> None:
    report = check_parts(docx_text_parts(export_with_leaks(tmp_path / "case.docx")), detector)
    places = sorted(f.where.split(" (")[0] for f in report.blocking)
    assert places == ["body", "comments", "header"]
    assert [f.finding.text for f in report.blocking if f.where == "body"] == ["Jayden"]
    with pytest.raises(ExportBlocked) as raised:
        report.raise_if_blocked()
    message = str(raised.value)
    assert isinstance(raised.value, DeepDiveError)
    assert message.startswith("The export was stopped because it would carry 3 identifiers")
    assert "header (word/header1.xml), line 1: registered name “Jayden Marsh”" in message
    assert "comments (word/comments.xml), line 1: registered name “Marsh”" in message
    assert "body, line" in message
    assert report.summary() == "blocked: 3 identifiers"


def test_a_clean_export_passes(tmp_path: Path, detector: Detector) -> None:
    report = check_parts(docx_text_parts(clean_document(tmp_path / "case.docx")), detector)
    assert report.clean and report.summary() == "clean"
    report.raise_if_blocked()


def test_possible_names_ask_for_confirmation_rather_than_block(detector: Detector) -> None:
    report = check_parts([TextPart("body", "The hub worker met Kayleigh at the gym.")], detector)
    assert report.blocking == []
    assert [f.finding.text for f in report.needs_confirmation] == ["Kayleigh"]
    report.raise_if_blocked()
    assert report.summary() == "confirmed by the user: 1 possible name"


def test_properties_custom_xml_links_and_deleted_text_are_checked(
    tmp_path: Path, detector: Detector
) -> None:
    path = clean_document(tmp_path / "case.docx")
    document = docx.Document(str(path))
    document.part.relate_to(
        "https://www.facebook.com/jayden.marsh99", RT.HYPERLINK, is_external=True
    )
    document.save(str(path))
    hidden = {
        "docProps/custom.xml": (
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties"><property name="Subject"><vt:lpwstr xmlns:vt="http://schemas.'
            'openxmlformats.org/officeDocument/2006/docPropsVTypes">NHS 943 476 5919</vt:lpwstr>'
            "</property></Properties>"
        ),
        "customXml/item9.xml": "<data><child>Jayden Marsh</child></data>",
    }
    _add_to_zip(path, hidden)
    _replace_in_part(
        path,
        "word/document.xml",
        "</w:body>",
        '<w:p><w:del w:id="9" w:author="A"><w:r><w:delText>Jayden</w:delText></w:r></w:del>'
        "</w:p></w:body>",
    )
    report = check_parts(docx_text_parts(path), detector)
    found = {(f.where, f.finding.text) for f in report.blocking}
    assert ("docProps/custom.xml", "943 476 5919") in found
    assert ("customXml/item9.xml", "Jayden Marsh") in found
    assert ("body", "Jayden") in found
    assert (
        "links (word/_rels/document.xml.rels)",
        "https://www.facebook.com/jayden.marsh99",
    ) in found


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.write_text("not a zip", encoding="utf-8"), "not a zip file"),
        (lambda p: zipfile.ZipFile(p, "w").writestr("a.txt", "x"), "has no document part"),
    ],
)
def test_a_file_that_is_not_a_word_document_is_explained(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "notes.docx"
    make(path)  # type: ignore[operator]
    with pytest.raises(DocumentReadError, match=message):
        docx_text_parts(path)


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    path = clean_document(tmp_path / "case.docx")
    _add_to_zip(path, {"customXml/item2.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'})
    with pytest.raises(DocumentReadError, match="declares entities"):
        docx_text_parts(path)


def _add_to_zip(path: Path, parts: dict[str, str]) -> None:
    with zipfile.ZipFile(path, "a") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


def _replace_in_part(path: Path, name: str, old: str, new: str) -> None:
    copy = path.with_suffix(".tmp")
    shutil.copy(path, copy)
    with zipfile.ZipFile(copy) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == name:
                data = data.decode("utf-8").replace(old, new).encode("utf-8")
            target.writestr(item, data)
    copy.unlink()


@pytest.mark.parametrize(
    "hidden",
    [
        "Jay\u00adden went out",  # soft hyphen, from a PDF
        "Jay\u200bden went out",  # zero-width space
        "Jay\u2060den went out",  # word joiner
        "Jay\u200dden went out",  # zero-width joiner
        "\uff2a\uff41\uff59\uff44\uff45\uff4e went out",  # full-width letters
        "J\u0430yden went out",  # a Cyrillic "а" that looks like the Latin one
        "\u0408\u0430\u0443d\u0435n went out",  # Cyrillic Ј, а, у and е
        "J\u03b1yden went out",  # a Greek alpha
    ],
)
def test_a_registered_name_split_by_an_invisible_character_is_still_blocked(
    hidden: str, detector: Detector, tmp_path: Path
) -> None:
    """A reader sees "Jayden" whatever invisible character sits inside it, or letters of
    another script drawn the same; so does the check, in a document's text as in a
    Markdown export."""
    from deepdive.privacy.folding import fold

    report = check_parts([TextPart("body", hidden)], detector)
    # Found as written (so a fix replaces what is there), and read as "Jayden".
    assert [fold(item.finding.text) for item in report.blocking] == ["Jayden"]
    document = docx.Document()
    document.add_paragraph(hidden)
    document.save(str(tmp_path / "hidden.docx"))
    in_word = check_parts(docx_text_parts(tmp_path / "hidden.docx"), detector)
    assert len(in_word.blocking) == 1


def test_invisible_characters_are_dropped_from_what_is_typed_or_imported() -> None:
    from deepdive.text.clean import clean_line, clean_text

    assert clean_line("Jay\u200bden") == "Jayden"
    assert clean_text("Jay\u00adden went\u2060 out.\n") == "Jayden went out.\n"
