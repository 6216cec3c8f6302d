"""Schema migrations: the scripts, the models and the upgrade path agree."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Engine

from deepdive.services import Services
from deepdive.services.errors import ChangedElsewhereError
from deepdive.storage.address import parse_server_address
from deepdive.storage.migrate import (
    HEAD_REVISION,
    KNOWN_REVISIONS,
    alembic_config,
    is_modelled,
    script_revisions,
)
from deepdive.storage.models import Base
from deepdive.storage.server import open_server_workspace, server_engine
from deepdive.storage.workspace import APPLICATION_ID, Workspace, make_engine, open_workspace


def test_known_revisions_are_exactly_the_scripts_on_disk() -> None:
    assert script_revisions() == list(KNOWN_REVISIONS)


def test_a_new_workspace_is_at_head_and_matches_the_models(workspace_path: Path) -> None:
    workspace = open_workspace(workspace_path)
    with workspace.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "include_name": is_modelled,
            },
        )
        assert context.get_current_revision() == HEAD_REVISION
        assert compare_metadata(context, Base.metadata) == []
    workspace.close()


def test_a_workspace_made_by_the_first_revision_opens_and_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "old.deepdive"
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
    backups = tmp_path / "backups"
    services = Services.for_workspace(open_workspace(path, backup_dir=backups))
    try:
        assert services.cases.find("OLD-1").summary == "kept"
    finally:
        services.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    db.close()
    if KNOWN_REVISIONS[0] != HEAD_REVISION:
        made = [p for p in backups.rglob("*") if p.is_file() and "old" in p.name]
        assert made, "an upgrade is preceded by a backup copy of the workspace"


def test_a_workspace_before_stories_and_measures_gains_them_and_keeps_its_cases(
    tmp_path: Path,
) -> None:
    path = tmp_path / "before.deepdive"
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        command.upgrade(alembic_config(connection), "0002_search")
        connection.exec_driver_sql(
            "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
            " document_version, created_at, updated_at) VALUES ('OLD-2', 'Sam', 'final', 0, 1,"
            " 'kept', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
        )
    engine.dispose()
    services = Services.for_workspace(open_workspace(path, backup_dir=tmp_path / "backups"))
    try:
        case = services.cases.find("OLD-2")
        assert services.stories.get(case.id).text == ""
        services.stories.set(case.id, "Sam stayed at home.")
        measure = services.measures.create("Residential placements commissioned")
        services.measures.add_value(measure.id, "Jul 2017", "48", "Commissioning returns")
        assert services.search.search("kept")  # the search index came through the upgrade
    finally:
        services.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
        assert db.execute("SELECT text FROM case_stories").fetchall() == [("Sam stayed at home.",)]
    db.close()
    # And back down: the revision removes only what it added.
    engine = make_engine(path)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0002_search")
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
    engine.dispose()
    assert not tables & {"case_stories", "programme_measures", "measure_values"}
    assert "cases" in tables


_OLD_EVENT = (
    "INSERT INTO events (case_id, date_text, first_day, last_day, sort_key, position, category,"
    " description, significance, voice, outcome, key_episode, created_at, updated_at)"
    " SELECT id, '2016', '2016-01-01', '2016-12-31', '2016', 1, 'family', 'Moved to Nan''s',"
    " '', '', '', 0, '2020-01-01 00:00:00', '2020-01-01 00:00:00' FROM cases"
)


def test_events_from_before_row_versions_start_at_one_and_the_downgrade_keeps_search(
    tmp_path: Path,
) -> None:
    path = tmp_path / "before.deepdive"
    engine = make_engine(path)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        command.upgrade(alembic_config(connection), "0003_programme")
        connection.exec_driver_sql(
            "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
            " document_version, created_at, updated_at) VALUES ('OLD-3', 'Sam', 'final', 0, 1,"
            " '', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
        )
        connection.exec_driver_sql(_OLD_EVENT)
    engine.dispose()
    services = Services.for_workspace(open_workspace(path, backup_dir=tmp_path / "backups"))
    try:
        [old] = services.events.list_events(services.cases.find("OLD-3").id)
        assert services.events.version(old.id) == 1
        services.events.update(old.id, expected_version=1, outcome="Stayed")
        assert services.events.version(old.id) == 2
    finally:
        services.close()
    engine = make_engine(path)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003_programme")
        columns = {r[1] for r in connection.exec_driver_sql("PRAGMA table_info(events)")}
        triggers = {
            r[0]
            for r in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='trigger'"
            )
        }
    engine.dispose()
    assert "row_version" not in columns and "outcome" in columns
    assert {"events_search_insert", "events_search_update", "events_search_delete"} <= triggers


_OLD_CASE = (
    "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
    " document_version, created_at, updated_at) VALUES ('OLD-5', 'Sam', 'draft', {no}, {no},"
    " 'Written before row versions', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
)


@pytest.fixture
def old_workspace(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[Engine, Callable[[], Workspace]]]:
    """An empty database of this run's engine (a file, or a fresh database on the test
    cluster) with a way to open it as DeepDive does."""
    path = tmp_path / "old.deepdive"
    if engine == "sqlite":
        raw = make_engine(path)
        with raw.begin() as connection:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        yield raw, lambda: open_workspace(path, backup_dir=tmp_path / "backups")
        raw.dispose()
        return
    cluster = request.getfixturevalue("pg_cluster")
    name = f"before_0005_{request.node.name.split('[')[0][-20:]}".lower()
    cluster.sql(f"CREATE DATABASE {name}")
    address = parse_server_address(cluster.url(name))
    raw = server_engine(address)
    yield raw, lambda: open_server_workspace(address, path)
    raw.dispose()
    cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")


def test_cases_and_responses_from_before_their_row_versions_start_at_one_on_both_engines(
    engine: str, old_workspace: tuple[Engine, Callable[[], Workspace]]
) -> None:
    raw, open_it = old_workspace
    no = "0" if engine == "sqlite" else "false"
    with raw.begin() as connection:
        command.upgrade(alembic_config(connection), "0004_row_versions")
        connection.exec_driver_sql(_OLD_CASE.format(no=no))
    services = Services.for_workspace(open_it())
    try:
        case = services.cases.find("OLD-5")
        assert (case.summary, case.version) == ("Written before row versions", 1)
        services.cases.update(case.id, summary="Changed once.", expected_version=1)
        with pytest.raises(ChangedElsewhereError):
            services.cases.update(case.id, summary="From the old read.", expected_version=1)
        assert services.cases.find("OLD-5").version == 2
        assert [h.case_code for h in services.search.search("changed")] == ["OLD-5"]
    finally:
        services.close()
    with raw.begin() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar() == (
            HEAD_REVISION
        )
        command.downgrade(alembic_config(connection), "0004_row_versions")
    columns = {
        table: {c["name"] for c in inspect(raw).get_columns(table)}
        for table in ("cases", "stage_responses", "events")
    }
    assert "row_version" not in columns["cases"] | columns["stage_responses"]
    assert "row_version" in columns["events"] and "summary" in columns["cases"]
    with raw.connect() as connection:
        summary = connection.exec_driver_sql("SELECT summary FROM cases").scalar()
    assert summary == "Changed once."


_OLD_CAST_AND_ACTIONS = (
    "INSERT INTO people (case_id, pseudonym, role, notes, sort_order)"
    " SELECT id, 'Nan', 'Grandmother', 'Written before row versions', 1 FROM cases",
    "INSERT INTO actions (case_id, description, owner_role, done, position, created_at,"
    " updated_at) SELECT id, 'Ring Nan', 'Social worker', {no}, 1, '2020-01-01 00:00:00',"
    " '2020-01-01 00:00:00' FROM cases",
    "INSERT INTO case_outcomes (case_id, domain, start_value, latest_value, note)"
    " SELECT id, 'missing', '6', '1', '' FROM cases",
    "INSERT INTO case_stories (case_id, text, updated_at)"
    " SELECT id, 'Sam lives with Nan.', '2020-01-01 00:00:00' FROM cases",
)


def test_cast_actions_outcomes_and_stories_from_before_0009_start_at_one_on_both_engines(
    engine: str, old_workspace: tuple[Engine, Callable[[], Workspace]]
) -> None:
    raw, open_it = old_workspace
    no = "0" if engine == "sqlite" else "false"
    with raw.begin() as connection:
        command.upgrade(alembic_config(connection), "0008_server_speed")
        connection.exec_driver_sql(_OLD_CASE.format(no=no))
        for statement in _OLD_CAST_AND_ACTIONS:
            connection.exec_driver_sql(statement.format(no=no))
    services = Services.for_workspace(open_it())
    try:
        case_id = services.cases.find("OLD-5").id
        [person] = services.people.list_people(case_id)
        [action] = services.actions.list_actions(case_id)
        [outcome] = services.outcomes.list_for_case(case_id)
        story = services.stories.get(case_id)
        assert (person.version, action.version, outcome.version, story.version) == (1, 1, 1, 1)
        services.people.update(person.id, notes="Changed once.", expected_version=1)
        with pytest.raises(ChangedElsewhereError):
            services.people.update(person.id, notes="From the old read.", expected_version=1)
        services.stories.set(case_id, "Changed once.", expected_version=1)
        with pytest.raises(ChangedElsewhereError):
            services.stories.set(case_id, "From the old read.", expected_version=1)
    finally:
        services.close()
    with raw.begin() as connection:
        command.downgrade(alembic_config(connection), "0008_server_speed")
    tables = ("people", "actions", "case_outcomes", "case_stories")
    columns = {table: {c["name"] for c in inspect(raw).get_columns(table)} for table in tables}
    assert all("row_version" not in names for names in columns.values())
    with raw.connect() as connection:
        notes = connection.exec_driver_sql("SELECT notes FROM people").scalar()
        text = connection.exec_driver_sql("SELECT text FROM case_stories").scalar()
    assert (notes, text) == ("Changed once.", "Changed once.")
