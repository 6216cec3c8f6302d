"""Every command that writes case content out fails closed when the workspace has a key
vault: without its passphrase (or with a wrong one) it stops with one line and writes
nothing, whether run by a script or by a person at a terminal."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from cli_helpers import refusal, run_deepdive, run_deepdive_at_terminal

from deepdive.demo import add_demo_case
from deepdive.export.dates import export_offset
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "correct horse battery"
PROMPT = "Passphrase for the key vault ws.vault: "


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case in a workspace with a key vault beside it (only read by these tests)."""
    path = tmp_path_factory.mktemp("fail-closed") / "ws.deepdive"
    services = Services.for_workspace(open_workspace(path))
    add_demo_case(services)
    services.close()
    vault = Vault.create(path.with_suffix(".vault"), PASSPHRASE)
    entries = vault.ensure_case("DEMO-001")
    vault.put_case(entries.with_person(VaultPerson("Jay", real_names=("Jayden Marsh",))))
    (path.parent / "notes.md").write_text("# Visit notes\n\nJay was settled.\n", "utf-8")
    return path


# Each way out: the command's words, given the workspace and the folder to write into.
Command = Callable[[Path, Path], list[str | Path]]
WAYS_OUT: dict[str, Command] = {
    "export docx": lambda ws, out: [
        "export",
        "DEMO-001",
        "--workspace",
        ws,
        "--out",
        out / "x.docx",
    ],
    "export md": lambda ws, out: ["export", "DEMO-001", "--workspace", ws, "--out", out / "x.md"],
    "export pdf": lambda ws, out: ["export", "DEMO-001", "--workspace", ws, "--out", out / "x.pdf"],
    "report": lambda ws, out: ["report", "--workspace", ws, "--out", out / "report.docx"],
    "bundle export": lambda ws, out: [
        *("bundle", "export", "DEMO-001", "--workspace", ws),
        *("--out", out / "x.ddcase"),
    ],
    "render": lambda ws, out: [
        *("render", ws.parent / "notes.md", "--workspace", ws),
        *("--out", out / "notes.docx"),
    ],
}


