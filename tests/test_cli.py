"""The ``deepdive`` command line, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive import __version__


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace holding the demo case, added by ``deepdive demo``; and its data folder."""
    folder = tmp_path_factory.mktemp("cli")
    workspace = folder / "team.deepdive"
    added = run_deepdive("demo", "--workspace", workspace, data_dir=folder)
    assert added.returncode == 0, added.stderr
    assert "DEMO-001" in added.stdout and "Jay" in added.stdout
    return workspace, folder


def test_version(tmp_path: Path) -> None:
    result = run_deepdive("--version", data_dir=tmp_path)
    assert result.returncode == 0
    assert result.stdout.strip() == f"DeepDive {__version__}"


def test_cases_json_lists_the_demo(demo_workspace: tuple[Path, Path]) -> None:
    workspace, folder = demo_workspace
    result = run_deepdive("cases", "--json", "--workspace", workspace, data_dir=folder)
    assert result.returncode == 0, result.stderr
    [case] = json.loads(result.stdout)
    assert (case["code"], case["pseudonym"], case["status"]) == ("DEMO-001", "Jay", "final")
    assert case["events"] >= 40
    assert case["sessions"] == 1


def test_cases_table_with_the_workspace_before_the_command(
    demo_workspace: tuple[Path, Path],
) -> None:
    workspace, folder = demo_workspace
    result = run_deepdive("--workspace", workspace, "cases", data_dir=folder)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["CODE", "PSEUDONYM", "STATUS", "EVENTS", "SESSIONS"]
    [row] = rows
    code, pseudonym, status, events, sessions = row.split()
    assert (code, pseudonym, status, sessions) == ("DEMO-001", "Jay", "final", "1")
    assert int(events) >= 40
    # Nothing went to the default workspace in the data folder.
    assert not (folder / "workspace.deepdive").exists()


def test_adding_the_demo_again_says_it_is_already_there(
    demo_workspace: tuple[Path, Path],
) -> None:
    workspace, folder = demo_workspace
    result = run_deepdive("--workspace", workspace, "demo", data_dir=folder)
    assert result.returncode == 0, result.stderr
    assert "DEMO-001" in result.stdout and "already" in result.stdout
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("args", "named"),
    [(("frobnicate",), "frobnicate"), (("cases", "--frob"), "--frob")],
    ids=["unknown-command", "unknown-option"],
)
def test_bad_usage_is_one_line_and_exit_2(
    tmp_path: Path, args: tuple[str, ...], named: str
) -> None:
    workspace = tmp_path / "team.deepdive"
    line = refusal(run_deepdive(*args, "--workspace", workspace, data_dir=tmp_path))
    assert named in line
    assert "--help" in line
    assert not workspace.exists()


def test_a_text_file_offered_as_the_workspace_is_refused_untouched(tmp_path: Path) -> None:
    notes = tmp_path / "case notes.txt"
    content = b"Jay was seen at home.\r\nNan was there.\n"
    notes.write_bytes(content)
    line = refusal(run_deepdive("cases", "--workspace", notes, data_dir=tmp_path))
    assert str(notes) in line
    assert "not a DeepDive workspace" in line
    assert notes.read_bytes() == content
    assert [p.name for p in tmp_path.iterdir()] == ["case notes.txt"]


def test_an_empty_workspace_has_no_cases(tmp_path: Path) -> None:
    result = run_deepdive("cases", "--workspace", tmp_path / "new.deepdive", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no cases" in result.stdout.lower()
    assert "deepdive demo" in result.stdout  # and says how to add one


@pytest.mark.parametrize("command", [["demo"], ["cases"]])
def test_an_address_of_another_kind_is_not_taken_for_a_folder(
    command: list[str], tmp_path: Path
) -> None:
    """An address DeepDive cannot use as a workspace is refused in one line, with no
    folder named after it and no SQLite file made, and no password repeated."""
    address = "mysql://ana:s3cret@db.council.example:3306/deepdive"
    result = run_deepdive(*command, "--workspace", address, data_dir=tmp_path)
    line = refusal(result)
    assert "mysql://… is not a workspace DeepDive can open" in line
    assert "postgresql://[user@]host[:port]/dbname" in line and "Nothing was created" in line
    assert "s3cret" not in result.stderr + result.stdout
    assert not (tmp_path / "mysql:").exists()
