"""A team workspace on PostgreSQL: the same migrations build and upgrade it, and a
database that is not a usable workspace is refused without being changed."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from pg_cluster import PgCluster, PgDatabases

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.address import ServerAddress, parse_server_address
from deepdive.storage.errors import NewerWorkspaceError, NotAWorkspaceError
from deepdive.storage.migrate import HEAD_REVISION, KNOWN_REVISIONS, alembic_config, is_modelled
from deepdive.storage.models import Base
from deepdive.storage.server import open_server_workspace, server_engine
from deepdive.storage.server_check import check_server
from deepdive.storage.workspace import Workspace

pytestmark = pytest.mark.postgresql

_NAMES = itertools.count(1)


@pytest.fixture
def empty_database(pg_cluster: PgCluster) -> Iterator[ServerAddress]:
    """A new database with nothing in it, as a server administrator hands one over."""
    name = f"empty_{next(_NAMES)}"
    pg_cluster.sql(f"CREATE DATABASE {name}")
    yield parse_server_address(pg_cluster.url(name))
    pg_cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")


def _open(address: ServerAddress, tmp_path: Path, **options: bool) -> Workspace:
    return open_server_workspace(address, tmp_path / "team.deepdive", **options)


def _tables(address: ServerAddress) -> set[str]:
    with psycopg.connect(address.url) as connection:
        rows = connection.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        return {row[0] for row in rows}


def _columns(address: ServerAddress, table: str) -> set[str]:
    with psycopg.connect(address.url) as connection:
        rows = connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
        )
        return {row[0] for row in rows}


def _at_revision(address: ServerAddress, revision: str, *statements: str) -> None:
    """Build the schema as an older DeepDive left it, with some rows in it."""
    engine = server_engine(address)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)
        for statement in statements:
            connection.exec_driver_sql(statement)
    engine.dispose()


_OLD_EVENT = (
    "INSERT INTO events (case_id, date_text, first_day, last_day, sort_key, position, category, "
    "description, significance, voice, outcome, key_episode, created_at, updated_at) "
    "SELECT id, '2016', '2016-01-01', '2016-12-31', '2016', 1, 'family', 'Moved to Nan''s', "
    "'', '', '', false, '2020-01-01 00:00:00', '2020-01-01 00:00:00' FROM cases"
)
_OLD_CASE = (
    "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary, "
    "document_version, created_at, updated_at) VALUES ('OLD-1', 'Sam', 'final', false, true, "
    "'Kept through every upgrade', 1, '2020-01-01 00:00:00', '2020-01-01 00:00:00')"
)


def test_a_new_team_workspace_is_at_head_and_matches_the_models(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    workspace = _open(empty_database, tmp_path)
    try:
        assert workspace.server == empty_database and workspace.lock is None
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
    finally:
        workspace.close()


def test_a_team_workspace_made_by_the_first_revision_upgrades_and_finds_its_old_text(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    _at_revision(empty_database, KNOWN_REVISIONS[0], _OLD_CASE)
    services = Services.for_workspace(_open(empty_database, tmp_path))
    try:
        assert services.cases.find("OLD-1").summary == "Kept through every upgrade"
        # The search index was built over what the workspace already held.
        assert [h.case_code for h in services.search.search("upgrade")] == ["OLD-1"]
    finally:
        services.close()


def test_the_previous_revision_upgrades_and_downgrades_removing_only_its_own_tables(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    previous = KNOWN_REVISIONS[-2]
    _at_revision(empty_database, previous, _OLD_CASE, _OLD_EVENT)
    before = _tables(empty_database), _columns(empty_database, "events")
    services = Services.for_workspace(_open(empty_database, tmp_path))
    try:
        case = services.cases.find("OLD-1")
        services.stories.set(case.id, "Sam stayed at home.")
        assert services.stories.get(case.id).text == "Sam stayed at home."
        [old] = services.events.list_events(case.id)
        assert services.events.version(old.id) == 1
        services.events.update(old.id, expected_version=1, outcome="Stayed")
        assert services.events.version(old.id) == 2
    finally:
        services.close()
    engine = server_engine(empty_database)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), previous)
    engine.dispose()
    assert (_tables(empty_database), _columns(empty_database, "events")) == before


def test_a_reader_creates_nothing_in_an_empty_database(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    with pytest.raises(NotAWorkspaceError, match="holds no DeepDive workspace yet"):
        _open(empty_database, tmp_path, read_only=True)
    assert _tables(empty_database) == set()


def test_another_programs_database_is_refused_and_left_alone(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    with psycopg.connect(empty_database.url) as connection:
        connection.execute("CREATE TABLE invoices (id integer PRIMARY KEY)")
    with pytest.raises(NotAWorkspaceError, match="another program's tables"):
        _open(empty_database, tmp_path)
    assert _tables(empty_database) == {"invoices"}


def test_a_team_workspace_from_a_newer_deepdive_is_never_touched(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    _open(empty_database, tmp_path).close()
    with psycopg.connect(empty_database.url) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(NewerWorkspaceError, match="9999_future"):
        _open(empty_database, tmp_path)
    with psycopg.connect(empty_database.url) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999_future",)
        ]


def test_two_people_opening_a_new_team_workspace_at_once_both_get_it(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    opened: list[Services] = []
    failed: list[BaseException] = []

    def open_one() -> None:
        try:
            opened.append(Services.for_workspace(_open(empty_database, tmp_path)))
        except BaseException as exc:
            failed.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failed == []
    # Each sees the one built-in agency list: it was added once, not twice.
    assert opened[0].agencies.names() == opened[1].agencies.names() != []
    for services in opened:
        services.close()
    with psycopg.connect(empty_database.url) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            (HEAD_REVISION,)
        ]


def test_a_connection_the_server_dropped_is_made_again_for_the_next_save(
    pg_databases: PgDatabases, tmp_path: Path
) -> None:
    url = pg_databases.take()
    services = Services.for_workspace(_open(parse_server_address(url), tmp_path))
    try:
        services.cases.create("DD-1", "Jay")
        with psycopg.connect(url) as admin:  # the server restarts, or an idle timeout
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
        services.cases.create("DD-2", "Sky")
        assert [c.code for c in services.cases.list_cases()] == ["DD-2", "DD-1"]
    finally:
        services.close()
        pg_databases.give_back(url)


def test_the_check_finds_what_is_missing_and_changes_nothing(
    pg_databases: PgDatabases, tmp_path: Path
) -> None:
    address = parse_server_address(pg_databases.take())
    try:
        _open(address, tmp_path).close()
        report = check_server(address)
        assert report.ok and report.revision == HEAD_REVISION and report.cases == 0
        with psycopg.connect(address.url) as connection:
            connection.execute("DROP TRIGGER events_search ON events")
            connection.execute("DROP INDEX ix_people_case_id")
            connection.execute("DROP TRIGGER events_count_delete ON events")
            connection.execute("DROP TRIGGER event_themes_case ON event_themes")
        report = check_server(address)
        assert report.problems == (
            "The index ix_people_case_id is missing.",
            "The search trigger events_search is missing.",
            "The trigger events_count_delete that counts each case's events is missing.",
            "The trigger event_themes_case that keeps a link row's case for the team policies "
            "is missing.",
        )
    finally:
        pg_databases.discard(address.url)  # its schema was changed: never handed out again


def _link_cases(address: ServerAddress) -> list[tuple[int, int | None]]:
    """(event_id, case_id) of every event theme, as the server keeps them."""
    with psycopg.connect(address.url) as connection:
        rows = connection.execute("SELECT event_id, case_id FROM event_themes ORDER BY event_id")
        return [(int(event), case) for event, case in rows]


def _policy(address: ServerAddress, table: str) -> str:
    with psycopg.connect(address.url) as connection:
        row = connection.execute(
            "SELECT qual FROM pg_policies WHERE tablename = %s AND policyname = %s",
            (table, "deepdive_team_rows"),
        ).fetchone()
        assert row is not None
        return str(row[0])


def _search_settings(address: ServerAddress) -> list[str]:
    """What the search function sets while it runs (0008 plans each call afresh)."""
    with psycopg.connect(address.url) as connection:
        row = connection.execute(
            "SELECT proconfig FROM pg_proc WHERE proname = 'deepdive_search'"
        ).fetchone()
        assert row is not None
        return [s for s in row[0] if not s.startswith("search_path")]


def test_link_rows_carry_their_events_case_from_the_speed_revision_and_lose_it_going_back(
    empty_database: ServerAddress, tmp_path: Path
) -> None:
    """0008_server_speed: an event's themes know its case (filled for the rows already
    there, set for new ones whatever the writer says, moved with the event), and the
    team policy asks for that case; the downgrade puts the parent's policy back."""
    _at_revision(
        empty_database,
        "0007_scale_indexes",
        _OLD_CASE,
        _OLD_EVENT,
        "INSERT INTO themes (name, description) VALUES ('Stability', '')",
        "INSERT INTO event_themes (event_id, theme_id) SELECT e.id, t.id FROM events e, themes t",
    )
    services = Services.for_workspace(_open(empty_database, tmp_path))
    try:
        old = services.cases.find("OLD-1")
        [old_event] = services.events.list_events(old.id)
        assert _link_cases(empty_database) == [(old_event.id, old.id)]
        other = services.cases.create("NEW-1", "Jo")
        new_event = services.events.add(
            other.id, EventInput(date="2017", category="family", description="Hub")
        )
        services.themes.apply_to_event(new_event.id, "Stability")
    finally:
        services.close()
    assert _link_cases(empty_database) == [(old_event.id, old.id), (new_event.id, other.id)]
    assert "case_id" in _policy(empty_database, "event_themes")
    assert "plan_cache_mode=force_custom_plan" in _search_settings(empty_database)
    with psycopg.connect(empty_database.url) as connection:
        connection.execute("UPDATE event_themes SET case_id = %s", (old.id,))
    assert _link_cases(empty_database) == [(old_event.id, old.id), (new_event.id, other.id)]
    with psycopg.connect(empty_database.url) as connection:
        connection.execute("UPDATE events SET case_id = %s WHERE id = %s", (old.id, new_event.id))
    assert _link_cases(empty_database) == [(old_event.id, old.id), (new_event.id, old.id)]
    engine = server_engine(empty_database)
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0007_scale_indexes")
    engine.dispose()
    assert _columns(empty_database, "event_themes") == {"event_id", "theme_id"}
    assert "event_id" in _policy(empty_database, "event_themes")
    assert "case_id" not in _policy(empty_database, "event_themes")
    assert _search_settings(empty_database) == []
