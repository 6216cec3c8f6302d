"""Migration 0006_teams on both engines: from the revision before it, with cases in the
workspace, and back; and on a server, every table holding case content has its policy."""

from __future__ import annotations

import itertools
from pathlib import Path

import psycopg
import pytest
from alembic import command
from pg_cluster import PgCluster, PgDatabases
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine

from deepdive.services import Services
from deepdive.storage.address import parse_server_address
from deepdive.storage.migrate import HEAD_REVISION, alembic_config
from deepdive.storage.server import open_server_workspace, server_engine
from deepdive.storage.server_check import check_server
from deepdive.storage.workspace import APPLICATION_ID, make_engine, open_workspace

BEFORE = "0004_row_versions"
_numbers = itertools.count(1)

_OLD_CASE = (
    "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary,"
    " document_version, created_at, updated_at) VALUES ('OLD-6', 'Sam', 'final', false,"
    " true, 'kept before teams', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
)
_OLD_EVENT = (
    "INSERT INTO events (case_id, date_text, first_day, last_day, sort_key, position, category,"
    " description, significance, voice, outcome, key_episode, created_at, updated_at)"
    " SELECT id, '2016', '2016-01-01', '2016-12-31', '2016', 1, 'family', 'Moved to Nan''s',"
    " '', '', '', false, '2020-01-01 00:00:00', '2020-01-01 00:00:00' FROM cases"
)

# Columns that tie a row to a case, directly or through its parent.
_CASE_LINKS = ("case_id", "event_id", "session_id", "response_id", "case_code")


def _old_workspace(engine: Engine, setup: str | None = None) -> None:
    with engine.begin() as connection:
        if setup:
            connection.exec_driver_sql(setup)
        command.upgrade(alembic_config(connection), BEFORE)
        connection.exec_driver_sql(_OLD_CASE)
        connection.exec_driver_sql(_OLD_EVENT)
    engine.dispose()


def _keeps_its_case(services: Services) -> None:
    case = services.cases.find("OLD-6")
    assert case.summary == "kept before teams"
    assert [e.description for e in services.events.list_events(case.id)] == ["Moved to Nan's"]
    assert [h.case_code for h in services.search.search("kept before")] == ["OLD-6"]


def test_a_workspace_file_from_before_teams_upgrades_and_downgrades(tmp_path: Path) -> None:
    path = tmp_path / "before.deepdive"
    _old_workspace(make_engine(path), f"PRAGMA application_id={APPLICATION_ID}")
    services = Services.for_workspace(open_workspace(path, backup_dir=tmp_path / "backups"))
    try:
        _keeps_its_case(services)
    finally:
        services.close()
    engine = make_engine(path)
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT team_id FROM cases").all() == [(None,)]
        command.downgrade(alembic_config(connection), BEFORE)
        tables = {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master")}
        columns = {r[1] for r in connection.exec_driver_sql("PRAGMA table_info(cases)")}
    engine.dispose()
    assert not tables & {"teams", "team_members"} and "team_id" not in columns
    assert {"cases_search_insert", "cases_search_update", "cases_search_delete"} <= tables


def _row_security(connection: Connection) -> tuple[set[str], set[str]]:
    """The tables with row-level security on, and those with DeepDive's policies."""
    secured = connection.execute(text("SELECT relname FROM pg_class WHERE relrowsecurity"))
    policies = connection.execute(
        text("SELECT tablename FROM pg_policies WHERE policyname LIKE 'deepdive%'")
    )
    return {r[0] for r in secured}, {r[0] for r in policies}


def test_a_team_workspace_from_before_teams_upgrades_and_downgrades(
    pg_cluster: PgCluster, tmp_path: Path
) -> None:
    name = f"before_teams_{next(_numbers)}"
    pg_cluster.sql(f"CREATE DATABASE {name}")
    try:
        address = parse_server_address(pg_cluster.url(name))
        _old_workspace(server_engine(address))
        services = Services.for_workspace(open_server_workspace(address, tmp_path / "w"))
        try:
            _keeps_its_case(services)
        finally:
            services.close()
        engine = server_engine(address)
        with engine.begin() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                (HEAD_REVISION,)
            ]
            assert connection.exec_driver_sql("SELECT team_id FROM cases").all() == [(None,)]
            secured, policies = _row_security(connection)
            assert {"cases", "events", "search_index", "tags"} <= secured & policies
            command.downgrade(alembic_config(connection), BEFORE)
            assert _row_security(connection) == (set(), set())
            left = connection.exec_driver_sql(
                "SELECT count(*) FROM pg_trigger WHERE tgname = 'cases_team'"
            ).scalar_one()
            assert left == 0
            assert connection.exec_driver_sql("SELECT to_regclass('teams')").scalar() is None
        engine.dispose()
    finally:
        pg_cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")


def test_every_table_that_holds_case_content_has_the_team_policy(
    pg_databases: PgDatabases,
) -> None:
    """A table added later with a case (or a child of one) must come with its policy."""
    url = pg_databases.take()
    engine = server_engine(parse_server_address(url))
    try:
        with engine.connect() as connection:
            linked = {
                r[0]
                for r in connection.execute(
                    text(
                        "SELECT table_name FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND column_name = ANY(:links)"
                    ),
                    {"links": list(_CASE_LINKS)},
                )
            }
            secured, policies = _row_security(connection)
    finally:
        engine.dispose()
        pg_databases.give_back(url)
    assert len(linked) >= 16
    missing = (linked | {"cases"}) - (secured & policies)
    assert missing == set(), f"tables with case content but no row-level security: {missing}"


@pytest.mark.parametrize("table", ["cases", "events", "search_index"])
def test_policies_bind_members_but_not_the_owner(pg_databases: PgDatabases, table: str) -> None:
    """ENABLE, not FORCE: the owner (the programme lead) sees every case."""
    url = pg_databases.take()
    engine = server_engine(parse_server_address(url))
    try:
        with engine.connect() as connection:
            enabled, forced = connection.execute(
                text(
                    "SELECT relrowsecurity, relforcerowsecurity FROM pg_class "
                    "WHERE oid = CAST(:t AS regclass)"
                ),
                {"t": table},
            ).one()
    finally:
        engine.dispose()
        pg_databases.give_back(url)
    assert (enabled, forced) == (True, False)


def test_the_check_reports_a_table_whose_row_security_was_turned_off(
    pg_databases: PgDatabases,
) -> None:
    address = parse_server_address(pg_databases.take())
    try:
        assert check_server(address).ok
        with psycopg.connect(address.url, autocommit=True) as connection:
            connection.execute("ALTER TABLE events DISABLE ROW LEVEL SECURITY")
            connection.execute("DROP POLICY deepdive_team_rows ON people")
        assert check_server(address).problems == (
            "The team policy deepdive_team_rows on the table people is missing.",
            "Row-level security is off on the table events: every member can read all of "
            "its rows, whatever their team.",
        )
    finally:
        pg_databases.discard(address.url)  # its schema was changed: never handed out again
