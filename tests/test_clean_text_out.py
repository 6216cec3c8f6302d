"""Clean text in, clean text out: direction controls, terminal escapes and link schemes.

- Direction controls (U+202E and the like) are removed from one-line fields and kept
  as visible marks in multi-line text, in the workspace and in every export.
- The command line never prints a control character a terminal could act on, and a
  refusal is one line even when SQLite's own message has several.
- Exports make only http, https and mailto links live; any other becomes plain text.
"""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from deepdive.cli import main
from deepdive.export import ExportFormat, export_case_study, render_markdown_file
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.results import CaseDetail

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE: "\u202eexe.doc" reads as "cod.exe"
ESC = "\x1b"


@pytest.fixture
def case(services: Services) -> CaseDetail:
    return services.cases.create("DD-2019-014", f"Ja{RLO}y\u2066", birth="2004-05")


def test_direction_controls_are_removed_from_one_line_fields(
    services: Services, case: CaseDetail
) -> None:
    assert case.pseudonym == "Jay"
    person = services.people.add(case.id, f"{RLO}muM", "parent\u200f")
    assert (person.pseudonym, person.role) == ("muM", "parent")
    assert services.agencies.add(f"Police{RLO} North") == "Police North"


def test_direction_controls_in_free_text_are_shown_and_never_reorder_an_export(
    services: Services, case: CaseDetail, tmp_path: Path
) -> None:
    services.events.add(
        case.id, EventInput("2017", "other", f"Jay sent {RLO}cod.exe to the worker")
    )
    (event,) = services.events.list_events(case.id)
    assert event.description == "Jay sent ‹U+202E›cod.exe to the worker"
    out = tmp_path / "case.docx"
    export_case_study(services, case.id, out)
    with zipfile.ZipFile(out) as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "Jay sent ‹U+202E›cod.exe to the worker" in body
    assert RLO not in body


def test_a_direction_control_in_a_rendered_file_is_shown_with_a_note(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text(f"Jay sent {RLO}cod.exe\n", encoding="utf-8")
    result = render_markdown_file(source, tmp_path / "notes.docx")
    with zipfile.ZipFile(tmp_path / "notes.docx") as package:
        body = package.read("word/document.xml").decode("utf-8")
    assert "Jay sent ‹U+202E›cod.exe" in body and RLO not in body
    assert any("‹U+202E›" in note for note in result.messages())


def test_templates_list_prints_no_escape_sequence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "shared.yaml"
    shared.write_text(
        "format: deepdive-template/1\nid: shared\n"
        'name: "Shared \\e[2J\\e]0;owned\\a reflection"\nversion: 1\ndescription: d\n'
        "stages:\n  - id: a\n    title: A\n    purpose: p\n    guidance: g\n"
        "    prompts: [x]\n    minutes: 5\n    response: {kind: text}\n",
        encoding="utf-8",
    )
    workspace = str(tmp_path / "team.deepdive")
    assert main(["templates", "import", str(shared), "--workspace", workspace]) == 0
    assert main(["templates", "list", "--workspace", workspace]) == 0
    printed = capsys.readouterr().out
    assert ESC not in printed and "\x07" not in printed
    assert "Shared [2J]0;owned reflection" in printed


def test_cases_prints_no_control_character_from_an_older_workspace(
    services: Services, case: CaseDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    # A workspace written before names were cleaned (or by another program).
    path = services.workspace.path
    services.close()
    with sqlite3.connect(path) as connection:
        connection.execute(
            "UPDATE cases SET pseudonym = ? WHERE id = ?",
            (f"Jay{ESC}[2J{ESC}]0;owned\x07\x9b31m{RLO}xe", case.id),
        )
    assert main(["cases", "--workspace", str(path)]) == 0
    table = capsys.readouterr().out
    assert main(["cases", "--json", "--workspace", str(path)]) == 0
    listing = capsys.readouterr().out
    for printed in (table, listing):
        assert not any(c in printed for c in (ESC, "\x07", "\x9b", RLO))
    assert "Jay\\u001b[2J\\u001b]0;owned\\u0007\\u009b31m\\u202exe" in table
    # In JSON the marks are escapes, so the value read back is exactly what is stored.
    (entry,) = json.loads(listing)
    assert entry["pseudonym"] == f"Jay{ESC}[2J{ESC}]0;owned\x07\x9b31m{RLO}xe"


LINKS = (
    "See [the guidance](https://example.org/guidance), [write to us](mailto:hub@example.org), "
    "[click me](javascript:alert(document.cookie)), [the file](file:///S:/Team/notes.docx) "
    "and [a path](notes.docx)."
)


def test_only_web_and_mail_links_are_live_in_word(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text(LINKS + "\n", encoding="utf-8")
    out = tmp_path / "notes.docx"
    result = render_markdown_file(source, out)
    import docx

    document = docx.Document(str(out))
    targets = sorted(
        rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")
    )
    assert targets == ["https://example.org/guidance", "mailto:hub@example.org"]
    assert "click me, the file and a path." in document.paragraphs[0].text
    with zipfile.ZipFile(out) as package:
        assert b"javascript" not in package.read("word/_rels/document.xml.rels")
    assert any("javascript: or file:" in note for note in result.messages())


def test_only_web_and_mail_links_are_live_in_markdown(
    services: Services, case: CaseDetail, tmp_path: Path
) -> None:
    services.cases.update(case.id, summary=LINKS)
    out = tmp_path / "case.md"
    result = export_case_study(services, case.id, out, format=ExportFormat.MD)
    text = out.read_text(encoding="utf-8")
    assert "[the guidance](https://example.org/guidance)" in text
    assert "[write to us](mailto:hub@example.org)" in text
    assert "click me, the file and a path." in text and "javascript:" not in text
    assert any("javascript: or file:" in note for note in result.messages())


def test_a_damaged_workspace_is_refused_in_one_line(
    services: Services, case: CaseDetail, capsys: pytest.CaptureFixture[str]
) -> None:
    path = services.workspace.path
    services.close()
    with path.open("r+b") as damaged:  # a page in the middle overwritten
        damaged.seek(3 * 4096)
        damaged.write(b"\xff" * 4096)
    before = path.read_bytes()
    assert main(["cases", "--workspace", str(path)]) == 2
    error = capsys.readouterr().err
    assert len(error.splitlines()) == 1, error
    assert error.startswith(f"deepdive: {path}") and "restore a backup" in error
    assert path.read_bytes() == before


def test_a_lone_surrogate_from_a_json_escape_is_dropped_not_fatal() -> None:
    """A bundle's JSON can carry "\\udcff", which no file can store: it is dropped as
    the text comes in, instead of stopping the import with an unexpected error."""
    from deepdive.text.clean import clean_line, clean_text

    assert clean_line("Ja\udcffy") == "Jay"
    assert clean_text("Moved\ud800 to Nan's.\n") == "Moved to Nan's.\n"
