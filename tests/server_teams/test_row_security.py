"""Nobody sees what is not theirs, enforced by PostgreSQL: two members of two teams each
see, search, count and change only their own team's cases, through the services and with
plain SQL on every table that holds case content."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import psycopg
import pytest
from programme import NORTH, SOUTH, UNASSIGNED, Programme, build_programme
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from team_servers import ANA, BEN, DAN, OWNER, PASSWORD, STRANGER, TeamServer

from deepdive.services.errors import NotFoundError
from deepdive.services.learning import LearningFilter

# For every table holding case content: the case each of its rows belongs to.
CASE_OF = {
    "cases": "SELECT id FROM cases",
    "people": "SELECT case_id FROM people",
    "events": "SELECT case_id FROM events",
    "sessions": "SELECT case_id FROM sessions",
    "actions": "SELECT case_id FROM actions",
    "case_outcomes": "SELECT case_id FROM case_outcomes",
    "case_stories": "SELECT case_id FROM case_stories",
    "case_tags": "SELECT case_id FROM case_tags",
    "search_index": "SELECT case_id FROM search_index",
    "event_people": "SELECT e.case_id FROM event_people x JOIN events e ON e.id = x.event_id",
    "event_tags": "SELECT e.case_id FROM event_tags x JOIN events e ON e.id = x.event_id",
    "event_themes": "SELECT e.case_id FROM event_themes x JOIN events e ON e.id = x.event_id",
    "session_participants": "SELECT s.case_id FROM session_participants x "
    "JOIN sessions s ON s.id = x.session_id",
    "stage_responses": "SELECT s.case_id FROM stage_responses x "
    "JOIN sessions s ON s.id = x.session_id",
    "response_events": "SELECT s.case_id FROM response_events x "
    "JOIN stage_responses r ON r.id = x.response_id JOIN sessions s ON s.id = r.session_id",
    "response_themes": "SELECT s.case_id FROM response_themes x "
    "JOIN stage_responses r ON r.id = x.response_id JOIN sessions s ON s.id = r.session_id",
    "export_records": "SELECT c.id FROM export_records x JOIN cases c ON c.code = x.case_code",
}


@pytest.fixture(scope="module")
def programme(
    new_team_server: Callable[[], TeamServer], tmp_path_factory: pytest.TempPathFactory
) -> Programme:
    return build_programme(new_team_server(), tmp_path_factory.mktemp("exports"))


@pytest.fixture
def as_role(programme: Programme) -> Iterator[Callable[[str], Connection]]:
    """Plain SQL connections as a role, each in a transaction rolled back at the end."""
    opened: list[tuple[object, Connection]] = []

    def connect(role: str) -> Connection:
        services = programme.server.open(role)
        connection = services.workspace.engine.connect()
        opened.append((services, connection))
        return connection

    yield connect
    for services, connection in opened:
        connection.rollback()
        connection.close()
        services.close()  # type: ignore[attr-defined]


def _cases_of(connection: Connection, table: str) -> list[int]:
    return [row[0] for row in connection.execute(text(CASE_OF[table]))]


def test_every_table_checked_holds_rows_of_both_teams(
    programme: Programme, as_role: Callable[[str], Connection]
) -> None:
    owner = as_role(OWNER)
    north, south = programme.case_ids(NORTH), programme.case_ids(SOUTH)
    for table in CASE_OF:
        seen = set(_cases_of(owner, table))
        assert seen & north and seen & south, table


@pytest.mark.parametrize(("role", "mine"), [(ANA, NORTH), (BEN, SOUTH)])
def test_plain_select_on_every_content_table_returns_only_the_roles_team(
    programme: Programme, as_role: Callable[[str], Connection], role: str, mine: tuple[str, ...]
) -> None:
    owner, member = as_role(OWNER), as_role(role)
    allowed = programme.case_ids(mine)
    for table in CASE_OF:
        expected = sorted(c for c in _cases_of(owner, table) if c in allowed)
        assert sorted(_cases_of(member, table)) == expected, table
        # Rows the join above cannot place (none but a programme report's record).
        total = member.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
        unplaced = 1 if table == "export_records" else 0
        assert total == len(expected) + unplaced, table


def test_plain_update_and_delete_touch_only_the_roles_team(
    programme: Programme, as_role: Callable[[str], Connection]
) -> None:
    owner, ana = as_role(OWNER), as_role(ANA)
    north = programme.case_ids(NORTH)
    for table in CASE_OF:
        mine = len([c for c in _cases_of(owner, table) if c in north])
        mine += 1 if table == "export_records" else 0
        column = ana.execute(text(f"SELECT * FROM {table} LIMIT 0")).keys()
        first = next(iter(column))
        savepoint = ana.begin_nested()
        assert ana.execute(text(f"UPDATE {table} SET {first} = {first}")).rowcount == mine, table
        assert ana.execute(text(f"DELETE FROM {table}")).rowcount == mine, table
        savepoint.rollback()


def test_south_rows_aimed_at_by_id_are_neither_changed_nor_removed(
    programme: Programme, as_role: Callable[[str], Connection]
) -> None:
    ana = as_role(ANA)
    c5 = programme.ids["C5"]
    assert ana.execute(text(f"UPDATE cases SET summary = 'x' WHERE id = {c5}")).rowcount == 0
    assert ana.execute(text(f"DELETE FROM events WHERE case_id = {c5}")).rowcount == 0
    assert ana.execute(text(f"DELETE FROM cases WHERE id = {c5}")).rowcount == 0
    assert ana.execute(text("DELETE FROM tags")).rowcount == 0  # shared by every team
    ana.commit()
    owner = programme.server.open(OWNER)
    try:
        assert len(owner.events.list_events(c5)) == 2
        assert owner.cases.get(c5).summary == ""
    finally:
        owner.close()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE cases SET team_id = (SELECT id FROM teams WHERE name = 'South') WHERE code = 'C1'",
        "UPDATE cases SET team_id = NULL WHERE code = 'C1'",
        "INSERT INTO events (case_id, date_text, first_day, last_day, sort_key, position, "
        "category, description, significance, voice, outcome, key_episode, created_at, "
        "updated_at) SELECT {c5}, '2020', '2020-01-01', '2020-12-31', '2020', 9, 'family', "
        "'planted', '', '', '', false, now(), now()",
        "INSERT INTO cases (code, pseudonym, status, archived, edge_of_care, summary, "
        "document_version, created_at, updated_at, team_id) SELECT 'X1', 'X', 'draft', false, "
        "false, '', 1, now(), now(), id FROM teams WHERE name = 'South'",
    ],
)
def test_a_member_cannot_put_rows_into_another_teams_cases(
    programme: Programme, as_role: Callable[[str], Connection], statement: str
) -> None:
    ana = as_role(ANA)
    with pytest.raises(DBAPIError, match="row-level security") as refused:
        ana.execute(text(statement.format(c5=programme.ids["C5"])))
    assert isinstance(refused.value.orig, psycopg.errors.InsufficientPrivilege)


def test_the_case_list_and_opening_a_case_follow_the_team(programme: Programme) -> None:
    for role, mine in ((ANA, NORTH), (BEN, SOUTH), (OWNER, (*NORTH, *SOUTH, UNASSIGNED))):
        services = programme.server.open(role)
        try:
            listed = {c.code for c in services.cases.list_cases(include_archived=True)}
            assert listed == set(mine), role
        finally:
            services.close()
    ana = programme.server.open(ANA)
    try:
        with pytest.raises(NotFoundError):
            ana.cases.find("C5")
        assert ana.events.list_events(programme.ids["C5"]) == []
        assert ana.stories.for_cases([programme.ids["C5"]]) == []
    finally:
        ana.close()


def test_search_finds_only_the_roles_own_cases(programme: Programme) -> None:
    for role, mine, theirs in ((ANA, "C1", "C5"), (BEN, "C5", "C1")):
        services = programme.server.open(role)
        try:
            assert {h.case_code for h in services.search.search(f"{mine} moved")} == {mine}
            assert services.search.search(f"{theirs} moved") == []
            assert services.search.search("lonely") == []  # U1, in no team
        finally:
            services.close()


def test_the_programme_figures_count_only_the_roles_cases(programme: Programme) -> None:
    counted = {}
    for role in (OWNER, ANA, BEN):
        services = programme.server.open(role)
        try:
            summary = services.learning.summary(LearningFilter())
            counted[role] = (
                summary.cases,
                {t.name: (t.uses, t.cases) for t in summary.themes},
            )
        finally:
            services.close()
    # C6 is archived, so South counts C5 and C7; the owner counts U1 too.
    assert counted[ANA][0] == 4 and counted[BEN][0] == 2 and counted[OWNER][0] == 7
    assert counted[ANA][1]["Consistent worker"] == (6, 4)
    assert counted[BEN][1]["Consistent worker"] == (2, 1)
    assert counted[OWNER][1]["Consistent worker"] == (8, 5)


def test_the_search_function_answers_each_role_from_its_own_cases_only(
    programme: Programme, as_role: Callable[[str], Connection]
) -> None:
    """Search goes through the one SECURITY DEFINER function (it may use the GIN index);
    called by hand it still keeps to the caller's cases, and an outsider cannot call it."""
    owner = as_role(OWNER)
    call = text(
        "SELECT * FROM deepdive_search(to_tsquery('deepdive_english', 'moved'), :how, 1000)"
    )
    everything = set(programme.ids.values())
    for role, mine in ((ANA, NORTH), (BEN, SOUTH), (OWNER, tuple(programme.ids))):
        member = as_role(role)
        for how in ("any", "ranked", "newest"):
            rowids = list(member.execute(call, {"how": how}).scalars())
            cases = set(
                owner.execute(
                    text("SELECT case_id FROM search_index WHERE rowid = ANY(:ids)"),
                    {"ids": rowids},
                ).scalars()
            )
            assert cases == programme.case_ids(mine) & everything - {programme.ids[UNASSIGNED]}
    outsider = programme.server.cluster.url(programme.server.database, STRANGER, PASSWORD)
    with (
        psycopg.connect(outsider) as connection,
        pytest.raises(psycopg.errors.InsufficientPrivilege),
    ):
        connection.execute("SELECT * FROM deepdive_search(to_tsquery('moved'), 'any', 10)")


