"""Backups: made with the online backup API, verified before they count, restored safely."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from alembic import command
from other_process import OtherProcess

from deepdive.services import Services
from deepdive.storage.backup import (
    BackupKind,
    list_backups,
    make_backup,
    newest_good_backup,
    verify_backup,
)
from deepdive.storage.errors import BackupError, WorkspaceError, WorkspaceInUseError
from deepdive.storage.lock import lock_path_for
from deepdive.storage.migrate import KNOWN_REVISIONS, alembic_config
from deepdive.storage.restore import replace_damaged, restore_backup, set_aside
from deepdive.storage.workspace import APPLICATION_ID, make_engine, open_workspace


def _codes(path: Path) -> list[str]:
    services = Services.for_workspace(open_workspace(path))
    try:
        return sorted(c.code for c in services.cases.list_cases())
    finally:
        services.close()


@pytest.fixture
def backups(tmp_path: Path) -> Path:
    return tmp_path / "backups"


def test_a_backup_holds_the_latest_committed_edits_of_an_open_workspace(
    services: Services, backups: Path
) -> None:
    services.cases.create("DD-1", "Jay", summary="Lives with Nan")
    services.cases.create("DD-2", "Sam")
    info = make_backup(services.workspace.path, backups, BackupKind.MANUAL)
    services.cases.create("DD-3", "Alex")  # after the backup: not in it

    assert info.path.parent == backups
    assert info.kind is BackupKind.MANUAL
    assert verify_backup(info.path) == 2
    assert sorted(p.name for p in backups.iterdir()) == [info.path.name], "nothing half-made"
    with sqlite3.connect(info.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert db.execute("SELECT summary FROM cases WHERE code='DD-1'").fetchone()[0] == (
            "Lives with Nan"
        )
    db.close()
    assert list_backups(services.workspace.path, backups) == [info]


def test_a_damaged_workspace_is_not_backed_up_and_older_backups_stay(
    workspace_path: Path, backups: Path
) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    for n in range(30):
        services.cases.create(f"DD-{n}", "Jay", summary="x" * 3000)
    services.close()
    good = make_backup(workspace_path, backups, BackupKind.IDLE)
    data = bytearray(workspace_path.read_bytes())
    data[5 * 4096 : 6 * 4096] = bytes(range(256)) * 16
    workspace_path.write_bytes(bytes(data))

    with pytest.raises(BackupError) as refused:
        make_backup(workspace_path, backups, BackupKind.MANUAL)
    assert "backup" in str(refused.value).lower()
    assert [p.name for p in backups.iterdir()] == [good.path.name]
    assert workspace_path.read_bytes() == bytes(data)


def test_a_truncated_workspace_is_not_backed_up(workspace_path: Path, backups: Path) -> None:
    open_workspace(workspace_path).close()
    workspace_path.write_bytes(workspace_path.read_bytes()[:-1000])
    with pytest.raises(BackupError, match="truncated"):
        make_backup(workspace_path, backups, BackupKind.MANUAL)
    assert not backups.exists() or list(backups.iterdir()) == []


def test_workspaces_with_the_same_name_keep_separate_backups(tmp_path: Path, backups: Path) -> None:
    first = tmp_path / "a" / "team.deepdive"
    second = tmp_path / "b" / "team.deepdive"
    for path in (first, second):
        open_workspace(path).close()
    made = make_backup(first, backups, BackupKind.MANUAL)
    assert list_backups(first, backups) == [made]
    assert list_backups(second, backups) == []


def test_making_backups_prunes_by_the_retention_rules(workspace_path: Path, backups: Path) -> None:
    open_workspace(workspace_path).close()
    start = datetime(2024, 5, 31, 9, 0, tzinfo=UTC)
    upgrade = make_backup(workspace_path, backups, BackupKind.BEFORE_UPGRADE, now=start)
    made = [
        make_backup(workspace_path, backups, BackupKind.IDLE, now=start + timedelta(minutes=n))
        for n in range(1, 16)
    ]
    listed = list_backups(workspace_path, backups)
    assert [b.path for b in listed if b.kind is BackupKind.IDLE] == [
        b.path for b in reversed(made[-10:])
    ]
    assert upgrade in listed, "backups made before an upgrade are never pruned"
    assert len(list(backups.iterdir())) == 11


def test_newest_good_backup_passes_over_a_damaged_one(services: Services, backups: Path) -> None:
    services.cases.create("DD-1", "Jay")
    older = make_backup(services.workspace.path, backups, BackupKind.IDLE)
    services.cases.create("DD-2", "Sam")
    newer = make_backup(services.workspace.path, backups, BackupKind.CLOSE)
    assert newest_good_backup(services.workspace.path, backups) == (newer, 2)

    newer.path.write_bytes(newer.path.read_bytes()[:4096])
    with pytest.raises(BackupError):
        verify_backup(newer.path)
    assert newest_good_backup(services.workspace.path, backups) == (older, 1)


def test_restore_makes_a_new_workspace_that_opens_with_the_backed_up_cases(
    services: Services, backups: Path, tmp_path: Path
) -> None:
    services.cases.create("DD-1", "Jay")
    info = make_backup(services.workspace.path, backups, BackupKind.MANUAL)
    target = tmp_path / "restored" / "team (restored).deepdive"
    assert restore_backup(info.path, target) == target
    assert _codes(target) == ["DD-1"]
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_restore_never_overwrites_an_existing_file(services: Services, backups: Path) -> None:
    services.cases.create("DD-1", "Jay")
    info = make_backup(services.workspace.path, backups, BackupKind.MANUAL)
    services.cases.create("DD-2", "Sam")
    with pytest.raises(BackupError, match="already exists"):
        restore_backup(info.path, services.workspace.path)
    assert sorted(c.code for c in services.cases.list_cases()) == ["DD-1", "DD-2"]


def test_restore_refuses_a_target_with_a_stray_log_beside_it(
    services: Services, backups: Path, tmp_path: Path
) -> None:
    info = make_backup(services.workspace.path, backups, BackupKind.MANUAL)
    target = tmp_path / "new.deepdive"
    stray = tmp_path / "new.deepdive-wal"
    stray.write_bytes(b"left over from something else")
    with pytest.raises(BackupError, match=r"new\.deepdive-wal"):
        restore_backup(info.path, target)
    assert not target.exists()
    assert stray.read_bytes() == b"left over from something else"


def test_a_damaged_backup_is_never_restored(
    services: Services, backups: Path, tmp_path: Path
) -> None:
    info = make_backup(services.workspace.path, backups, BackupKind.MANUAL)
    info.path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    with pytest.raises(BackupError):
        restore_backup(info.path, tmp_path / "new.deepdive")
    assert not (tmp_path / "new.deepdive").exists()
    assert not (tmp_path / "new.deepdive.restoring").exists()


def test_set_aside_renames_the_file_and_its_logs_and_deletes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "team.deepdive"
    path.write_bytes(b"damaged")
    (tmp_path / "team.deepdive-wal").write_bytes(b"log")
    aside = set_aside(path, now=datetime(2024, 5, 3, 14, 2, 15))
    assert aside.name == "team.damaged-20240503-140215.deepdive"
    assert aside.read_bytes() == b"damaged"
    assert (tmp_path / "team.damaged-20240503-140215.deepdive-wal").read_bytes() == b"log"
    assert not path.exists() and not (tmp_path / "team.deepdive-wal").exists()


def _first_revision_workspace(path: Path) -> None:
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        command.upgrade(alembic_config(connection), KNOWN_REVISIONS[0])
        connection.exec_driver_sql(
            "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
            " document_version, created_at, updated_at) VALUES ('OLD-1', 'Sam', 'draft', 0, 0,"
            " 'kept', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
        )
    engine.dispose()


@pytest.mark.skipif(len(KNOWN_REVISIONS) < 2, reason="needs a schema upgrade to exist")
def test_an_upgrade_is_preceded_by_a_verified_backup_of_the_old_workspace(
    tmp_path: Path, backups: Path
) -> None:
    path = tmp_path / "old.deepdive"
    _first_revision_workspace(path)
    open_workspace(path, backup_dir=backups).close()
    [backup] = list_backups(path, backups)
    assert backup.kind is BackupKind.BEFORE_UPGRADE
    assert verify_backup(backup.path) == 1
    with sqlite3.connect(backup.path) as db:
        assert (
            db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == (KNOWN_REVISIONS[0])
        )
    db.close()


@pytest.mark.skipif(len(KNOWN_REVISIONS) < 2, reason="needs a schema upgrade to exist")
def test_no_upgrade_without_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.deepdive"
    _first_revision_workspace(path)
    before = path.read_bytes()
    not_a_folder = tmp_path / "backups-is-a-file"
    not_a_folder.write_text("in the way", encoding="utf-8")
    with pytest.raises(WorkspaceError, match="has not been changed"):
        open_workspace(path, backup_dir=not_a_folder)
    assert path.read_bytes() == before


def _damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[:16] = b"Not SQLite here!"
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_workspace_is_replaced_by_its_backup_and_kept_aside(
    workspace_path: Path, backups: Path
) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    services.cases.create("DD-1", "Jay")
    services.close()
    info = make_backup(workspace_path, backups, BackupKind.CLOSE)
    damaged = _damage(workspace_path)

    aside = replace_damaged(workspace_path, info.path)

    assert aside.parent == workspace_path.parent
    assert aside.name.startswith("test.damaged-") and aside.suffix == ".deepdive"
    assert aside.read_bytes() == damaged, "the damaged file is kept, byte for byte"
    assert _codes(workspace_path) == ["DD-1"]
    assert not lock_path_for(workspace_path).exists()


def test_a_damaged_workspace_open_in_another_process_is_not_pulled_away(
    workspace_path: Path, backups: Path
) -> None:
    open_workspace(workspace_path).close()
    info = make_backup(workspace_path, backups, BackupKind.CLOSE)
    other = OtherProcess(workspace_path)
    try:
        damaged = _damage(workspace_path)
        with pytest.raises(WorkspaceInUseError):
            replace_damaged(workspace_path, info.path)
        assert workspace_path.read_bytes() == damaged
        assert [p.name for p in workspace_path.parent.glob("*damaged*")] == []
    finally:
        other.kill()
        other.discard()
