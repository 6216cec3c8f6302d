"""Opening workspace files: new, existing, foreign, damaged, newer, read-only."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from deepdive.services import Services
from deepdive.storage.errors import (
    NewerWorkspaceError,
    NotAWorkspaceError,
    WorkspaceCorruptError,
    WorkspaceReadOnlyError,
)
from deepdive.storage.workspace import APPLICATION_ID, open_workspace


def test_a_new_workspace_is_created_with_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "deeper" / "folder" / "new.deepdive"
    workspace = open_workspace(path)
    workspace.close()
    assert path.is_file()
    assert not path.with_name("new.deepdive.creating").exists()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_data_survives_closing_and_reopening(workspace_path: Path) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    services.cases.create("DD-2019-014", "Jay", summary="First line")
    services.close()
    again = Services.for_workspace(open_workspace(workspace_path))
    try:
        [row] = again.cases.list_cases()
        assert (row.code, row.pseudonym) == ("DD-2019-014", "Jay")
    finally:
        again.close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "is an empty file"),
        (b"Case notes: Jay was seen at home.\n", "is not a DeepDive workspace"),
        (os.urandom(4096), "is not a DeepDive workspace"),
    ],
    ids=["empty", "text", "random-bytes"],
)
def test_files_that_are_not_sqlite_are_refused_untouched(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "notes.deepdive"
    path.write_bytes(content)
    with pytest.raises(NotAWorkspaceError, match=expected):
        open_workspace(path)
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.deepdive"]


def test_another_programs_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "contacts.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE contacts (name TEXT)")
        db.execute("INSERT INTO contacts VALUES ('someone')")
    db.close()
    before = path.read_bytes()
    with pytest.raises(NotAWorkspaceError, match="made by another program"):
        open_workspace(path)
    assert path.read_bytes() == before


def test_a_workspace_from_a_newer_deepdive_is_refused_byte_for_byte(workspace_path: Path) -> None:
    open_workspace(workspace_path).close()
    with sqlite3.connect(workspace_path) as db:
        db.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    db.close()
    before = workspace_path.read_bytes()
    with pytest.raises(NewerWorkspaceError, match="newer version of DeepDive"):
        open_workspace(workspace_path)
    assert workspace_path.read_bytes() == before


def test_a_damaged_workspace_is_refused_untouched(workspace_path: Path) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    for n in range(40):
        services.cases.create(f"DD-{n:03d}", "Jay", summary="x" * 2000)
    services.close()
    data = bytearray(workspace_path.read_bytes())
    # Scribble over the middle pages (table b-tree pages), keeping the header intact.
    for offset in range(8192, min(len(data), 8192 * 4), 7):
        data[offset] = 0xA5
    workspace_path.write_bytes(bytes(data))
    before = workspace_path.read_bytes()
    with pytest.raises((WorkspaceCorruptError, NotAWorkspaceError)) as caught:
        open_workspace(workspace_path)
    assert str(workspace_path) in str(caught.value)
    assert workspace_path.read_bytes() == before


def test_a_folder_is_not_a_workspace(tmp_path: Path) -> None:
    with pytest.raises(NotAWorkspaceError, match="is a folder"):
        open_workspace(tmp_path)


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only files")
def test_a_read_only_workspace_is_refused(workspace_path: Path) -> None:
    open_workspace(workspace_path).close()
    workspace_path.chmod(0o444)
    try:
        with pytest.raises(WorkspaceReadOnlyError, match="read-only"):
            open_workspace(workspace_path)
    finally:
        workspace_path.chmod(0o644)


def test_nothing_is_created_when_create_is_off(tmp_path: Path) -> None:
    path = tmp_path / "missing.deepdive"
    with pytest.raises(NotAWorkspaceError, match="There is no workspace"):
        open_workspace(path, create=False)
    assert not path.exists()
