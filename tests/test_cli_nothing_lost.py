"""``deepdive backup``, ``check`` and ``bundle``, run as a user runs them: separate processes."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.storage.backup import list_backups


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A workspace with the demo case, and its data folder."""
    folder = tmp_path_factory.mktemp("nothing-lost-cli")
    workspace = folder / "team.deepdive"
    assert run_deepdive("demo", "--workspace", workspace, data_dir=folder).returncode == 0
    return workspace, folder


def test_backup_makes_a_verified_copy_and_lists_it(demo: tuple[Path, Path]) -> None:
    workspace, folder = demo
    made = run_deepdive("backup", "--workspace", workspace, data_dir=folder)
    assert made.returncode == 0, made.stderr
    [backup] = list_backups(workspace, folder / "backups")
    assert str(backup.path) in made.stdout
    assert "1 case" in made.stdout and "integrity check" in made.stdout
    listed = run_deepdive("backup", "--list", "--workspace", workspace, data_dir=folder)
    assert listed.returncode == 0, listed.stderr
    assert str(backup.path) in listed.stdout and "Backed up by you" in listed.stdout


def test_backup_of_a_missing_workspace_is_one_line(tmp_path: Path) -> None:
    line = refusal(
        run_deepdive("backup", "--workspace", tmp_path / "none.deepdive", data_dir=tmp_path)
    )
    assert "There is no workspace at" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_backup_refuses_a_damaged_workspace(demo: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, _ = demo
    broken = tmp_path / "broken.deepdive"
    broken.write_bytes(workspace.read_bytes()[:5000])
    line = refusal(run_deepdive("backup", "--workspace", broken, data_dir=tmp_path))
    assert "truncated" in line and "not backed up" in line
    assert list_backups(broken, tmp_path / "backups") == []


def test_check_passes_a_healthy_workspace(demo: tuple[Path, Path]) -> None:
    workspace, folder = demo
    before = workspace.read_bytes()
    result = run_deepdive("check", "--workspace", workspace, data_dir=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no problems found (1 case" in result.stdout
    assert workspace.read_bytes() == before


def test_check_reports_damage_with_exit_1_and_changes_nothing(
    demo: tuple[Path, Path], tmp_path: Path
) -> None:
    workspace, _ = demo
    data = bytearray(workspace.read_bytes())
    data[3 * 4096 : 4 * 4096] = b"\xa5" * 4096
    broken = tmp_path / "broken.deepdive"
    broken.write_bytes(bytes(data))
    result = run_deepdive("check", "--workspace", broken, data_dir=tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "problem" in result.stdout and "  - " in result.stdout
    assert "has not been changed" in result.stdout
    assert broken.read_bytes() == bytes(data)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.deepdive"]


def test_check_of_a_file_that_is_not_a_workspace(tmp_path: Path) -> None:
    notes = tmp_path / "notes.deepdive"
    notes.write_text("Jay was seen at home.", encoding="utf-8")
    result = run_deepdive("check", "--workspace", notes, data_dir=tmp_path)
    assert result.returncode == 1
    assert "not a SQLite database" in result.stdout


def test_bundle_round_trip_conflict_and_copy(demo: tuple[Path, Path], tmp_path: Path) -> None:
    workspace, folder = demo
    bundle = tmp_path / "jay.ddcase"
    exported = run_deepdive(
        "bundle", "export", "DEMO-001", "--out", bundle, "--workspace", workspace, data_dir=folder
    )
    assert exported.returncode == 0, exported.stderr
    assert bundle.is_file() and str(bundle) in exported.stdout

    other = tmp_path / "other.deepdive"
    imported = run_deepdive("bundle", "import", bundle, "--workspace", other, data_dir=folder)
    assert imported.returncode == 0, imported.stderr
    assert "Imported case DEMO-001" in imported.stdout
    listed = run_deepdive("cases", "--workspace", other, data_dir=folder)
    assert "DEMO-001" in listed.stdout

    line = refusal(run_deepdive("bundle", "import", bundle, "--workspace", other, data_dir=folder))
    assert "already has a case DEMO-001" in line and "--as DEMO-001-COPY" in line
    copied = run_deepdive(
        "bundle", "import", bundle, "--as", "DEMO-001-COPY", "--workspace", other, data_dir=folder
    )
    assert copied.returncode == 0, copied.stderr
    assert "a copy of DEMO-001" in copied.stdout


def test_a_hostile_bundle_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bundle = tmp_path / "evil.ddcase"
    import zipfile

    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("../../etc/cron.d/evil", "* * * * * root rm -rf /")
    workspace = tmp_path / "team.deepdive"
    line = refusal(
        run_deepdive("bundle", "import", bundle, "--workspace", workspace, data_dir=tmp_path)
    )
    assert "path outside the archive" in line


def test_bundle_export_blocked_by_the_leak_check_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "team.deepdive"
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    services = Services.for_workspace(open_workspace(workspace))
    services.cases.create("DD-1", "Jay", summary="Seen at clinic; NHS number 943 476 5919.")
    services.close()
    out = tmp_path / "jay.ddcase"
    result = run_deepdive(
        "bundle", "export", "DD-1", "--out", out, "--workspace", workspace, data_dir=tmp_path
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "NHS number" in result.stderr
    assert not out.exists() and not list(tmp_path.glob("jay*"))


def test_bundle_without_an_action_is_bad_usage(tmp_path: Path) -> None:
    line = refusal(run_deepdive("bundle", data_dir=tmp_path))
    assert "ACTION" in line and "--help" in line
