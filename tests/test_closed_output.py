"""A reader that stops early (``deepdive cases | head -1``) ends the command quietly.

Writing into a pipe whose reader has gone used to stop the command with "an
unexpected error" (exit 3), a traceback in the log and, for output still buffered at
exit, Python's own complaint on stderr. Now it ends as any Unix tool that a closed
pipe stops: nothing on stderr, nothing in the log, exit 141.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

import pytest
from cli_helpers import run_deepdive_into_closed_pipe

from deepdive.cli import main
from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

OUTPUT_CLOSED = 141


@pytest.fixture(scope="module")
def demo_workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding the demo case (only read by these tests)."""
    path = tmp_path_factory.mktemp("closed-output") / "team.deepdive"
    services = Services.for_workspace(open_workspace(path))
    add_demo_case(services)
    services.close()
    return path


def _log(data_dir: Path) -> Path:
    return data_dir / "logs" / "deepdive.log"


def test_printing_into_a_closed_pipe_says_nothing_and_logs_nothing(
    demo_workspace: Path, private_data_dir: Path
) -> None:
    result = run_deepdive_into_closed_pipe(
        "cases", "--workspace", demo_workspace, data_dir=private_data_dir
    )
    assert (result.returncode, result.stderr) == (OUTPUT_CLOSED, "")
    assert not _log(private_data_dir).exists()


@contextmanager
def _closed_pipe() -> Iterator[TextIO]:
    """A text stream into a real pipe whose reading end is already closed."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    with open(write_end, "w", encoding="utf-8") as stream:
        yield stream


@pytest.mark.parametrize(
    "command",
    [
        ["cases"],
        ["cases", "--json"],
        ["check"],
        ["templates", "list"],
        ["scan", "--json", "{notes}"],
        ["--help"],
        ["cases", "--help"],
    ],
    ids=lambda command: " ".join(command),
)
def test_every_command_stops_quietly_when_its_reader_has_gone(
    command: list[str],
    demo_workspace: Path,
    tmp_path: Path,
    private_data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Call Jo Bloggs on 07700 900123 at 1 High Street.\n" * 500, "utf-8")
    argv = [part.format(notes=notes) for part in command]
    with _closed_pipe() as stdout:
        monkeypatch.setattr(sys, "stdout", stdout)
        assert main(["--workspace", str(demo_workspace), *argv]) == OUTPUT_CLOSED
    assert capsys.readouterr().err == ""
    assert not _log(private_data_dir).exists()


def test_a_refusal_into_a_closed_pipe_stops_quietly_too(
    demo_workspace: Path, private_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # deepdive export NOPE 2>&1 | head -1: the one-line refusal meets the closed pipe.
    with _closed_pipe() as both:
        monkeypatch.setattr(sys, "stdout", both)
        monkeypatch.setattr(sys, "stderr", both)
        assert main(["export", "NOPE", "--workspace", str(demo_workspace)]) == OUTPUT_CLOSED
    assert not _log(private_data_dir).exists()