# Each link row's parent's case: the case the row itself must keep (0008_server_speed).
LINK_PARENTS = {
    "event_people": "SELECT case_id FROM events WHERE id = x.event_id",
    "event_tags": "SELECT case_id FROM events WHERE id = x.event_id",
    "event_themes": "SELECT case_id FROM events WHERE id = x.event_id",
    "session_participants": "SELECT case_id FROM sessions WHERE id = x.session_id",
    "stage_responses": "SELECT case_id FROM sessions WHERE id = x.session_id",
    "response_events": "SELECT case_id FROM stage_responses WHERE id = x.response_id",
    "response_themes": "SELECT case_id FROM stage_responses WHERE id = x.response_id",
}


def test_a_member_of_both_teams_cannot_move_a_link_row_into_the_other_team(
    programme: Programme, as_role: Callable[[str], Connection]
) -> None:
    """A link row's case (what its team policy asks for) is always its parent's: Dan,
    in North and South, setting a North row's case to a South case would have shown it
    to Ben."""
    dan = as_role(DAN)
    c5 = programme.ids["C5"]
    north = programme.case_ids(NORTH)
    for table, parent in LINK_PARENTS.items():
        savepoint = dan.begin_nested()
        moved = dan.execute(
            text(f"UPDATE {table} AS x SET case_id = :c5 WHERE x.case_id = ANY(:north)"),
            {"c5": c5, "north": sorted(north)},
        )
        assert moved.rowcount > 0, table
        wrong = dan.execute(
            text(f"SELECT count(*) FROM {table} AS x WHERE x.case_id IS DISTINCT FROM ({parent})")
        ).scalar_one()
        assert wrong == 0, table
        savepoint.rollback()
