"""The owner renames and deletes teams: a team with cases is never deleted silently, its
members' rows go with it, and a team's name never holds a real identity."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from programme import PNG
from sqlalchemy import text
from team_servers import ANA, BEN, DAN, OWNER, STRANGER, TeamServer, codes_seen, two_teams

from deepdive.export.gate import default_gate
from deepdive.export.programme_report import export_programme_report
from deepdive.privacy.guard import VaultGuard
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.services.errors import DuplicateError
from deepdive.services.guard import IdentifierRefused
from deepdive.services.teams import OwnerOnlyError, TeamHasCasesError, TeamService
from deepdive.storage.teams_errors import NoAccessError


@pytest.fixture
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)
    return made


@pytest.fixture
def owner_teams(server: TeamServer) -> Iterator[TeamService]:
    owner = server.open(OWNER)
    yield TeamService(owner.workspace)
    owner.close()


def _members(server: TeamServer) -> list[tuple[str, str]]:
    owner = server.open(OWNER)
    try:
        with owner.workspace.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT t.name, m.role_name FROM team_members m JOIN teams t "
                    "ON t.id = m.team_id ORDER BY 1, 2"
                )
            )
            return [(str(team), str(role)) for team, role in rows]
    finally:
        owner.close()


def test_the_owner_renames_a_team_and_its_members_keep_its_cases(
    server: TeamServer, owner_teams: TeamService
) -> None:
    assert owner_teams.rename("north", "North hub") == "North hub"
    assert owner_teams.rename("North hub", "north HUB") == "north HUB"  # its own name, recased
    with pytest.raises(DuplicateError, match="already a team called 'south'"):
        owner_teams.rename("north hub", "south")
    assert [t.name for t in owner_teams.list_teams().teams] == ["north HUB", "South"]
    assert "N-1" in codes_seen(server, ANA)
    assert ("north HUB", ANA) in _members(server)


def test_a_team_with_cases_is_not_deleted_unless_told_where_they_go(
    server: TeamServer, owner_teams: TeamService
) -> None:
    with pytest.raises(TeamHasCasesError) as refused:
        owner_teams.delete("North")
    assert str(refused.value) == (
        "The team North still has 1 case, so it was not deleted: move its cases to another "
        "team first ('deepdive team assign CODE TEAM'), or say where they go: --move-cases-to "
        "TEAM, or --unassign-cases to leave them in no team (seen by the owner only). "
        "Nothing was changed."
    )
    assert [t.name for t in owner_teams.list_teams().teams] == ["North", "South"]

    done = owner_teams.delete("north", move_cases_to="South")
    assert (done.team, done.cases, done.moved_to) == ("North", 1, "South")
    assert done.members == (ANA, DAN)
    assert done.left_without_team == (ANA,)  # Dan is still in South
    assert [t.name for t in owner_teams.list_teams().teams] == ["South"]
    assert _members(server) == [("South", BEN), ("South", DAN)]
    assert codes_seen(server, BEN) == {"N-1", "S-1"}
    with pytest.raises(NoAccessError):
        server.open(ANA)


def test_a_team_deleted_with_its_cases_unassigned_leaves_them_to_the_owner(
    server: TeamServer, owner_teams: TeamService
) -> None:
    done = owner_teams.delete("South", unassign_cases=True)
    assert (done.cases, done.moved_to, done.left_without_team) == (1, None, (BEN,))
    assert owner_teams.list_teams().unassigned == 1
    assert codes_seen(server, DAN) == {"N-1"}
    assert "S-1" in codes_seen(server, OWNER)
    # An empty team goes without being told anything.
    owner_teams.create("West")
    assert owner_teams.delete("West").cases == 0


def test_a_member_cannot_rename_or_delete_a_team(server: TeamServer) -> None:
    ana = server.open(ANA)
    try:
        teams = TeamService(ana.workspace)
        for attempt, said in (
            (lambda: teams.rename("North", "Ours"), "rename the team 'North'"),
            (lambda: teams.delete("South", unassign_cases=True), "delete the team 'South'"),
        ):
            with pytest.raises(OwnerOnlyError, match=f"Only the workspace's owner .* can {said}"):
                attempt()
    finally:
        ana.close()
    assert _members(server) == [("North", ANA), ("North", DAN), ("South", BEN), ("South", DAN)]


def test_a_team_name_holding_a_real_identity_is_refused(server: TeamServer, tmp_path: Path) -> None:
    vault = Vault.create(tmp_path / "lead.vault", "correct horse battery staple")
    entries = vault.ensure_case("N-1")
    vault.put_case(
        entries.with_person(VaultPerson("YP N-1", real_names=("Sarah Thompson",), aliases=("Saz",)))
    )
    owner = server.open(OWNER)
    try:
        teams = TeamService(owner.workspace, VaultGuard(vault.registry()))
        with pytest.raises(IdentifierRefused) as refused:
            teams.create("Sarah Thompson hub")
        assert str(refused.value) == (
            "'Sarah Thompson' is a real name registered in the key vault; a team's name "
            "cannot hold it. Name the team by its place or work, such as 'North hub' or "
            "'Edge of care team'."
        )
        # An alias, or part of a name, inside a team's name is refused as well.
        with pytest.raises(IdentifierRefused, match=r"^'Saz' is a real name registered"):
            teams.rename("North", "Team Saz")
        with pytest.raises(IdentifierRefused, match=r"^'Thompson' is a real name registered"):
            teams.rename("North", "Thompson hub")
        # Without the vault, patterns are still refused (an NHS number, say).
        plain = TeamService(owner.workspace)
        with pytest.raises(IdentifierRefused, match="looks like an NHS number"):
            plain.create("Hub 943 476 5919")
        assert [t.name for t in teams.list_teams().teams] == ["North", "South"]
    finally:
        owner.close()


def test_no_team_name_reaches_the_programme_report(server: TeamServer, tmp_path: Path) -> None:
    """The report counts the cases a role sees but names no team: anywhere in the
    document (text, headers, properties), so a team's name cannot leak through it."""
    owner = server.open(OWNER)
    try:
        TeamService(owner.workspace).rename("North", "Kestrel hub")
    finally:
        owner.close()
    for role in (OWNER, ANA):
        services = server.open(role)
        out = tmp_path / f"{role}.docx"
        try:
            export_programme_report(
                services, out, chart_png=lambda _chart: PNG, gate=default_gate()
            )
        finally:
            services.close()
        with zipfile.ZipFile(out) as document:
            parts = [document.read(name).decode("utf-8", "replace") for name in document.namelist()]
        assert any("Programme" in part for part in parts)  # the report itself was read
        assert not [part for part in parts if "Kestrel" in part or "South" in part]


def test_the_roles_offered_as_members_are_the_servers_people_not_the_owner(
    owner_teams: TeamService,
) -> None:
    offered = owner_teams.server_roles()
    for role in (ANA, BEN, DAN, STRANGER):  # a stranger too: any role may be added
        assert role in offered
    assert OWNER not in offered
    assert not any(role.startswith("pg_") for role in offered)
