"""Documents a council can publish: rows kept whole, a numbered contents page, a tagged PDF."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx_reading import NS, PNG, W, body, open_docx

from deepdive.export import ExportFormat, export_case_study
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


def _contents_lines(path: Path) -> list[tuple[str, str]]:
    """(heading text, page number shown) for each line of the contents page."""
    element = body(path)
    lines = []
    for paragraph in element.iter(f"{{{W}}}p"):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        if style is None or not style.get(f"{{{W}}}val", "").startswith("TOC"):
            continue
        link = paragraph.find("w:hyperlink", NS)
        if link is None:
            continue
        texts = [t.text or "" for t in link.iter(f"{{{W}}}t")]
        lines.append((texts[0], "".join(texts[1:])))
    return lines


def _tagged_texts(structure: str, tag: str) -> list[str]:
    """The first text of each ``tag`` element in ``pdfinfo -struct-text`` output."""
    found: list[str] = []
    waiting = False
    for line in structure.splitlines():
        stripped = line.strip()
        if stripped.startswith(f"{tag} "):
            waiting = True
        elif waiting and stripped.startswith('"'):
            found.append(stripped.strip('"'))
            waiting = False
    return found


def _pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def test_without_libreoffice_the_contents_are_links_and_the_result_says_so(
    demo_workspace: Services, tmp_path: Path
) -> None:
    out = tmp_path / "plain.docx"
    result = export_case_study(demo_workspace, "DEMO-001", out)
    lines = _contents_lines(out)
    assert ("Chronology", "") in lines
    assert any("without page numbers" in m for m in result.messages())


def test_the_word_contents_page_shows_the_pages_the_headings_land_on(
    demo_workspace: Services, tmp_path: Path, libreoffice: str
) -> None:
    out = tmp_path / "numbered.docx"
    result = export_case_study(demo_workspace, "DEMO-001", out)
    assert not any("page numbers" in m for m in result.messages())
    lines = dict(_contents_lines(out))
    assert lines["Summary"] == "3"
    # The same document laid out as a reader's LibreOffice would, with no field updated:
    subprocess.run(
        [
            libreoffice,
            f"-env:UserInstallation={(tmp_path / 'p').as_uri()}",
            "--headless",
            *("--convert-to", "pdf", "--outdir", str(tmp_path), str(out)),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    pages = _pdf_pages(tmp_path / "numbered.pdf")
    for heading in ("Summary", "Profile and cast", "Chronology", "Learning and actions"):
        number = int(lines[heading])
        assert heading in pages[number - 1].splitlines()[0:8] or any(
            line.strip() == heading for line in pages[number - 1].splitlines()
        ), f"{heading} is not on page {number}"
    contents = [line for line in pages[1].splitlines() if "Chronology" in line]
    assert contents and contents[0].rstrip().endswith(lines["Chronology"])


def test_the_pdf_is_tagged_with_title_language_bookmarks_headings_and_alt_text(
    demo_workspace: Services, tmp_path: Path, libreoffice: str
) -> None:
    out = tmp_path / "tagged.pdf"
    export_case_study(
        demo_workspace, "DEMO-001", out, format=ExportFormat.PDF, timeline_png=lambda _s: PNG
    )
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Tagged:          yes" in info
    assert "Title:           Deep Dive case study: Jay" in info
    data = out.read_bytes()
    assert b"/Lang(en-GB)" in data
    assert b"/DisplayDocTitle true" in data
    assert b"/Outlines" in data  # bookmarks from the headings
    structure = subprocess.run(
        ["pdfinfo", "-struct-text", str(out)], capture_output=True, text=True
    ).stdout
    assert _tagged_texts(structure, "H1") == [
        "Summary",
        "Profile and cast",
        "Chronology",
        "Timeline",
        "Reflective sessions",
        "Learning and actions",
    ]
    assert structure.count("TH:") >= 4  # header cells
    assert "Figure" in structure
    assert b"/Alt<FEFF" in data or b"/Alt(" in data  # the picture's alt text


def test_render_loads_no_database_code(tmp_path: Path) -> None:
    """``deepdive render`` is a quick whole process: it never imports SQLAlchemy."""
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\n| A | B |\n|---|---|\n| 1 | **2** |\n", encoding="utf-8")
    script = (
        "import sys\n"
        "from deepdive.cli import main\n"
        f"code = main(['render', {str(notes)!r}, '--out', {str(tmp_path / 'n.docx')!r}])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy'))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, "DEEPDIVE_DATA_DIR": str(tmp_path)},
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "n.docx").exists()


def test_a_document_too_long_to_lay_out_in_time_keeps_its_contents_as_links(
    demo_docx: Path, tmp_path: Path, libreoffice: str
) -> None:
    from deepdive.export.contents import TOO_LONG_NOTE, number_contents
    from deepdive.export.libreoffice import libreoffice as office_for

    copy = tmp_path / "long.docx"
    copy.write_bytes(demo_docx.read_bytes())
    with office_for(libreoffice) as office:
        assert number_contents(copy, office, budget_s=0.05) == TOO_LONG_NOTE
    assert copy.read_bytes() == demo_docx.read_bytes()
    assert ("Chronology", "") in _contents_lines(copy)


def test_a_document_far_too_long_is_not_laid_out_at_all(
    demo_workspace: Services, tmp_path: Path, libreoffice: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from deepdive.export import contents

    monkeypatch.setattr(contents, "LAYOUT_LIMIT_BYTES", 1000)  # as if 400 pages long
    result = export_case_study(demo_workspace, "DEMO-001", tmp_path / "long.docx")
    assert contents.TOO_LONG_NOTE in result.messages()
    assert ("Chronology", "") in _contents_lines(tmp_path / "long.docx")
