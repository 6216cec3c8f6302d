"""Team workspaces with real login roles on the tests' PostgreSQL cluster
(import as ``from team_servers import ...``).

The workspace is built by an ordinary login role, the programme lead (the owner, as on
a council's server), never by the cluster's superuser, who would pass every policy.
Members are further ordinary login roles: ana and dan in North, ben and dan in South,
carol in a team that is gone; erin in none, ever.
"""

from __future__ import annotations

from pathlib import Path

from pg_cluster import PgCluster

from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace

PASSWORD = "team-test-secret"
OWNER = "programme_lead"
ANA, BEN, CAROL, DAN = "ana", "ben", "carol", "dan"
STRANGER = "erin"  # a login role on the server that no team workspace knows
ROLES = (OWNER, ANA, BEN, CAROL, DAN, STRANGER)


class TeamServer:
    """One team workspace's database, opened as any of the test roles."""

    def __init__(self, cluster: PgCluster, database: str, folder: Path) -> None:
        self.cluster = cluster
        self.database = database
        self.folder = folder

    def url(self, role: str) -> str:
        """The workspace's address, logging in as ``role``."""
        return self.cluster.url(self.database, role, PASSWORD)

    def open(self, role: str) -> Services:
        """Services on the workspace as ``role`` (the owner builds it the first time)."""
        address = parse_server_address(self.url(role))
        return Services.for_workspace(open_server_workspace(address, self.folder / role))


def two_teams(server: TeamServer) -> None:
    """North (ana and dan) and South (ben and dan), each with one case the owner put
    there (N-1, S-1), on an empty workspace."""
    owner = server.open(OWNER)
    try:
        teams = TeamService(owner.workspace)
        for team, members, code in (("North", (ANA, DAN), "N-1"), ("South", (BEN, DAN), "S-1")):
            teams.create(team)
            for role in members:
                teams.add_member(team, role)
            owner.cases.create(code, f"YP {code}")
            teams.assign(code, team)
    finally:
        owner.close()


def codes_seen(server: TeamServer, role: str) -> set[str]:
    """The codes of the cases ``role`` sees."""
    services = server.open(role)
    try:
        return {c.code for c in services.cases.list_cases()}
    finally:
        services.close()
