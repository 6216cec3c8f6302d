"""The quick start-up look at a workspace's case list agrees with the services."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.case_listing import peek_case_summaries
from deepdive.storage.errors import NewerWorkspaceError
from deepdive.storage.workspace import open_workspace


@pytest.fixture
def engine() -> str:
    """The quick look reads a workspace file: SQLite only."""
    return "sqlite"


def _files_beside(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.is_file()}


def test_the_quick_look_lists_the_same_cases_as_the_services(
    services: Services, workspace_path: Path
) -> None:
    add_demo_case(services)
    archived = services.cases.create("DD-2024-001", "Robin", status="final")
    services.cases.set_archived(archived.id, True)
    services.cases.create("DD-2024-002", "Sky")
    expected = services.cases.list_cases()
    services.close()

    before = _files_beside(workspace_path)
    assert peek_case_summaries(workspace_path) == expected
    assert _files_beside(workspace_path) == before  # read-only: nothing written, nothing made


def test_the_quick_look_steps_aside_for_anything_unusual(tmp_path: Path) -> None:
    missing = tmp_path / "missing.deepdive"
    empty = tmp_path / "empty.deepdive"
    empty.write_bytes(b"")
    text = tmp_path / "notes.deepdive"
    text.write_text("Meeting notes\n" * 50, encoding="utf-8")
    foreign = tmp_path / "other.sqlite"
    with sqlite3.connect(foreign) as connection:
        connection.execute("CREATE TABLE cases (id INTEGER)")
    connection.close()
    for path in (missing, empty, text, foreign):
        assert peek_case_summaries(path) is None
    assert not missing.exists()  # never created


def test_a_workspace_from_a_newer_deepdive_is_left_to_the_full_open(
    services: Services, workspace_path: Path
) -> None:
    services.cases.create("DD-2024-001", "Robin")
    services.close()
    with sqlite3.connect(workspace_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.close()
    assert peek_case_summaries(workspace_path) is None
    # The full open still refuses it with its own message.
    with pytest.raises(NewerWorkspaceError, match="newer"):
        open_workspace(workspace_path)
