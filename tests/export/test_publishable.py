"""Documents a council can publish: rows kept whole, headings kept with their text."""

from __future__ import annotations

from pathlib import Path

from docx_reading import W, open_docx

from deepdive.export import export_case_study
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.results import CaseDetail


def _chronology(document: object) -> object:
    return next(
        t
        for t in document.tables  # type: ignore[attr-defined]
        if t.rows[0].cells[0].text == "Date" and t.rows[0].cells[1].text == "Age"
    )


def _kept_whole(row: object) -> bool:
    return row._tr.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None  # type: ignore[attr-defined]


def test_chronology_and_session_rows_are_kept_whole_on_one_page(demo_docx: Path) -> None:
    document = open_docx(demo_docx)
    chronology = _chronology(document)
    assert all(_kept_whole(row) for row in chronology.rows)  # type: ignore[attr-defined]
    # Every table of the session write-ups and actions too, header rows included.
    for table in document.tables:
        assert all(_kept_whole(row) for row in table.rows)


def test_a_row_taller_than_a_page_may_break_rather_than_be_cut_off(
    services: Services, demo: CaseDetail, tmp_path: Path
) -> None:
    long_story = "\n\n".join(
        f"Paragraph {n}: the placement review met again and agreed to keep things as they were."
        for n in range(80)
    )
    services.events.add(demo.id, EventInput("2019-05-01", "placement", long_story))
    out = tmp_path / "long.docx"
    export_case_study(services, "DEMO-001", out)
    rows = _chronology(open_docx(out)).rows  # type: ignore[attr-defined]
    long_rows = [row for row in rows if "Paragraph 79" in row.cells[2].text]
    assert len(long_rows) == 1
    assert not _kept_whole(long_rows[0])
    assert sum(_kept_whole(row) for row in rows) == len(rows) - 1


def test_headings_stay_with_what_follows(demo_docx: Path) -> None:
    document = open_docx(demo_docx)
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        if name.startswith("Heading"):
            assert paragraph.paragraph_format.keep_with_next, paragraph.text
