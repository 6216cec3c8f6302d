"""The accessibility check every export runs: the house style passes, a broken template
or document is named with what is wrong."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import RGBColor
from test_team_templates import team_template

from deepdive.export import ExportOptions, export_case_study, render_markdown_file
from deepdive.export.accessibility import check_accessibility
from deepdive.export.contrast import contrast_ratio
from deepdive.services import Services


def test_the_house_style_case_study_passes_with_no_warning(
    demo_workspace: Services, tmp_path: Path
) -> None:
    result = export_case_study(demo_workspace, "DEMO-001", tmp_path / "house.docx")
    assert result.accessibility is not None and result.accessibility.passed
    assert not [m for m in result.messages() if m.startswith("Accessibility")]


def test_a_team_template_with_a_pale_heading_and_a_logo_without_alt_text_gets_notes(
    demo_workspace: Services, tmp_path: Path
) -> None:
    plain = team_template(tmp_path, as_template=False)
    document = docx.Document(str(plain))
    document.styles["Heading 1"].font.color.rgb = RGBColor(0xB0, 0xC4, 0xDE)
    reference = tmp_path / "pale.docx"
    document.save(str(reference))
    out = tmp_path / "team.docx"
    result = export_case_study(
        demo_workspace, "DEMO-001", out, options=ExportOptions(reference_doc=reference)
    )
    notes = [m for m in result.messages() if m.startswith("Accessibility: ")]
    # Headings are large text, which needs 3:1.
    assert any("#B0C4DE on #FFFFFF" in n and "below 3:1" in n for n in notes), notes
    assert any("in a header or footer has no alt text" in n for n in notes), notes
    assert out.exists()  # a note, not a refusal


def test_a_markdown_file_that_skips_heading_levels_renders_without_the_gap(
    tmp_path: Path,
) -> None:
    source = tmp_path / "notes.md"
    source.write_text(
        "# Notes\n\nIntro.\n\n### Too deep\n\nText.\n\n| Date | What |\n|---|---|\n| 1 | x |\n",
        encoding="utf-8",
    )
    result = render_markdown_file(source, tmp_path / "notes.docx")
    assert result.accessibility is not None and result.accessibility.passed
    levels = [p.style.name for p in docx.Document(str(tmp_path / "notes.docx")).paragraphs]
    assert "Heading 2" in levels and "Heading 3" not in levels


def test_a_document_whose_headings_skip_a_level_is_named(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Made elsewhere"
    document.add_heading("Notes", 1)
    document.add_heading("Too deep", 3)
    path = tmp_path / "skips.docx"
    document.save(str(path))
    assert (
        "the heading “Too deep” is level 3 but follows a level 1 heading (a level is skipped)."
        in check_accessibility(path).findings
    )


def test_tables_without_headers_merged_cells_and_missing_properties_are_found(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.core_properties.title = ""
    table = document.add_table(rows=2, cols=2)
    table.cell(1, 0).merge(table.cell(1, 1))
    path = tmp_path / "made-elsewhere.docx"
    document.save(str(path))
    findings = check_accessibility(path).findings
    assert "table 1 has no header row (Table Properties ▸ Row)." in findings
    assert "table 1 has merged cells, which screen readers misread." in findings
    assert "the document has no title (File ▸ Info ▸ Properties)." in findings


def test_contrast_is_measured_as_wcag_defines_it() -> None:
    assert round(contrast_ratio("000000", "FFFFFF"), 1) == 21.0
    assert round(contrast_ratio("767676", "FFFFFF"), 2) == 4.54  # the lightest grey that passes
    assert contrast_ratio("777777", "FFFFFF") < 4.5
