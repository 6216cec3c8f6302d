"""Replacing an existing file: only one of the same kind, judged by content; its
permissions are kept; anything else is left exactly as it was, with a message saying
what it is."""

from __future__ import annotations

import io
import os
import stat
import zipfile
from pathlib import Path

import docx
import pytest
from destination_helpers import sha256

from deepdive.bundles import BundleError, export_case_bundle
from deepdive.cli import main
from deepdive.export import ExportError, ExportFormat, export_case_study, render_markdown_file
from deepdive.files.kinds import FileKind, sniff
from deepdive.resources import resource_path
from deepdive.services import Services

NOTES = "# Notes\n\nThe new text.\n"


def _word(path: Path, text: str = "an older document") -> Path:
    document = docx.Document()
    document.add_paragraph(text)
    document.save(str(path))
    return path


def _word_template(path: Path) -> Path:
    """A .dotx: a Word package whose main part is a template."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            target.writestr(item, data)
    return path


def _bundle(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("manifest.json", '{"format": "deepdive-case-bundle"}')
        archive.writestr("case.json", "{}")
    return path


def _spreadsheet(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _write(data: bytes) -> object:
    return lambda path: (path.write_bytes(data), path)[1]


def _template(path: Path) -> Path:
    path.write_bytes(resource_path("templates", "gibbs-reflective-cycle.yaml").read_bytes())
    return path


# What is already there, and how the refusal names it.
EXISTING = {
    "PDF": (_write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"), "a PDF document"),
    "case bundle": (_bundle, "a DeepDive case bundle"),
    "YAML template": (_template, "a DeepDive session template"),
    "unknown binary": (_write(bytes(range(256)) * 4), "a file of another kind"),
    "Word template": (_word_template, "a Word template"),
    "spreadsheet": (_spreadsheet, "an archive or an office file of another kind"),
    "text": (_write(b"date,event\n2020,moved\n"), "a text file"),
}


@pytest.mark.parametrize("existing", list(EXISTING))
def test_a_word_document_never_replaces_a_file_of_another_kind(
    existing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, described = EXISTING[existing]
    out = tmp_path / "case-study.docx"  # the right name: the content decides
    make(out)  # type: ignore[operator]
    before = sha256(out)
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")

    code = main(["render", str(notes), "--out", str(out)])

    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1
    assert lines[0] == (
        f"deepdive: {out} is {described}, not a Word document: DeepDive replaces an existing "
        "file only with one of the same kind, so it is left as it is. Choose another name, "
        "or move that file first."
    )
    assert sha256(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case-study.docx", "notes.md"]


@pytest.mark.parametrize("mode", [0o600, 0o640])
def test_replacing_a_word_document_is_whole_and_keeps_its_permissions(
    mode: int, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = _word(tmp_path / "notes.docx")
    os.chmod(out, mode)
    inode = out.stat().st_ino
    render_markdown_file(notes, out)
    assert stat.S_IMODE(out.stat().st_mode) == mode
    assert out.stat().st_ino != inode, "a new file was renamed into place"
    assert "The new text." in [p.text for p in docx.Document(str(out)).paragraphs]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.docx", "notes.md"]


def test_an_empty_file_may_be_replaced_and_a_new_export_is_private(
    demo_services: Services, tmp_path: Path
) -> None:
    services = demo_services
    empty = tmp_path / "empty.docx"
    empty.touch()
    export_case_study(services, "DEMO-001", empty)
    assert sniff(empty) is FileKind.WORD
    new = tmp_path / "new.md"
    export_case_study(services, "DEMO-001", new, format=ExportFormat.MD)
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_markdown_replaces_text_but_not_a_word_document(
    demo_services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services = demo_services
    text = tmp_path / "case.md"
    text.write_text("an older export\n", encoding="utf-8")
    export_case_study(services, "DEMO-001", text, format=ExportFormat.MD)
    assert "DEMO-001" in text.read_text(encoding="utf-8")
    word = _word(tmp_path / "case.docx.md")
    before = sha256(word)
    with pytest.raises(ExportError, match="is a Word document, not a Markdown file"):
        export_case_study(services, "DEMO-001", word, format=ExportFormat.MD)
    assert sha256(word) == before


def test_template_files_replace_templates_only(
    services: Services, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = _template(tmp_path / "shared.yaml")
    services.templates.export_file("deep-dive-case-study", shared)
    assert "id: deep-dive-case-study" in shared.read_text(encoding="utf-8")
    other = tmp_path / "settings.yaml"
    other.write_text("colour: blue\n", encoding="utf-8")
    services.close()
    code = main(
        [
            *["templates", "export", "deep-dive-case-study", "--out", str(other)],
            *["--workspace", str(services.workspace.path)],
        ]
    )
    assert code == 2
    assert "is a text file, not a DeepDive session template" in capsys.readouterr().err
    assert other.read_text(encoding="utf-8") == "colour: blue\n"


def test_a_bundle_replaces_a_bundle_but_not_a_word_document(
    demo_services: Services, tmp_path: Path
) -> None:
    services = demo_services
    out = tmp_path / "jay.ddcase"
    export_case_bundle(services, "DEMO-001", out, None)
    export_case_bundle(services, "DEMO-001", out, None)  # again, over the first
    assert sniff(out) is FileKind.BUNDLE
    word = _word(tmp_path / "notes.ddcase")
    before = sha256(word)
    with pytest.raises(BundleError, match="is a Word document, not a DeepDive case bundle"):
        export_case_bundle(services, "DEMO-001", word, None)
    assert sha256(word) == before
