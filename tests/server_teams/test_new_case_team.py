"""A facilitator in several teams chooses the team of a new case; one in a single team
is not asked; nobody can put a case into a team they are not in (PostgreSQL refuses it
too, whatever the program)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import insert, text, update
from sqlalchemy.exc import ProgrammingError
from team_servers import ANA, BEN, DAN, OWNER, TeamServer, codes_seen, two_teams

from deepdive.services import Services
from deepdive.services.case_teams import TeamChoiceError
from deepdive.storage.models import Case
from deepdive.storage.teams_errors import TeamRefusalError
from deepdive.storage.workspace import open_workspace


@pytest.fixture(scope="module")
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)
    return made


def test_a_member_of_two_teams_is_offered_their_teams_and_the_case_goes_where_chosen(
    server: TeamServer,
) -> None:
    dan = server.open(DAN)
    try:
        assert dan.cases.team_choices() == ("North", "South")
        made = dan.cases.create("D-SOUTH", "Robin", team="south")
    finally:
        dan.close()
    assert made.code == "D-SOUTH"
    assert "D-SOUTH" in codes_seen(server, BEN)
    assert "D-SOUTH" not in codes_seen(server, ANA)


def test_without_a_choice_a_member_of_two_teams_is_told_where_to_choose(
    server: TeamServer,
) -> None:
    dan = server.open(DAN)
    try:
        with pytest.raises(TeamChoiceError) as refused:
            dan.cases.create("D-NONE", "Kit")
    finally:
        dan.close()
    said = str(refused.value)
    assert said.startswith("Not saved: you (dan) are in more than one team (North, South)")
    assert "the Team choice of the New case dialog, or --team NAME" in said
    assert refused.value.field == "team"
    assert "D-NONE" not in codes_seen(server, OWNER)


def test_the_servers_own_refusal_points_at_the_choice_too(server: TeamServer) -> None:
    """A case added past the service's check (another program, an older path) meets
    the database's trigger; its refusal is worded the same way."""
    dan = server.open(DAN)
    try:
        with pytest.raises(TeamRefusalError) as refused, dan.workspace.transaction() as session:
            session.add(Case(code="D-RAW", pseudonym="Kit", status="draft", summary=""))
    finally:
        dan.close()
    said = str(refused.value)
    assert "You (dan) are in more than one team (North, South)" in said
    assert said.endswith(
        "choose its team (the Team choice of the New case dialog, or --team NAME on the "
        "command line)."
    )


def test_a_member_of_one_team_has_no_choice_and_cannot_pick_another_team(
    server: TeamServer,
) -> None:
    ana = server.open(ANA)
    try:
        assert ana.cases.team_choices() == ()
        ana.cases.create("A-1", "Sky")  # into North, her only team
        ana.cases.create("A-2", "Sam", team="North")
        with pytest.raises(TeamChoiceError, match=r"you \(ana\) are not in the team South"):
            ana.cases.create("A-3", "Lee", team="South")
        with pytest.raises(TeamChoiceError, match=r"no team called 'East' \(your teams: North\)"):
            ana.cases.create("A-4", "Lee", team="East")
        # PostgreSQL refuses it too, whatever the program: row-level security.
        south = _team_id(ana, "South")
        with (
            ana.workspace.engine.connect() as connection,
            pytest.raises(ProgrammingError, match="row-level security"),
        ):
            connection.execute(
                insert(Case).values(
                    code="A-RAW", pseudonym="Lee", status="draft", summary="", team_id=south
                )
            )
        with (
            ana.workspace.engine.connect() as connection,
            pytest.raises(ProgrammingError, match="row-level security"),
        ):  # nor move her case into another team afterwards
            connection.execute(update(Case).where(Case.code == "A-1").values(team_id=south))
    finally:
        ana.close()
    assert {"A-1", "A-2"} <= codes_seen(server, ANA)
    assert not {"A-1", "A-2", "A-3", "A-RAW"} & codes_seen(server, BEN)


def _team_id(services: Services, name: str) -> int:
    with services.workspace.engine.connect() as connection:
        return int(
            connection.execute(
                text("SELECT id FROM teams WHERE name = :n"), {"n": name}
            ).scalar_one()
        )


def test_the_owner_may_put_a_new_case_straight_into_any_team(server: TeamServer) -> None:
    owner = server.open(OWNER)
    try:
        assert owner.cases.team_choices() == ()  # in no team: their cases stay in none
        owner.cases.create("O-1", "Jo", team="North")
        with pytest.raises(TeamChoiceError, match=r"your teams: North, South"):
            owner.cases.create("O-2", "Jo", team="West")
    finally:
        owner.close()
    assert "O-1" in codes_seen(server, ANA)


def test_a_copy_stays_in_the_team_of_its_case(server: TeamServer) -> None:
    dan = server.open(DAN)
    try:
        north = dan.cases.find("N-1")
        dan.cases.duplicate(north.id, "N-1-COPY")
    finally:
        dan.close()
    assert "N-1-COPY" in codes_seen(server, ANA)
    assert "N-1-COPY" not in codes_seen(server, BEN)


def test_a_workspace_file_offers_no_team_and_refuses_one(tmp_path: Path) -> None:
    services = Services.for_workspace(open_workspace(tmp_path / "mine.deepdive"))
    try:
        assert services.cases.team_choices() == ()
        with pytest.raises(TeamChoiceError, match=r"mine\.deepdive is a workspace file"):
            services.cases.create("F-1", "Kit", team="North")
        assert not services.cases.list_cases()
    finally:
        services.close()
