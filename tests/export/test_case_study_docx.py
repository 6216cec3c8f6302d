"""The demo case study read back from the .docx: structure, chronology, furniture, properties."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from docx_reading import (
    EXPORT_DAY,
    NS,
    PNG,
    W,
    body,
    headings,
    open_docx,
    part_names,
    part_xml,
    text_of,
)

from deepdive.export import DateMode, ExportOptions, Section, export_case_study
from deepdive.services import Services


def test_headings_follow_the_case_study_outline_without_skipping_levels(demo_docx: Path) -> None:
    found = headings(open_docx(demo_docx))
    top = [text for level, text in found if level == 1]
    assert top == [
        "Summary",
        "Profile and cast",
        "Chronology",
        "Timeline",
        "Reflective sessions",
        "Learning and actions",
    ]
    levels = [level for level, _ in found]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))
    session_stages = [text for level, text in found if level == 3]
    assert "Who is the young person?" in session_stages
    assert "Would this be good enough for my child?" in session_stages


def test_cover_names_the_case_marking_status_and_authors_by_role(demo_docx: Path) -> None:
    document = open_docx(demo_docx)
    cover = document.tables[0]
    rows = {row.cells[0].text: row.cells[1].text for row in cover.rows}
    assert rows["Case code"] == "DEMO-001"
    assert rows["Young person"].startswith("Jay")
    assert rows["Protective marking"] == "OFFICIAL-SENSITIVE"
    assert rows["Date"] == "26 November 2025"
    assert rows["Status"] == "Final"
    assert "Innovation coach (facilitator)" in rows["Authors (by role)"]
    assert "Police officer (Police)" in rows["Authors (by role)"]


def test_chronology_is_a_table_with_a_repeating_header_and_one_row_per_event(
    demo_docx: Path, demo_workspace: Services
) -> None:
    case = demo_workspace.cases.find("DEMO-001")
    events = demo_workspace.events.list_events(case.id)
    document = open_docx(demo_docx)
    table = next(
        t
        for t in document.tables
        if t.rows[0].cells[0].text == "Date" and t.rows[0].cells[1].text == "Age"
    )
    assert [c.text for c in table.rows[0].cells] == [
        "Date",
        "Age",
        "What happened",
        "Significance and outcome",
    ]
    assert len(table.rows) == len(events) + 1
    header_props = table.rows[0]._tr.find(f"{{{W}}}trPr")
    assert header_props is not None and header_props.find(f"{{{W}}}tblHeader") is not None
    first = table.rows[1].cells
    assert first[0].text == "11 Feb 2012"
    assert first[1].text == "7y 9m"
    assert "Police incident log" in first[2].text
    widths = [int(col.get(f"{{{W}}}w")) for col in table._tbl.tblGrid.findall(f"{{{W}}}gridCol")]
    assert widths[2] > widths[3] > widths[0] > widths[1]


def test_key_practice_episodes_are_marked_in_words_not_only_in_colour(
    demo_docx: Path, demo_workspace: Services
) -> None:
    case = demo_workspace.cases.find("DEMO-001")
    keys = [e for e in demo_workspace.events.list_events(case.id) if e.key_episode]
    table = next(
        t
        for t in open_docx(demo_docx).tables
        if t.rows[0].cells[0].text == "Date" and t.rows[0].cells[1].text == "Age"
    )
    marked = [row for row in table.rows[1:] if "★ Key practice episode" in row.cells[2].text]
    assert len(marked) == len(keys) > 0
    fill = marked[0].cells[0]._tc.find(f"{{{W}}}tcPr/{{{W}}}shd")
    assert fill is not None and fill.get(f"{{{W}}}fill") != "auto"


def test_every_header_and_footer_carries_the_marking_and_page_x_of_y(demo_docx: Path) -> None:
    document = open_docx(demo_docx)
    for section in document.sections:
        assert "OFFICIAL-SENSITIVE" in section.header.paragraphs[0].text
        footer = section.footer._element
        assert "OFFICIAL-SENSITIVE" in text_of(footer)
        instructions = " ".join(t.text for t in footer.iter(f"{{{W}}}instrText"))
        assert "PAGE" in instructions and "NUMPAGES" in instructions
        assert "Page" in text_of(footer) and " of " in text_of(footer)


def test_contents_is_a_real_toc_field_listing_the_sections(demo_docx: Path) -> None:
    element = body(demo_docx)
    instructions = [t.text for t in element.iter(f"{{{W}}}instrText")]
    assert any(i.strip().startswith("TOC ") for i in instructions)
    toc_paragraphs = [
        p
        for p in element.iter(f"{{{W}}}p")
        if p.find("w:pPr/w:pStyle", NS) is not None
        and p.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val").startswith("TOC")
    ]
    assert "Chronology" in " ".join(text_of(p) for p in toc_paragraphs)
    settings = part_xml(demo_docx, "word/settings.xml")
    assert settings is not None
    assert settings.find("w:updateFields", NS).get(f"{{{W}}}val") == "true"


def test_properties_are_set_deliberately(demo_docx: Path) -> None:
    core = open_docx(demo_docx).core_properties
    assert core.title == "Deep Dive case study: Jay"
    assert core.author == ""
    assert core.last_modified_by == ""
    assert core.comments == ""
    assert core.language == "en-GB"
    app = part_xml(demo_docx, "docProps/app.xml")
    assert app is not None
    local_names = {el.tag.split("}")[1] for el in app}
    assert not local_names & {"Company", "Template", "Manager"}
    assert "docProps/custom.xml" not in part_names(demo_docx)
    styles = part_xml(demo_docx, "word/styles.xml")
    assert styles is not None
    assert styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS).get(f"{{{W}}}val") == "en-GB"


def test_session_maps_and_scales_are_tables(demo_docx: Path) -> None:
    tables = open_docx(demo_docx).tables
    helped = next(t for t in tables if t.rows[0].cells[0].text == "What helped")
    assert "One key worker who stayed for 32 months" in helped.rows[1].cells[0].text
    scale = next(t for t in tables if [c.text for c in t.rows[0].cells][:3] == ["0", "1", "2"])
    chosen = scale.rows[0].cells[3]._tc.find(f"{{{W}}}tcPr/{{{W}}}shd")
    assert chosen is not None
    assert "3 out of 10" in "\n".join(p.text for p in open_docx(demo_docx).paragraphs)


def test_timeline_picture_has_alt_text(demo_workspace: Services, tmp_path: Path) -> None:
    out = tmp_path / "with-picture.docx"
    export_case_study(demo_workspace, "DEMO-001", out, timeline_png=lambda _spec: PNG)
    doc_pr = body(out).find(
        ".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
    )
    assert doc_pr is not None
    assert "Timeline of Jay's chronology" in doc_pr.get("descr", "")
    assert any(name.startswith("word/media/") for name in part_names(out))


def test_a_different_marking_or_none(demo_workspace: Services, tmp_path: Path) -> None:
    marked = tmp_path / "marked.docx"
    export_case_study(demo_workspace, "DEMO-001", marked, options=ExportOptions(marking="OFFICIAL"))
    header = open_docx(marked).sections[0].header
    assert header.paragraphs[0].text == "OFFICIAL"
    plain = tmp_path / "plain.docx"
    export_case_study(demo_workspace, "DEMO-001", plain, options=ExportOptions(marking=None))
    document = open_docx(plain)
    assert "OFFICIAL" not in text_of(document.sections[0].header._element)
    assert "Page" in text_of(document.sections[0].footer._element)


@pytest.mark.parametrize(
    ("mode", "shift", "first_date"),
    [
        (DateMode.REAL, None, "11 Feb 2012"),
        (DateMode.SHIFTED, 10, "21 Feb 2016"),  # the export offset: 10 days + 4 years
        (DateMode.RELATIVE, None, "age 7y 9m"),
    ],
)
def test_date_modes(
    demo_workspace: Services, tmp_path: Path, mode: DateMode, shift: int | None, first_date: str
) -> None:
    out = tmp_path / f"{mode}.docx"
    options = ExportOptions(date_mode=mode, date_shift_days=shift)
    export_case_study(demo_workspace, "DEMO-001", out, options=options, today=EXPORT_DAY)
    table = next(t for t in open_docx(out).tables if t.rows[0].cells[0].text == "Date")
    headings = [cell.text for cell in table.rows[0].cells]
    assert table.rows[1].cells[0].text == first_date
    if mode is DateMode.RELATIVE:  # the dates are ages already: no column repeats them
        assert headings == ["Date", "What happened", "Significance and outcome"]
    else:
        assert headings[1] == "Age"
        assert table.rows[1].cells[1].text == "7y 9m"  # ages are true in every mode


def test_chosen_sections_and_sessions_only(demo_workspace: Services, tmp_path: Path) -> None:
    out = tmp_path / "short.docx"
    options = ExportOptions(sections=frozenset({Section.SUMMARY, Section.SESSIONS}), session_ids=())
    export_case_study(demo_workspace, "DEMO-001", out, options=options)
    assert [text for level, text in headings(open_docx(out)) if level == 1] == ["Summary"]
