"""Lower-confidence findings (a full name nobody registered) stop a script's export,
report or bundle with exit 1 and their list, unless ``--accept-possible-names`` is
given; a person at a terminal is asked. Accepting is recorded in the export audit log
by count and kind, never with the name."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import run_deepdive, run_deepdive_at_terminal

from deepdive.demo import add_demo_case
from deepdive.privacy.vault import Vault
from deepdive.services import Services
from deepdive.services.audit import ExportRecordInfo
from deepdive.services.events import EventInput
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "correct horse battery"
WITH_PASSPHRASE = {"DEEPDIVE_PASSPHRASE": PASSPHRASE}


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo case with a key practice episode naming "Jason Smithers" (registered
    nowhere), and a key vault beside the workspace."""
    path = tmp_path_factory.mktemp("possible-names") / "ws.deepdive"
    services = Services.for_workspace(open_workspace(path))
    case = add_demo_case(services)
    event = services.events.add(
        case.id,
        EventInput("2019-05-02", "family", "Jay met Jason Smithers at the park.", key_episode=True),
    )
    services.themes.apply_to_event(event.id, "Trusted adult")  # so the report shows it
    services.close()
    Vault.create(path.with_suffix(".vault"), PASSPHRASE).ensure_case("DEMO-001")
    return path


@pytest.fixture
def workspace(made_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of that workspace and its vault (each test reads its own audit log)."""
    for source in (made_once, made_once.with_suffix(".vault")):
        shutil.copy2(source, tmp_path / source.name)
    return tmp_path / made_once.name


Command = Callable[[Path, Path], list[str | Path]]
WAYS_OUT: dict[str, tuple[Command, str]] = {
    "export": (
        lambda ws, out: ["export", "DEMO-001", "--workspace", ws, "--out", out],
        "case › chronology › 2 May 2019 › What happened",
    ),
    "report": (
        lambda ws, out: ["report", "--workspace", ws, "--out", out],
        "Key practice episodes › DEMO-001 › chronology › 2 May 2019 › What happened",
    ),
    "bundle export": (
        lambda ws, out: ["bundle", "export", "DEMO-001", "--workspace", ws, "--out", out],
        "case › chronology › 2 May 2019 › What happened",
    ),
}
FILE_NAMES = {"export": "x.docx", "report": "report.docx", "bundle export": "x.ddcase"}


def _records(workspace: Path) -> list[ExportRecordInfo]:
    services = Services.for_workspace(open_workspace(workspace))
    try:
        return services.audit.list_exports()
    finally:
        services.close()


@pytest.mark.parametrize("way", WAYS_OUT)
def test_a_possible_name_stops_a_script_with_its_list_and_nothing_is_written(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    command, where = WAYS_OUT[way]
    out = tmp_path / "out"
    out.mkdir()
    result = run_deepdive(
        *command(workspace, out / FILE_NAMES[way]), data_dir=tmp_path, env=WITH_PASSPHRASE
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr
    first, *found = result.stderr.strip().splitlines()
    assert first.startswith("deepdive: The export was stopped: it may carry 1 possible name")
    assert "--accept-possible-names" in first
    assert len(found) == 1 and found[0].strip().startswith(where)
    assert found[0].endswith("possible name “Jason Smithers”")
    assert list(out.iterdir()) == []
    assert _records(workspace) == []


@pytest.mark.parametrize("way", WAYS_OUT)
def test_accepted_possible_names_are_written_and_recorded_without_the_name(
    way: str, workspace: Path, tmp_path: Path
) -> None:
    command, _where = WAYS_OUT[way]
    out = tmp_path / FILE_NAMES[way]
    result = run_deepdive(
        *command(workspace, out),
        "--accept-possible-names",
        data_dir=tmp_path,
        env=WITH_PASSPHRASE,
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file()
    [record] = _records(workspace)
    assert record.file_name == out.name
    assert record.case_code == (None if way == "report" else "DEMO-001")
    assert record.check_result == (
        "leak check passed; accepted with --accept-possible-names: 1 possible name"
    )
    assert "Jason" not in record.check_result and "Smithers" not in record.check_result


def test_at_a_terminal_the_person_is_asked_and_no_writes_nothing(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.md"
    run = run_deepdive_at_terminal(
        *WAYS_OUT["export"][0](workspace, out),
        data_dir=tmp_path,
        env=WITH_PASSPHRASE,
        replies=[("[y/N] ", "n")],
    )
    assert run.returncode == 1
    lines = run.screen.splitlines()
    assert lines[0] == "The leak check found 1 possible name nobody registered:"
    assert lines[1].strip().endswith("possible name “Jason Smithers”")
    assert lines[2] == "Write the file with these in it? [y/N] n"
    assert "cancelled" in lines[3] and "nothing was written" in lines[3]
    assert not out.exists()
    assert _records(workspace) == []


def test_at_a_terminal_yes_writes_it_and_the_audit_log_says_so(
    workspace: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.md"
    run = run_deepdive_at_terminal(
        *WAYS_OUT["export"][0](workspace, out),
        data_dir=tmp_path,
        env=WITH_PASSPHRASE,
        replies=[("[y/N] ", "y")],
    )
    assert run.returncode == 0, run.screen
    assert "Jason Smithers" in out.read_text("utf-8")
    [record] = _records(workspace)
    assert record.check_result == "leak check passed; accepted at the terminal: 1 possible name"


def test_the_documents_own_footer_is_never_a_possible_name(tmp_path: Path) -> None:
    """A long protective marking puts "Page 1 of 2" after a tab in the footer's line;
    the page count is DeepDive's own wording, so the demo case exports unasked."""
    workspace = tmp_path / "ws.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    add_demo_case(services)
    services.close()
    out = tmp_path / "case study.docx"
    marking = "OFFICIAL-SENSITIVE: SHARED WITH THE PLACEMENTS PANEL ONLY"
    result = run_deepdive(
        "export",
        "DEMO-001",
        "--workspace",
        workspace,
        "--out",
        out,
        "--marking",
        marking,
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert out.is_file()
