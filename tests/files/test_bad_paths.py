"""Paths a tired person types: a named pipe, a folder, a folder that is not there, a
damaged workspace. Each is one line on stderr and exit 2, at once, and changes nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from destination_helpers import Precious, sha256

from deepdive.cli import main

Command = Callable[[Path, Path, Path], list[str]]

WRITERS: dict[str, tuple[str, Command]] = {
    # name: (file name to write, command line given (out, workspace, notes))
    "export": ("x.docx", lambda out, ws, _md: ["export", "DEMO-001", "--out", str(out)]),
    "export md": ("x.md", lambda out, ws, _md: ["export", "DEMO-001", "--out", str(out)]),
    "report": ("x.docx", lambda out, ws, _md: ["report", "--out", str(out)]),
    "render": ("x.docx", lambda out, _ws, md: ["render", str(md), "--out", str(out)]),
    "bundle export": (
        "x.ddcase",
        lambda out, ws, _md: ["bundle", "export", "DEMO-001", "--out", str(out)],
    ),
    "templates export": (
        "x.yaml",
        lambda out, ws, _md: ["templates", "export", "gibbs-reflective-cycle", "--out", str(out)],
    ),
}


def _run(
    writer: str, out: Path, precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> str:
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n", encoding="utf-8")
    command = WRITERS[writer][1](out, precious.workspace, notes)
    if writer != "render":
        command += ["--workspace", str(precious.workspace)]
    code = main(command)
    err = capsys.readouterr().err
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_refuses_a_missing_folder_and_creates_none(
    writer: str, precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = precious.fingerprint()
    out = tmp_path / "no" / "such" / WRITERS[writer][0]
    line = _run(writer, out, precious, tmp_path, capsys)
    assert f"The folder {out.parent} does not exist; DeepDive does not create folders" in line
    assert not (tmp_path / "no").exists()
    assert precious.fingerprint() == before


@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_writer_refuses_a_folder_as_its_file(
    writer: str, precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / WRITERS[writer][0]  # a folder with the right kind of name
    folder.mkdir()
    line = _run(writer, folder, precious, tmp_path, capsys)
    assert f"{folder} is a folder; give a file name" in line
    assert list(folder.iterdir()) == []
    assert not folder.with_name(folder.name + ".yaml").exists()
    assert not folder.with_name(folder.name + ".ddcase").exists()


def test_templates_export_to_a_folder_no_longer_writes_folder_yaml(
    precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    line = _run("templates export", folder, precious, tmp_path, capsys)
    assert line == (
        f"deepdive: {folder} is a folder; give a file name for a DeepDive session template in it."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.md", "shared"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_as_workspace_input_or_output_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.deepdive"
    os.mkfifo(pipe)
    # Opening the pipe to read would wait for a writer that never comes: the timeout
    # turns such a regression into a failure, never a hang.
    for args in (
        ("cases", "--workspace", pipe),
        ("render", pipe, "--out", tmp_path / "x.docx"),
        ("templates", "validate", pipe),
        ("export", "DEMO-001", "--out", pipe, "--workspace", tmp_path / "w.deepdive"),
    ):
        line = refusal(run_deepdive(*args, data_dir=tmp_path, timeout=30))
        assert line == (
            f"deepdive: {pipe} is a named pipe (FIFO), not an ordinary file; DeepDive reads "
            "and writes ordinary files only. Choose a file."
        )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.deepdive"]


def test_a_damaged_workspace_is_one_line_even_when_sqlite_says_more(
    precious: Precious, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    damaged = tmp_path / "damaged.deepdive"
    data = bytearray(precious.workspace.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    data[page + 8 : page + 40] = b"\xff" * 32  # page 2's cells point past its end
    damaged.write_bytes(bytes(data))
    before = sha256(damaged)
    code = main(["cases", "--workspace", str(damaged)])
    err = capsys.readouterr().err
    assert code == 2
    [line] = err.strip().splitlines()
    assert line.startswith(f"deepdive: {damaged} failed its integrity check (*** in database")
    assert sha256(damaged) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_the_app_refuses_a_named_pipe_as_workspace_without_opening_it(tmp_path: Path) -> None:
    import threading

    from deepdive.storage.errors import NotAWorkspaceError
    from deepdive.storage.workspace import open_workspace

    pipe = tmp_path / "pipe.deepdive"
    os.mkfifo(pipe)
    outcome: list[BaseException | None] = []

    def try_to_open() -> None:
        try:
            open_workspace(pipe).close()
            outcome.append(None)
        except BaseException as exc:
            outcome.append(exc)

    opener = threading.Thread(target=try_to_open, daemon=True)
    opener.start()
    opener.join(30)  # a guard: a regression that blocks on the pipe fails here
    [error] = outcome
    assert isinstance(error, NotAWorkspaceError)
    assert "is a named pipe (FIFO), not an ordinary file" in str(error)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe.deepdive"]
