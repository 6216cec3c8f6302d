"""A run killed mid-write leaves a hidden ``.part`` file; the next write to that folder
removes it, and never one that a live DeepDive is still writing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from destination_helpers import Precious

from deepdive.cli import main
from deepdive.files.atomic import PartFile, remove_leftover_parts

pytestmark = pytest.mark.skipif(os.name != "posix", reason="kill -9 and flock are POSIX")

# The child: the real command line, except that once the Word document is written to
# its temporary file it says so and waits, to be killed right there.
_STOPS_MID_WRITE = """
import sys
import docx.document
import deepdive.commands.export

real_save = docx.document.Document.save


def save_then_wait(self, path):
    real_save(self, path)
    print("written", flush=True)
    sys.stdin.readline()  # killed while waiting here


docx.document.Document.save = save_then_wait
deepdive.commands.export._timeline_picture = lambda _study: None
from deepdive.cli import main

sys.exit(main(sys.argv[1:]))
"""


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_an_export_killed_mid_write_leaves_a_part_that_the_next_export_removes(
    precious: Precious, tmp_path: Path
) -> None:
    workspace = precious.workspace
    out_folder = tmp_path / "exports"
    out_folder.mkdir()
    out = out_folder / "jay.docx"
    environment = dict(os.environ)  # the data folder and the vault's passphrase
    command = ["export", "DEMO-001", "--out", str(out), "--workspace", str(workspace)]
    child = subprocess.Popen(
        [sys.executable, "-c", _STOPS_MID_WRITE, *command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
    )
    guard = threading.Timer(60, child.kill)  # a regression fails; it never hangs
    guard.start()
    try:
        assert child.stdout is not None
        said = child.stdout.readline()
        assert said == "written\n", child.stderr.read() if child.stderr else ""
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    finally:
        guard.cancel()
        child.kill()
        for stream in (child.stdin, child.stdout, child.stderr):
            if stream is not None:
                stream.close()
    [left] = _parts(out_folder)
    assert left.startswith(".jay.docx.") and (out_folder / left).stat().st_size > 0
    assert not out.exists(), "nothing half-written at the destination"

    code = main(["export", "DEMO-001", "--out", str(out), "--workspace", str(workspace)])

    assert code == 0
    assert _parts(out_folder) == []
    assert sorted(p.name for p in out_folder.iterdir()) == ["jay.docx"]


def test_a_part_another_live_writer_holds_is_left_alone(tmp_path: Path) -> None:
    writing = PartFile(tmp_path / "report.docx")
    try:
        writing.path.write_bytes(b"half a document")
        abandoned = tmp_path / ".notes.docx.0123456789abcdef.part"
        abandoned.write_bytes(b"left by a killed run")
        not_ours = tmp_path / "draft.part"
        not_ours.write_bytes(b"someone else's")
        assert remove_leftover_parts(tmp_path) == [abandoned]
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [writing.path.name, "draft.part"]
        )
    finally:
        writing.discard()
