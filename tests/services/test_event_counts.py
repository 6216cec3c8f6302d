"""The case list's event counts (kept by the database as events come and go, migration
0007) stay true through every way events are added and removed, on both engines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.migrate import alembic_config
from deepdive.storage.workspace import APPLICATION_ID, Workspace, make_engine, open_workspace


def listed_counts(services: Services) -> dict[str, int]:
    return {c.code: c.event_count for c in services.cases.list_cases()}


def true_counts(services: Services) -> dict[str, int]:
    return {c.code: len(services.events.list_events(c.id)) for c in services.cases.list_cases()}


def test_counts_follow_adds_imports_deletes_undo_copies_and_case_deletes(
    new_workspace: Callable[[str], Workspace],
) -> None:
    services = Services.for_workspace(new_workspace("counts"))
    try:
        case = services.cases.create("CNT-1", "Sam")
        other = services.cases.create("CNT-2", "Alex")
        services.events.add(case.id, EventInput("2019", "other", "One"))
        many = services.events.add_many(
            case.id, [EventInput("2020", "other", f"Imported {n}") for n in range(600)]
        )  # the bulk path, with the search triggers set aside on SQLite
        services.events.add(other.id, EventInput("2018", "other", "Elsewhere"))
        assert listed_counts(services) == {"CNT-1": 601, "CNT-2": 1}

        removed = services.events.delete_many(case.id, [e.id for e in many[:550]])
        services.events.delete(many[-1].id)
        assert listed_counts(services) == true_counts(services) == {"CNT-1": 50, "CNT-2": 1}
        services.events.restore(removed)  # undo puts the 550 back
        copy = services.cases.duplicate(case.id, "CNT-3")
        assert listed_counts(services) == true_counts(services)
        assert listed_counts(services)["CNT-3"] == 600

        services.cases.delete(copy.id)
        services.cases.delete(other.id)
        assert listed_counts(services) == true_counts(services) == {"CNT-1": 600}
    finally:
        services.close()


_OLD_ROWS = (
    "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
    " document_version, created_at, updated_at) VALUES ('OLD-1', 'Sam', 'final', 0, 0,"
    " '', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
    "INSERT INTO events (case_id, date_text, first_day, last_day, sort_key, position, category,"
    " description, significance, voice, outcome, key_episode, created_at, updated_at)"
    " SELECT id, '2016', '2016-01-01', '2016-12-31', '2016', n, 'family', 'Moved', '', '', '',"
    " 0, '2020-01-01 00:00:00', '2020-01-01 00:00:00' FROM cases,"
    " (SELECT 1 AS n UNION SELECT 2 UNION SELECT 3)",
)


def test_a_workspace_from_before_the_counts_gets_them_on_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "before.deepdive"
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        command.upgrade(alembic_config(connection), "0004_row_versions")
        for statement in _OLD_ROWS:
            connection.exec_driver_sql(statement)
    engine.dispose()
    services = Services.for_workspace(open_workspace(path, backup_dir=tmp_path / "backups"))
    try:
        assert listed_counts(services) == {"OLD-1": 3}
    finally:
        services.close()
