"""Private by default: what DeepDive creates is readable by its owner only (files 0600,
folders 0700), under the usual umask 022 too."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from deepdive.bundles import export_case_bundle
from deepdive.demo import add_demo_case
from deepdive.export import ExportFormat, export_case_study
from deepdive.logs import configure_logging
from deepdive.paths import backup_dir, log_dir
from deepdive.services import Services
from deepdive.storage.backup import BackupKind, make_backup
from deepdive.storage.lock import lock_path_for
from deepdive.storage.workspace import open_workspace

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_workspace_log_backup_exports_bundle_and_template_are_private(
    umask_022: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEEPDIVE_DATA_DIR", str(tmp_path / "data"))
    workspace = tmp_path / "new folder" / "team.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    try:
        add_demo_case(services)
        wal, shm = (workspace.with_name(workspace.name + s) for s in ("-wal", "-shm"))
        assert wal.stat().st_size > 0
        backup = make_backup(workspace, backup_dir(), BackupKind.MANUAL).path
        log = configure_logging()
        out = tmp_path / "out"
        out.mkdir()  # the user's own folder: left as it is
        docx = export_case_study(services, "DEMO-001", out / "case.docx").path
        markdown = export_case_study(services, "DEMO-001", out / "case.md", format=ExportFormat.MD)
        bundle = export_case_bundle(services, "DEMO-001", out / "case.ddcase", None)
        template = services.templates.export_file("deep-dive-case-study", out / "t.yaml")
        files = {
            "workspace": workspace,
            "WAL": wal,
            "SHM": shm,
            "lock": lock_path_for(workspace),
            "backup": backup,
            "log": log,
            "Word export": docx,
            "Markdown export": markdown.path,
            "bundle": bundle,
            "template": template,
        }
        assert {name: oct(mode(path)) for name, path in files.items()} == {
            name: "0o600" for name in files
        }
        folders = {
            "workspace folder": workspace.parent,
            "data folder": tmp_path / "data",
            "backups": backup_dir(),
            "logs": log_dir(),
        }
        assert {name: oct(mode(path)) for name, path in folders.items()} == {
            name: "0o700" for name in folders
        }
        assert mode(out) == 0o755
    finally:
        services.close()


def test_the_command_line_makes_private_files_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "data"
    environment = {**os.environ, "DEEPDIVE_DATA_DIR": str(data), "PYTHONUTF8": "1"}

    def run(*args: str) -> None:
        result = subprocess.run(
            [sys.executable, "-m", "deepdive", *args],
            capture_output=True,
            text=True,
            env=environment,
            cwd=tmp_path,
            timeout=120,
            check=False,
            preexec_fn=lambda: os.umask(0o022),
        )
        assert result.returncode == 0, result.stderr

    run("demo")  # the default workspace, in a data folder DeepDive creates
    run("backup")
    workspace = data / "workspace.deepdive"
    [backup] = (data / "backups").iterdir()
    assert [oct(mode(p)) for p in (workspace, backup)] == ["0o600", "0o600"]
    assert [oct(mode(p)) for p in (data, data / "backups")] == ["0o700", "0o700"]
    # As an older DeepDive left them: opening the workspace makes them private again.
    for path, older in ((workspace, 0o644), (backup, 0o644), (data / "backups", 0o755)):
        os.chmod(path, older)
    run("cases")
    assert [oct(mode(p)) for p in (workspace, backup, data / "backups")] == [
        "0o600",
        "0o600",
        "0o700",
    ]


def test_opening_a_workspace_an_older_deepdive_left_readable_makes_it_private_once(
    umask_022: None, workspace_path: Path
) -> None:
    workspace = workspace_path
    older = Services.for_workspace(open_workspace(workspace))
    older.cases.create("DD-1", "Jay")  # in the write-ahead log, not yet checkpointed
    backups = backup_dir()
    newest = make_backup(workspace, backups, BackupKind.MANUAL).path
    shared = backups / "shared-on-purpose.deepdive"
    shared.write_bytes(newest.read_bytes())
    read_only = backups / "kept-read-only.deepdive"
    read_only.write_bytes(newest.read_bytes())
    wal, shm = (workspace.with_name(workspace.name + s) for s in ("-wal", "-shm"))
    lock = lock_path_for(workspace)
    # What an older DeepDive made under umask 022 (and a backup someone made read-only).
    modes = {workspace: 0o644, wal: 0o644, shm: 0o644, lock: 0o644, newest: 0o644}
    modes |= {backups: 0o755, shared: 0o644, read_only: 0o444}
    for path, older_mode in modes.items():
        os.chmod(path, older_mode)
    # Another user's file in the backups folder is never touched (root can make one).
    others = os.geteuid() == 0
    if others:
        os.chown(shared, 65534, 65534)

    services = Services.for_workspace(open_workspace(workspace, backup_dir=backups))
    try:
        services.cases.create("DD-2", "Sam")
        expected = {workspace: 0o600, wal: 0o600, shm: 0o600, lock: 0o600, newest: 0o600}
        # Only taken away, never added: a read-only backup stays read-only.
        expected |= {backups: 0o700, read_only: 0o400, shared: 0o644 if others else 0o600}
        assert {p.name: oct(mode(p)) for p in expected} == {
            p.name: oct(m) for p, m in expected.items()
        }
        log = configure_logging()
        notes = [line for line in log.read_text().splitlines() if "older DeepDive" in line]
        said = (
            "Files an older DeepDive left readable by others are now readable by their "
            "owner only: the workspace, its lock file, its -wal file, its -shm file, the "
            f"backups folder, {2 if others else 3} files in the backups folder."
        )
        assert len(notes) == 1 and notes[0].endswith(said)
    finally:
        services.close()
        older.close()
    # Once: opening it again finds nothing to say.
    open_workspace(workspace, backup_dir=backups).close()
    assert sum("older DeepDive" in line for line in log.read_text().splitlines()) == 1
