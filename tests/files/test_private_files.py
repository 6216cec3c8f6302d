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
