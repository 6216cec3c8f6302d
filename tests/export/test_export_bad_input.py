"""Bad input meets a clear message, and nothing half-written appears at the destination."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_reading import open_docx, schema_errors, word_document

from deepdive.errors import DeepDiveError
from deepdive.export import (
    ExportError,
    ExportFormat,
    LibreOfficeMissingError,
    TimelineSpec,
    export_case_study,
    render_markdown_file,
)
from deepdive.services import Services
from deepdive.services.errors import NotFoundError


class Blocked(DeepDiveError):
    """What a privacy gate raises."""


def test_unknown_case_code(demo_workspace: Services, tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="There is no case NOPE-1 in this workspace"):
        export_case_study(demo_workspace, "NOPE-1", tmp_path / "x.docx")
    assert list(tmp_path.iterdir()) == []


def test_destination_folder_missing_or_a_folder(demo_workspace: Services, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="does not exist"):
        export_case_study(demo_workspace, "DEMO-001", tmp_path / "nowhere" / "x.docx")
    folder = tmp_path / "a-folder.docx"
    folder.mkdir()
    with pytest.raises(ExportError, match="is a folder"):
        export_case_study(demo_workspace, "DEMO-001", folder)
    assert [p.name for p in tmp_path.iterdir()] == ["a-folder.docx"]


def test_a_blocking_gate_leaves_the_old_file_untouched_and_no_temporary_file(
    demo_workspace: Services, tmp_path: Path
) -> None:
    out = tmp_path / "case.docx"
    previous = word_document(out, "yesterday's export")
    seen: list[Path] = []

    def gate(candidate: Path) -> None:
        seen.append(candidate)
        assert candidate.parent == tmp_path and candidate != out
        assert open_docx(candidate).core_properties.title  # a finished document
        raise Blocked("A registered name was found in the chronology.")

    with pytest.raises(Blocked):
        export_case_study(demo_workspace, "DEMO-001", out, gate=gate)
    assert out.read_bytes() == previous
    assert [p.name for p in tmp_path.iterdir()] == ["case.docx"]
    assert len(seen) == 1


def test_a_failure_while_writing_leaves_nothing_behind(
    demo_workspace: Services, tmp_path: Path
) -> None:
    def disk_fills_up(done: int, total: int, what: str) -> None:
        if done > 0:  # part of the document is already written by now
            raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="disk is full"):
        export_case_study(demo_workspace, "DEMO-001", tmp_path / "x.docx", progress=disk_fills_up)
    assert list(tmp_path.iterdir()) == []


def test_a_file_the_export_reads_going_missing_is_named_not_blamed_on_the_destination(
    demo_workspace: Services, tmp_path: Path
) -> None:
    logo = tmp_path / "team" / "logo.png"

    def logo_vanishes(done: int, total: int, what: str) -> None:
        raise FileNotFoundError(2, "No such file or directory", str(logo))

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExportError) as refused:
        export_case_study(demo_workspace, "DEMO-001", out / "x.docx", progress=logo_vanishes)
    assert str(refused.value) == (
        f"x.docx was not written: DeepDive could not read {logo} (No such file or directory)."
    )
    assert list(out.iterdir()) == []


def test_a_timeline_that_cannot_be_drawn_is_left_out_with_a_note(
    demo_workspace: Services, tmp_path: Path
) -> None:
    def broken_picture(_spec: TimelineSpec) -> bytes:
        raise ValueError("no display")

    out = tmp_path / "x.docx"
    result = export_case_study(demo_workspace, "DEMO-001", out, timeline_png=broken_picture)
    assert any("timeline picture could not be drawn" in m for m in result.messages())
    assert "Chronology" in [p.text for p in open_docx(out).paragraphs]


def test_pdf_says_plainly_that_libreoffice_is_needed(
    demo_workspace: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    out = tmp_path / "x.pdf"
    with pytest.raises(LibreOfficeMissingError, match="PDF export needs LibreOffice"):
        export_case_study(demo_workspace, "DEMO-001", out, format=ExportFormat.PDF)
    assert not out.exists()


def test_control_characters_are_dropped_and_reported_and_unicode_is_kept(
    tmp_path: Path,
) -> None:
    source = tmp_path / "notes.md"
    source.write_text(
        "# Notes\x07\n\nBell\x07 and escape\x1b and a C1\x85 control; "
        "emoji 👍🏽, Arabic مرحبا and Chinese 你好 stay.\n",
        encoding="utf-8",
    )
    out = tmp_path / "notes.docx"
    result = render_markdown_file(source, out)
    assert result.dropped_characters == 4
    assert "4 control character(s)" in result.messages()[0]
    text = "\n".join(p.text for p in open_docx(out).paragraphs)
    assert "Bell and escape and a C1 control" in text
    assert "emoji 👍🏽, Arabic مرحبا and Chinese 你好 stay." in text
    assert schema_errors(out) == []


def test_a_right_to_left_paragraph_reads_right_to_left(tmp_path: Path) -> None:
    source = tmp_path / "rtl.md"
    source.write_text("שלום, זה הסיכום של המפגש.\n\nAn English paragraph.\n", encoding="utf-8")
    out = tmp_path / "rtl.docx"
    render_markdown_file(source, out)
    hebrew, english = open_docx(out).paragraphs[:2]
    assert (
        hebrew._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is not None
    )
    assert (
        english._p.pPr is None
        or english._p.pPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}bidi")
        is None
    )


def test_markdown_that_is_not_utf8_names_the_line(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_bytes(b"# Notes\n\nfine\ncaf\xe9 in Latin-1\n")
    out = tmp_path / "notes.docx"
    with pytest.raises(ExportError, match=r"notes.md, line 4: is not UTF-8"):
        render_markdown_file(source, out)
    assert not out.exists()