def _out_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("way", WAYS_OUT)
def test_without_the_passphrase_a_script_is_told_how_to_give_it_and_nothing_is_written(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    out = _out_folder(tmp_path)
    result = run_deepdive(*WAYS_OUT[way](workspace, out), data_dir=tmp_path)
    line = refusal(result)
    assert line.startswith("deepdive: The key vault ws.vault must be unlocked")
    assert "set DEEPDIVE_PASSPHRASE" in line and "Nothing was written." in line
    assert list(out.iterdir()) == [], "no file, and no .part file left behind"


# All six go through one helper; these three are its three kinds of caller.
@pytest.mark.parametrize("way", ["export pdf", "bundle export", "render"])
def test_a_wrong_passphrase_is_one_line_and_nothing_is_written(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    out = _out_folder(tmp_path)
    result = run_deepdive(
        *WAYS_OUT[way](workspace, out),
        data_dir=tmp_path,
        env={"DEEPDIVE_PASSPHRASE": "not the passphrase"},
    )
    line = refusal(result)
    assert line.startswith("deepdive: That passphrase does not open ws.vault.")
    assert line.endswith("Nothing was written.")
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("way", WAYS_OUT)
def test_at_a_terminal_the_passphrase_is_asked_for_and_no_answer_writes_nothing(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    out = _out_folder(tmp_path)
    run = run_deepdive_at_terminal(
        *WAYS_OUT[way](workspace, out), data_dir=tmp_path, replies=[(PROMPT, "")]
    )
    assert run.returncode == 2
    assert run.screen.splitlines() == [
        PROMPT,
        "deepdive: No passphrase was given for the key vault ws.vault. Nothing was written.",
    ]
    assert list(out.iterdir()) == []


def test_at_a_terminal_the_right_passphrase_unlocks_it_unseen(
    workspace: Path, tmp_path: Path
) -> None:
    out = _out_folder(tmp_path)
    run = run_deepdive_at_terminal(
        *WAYS_OUT["export md"](workspace, out), data_dir=tmp_path, replies=[(PROMPT, PASSPHRASE)]
    )
    assert run.returncode == 0, run.screen
    assert PASSPHRASE not in run.screen, "the passphrase is never shown as it is typed"
    assert run.screen.splitlines()[-1] == f"Wrote {out / 'x.md'}"
    assert [p.name for p in out.iterdir()] == ["x.md"]


def test_at_a_terminal_a_wrong_passphrase_writes_nothing(workspace: Path, tmp_path: Path) -> None:
    out = _out_folder(tmp_path)
    run = run_deepdive_at_terminal(
        *WAYS_OUT["report"](workspace, out), data_dir=tmp_path, replies=[(PROMPT, "guesswork")]
    )
    assert run.returncode == 2
    assert run.screen.splitlines()[-1].startswith("deepdive: That passphrase does not open")
    assert list(out.iterdir()) == []


def test_render_without_a_workspace_checks_against_the_default_workspaces_vault(
    tmp_path: Path,
) -> None:
    # The default workspace lives in the data folder; its vault is beside it.
    Vault.create(tmp_path / "workspace.vault", PASSPHRASE)
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nJayden Marsh came to the review.\n", "utf-8")
    out = _out_folder(tmp_path)
    line = refusal(run_deepdive("render", notes, "--out", out / "n.docx", data_dir=tmp_path))
    assert "The key vault workspace.vault must be unlocked to render" in line
    assert list(out.iterdir()) == []


def _own_copy(workspace: Path, tmp_path: Path) -> Path:
    """A copy of the shared workspace and its vault, for a test that writes (its audit
    log records the export)."""
    copy = tmp_path / "ws.deepdive"
    shutil.copy(workspace, copy)
    shutil.copy(workspace.with_suffix(".vault"), copy.with_suffix(".vault"))
    shutil.copy(workspace.parent / "notes.md", tmp_path / "notes.md")
    return copy


def _moved_dates(workspace: Path) -> dict[str, str]:
    """Each of the demo case's dates as written, and as a shifted export shows it."""
    secret = Vault.open(workspace.with_suffix(".vault"), PASSPHRASE).case("DEMO-001")
    assert secret is not None
    offset = export_offset(secret.date_shift_days)
    services = Services.for_workspace(open_workspace(workspace))
    try:
        case = next(c for c in services.cases.list_cases() if c.code == "DEMO-001")
        spans = [e.span for e in services.events.list_events(case.id)]
    finally:
        services.close()
    return {s.start.display(): s.start.shifted(offset).display() for s in spans}


def _audit(workspace: Path) -> list[tuple[str | None, str, str, str]]:
    services = Services.for_workspace(open_workspace(workspace))
    try:
        return [
            (r.case_code, r.kind, r.file_name, r.check_result)
            for r in services.audit.list_exports()
        ]
    finally:
        services.close()


def test_with_the_passphrase_a_shifted_pdf_export_is_written_and_recorded(
    workspace: Path, tmp_path: Path, libreoffice: str
) -> None:
    ws = _own_copy(workspace, tmp_path)
    before = _audit(ws)  # earlier tests may have exported from the shared workspace
    out = _out_folder(tmp_path)
    result = run_deepdive(
        *WAYS_OUT["export pdf"](ws, out),
        *("--dates", "shifted"),
        data_dir=tmp_path,
        env={"DEEPDIVE_PASSPHRASE": PASSPHRASE, "DEEPDIVE_LIBREOFFICE": libreoffice},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {out / 'x.pdf'}\n"
    pdf = out / "x.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    assert [p.name for p in out.iterdir()] == ["x.pdf"], "no .docx or .part left beside it"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "DEEP DIVE CASE STUDY Jay" in " ".join(text.split())
    assert "Police incident log" in text  # the chronology is there ...
    # ... with its dates moved by the case's secret: the first event (11 Feb 2012) is
    # shown moved, and its real date only where another event's moved date falls on it.
    shown = _moved_dates(ws)
    assert shown["11 Feb 2012"] in text
    assert "11 Feb 2012" not in text or "11 Feb 2012" in shown.values()
    assert "Jayden" not in text
    assert _audit(ws) == [("DEMO-001", "pdf", "x.pdf", "leak check passed"), *before]


def test_with_the_passphrase_render_checks_the_vaults_names_then_writes_and_records(
    workspace: Path, tmp_path: Path
) -> None:
    ws = _own_copy(workspace, tmp_path)
    before = _audit(ws)
    out = _out_folder(tmp_path)
    env = {"DEEPDIVE_PASSPHRASE": PASSPHRASE}
    leaky = tmp_path / "leaky.md"
    leaky.write_text("# Visit notes\n\nJayden Marsh was settled.\n", "utf-8")
    stopped = run_deepdive(
        "render", leaky, "--workspace", ws, "--out", out / "leaky.docx", data_dir=tmp_path, env=env
    )
    assert stopped.returncode == 1, stopped.stderr
    assert "Jayden Marsh" in stopped.stderr and "nothing was written" in stopped.stderr
    assert list(out.iterdir()) == []

    result = run_deepdive(*WAYS_OUT["render"](ws, out), data_dir=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"Wrote {out / 'notes.docx'}\n"
    document = docx.Document(str(out / "notes.docx"))
    assert [p.text for p in document.paragraphs] == ["Visit notes", "Jay was settled."]
    assert _audit(ws) == [(None, "render", "notes.docx", "leak check passed"), *before]


@pytest.mark.parametrize("way", ["export docx", "report", "bundle export", "render"])
def test_at_a_terminal_an_out_naming_the_vault_is_refused_before_the_passphrase_is_asked(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    """A tired user who names the key vault as --out is told so at once, not after
    typing the passphrase; the vault is untouched."""
    vault = workspace.with_suffix(".vault")
    before = vault.read_bytes()
    words = WAYS_OUT[way](workspace, tmp_path)
    words[words.index("--out") + 1] = vault
    run = run_deepdive_at_terminal(*words, data_dir=tmp_path)
    assert run.returncode == 2
    [line] = run.screen.splitlines()  # no passphrase prompt before it
    assert line.startswith("deepdive: ") and line.endswith(".")
    # The Word writers name the wrong suffix first; the others name the vault itself.
    assert ("key vault" in line) or (".docx" in line and way in ("report", "render"))
    assert vault.read_bytes() == before
