"""``deepdive export`` and ``deepdive render`` as a person types them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_reading import open_docx, word_document

from deepdive.cli import main
from deepdive.services import Services
from deepdive.services.results import CaseDetail


@pytest.fixture
def workspace(services: Services, demo: CaseDetail) -> Path:
    """A workspace file holding the demo case (closed, as the CLI opens it itself)."""
    path = services.workspace.path
    services.close()
    return path


def test_export_docx(workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "jay.docx"
    code = main(["export", "DEMO-001", "--workspace", str(workspace), "--out", str(out)])
    assert code == 0
    assert f"Wrote {out}" in capsys.readouterr().out
    assert open_docx(out).core_properties.title == "Deep Dive case study: Jay"


def test_export_markdown_with_relative_dates_and_no_marking(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "jay.md"
    code = main(
        [
            "export",
            "demo-001",
            "--workspace",
            str(workspace),
            "--out",
            str(out),
            "--dates",
            "relative",
            "--marking",
            "none",
            "--author",
            "Innovation coach",
        ]
    )
    assert code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Deep Dive case study: Jay")
    assert "| Authors (by role) | Innovation coach |" in text
    assert "OFFICIAL-SENSITIVE" not in text
    # Dates are ages already, so there is no separate Age column to repeat them.
    assert "| Date | What happened | Significance and outcome |" in text
    assert "| age 7y 9m | *" in text
    assert "11 Feb 2012" not in text
    assert "★ Key practice episode" in text


def test_export_with_a_team_marking(workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "jay.docx"
    assert (
        main(
            [
                "export",
                "DEMO-001",
                "--workspace",
                str(workspace),
                "--out",
                str(out),
                "--marking",
                "OFFICIAL",
            ]
        )
        == 0
    )
    assert open_docx(out).sections[0].header.paragraphs[0].text == "OFFICIAL"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["NOPE-9", "--out", "x.docx"], "There is no case NOPE-9"),
        (["DEMO-001", "--out", "x.docx", "--format", "pdf"], "is a .docx name but --format is pdf"),
        (["DEMO-001", "--out", "x.docx", "--dates", "shifted"], "secret date shift"),
        (
            ["DEMO-001", "--out", "x.docx", "--reference-doc", "missing.dotx"],
            "Cannot read the reference document",
        ),
        (["DEMO-001", "--out", "no/such/folder/x.docx"], "does not exist"),
    ],
)
def test_export_bad_input_exits_2_with_one_line(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    code = main(["export", *extra, "--workspace", str(workspace)])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.docx").exists()


def test_render_markdown_notes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("# Visit notes\n\n- one\n  - two\n", encoding="utf-8")
    out = tmp_path / "notes.docx"
    assert main(["render", str(notes), "--out", str(out), "--marking", "OFFICIAL"]) == 0
    document = open_docx(out)
    assert document.core_properties.title == "Visit notes"
    assert document.sections[0].header.paragraphs[0].text == "OFFICIAL"
    assert [p.text for p in document.paragraphs] == ["Visit notes", "one", "two"]


def test_render_refuses_a_non_docx_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.md"
    notes.write_text("text", encoding="utf-8")
    assert main(["render", str(notes), "--out", str(tmp_path / "notes.pdf")]) == 2
    assert "name it .docx" in capsys.readouterr().err


def test_render_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "gone.md"), "--out", str(tmp_path / "x.docx")]) == 2
    assert "Cannot read" in capsys.readouterr().err


PASSPHRASE = "correct horse battery staple"


def _vault_for(workspace: Path, person: object | None = None) -> int:
    """A key vault beside the workspace holding DEMO-001; returns its date shift."""
    from deepdive.privacy.vault import Vault, default_vault_path

    vault = Vault.create(default_vault_path(workspace), PASSPHRASE)
    case = vault.ensure_case("DEMO-001")
    if person is not None:
        vault.put_case(case.with_person(person))  # type: ignore[arg-type]
    return int(case.date_shift_days)


def _export_shifted(workspace: Path, out: Path) -> int:
    """``deepdive export DEMO-001 --dates shifted``; its exit code."""
    command = ["export", "DEMO-001", "--dates", "shifted"]
    return main([*command, "--workspace", str(workspace), "--out", str(out)])


def test_shifted_dates_come_from_the_key_vault(
    workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import date, timedelta

    from deepdive.domain.dates import FuzzyDate
    from deepdive.export.dates import export_offset

    shift = _vault_for(workspace)
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "shifted.docx"
    assert _export_shifted(workspace, out) == 0
    table = next(
        t
        for t in open_docx(out).tables
        if t.rows[0].cells[0].text == "Date" and t.rows[0].cells[1].text == "Age"
    )
    moved = date(2012, 2, 11) + timedelta(days=export_offset(shift))
    expected = FuzzyDate.from_date(moved).display()
    assert table.rows[1].cells[0].text == expected != "11 Feb 2012"


def _first_chronology_date(path: Path) -> str:
    """The first date in an exported chronology table."""
    table = next(t for t in open_docx(path).tables if t.rows[0].cells[0].text == "Date")
    return str(table.rows[1].cells[0].text)


def test_shifted_dates_for_a_case_new_to_the_vault_draw_and_keep_its_shift(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from deepdive.privacy.vault import Vault, default_vault_path

    vault_file = default_vault_path(workspace)
    Vault.create(vault_file, PASSPHRASE)  # a vault with no entry for DEMO-001
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    first, again = tmp_path / "first.docx", tmp_path / "again.docx"
    assert _export_shifted(workspace, first) == 0
    assert "a new secret one was drawn and saved" in capsys.readouterr().err

    # The shift was drawn as the app draws one, and saved: the vault now has the case,
    # and the next export (from the command line or the app) moves dates the same way.
    entry = Vault.open(vault_file, PASSPHRASE).case("DEMO-001")
    assert entry is not None
    assert entry.people == ()
    assert _export_shifted(workspace, again) == 0
    assert "new secret" not in capsys.readouterr().err
    assert _first_chronology_date(first) == _first_chronology_date(again) != "11 Feb 2012"


def test_shifted_dates_for_an_unknown_case_leave_the_vault_alone(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from deepdive.privacy.vault import Vault, default_vault_path

    vault_file = default_vault_path(workspace)
    Vault.create(vault_file, PASSPHRASE)
    before = vault_file.read_bytes()
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "nope.docx"
    command = ["export", "NOPE-9", "--dates", "shifted", "--workspace", str(workspace)]
    assert main([*command, "--out", str(out)]) == 2
    assert "There is no case NOPE-9" in capsys.readouterr().err
    assert vault_file.read_bytes() == before
    assert not out.exists()


def test_shifted_dates_with_a_wrong_passphrase(
    workspace: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _vault_for(workspace)
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", "not the passphrase")
    out = tmp_path / "shifted.docx"
    assert _export_shifted(workspace, out) == 2
    assert "passphrase" in capsys.readouterr().err.lower()
    assert not out.exists()


def test_a_registered_real_name_blocks_the_export_and_nothing_is_written(
    services: Services,
    demo: CaseDetail,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from deepdive.privacy.vault_model import VaultPerson

    services.cases.update(demo.id, summary=demo.summary + "\n\nJayden Marsh said thanks.")
    path = services.workspace.path
    services.close()
    _vault_for(path, VaultPerson("Jay", real_names=("Jayden Marsh",)))
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "jay.docx"
    previous = word_document(out, "the previous export")
    code = main(["export", "DEMO-001", "--workspace", str(path), "--out", str(out)])
    assert code == 1
    err = capsys.readouterr().err
    assert "stopped" in err and "Jayden" in err
    assert out.read_bytes() == previous
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_the_command_line_draws_the_timeline_into_the_document(
    workspace: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    out = tmp_path / "jay.docx"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "deepdive",
            "export",
            "DEMO-001",
            "--workspace",
            str(workspace),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "timeline picture" not in result.stderr
    document = open_docx(out)
    pictures = document.inline_shapes
    assert len(pictures) == 1
    assert "Timeline of Jay's chronology" in pictures[0]._inline.docPr.get("descr")


def test_a_date_a_shifted_export_cannot_move_stops_it_with_its_place(
    services: Services,
    demo: CaseDetail,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The last check: "ref/2016" is no date the presenter reads, so left as written it
    would give the shift away; the export stops (exit 1), says where, writes nothing."""
    from deepdive.services.events import EventInput

    services.events.add_many(demo.id, [EventInput("2016-03-14", "education", "Letter ref/2016.")])
    workspace = services.workspace.path
    services.close()
    _vault_for(workspace)
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "shifted.docx"
    assert _export_shifted(workspace, out) == 1
    err = capsys.readouterr().err
    assert "› What happened: “2016” in “Letter ref/2016.”" in err
    assert "chronology › " in err and "nothing was written" in err
    assert not out.exists()
    assert main(["export", "DEMO-001", "--workspace", str(workspace), "--out", str(out)]) == 0
