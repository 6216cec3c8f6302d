"""Teams of a team workspace: create them, add members, put cases in them, list them.

Teams are a server feature: on PostgreSQL a role sees only the cases of its teams
(row-level security, migration 0006_teams), and only the workspace's owner (the role
that built it) may change teams. A workspace file has one person and no roles, so every
call on one is refused with :class:`TeamsNeedServerError`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.errors import DeepDiveError
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.text import clean_text
from deepdive.storage.models import Case, Team, TeamMember
from deepdive.storage.teams import grant_member, ownership, revoke_member, role_exists
from deepdive.storage.workspace import Workspace

NAME_LIMIT = 120
ROLE_LIMIT = 63


class TeamsNeedServerError(DeepDiveError):
    """Teams were asked of a workspace file; they belong to a server workspace."""


class OwnerOnlyError(DeepDiveError):
    """A role that is not the workspace's owner tried to change its teams."""


@dataclass(frozen=True)
class TeamSummary:
    """One team as ``deepdive team list`` shows it; ``cases`` counts those the role sees."""

    name: str
    members: tuple[str, ...]
    cases: int


@dataclass(frozen=True)
class MembershipChange:
    """A role added to or removed from a team (named as the workspace names it);
    ``changed`` False when there was nothing to do."""

    team: str
    role: str
    changed: bool


@dataclass(frozen=True)
class TeamListing:
    """Every team, and (for the owner) how many cases are in no team yet."""

    teams: tuple[TeamSummary, ...]
    unassigned: int | None
    role: str
    owner: str


class TeamService:
    """Teams on a team workspace (see the module)."""

    def __init__(self, workspace: Workspace) -> None:
        if workspace.server is None:
            raise TeamsNeedServerError(
                f"Teams belong to team workspaces on a PostgreSQL server "
                f"(--workspace postgresql://…); {workspace.name} is a workspace file, whose "
                "cases are all yours. Nothing was changed."
            )
        self._workspace = workspace

    def create(self, name: str) -> str:
        """Add a team named ``name``; returns the name as stored."""
        name = _team_name(name)
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"create the team '{name}'")
            if session.scalar(select(Team.id).where(func.lower(Team.name) == name.lower())):
                raise DuplicateError(f"There is already a team called '{name}'.", "name")
            session.add(Team(name=name))
        return name

    def add_member(self, team: str, role: str) -> MembershipChange:
        """Make the server role ``role`` a member of ``team`` and grant it what a member
        needs (nothing to do when it is a member already)."""
        role = role.strip()
        if not role or len(role) > ROLE_LIMIT:
            raise ValidationError(f"'{role}' is not a PostgreSQL role name.", "role")
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"add members to the team '{team}'")
            found = self._team(session, team)
            if not role_exists(session.connection(), role):
                raise NotFoundError(
                    f"The server has no role called '{role}': create it first (CREATE ROLE "
                    f'"{role}" LOGIN PASSWORD …), then add it to the team.'
                )
            # Granted again for a member too: tables a newer DeepDive added need it.
            grant_member(session.connection(), role)
            if session.get(TeamMember, (found.id, role)) is not None:
                return MembershipChange(found.name, role, changed=False)
            session.add(TeamMember(team_id=found.id, role_name=role))
            return MembershipChange(found.name, role, changed=True)

    def remove_member(self, team: str, role: str) -> MembershipChange:
        """Take ``role`` out of ``team``; in no team of the workspace any more, it loses
        every grant too (``changed`` False: it was not a member)."""
        role = role.strip()
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"remove members from the team '{team}'")
            found = self._team(session, team)
            member = session.get(TeamMember, (found.id, role))
            if member is None:
                return MembershipChange(found.name, role, changed=False)
            session.delete(member)
            session.flush()
            still = session.scalar(select(func.count()).where(TeamMember.role_name == role))
            if not still and role_exists(session.connection(), role):
                revoke_member(session.connection(), role)
            return MembershipChange(found.name, role, changed=True)

    def assign(self, code: str, team: str) -> str:
        """Put the case ``code`` into ``team`` (out of any other); returns the team's name."""
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"assign the case {code} to a team")
            found = self._team(session, team)
            case = session.scalar(select(Case).where(Case.code == code.strip()))
            if case is None:
                raise NotFoundError(f"There is no case {code.strip()} in this workspace.")
            case.team_id = found.id
            return found.name

    def list_teams(self) -> TeamListing:
        """Every team with its members and the number of its cases the role can see."""
        with self._workspace.reading() as session:
            who = ownership(session.connection())
            counts: dict[int | None, int] = {
                team_id: n
                for team_id, n in session.execute(
                    select(Case.team_id, func.count()).group_by(Case.team_id)
                )
            }
            members: dict[int, list[str]] = {}
            for team_id, role in session.execute(
                select(TeamMember.team_id, TeamMember.role_name).order_by(TeamMember.role_name)
            ):
                members.setdefault(team_id, []).append(role)
            teams = tuple(
                TeamSummary(t.name, tuple(members.get(t.id, ())), counts.get(t.id, 0))
                for t in session.scalars(select(Team).order_by(func.lower(Team.name)))
            )
            known = {t.id for t in session.scalars(select(Team))}
            unassigned = sum(n for team_id, n in counts.items() if team_id not in known)
        return TeamListing(
            teams, unassigned if who.is_owner else None, role=who.current, owner=who.owner
        )

    def close(self) -> None:
        """Close the workspace."""
        self._workspace.close()

    def _refuse_member(self, session: OrmSession, what: str) -> None:
        who = ownership(session.connection())
        if not who.is_owner:
            raise OwnerOnlyError(
                f"Only the workspace's owner ({who.owner}) can {what}; you are connected as "
                f"{who.current}. Nothing was changed."
            )

    def _team(self, session: OrmSession, name: str) -> Team:
        team = session.scalar(select(Team).where(func.lower(Team.name) == name.strip().lower()))
        if team is None:
            known = ", ".join(session.scalars(select(Team.name).order_by(Team.name))) or "none yet"
            raise NotFoundError(f"There is no team called '{name.strip()}' (teams: {known}).")
        return team


def _team_name(name: str) -> str:
    cleaned = " ".join(clean_text(name).split())
    if not cleaned:
        raise ValidationError("A team needs a name.", "name")
    if len(cleaned) > NAME_LIMIT:
        raise ValidationError(f"A team's name is at most {NAME_LIMIT} characters.", "name")
    return cleaned


__all__ = [
    "MembershipChange",
    "OwnerOnlyError",
    "TeamListing",
    "TeamService",
    "TeamSummary",
    "TeamsNeedServerError",
]
