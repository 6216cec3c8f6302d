"""Documents Word accepts (zero Office Open XML schema errors) and the PDF LibreOffice makes."""

from __future__ import annotations

import subprocess
from pathlib import Path

from docx_reading import FEATURES, schema_errors

from deepdive.export import ExportFormat, ExportOptions, export_case_study, render_markdown_file
from deepdive.services import Services


def test_demo_case_study_has_no_schema_errors(demo_docx: Path) -> None:
    assert schema_errors(demo_docx) == []


def test_document_with_every_markdown_feature_has_no_schema_errors(tmp_path: Path) -> None:
    source = tmp_path / "features.md"
    source.write_text(FEATURES, encoding="utf-8")
    out = tmp_path / "features.docx"
    render_markdown_file(source, out)
    assert schema_errors(out) == []


def test_shifted_relative_and_unmarked_exports_have_no_schema_errors(
    demo_workspace: Services, tmp_path: Path
) -> None:
    out = tmp_path / "variant.docx"
    options = ExportOptions(marking=None, date_shift_days=-40)
    export_case_study(demo_workspace, "DEMO-001", out, options=options)
    assert schema_errors(out) == []


def test_pdf_has_the_marking_on_every_page_and_the_contents(
    demo_workspace: Services, tmp_path: Path, libreoffice: str
) -> None:
    out = tmp_path / "DEMO-001.pdf"
    export_case_study(demo_workspace, "DEMO-001", out, format=ExportFormat.PDF)
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 10
    for number, page in enumerate(pages, 1):
        assert "OFFICIAL-SENSITIVE" in page, f"page {number} has no marking"
        assert f"Page {number} of {len(pages)}" in page
    for heading in (
        "Contents",
        "Summary",
        "Profile and cast",
        "Chronology",
        "Reflective sessions",
        "Learning and actions",
    ):
        assert heading in text
    assert "Police incident log" in text  # the first chronology row
    assert "Jay moves to live with Nan full time" in text  # a row near the end
    contents = pages[1]
    assert "Chronology" in contents
    # The contents were updated before the PDF was made: page numbers, not blanks.
    assert any(line.rstrip()[-1:].isdigit() for line in contents.splitlines() if "Summary" in line)
