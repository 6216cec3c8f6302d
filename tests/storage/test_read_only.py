"""Commands that only read work while the app has the workspace open; only writers lock.

The app is played by another process holding the workspace's lock with a connection
open (so SQLite's write-ahead log is in use), writing while the commands run.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from other_process import OtherProcess

from deepdive.cli import main
from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.errors import WorkspaceReadOnlyError
from deepdive.storage.reading import WorkspaceNeedsUpgradeError, open_for_reading
from deepdive.storage.workspace import open_workspace


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "team.deepdive"
    services = Services.for_workspace(open_workspace(path))
    add_demo_case(services)
    services.close()
    return path


@pytest.fixture
def workspace(demo_source: Path, tmp_path: Path) -> Path:
    path = tmp_path / "work" / "team.deepdive"
    path.parent.mkdir()
    shutil.copyfile(demo_source, path)
    return path


@pytest.fixture
def app(workspace: Path) -> Iterator[OtherProcess]:
    other = OtherProcess(workspace, like_the_app=True)
    try:
        yield other
    finally:
        if other.process.poll() is None:
            other.close()
        other.discard()


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def events_listed(capsys: pytest.CaptureFixture[str], workspace: Path) -> int:
    code, out, err = run(capsys, "cases", "--json", "--workspace", workspace)
    assert code == 0, err
    [case] = json.loads(out)
    return int(case["events"])


def test_readers_work_while_the_app_writes_and_writers_are_refused(
    workspace: Path, app: OtherProcess, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = events_listed(capsys, workspace)
    app.add_event()
    assert events_listed(capsys, workspace) == before + 1  # what the app saved is read

    code, out, err = run(capsys, "agencies", "list", "--workspace", workspace)
    assert code == 0 and out.startswith("AGENCY"), err
    code, out, err = run(capsys, "templates", "list", "--workspace", workspace)
    assert code == 0 and "deep-dive-case-study" in out, err
    code, out, err = run(capsys, "check", "--workspace", workspace)
    assert code == 0 and "no problems found" in out, err
    notes = tmp_path / "notes.txt"
    notes.write_text("Jay met the hub worker.\n", encoding="utf-8")
    code, out, err = run(capsys, "scan", notes, "--workspace", workspace)
    assert code == 0, err
    exported = tmp_path / "jay.md"
    code, out, err = run(capsys, "export", "DEMO-001", "--out", exported, "--workspace", workspace)
    assert code == 0, err
    assert "Added while the app is open" in exported.read_text(encoding="utf-8")

    csv = tmp_path / "more.csv"
    csv.write_text("Date,Event\n2021,One more\n", encoding="utf-8")
    code, out, err = run(capsys, "import-chronology", "DEMO-001", csv, "--workspace", workspace)
    assert code == 2 and out == ""
    assert "is already open in another DeepDive window or process" in err
    assert len(err.strip().splitlines()) == 1

    app.close()
    app.discard()
    services = Services.for_workspace(open_workspace(workspace))
    try:
        # The export made beside the app was recorded in the workspace's audit log.
        records = [(r.case_code, r.kind, r.file_name) for r in services.audit.list_exports()]
        assert records == [("DEMO-001", "md", "jay.md")]
        assert len(services.events.list_events(services.cases.find("DEMO-001").id)) == before + 1
    finally:
        services.close()
    code, out, err = run(capsys, "check", "--workspace", workspace)
    assert code == 0 and "no problems found" in out, err


def test_a_reader_leaves_nothing_beside_the_workspace_and_creates_nothing(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = workspace.parent
    assert sorted(p.name for p in folder.iterdir()) == ["team.deepdive"]
    code, _out, err = run(capsys, "cases", "--workspace", workspace)
    assert code == 0, err
    code, _out, err = run(capsys, "agencies", "list", "--workspace", workspace)
    assert code == 0, err
    assert sorted(p.name for p in folder.iterdir()) == ["team.deepdive"]  # no lock, no log

    missing = tmp_path / "nowhere.deepdive"
    code, out, err = run(
        capsys, "export", "DEMO-001", "--out", tmp_path / "x.md", "--workspace", missing
    )
    assert (code, out) == (2, "")
    assert err == f"deepdive: There is no workspace at {missing}; name it with --workspace.\n"
    code, out, _err = run(capsys, "cases", "--workspace", missing)
    assert code == 0 and "No cases yet" in out
    assert not missing.exists() and not (tmp_path / "x.md").exists()


def test_a_workspace_that_needs_upgrading_is_not_upgraded_by_a_reader(
    workspace: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    with sqlite3.connect(workspace) as db:
        db.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    db.close()
    digest = hashlib.sha256(workspace.read_bytes()).hexdigest()
    with pytest.raises(WorkspaceNeedsUpgradeError, match="open it once in the DeepDive app"):
        open_for_reading(workspace)
    code, out, err = run(capsys, "cases", "--workspace", workspace)
    assert (code, out) == (2, "")
    assert "was made by an older DeepDive and must be upgraded before this command" in err
    assert len(err.strip().splitlines()) == 1
    assert hashlib.sha256(workspace.read_bytes()).hexdigest() == digest


def test_a_reader_cannot_change_the_workspace(workspace: Path) -> None:
    services = Services.for_workspace(open_for_reading(workspace))
    try:
        assert [c.code for c in services.cases.list_cases()] == ["DEMO-001"]
        with pytest.raises(WorkspaceReadOnlyError, match="opened for reading only"):
            services.cases.create("DD-2020-001", "Sam")
    finally:
        services.close()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root may write any file"
)
def test_an_export_from_a_read_only_workspace_is_refused_before_it_is_written(
    workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    workspace.chmod(0o400)
    out = tmp_path / "jay.md"
    code, _out, err = run(capsys, "export", "DEMO-001", "--out", out, "--workspace", workspace)
    assert code == 2 and "every export is recorded in the workspace's audit log" in err
    assert not out.exists()
    code, _out, err = run(capsys, "cases", "--workspace", workspace)
    assert code == 0, err  # reading it is fine
