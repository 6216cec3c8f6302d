"""One writer per workspace: a second process is refused, a dead one's lock is taken over."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from other_process import OtherProcess

from deepdive.services import Services
from deepdive.storage.errors import WorkspaceInUseError
from deepdive.storage.lock import lock_path_for, process_alive, read_holder
from deepdive.storage.workspace import open_workspace


@pytest.fixture
def other_process(workspace_path: Path) -> Iterator[OtherProcess]:
    open_workspace(workspace_path).close()
    other = OtherProcess(workspace_path)
    yield other
    if other.process.poll() is None:
        other.kill()
    other.discard()


def test_a_workspace_open_in_another_process_is_refused_naming_it(
    workspace_path: Path, other_process: OtherProcess
) -> None:
    before = workspace_path.read_bytes()
    with pytest.raises(WorkspaceInUseError) as refused:
        open_workspace(workspace_path)
    message = str(refused.value)
    assert str(workspace_path) in message
    assert "another DeepDive window or process" in message
    assert f"process {other_process.pid}" in message
    assert workspace_path.read_bytes() == before
    # The other process's lock is left as it was.
    holder = read_holder(lock_path_for(workspace_path))
    assert holder is not None and holder.pid == other_process.pid


def test_once_the_other_process_closes_the_workspace_opens(
    workspace_path: Path, other_process: OtherProcess
) -> None:
    with pytest.raises(WorkspaceInUseError):
        open_workspace(workspace_path)
    other_process.close()
    assert not lock_path_for(workspace_path).exists(), "a clean close removes the lock file"
    services = Services.for_workspace(open_workspace(workspace_path))
    try:
        services.cases.create("DD-1", "Jay")
        holder = read_holder(lock_path_for(workspace_path))
        assert holder is not None and holder.pid == os.getpid()
    finally:
        services.close()
    assert not lock_path_for(workspace_path).exists()


def test_the_lock_of_a_killed_process_is_taken_over(
    workspace_path: Path, other_process: OtherProcess
) -> None:
    other_process.kill()
    lock_file = lock_path_for(workspace_path)
    stale = read_holder(lock_file)
    assert stale is not None and stale.pid == other_process.pid, "the crash left its lock file"
    workspace = open_workspace(workspace_path)
    try:
        holder = read_holder(lock_file)
        assert holder is not None and holder.pid == os.getpid()
    finally:
        workspace.close()


def test_a_lock_file_naming_a_dead_process_is_cleaned_up(workspace_path: Path) -> None:
    open_workspace(workspace_path).close()
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(finished.stdout)
    assert not process_alive(dead_pid)
    lock_file = lock_path_for(workspace_path)
    lock_file.write_text(
        json.dumps(
            {
                "app": "DeepDive",
                "pid": dead_pid,
                "host": os.uname().nodename,
                "since": "2024-05-03T14:02:00+00:00",
            }
        ),
        encoding="utf-8",
    )
    workspace = open_workspace(workspace_path)
    holder = read_holder(lock_file)
    assert holder is not None and holder.pid == os.getpid()
    workspace.close()
    assert not lock_file.exists()


def test_a_garbled_lock_file_does_not_keep_the_workspace_shut(workspace_path: Path) -> None:
    open_workspace(workspace_path).close()
    lock_path_for(workspace_path).write_bytes(b"\x00\xff not json")
    open_workspace(workspace_path).close()
    assert not lock_path_for(workspace_path).exists()


def test_the_same_process_may_reopen_while_open_and_the_lock_lasts_until_the_last_close(
    workspace_path: Path,
) -> None:
    first = open_workspace(workspace_path)
    second = open_workspace(workspace_path)
    lock_file = lock_path_for(workspace_path)
    first.close()
    assert lock_file.exists(), "still open through the second handle"
    first.close()  # closing twice changes nothing
    assert lock_file.exists()
    second.close()
    assert not lock_file.exists()


def test_files_refused_before_locking_leave_no_lock_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.deepdive"
    notes.write_text("not a workspace", encoding="utf-8")
    with pytest.raises(Exception, match="not a DeepDive workspace"):
        open_workspace(notes)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.deepdive"]
