"""Who may do what in a team workspace: the owner changes teams, a member's new case goes
into their team (or is refused, clearly), and a member's programme report covers their
cases only, small numbers still hidden."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import docx
import pytest
from alembic import command
from programme import NORTH, PNG, SOUTH, Programme, build_programme
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError
from team_servers import ANA, BEN, CAROL, DAN, OWNER, STRANGER, TeamServer

from deepdive.errors import DeepDiveError
from deepdive.export.gate import default_gate
from deepdive.export.programme_report import export_programme_report
from deepdive.services.errors import NotFoundError
from deepdive.services.learning_charts import BarChart
from deepdive.services.teams import OwnerOnlyError, TeamService
from deepdive.storage.migrate import alembic_config
from deepdive.storage.teams_errors import NoAccessError, TeamRefusalError


@pytest.fixture(scope="module")
def programme(
    new_team_server: Callable[[], TeamServer], tmp_path_factory: pytest.TempPathFactory
) -> Programme:
    return build_programme(new_team_server(), tmp_path_factory.mktemp("exports"))


def _codes(programme: Programme, role: str) -> set[str]:
    services = programme.server.open(role)
    try:
        return {c.code for c in services.cases.list_cases(include_archived=True)}
    finally:
        services.close()


def test_a_members_new_case_goes_into_their_only_team(programme: Programme) -> None:
    ana = programme.server.open(ANA)
    try:
        ana.cases.create("N-NEW", "Robin")
        teams = TeamService(ana.workspace).list_teams()
    finally:
        ana.close()
    assert "N-NEW" in _codes(programme, ANA)
    assert "N-NEW" not in _codes(programme, BEN)
    owner = programme.server.open(OWNER)
    try:
        listing = TeamService(owner.workspace).list_teams()
    finally:
        owner.close()
    assert {t.name: t.cases for t in listing.teams} == {"North": 5, "South": 3}
    assert listing.unassigned == 1
    # A member counts only what they see, and is not told of cases in no team.
    assert {t.name: t.cases for t in teams.teams} == {"North": 5, "South": 0}
    assert teams.unassigned is None and teams.role == ANA and teams.owner == OWNER


@pytest.mark.parametrize(
    ("role", "said"),
    [
        (CAROL, "You (carol) are in no team of this workspace"),
        (DAN, "you (dan) are in more than one team (North, South), so choose the team"),
    ],
)
def test_a_new_case_from_a_member_in_no_team_or_several_is_refused_clearly(
    programme: Programme, role: str, said: str
) -> None:
    services = programme.server.open(role)
    try:
        with pytest.raises(DeepDiveError, match=r"^Not saved: ") as refused:
            services.cases.create("X-1", "Kit")
    finally:
        services.close()
    assert said in str(refused.value)
    assert "X-1" not in _codes(programme, OWNER)


def test_a_case_code_taken_in_another_team_is_said_without_showing_that_case(
    programme: Programme,
) -> None:
    ben = programme.server.open(BEN)
    try:
        with pytest.raises(TeamRefusalError, match="already in this workspace"):
            ben.cases.create("C1", "Kit")
    finally:
        ben.close()


def test_a_member_cannot_create_teams_add_members_or_assign_cases(
    programme: Programme,
) -> None:
    ana = programme.server.open(ANA)
    try:
        teams = TeamService(ana.workspace)
        for attempt in (
            lambda: teams.create("Rebels"),
            lambda: teams.add_member("North", CAROL),
            lambda: teams.assign("C1", "South"),
        ):
            with pytest.raises(OwnerOnlyError) as refused:
                attempt()
            assert f"Only the workspace's owner ({OWNER}) can " in str(refused.value)
            assert f"you are connected as {ANA}" in str(refused.value)
        # And the server itself refuses, whatever the program.
        with ana.workspace.engine.connect() as connection:
            for statement in (
                "INSERT INTO teams (name, created_at) VALUES ('Rebels', now())",
                "INSERT INTO team_members VALUES (1, 'carol')",
                "UPDATE team_members SET role_name = 'carol'",
                "DROP POLICY deepdive_team_rows ON cases",
                "ALTER TABLE cases DISABLE ROW LEVEL SECURITY",
            ):
                with pytest.raises(ProgrammingError, match=r"permission denied|must be owner"):
                    connection.execute(text(statement))
                connection.rollback()
    finally:
        ana.close()
    assert "carol" not in _codes_of_members(programme)


def _codes_of_members(programme: Programme) -> set[str]:
    owner = programme.server.open(OWNER)
    try:
        return {m for t in TeamService(owner.workspace).list_teams().teams for m in t.members}
    finally:
        owner.close()


def test_the_owner_is_told_of_a_role_or_team_that_does_not_exist(programme: Programme) -> None:
    owner = programme.server.open(OWNER)
    try:
        teams = TeamService(owner.workspace)
        with pytest.raises(NotFoundError, match="The server has no role called 'nobody_here'"):
            teams.add_member("North", "nobody_here")
        with pytest.raises(NotFoundError, match=r"no team called 'West' \(teams: North, South\)"):
            teams.add_member("West", ANA)
        with pytest.raises(NotFoundError, match="There is no case C99"):
            teams.assign("C99", "North")
        again = teams.add_member("north", ANA)  # already a member: nothing to do
        assert (again.team, again.role, again.changed) == ("North", ANA, False)
    finally:
        owner.close()


def _theme_rows(path: Path) -> dict[str, list[str]]:
    for table in docx.Document(str(path)).tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        if rows and rows[0][0] == "Theme":
            return {row[0]: row[1:] for row in rows[1:]}
    raise AssertionError("no theme table")


def test_a_members_programme_report_covers_their_cases_with_small_numbers_hidden(
    programme: Programme, tmp_path: Path
) -> None:
    def draw(_chart: BarChart) -> bytes:
        return PNG

    written = {}
    for role in (OWNER, BEN):
        services = programme.server.open(role)
        try:
            out = tmp_path / f"{role}.docx"
            export_programme_report(
                services, out, chart_png=draw, today=date(2025, 11, 26), gate=default_gate()
            )
            written[role] = out
        finally:
            services.close()
    owner, ben = _theme_rows(written[OWNER]), _theme_rows(written[BEN])
    # The owner's report: every team's cases (five with the theme, so shown).
    assert owner["Consistent worker"][:2] == ["8", "5"]
    # Ben's: South's C5 only, so its figures are hidden as any small number is.
    assert ben["Consistent worker"] == ["fewer than 5"] * 3
    ben_text = "\n".join(p.text for p in docx.Document(str(written[BEN])).paragraphs)
    assert "YP C1" not in ben_text and "C1 moved" not in ben_text


def test_a_role_in_no_team_cannot_open_the_workspace_and_is_told_why(
    programme: Programme,
) -> None:
    with pytest.raises(NoAccessError) as refused:
        programme.server.open(STRANGER)
    said = str(refused.value)
    assert said.startswith("You may not open the team workspace postgresql://erin@/")
    assert "Ask the workspace's owner to add you to a team" in said
    assert "team-test-secret" not in said


def test_a_member_taken_out_of_a_team_no_longer_sees_its_cases(programme: Programme) -> None:
    """Last in this module: Dan leaves South (and keeps North), then North (and keeps
    nothing: he can no longer open the workspace)."""
    owner = programme.server.open(OWNER)
    try:
        teams = TeamService(owner.workspace)
        assert teams.remove_member("South", DAN).changed
        seen = _codes(programme, DAN)
        assert set(NORTH) <= seen and not seen & set(SOUTH)
        assert not teams.remove_member("South", DAN).changed  # not a member any more
        assert teams.remove_member("North", DAN).changed
    finally:
        owner.close()
    with pytest.raises(NoAccessError):
        programme.server.open(DAN)


def test_only_the_owner_can_upgrade_and_a_member_is_told_so(
    new_team_server: Callable[[], TeamServer],
) -> None:
    """A workspace a revision behind (as after installing a newer DeepDive): a member's
    command that would upgrade it is refused in words; the owner's upgrades it."""
    server = new_team_server()
    owner = server.open(OWNER)
    try:
        TeamService(owner.workspace).create("North")
        TeamService(owner.workspace).add_member("North", ANA)
        with owner.workspace.engine.begin() as connection:
            command.downgrade(alembic_config(connection), "0004_row_versions")
    finally:
        owner.close()
    with pytest.raises(NoAccessError, match=r"only its owner \(the role that built it\)"):
        server.open(ANA)
    server.open(OWNER).close()


def test_a_member_may_rename_shared_lists_but_not_merge_or_remove_from_them(
    programme: Programme,
) -> None:
    """Merging a theme or an agency would change other teams' events: the owner's job."""
    ana = programme.server.open(ANA)
    try:
        themes = {t.name: t.id for t in ana.themes.list_themes()}
        with pytest.raises(TeamRefusalError, match="only the team workspace's owner"):
            ana.themes.merge(themes["CAMHS waiting times"], themes["Consistent worker"])
        with pytest.raises(TeamRefusalError, match="only the team workspace's owner"):
            ana.agencies.merge("Police", "Education")
        renamed = ana.themes.rename(themes["CAMHS waiting times"], "CAMHS waits")
        assert renamed.name == "CAMHS waits"
    finally:
        ana.close()
    ben = programme.server.open(BEN)
    try:
        names = {t.name for t in ben.themes.list_themes()}
    finally:
        ben.close()
    assert {"CAMHS waits", "Consistent worker"} <= names  # South's uses untouched
