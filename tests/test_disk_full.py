"""A full disk or a failing write during a save: a clear message, nothing half-written.

Two real failures, no mocks: SQLite's own limit on a database's size (``PRAGMA
max_page_count``, which fails a growing write with SQLITE_FULL exactly as a full disk
does), and, in a child process, an operating-system limit on file size
(``RLIMIT_FSIZE``), under which the write itself fails. The app's handling of the
same failure (the text stays in the window, the save is retried) is tested in
``tests/ui/workspace/test_nothing_lost.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from workspace_helpers import disk_full

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.errors import WorkspaceWriteError
from deepdive.storage.integrity import full_check
from deepdive.storage.workspace import open_workspace

BIG = "Jay's own words, kept in full. " * 4000  # far more than a free page


def test_a_save_on_a_full_disk_says_so_and_writes_nothing(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay", summary="Before")
    with disk_full(services.workspace), pytest.raises(WorkspaceWriteError) as failed:
        services.cases.update(case.id, summary=BIG)
    message = str(failed.value)
    assert message.startswith("Could not save to test.deepdive — the disk is full.")
    assert "Your text is safe in this window" in message
    assert "free some space" in message
    assert services.cases.get(case.id).summary == "Before", "nothing half-written"


def test_a_multi_row_save_is_all_or_nothing_on_a_full_disk(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    items = [
        EventInput(date=f"2019-{month:02d}", category="family", description=f"Event {month}. {BIG}")
        for month in range(1, 13)
    ]
    with disk_full(services.workspace), pytest.raises(WorkspaceWriteError):
        services.events.add_many(case.id, items)
    assert services.events.list_events(case.id) == []
    assert services.cases.summary(case.id).event_count == 0


def test_after_space_is_freed_the_same_save_succeeds(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    with disk_full(services.workspace), pytest.raises(WorkspaceWriteError):
        services.cases.update(case.id, summary=BIG)
    services.cases.update(case.id, summary=BIG)  # the retry the app makes
    path = services.workspace.path
    services.close()
    assert full_check(path).ok
    again = Services.for_workspace(open_workspace(path))
    try:
        assert again.cases.get(case.id).summary == BIG
    finally:
        again.close()


# A child with a small limit on how big any file it writes may grow (as on a nearly
# full disk); reports what the services said as JSON.
_CHILD = r"""
import json, os, resource, signal, sys
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

path = sys.argv[1]
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write instead of killing us
services = Services.for_workspace(open_workspace(path))
case = services.cases.create("DD-1", "Jay", summary="Kept")
sizes = [os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p)]
limit = max(sizes) + 4096
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
report = {}
try:
    services.cases.create("DD-2", "Sam", summary="x" * 2_000_000)
    report["error"] = None
except Exception as exc:
    report["error"] = type(exc).__name__
    report["message"] = str(exc)
report["still_there"] = services.cases.get(case.id).summary
print(json.dumps(report))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_write_the_operating_system_refuses_is_reported_and_rolled_back(
    workspace_path: Path,
) -> None:
    open_workspace(workspace_path).close()
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(workspace_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["error"] == "WorkspaceWriteError", report
    assert report["message"].startswith("Could not save to test.deepdive — ")
    assert "Your text is safe in this window" in report["message"]
    assert report["still_there"] == "Kept"

    assert full_check(workspace_path).ok
    services = Services.for_workspace(open_workspace(workspace_path))
    try:
        assert [c.code for c in services.cases.list_cases()] == ["DD-1"]
    finally:
        services.close()
