"""A command never writes over what it reads: a reference document or the Markdown file
being rendered is refused as the destination, by whatever name, symbolic link or hard
link it is given, with one line (exit 2) and every byte left as it was."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from destination_helpers import Precious, sha256

from deepdive.cli import main
from deepdive.export import ExportError, render_markdown_file


def _team_document(folder: Path) -> Path:
    path = folder / "team.docx"
    document = docx.Document()
    document.add_paragraph("Our team's letterhead")
    document.save(str(path))
    return path


def _same(path: Path) -> Path:
    return path


def _symlink(path: Path) -> Path:
    link = path.with_name(f"link-to-{path.stem}.docx")
    link.symlink_to(path.name)
    return link


def _hard_link(path: Path) -> Path:
    link = path.with_name(f"hard-{path.stem}.docx")
    os.link(path, link)
    return link


NAMES: dict[str, Callable[[Path], Path]] = {
    "same name": _same,
    "symbolic link": _symlink,
    "hard link": _hard_link,
}


def _refused(code: int, capsys: pytest.CaptureFixture[str]) -> str:
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1, lines
    return lines[0]


def _alias(out: Path, source: Path) -> str:
    return "" if out == source else f" ({source}, by another name)"


@pytest.mark.parametrize("name", list(NAMES))
def test_an_export_never_writes_over_its_reference_document(
    name: str, precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = _team_document(tmp_path)
    out = NAMES[name](team)
    before = sha256(team)
    workspace = precious.fingerprint()

    code = main(
        [
            *["export", "DEMO-001", "--reference-doc", str(team), "--out", str(out)],
            *["--workspace", str(precious.workspace)],
        ]
    )

    assert _refused(code, capsys) == (
        f"deepdive: {out} is also the reference document{_alias(out, team)}, which DeepDive "
        "reads to make a Word document: writing over it would destroy it. Choose another name."
    )
    assert sha256(team) == before
    assert precious.fingerprint() == workspace


def test_the_programme_report_never_writes_over_its_reference_document(
    precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    team = _team_document(tmp_path)
    before = sha256(team)

    code = main(
        [
            *["report", "--reference-doc", str(team), "--out", str(team)],
            *["--workspace", str(precious.workspace)],
        ]
    )

    assert "is also the reference document, which DeepDive reads" in _refused(code, capsys)
    assert sha256(team) == before


@pytest.mark.parametrize("name", ["symbolic link", "hard link"])
def test_render_never_writes_over_the_notes_it_renders(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nWhat we learned.\n", encoding="utf-8")
    out = NAMES[name](notes)  # notes.docx-like name on the same file

    code = main(["render", str(notes), "--out", str(out)])

    assert _refused(code, capsys) == (
        f"deepdive: {out} is also the Markdown file being rendered ({notes}, by another "
        "name), which DeepDive reads to make a Word document: writing over it would destroy "
        "it. Choose another name."
    )
    assert notes.read_text(encoding="utf-8") == "# Notes\n\nWhat we learned.\n"


def test_render_never_writes_over_empty_notes_or_its_reference_document(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An empty file could be replaced by anything: being the input is what protects it.
    empty = tmp_path / "empty.docx"
    empty.touch()
    with pytest.raises(ExportError, match="is also the Markdown file being rendered"):
        render_markdown_file(empty, empty)
    assert empty.read_bytes() == b""

    team = _team_document(tmp_path)
    before = sha256(team)
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    code = main(["render", str(notes), "--reference-doc", str(team), "--out", str(team)])
    assert "is also the reference document, which DeepDive reads" in _refused(code, capsys)
    assert sha256(team) == before
