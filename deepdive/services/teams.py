"""Teams of a team workspace: create, rename and delete them, add members, put cases in
them, list them.

Teams are a server feature: on PostgreSQL a role sees only the cases of its teams
(row-level security, migration 0006_teams), and only the workspace's owner (the role
that built it) may change teams. A workspace file has one person and no roles, so every
call on one is refused with :class:`TeamsNeedServerError`. A team's name is shown to
every member and printed by the command line, so it is checked as a pseudonym is: one
that holds a real identity (a name or alias registered in the key vault, a pattern such
as an NHS number) is refused (:mod:`deepdive.services.guard`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session as OrmSession

from deepdive.errors import DeepDiveError
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.guard import (
    GuardedField,
    IdentifierGuard,
    patterns_guard,
    refuse_identifiers,
)
from deepdive.services.text import clean_text
from deepdive.storage.models import Case, Team, TeamMember
from deepdive.storage.notify import announce_teams_changed
from deepdive.storage.teams import (
    candidate_roles,
    grant_member,
    ownership,
    revoke_member,
    role_exists,
)
from deepdive.storage.workspace import Workspace

NAME_LIMIT = 120
ROLE_LIMIT = 63


class TeamsNeedServerError(DeepDiveError):
    """Teams were asked of a workspace file; they belong to a server workspace."""


class OwnerOnlyError(DeepDiveError):
    """A role that is not the workspace's owner tried to change its teams."""


class TeamHasCasesError(DeepDiveError):
    """A team that still has cases was to be deleted without saying where they go."""


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
class TeamDeleted:
    """A team deleted: its name, how many of its cases went where (``moved_to`` None: into
    no team), and the members who, in no team any more, lost their access."""

    team: str
    cases: int
    moved_to: str | None
    members: tuple[str, ...]
    left_without_team: tuple[str, ...]


@dataclass(frozen=True)
class TeamListing:
    """Every team, and (for the owner) how many cases are in no team yet."""

    teams: tuple[TeamSummary, ...]
    unassigned: int | None
    role: str
    owner: str


class TeamService:
    """Teams on a team workspace (see the module)."""

    def __init__(self, workspace: Workspace, guard: IdentifierGuard | None = None) -> None:
        """``guard`` keeps real identities out of team names (default: patterns only; the
        command line gives one with the key vault's registered identities)."""
        if workspace.server is None:
            raise TeamsNeedServerError(
                f"Teams belong to team workspaces on a PostgreSQL server "
                f"(--workspace postgresql://…); {workspace.name} is a workspace file, whose "
                "cases are all yours. Nothing was changed."
            )
        self._workspace = workspace
        self._guard = guard or patterns_guard()

    def create(self, name: str) -> str:
        """Add a team named ``name``; returns the name as stored."""
        name = self._team_name(name)
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"create the team '{name}'")
            if session.scalar(select(Team.id).where(func.lower(Team.name) == name.lower())):
                raise DuplicateError(f"There is already a team called '{name}'.", "name")
            session.add(Team(name=name))
        return name

    def rename(self, old: str, new: str) -> str:
        """Give the team ``old`` the name ``new``; returns the new name as stored."""
        name = self._team_name(new)
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"rename the team '{old.strip()}'")
            team = self._team(session, old)
            taken = session.scalar(
                select(Team.id).where(func.lower(Team.name) == name.lower(), Team.id != team.id)
            )
            if taken is not None:
                raise DuplicateError(f"There is already a team called '{name}'.", "name")
            team.name = name
        return name

    def delete(
        self, name: str, *, move_cases_to: str | None = None, unassign_cases: bool = False
    ) -> TeamDeleted:
        """Delete the team ``name`` and its list of members. Its cases go into
        ``move_cases_to``, or into no team with ``unassign_cases`` (the owner's alone); a
        team that still has cases is refused (:class:`TeamHasCasesError`) unless one of
        these says where they go. A member left in no team loses their access."""
        if move_cases_to is not None and unassign_cases:
            raise ValidationError(
                "Say either where the team's cases go or that they go into no team, not both."
            )
        with self._workspace.transaction() as session:
            self._refuse_member(session, f"delete the team '{name.strip()}'")
            team = self._team(session, name)
            target = self._team(session, move_cases_to) if move_cases_to is not None else None
            if target is not None and target.id == team.id:
                raise ValidationError(
                    f"The cases of {team.name} cannot be moved into {team.name} itself, the "
                    "team being deleted: name another team. Nothing was changed."
                )
            cases = session.scalar(select(func.count()).where(Case.team_id == team.id)) or 0
            if cases and target is None and not unassign_cases:
                raise TeamHasCasesError(_has_cases(team.name, cases))
            if cases:
                session.execute(
                    update(Case)
                    .where(Case.team_id == team.id)
                    .values(team_id=target.id if target is not None else None)
                    .execution_options(synchronize_session=False)
                )
            deleted = TeamDeleted(
                team.name,
                cases,
                target.name if target is not None else None,
                tuple(m.role_name for m in team.members),
                (),
            )
            session.delete(team)  # its rows in team_members go with it
            session.flush()
            alone = self._revoke_teamless(session, deleted.members)
            announce_teams_changed(session.connection())
        return replace(deleted, left_without_team=alone)

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
            announce_teams_changed(session.connection())
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
            self._revoke_teamless(session, (role,))
            announce_teams_changed(session.connection())
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

    def server_roles(self) -> tuple[str, ...]:
        """The server's roles that could be made members (not the owner, not a
        superuser or one of PostgreSQL's own), by name: what Add member offers."""
        with self._workspace.reading() as session:
            return tuple(candidate_roles(session.connection()))

    def names_holding_identities(self, names: Iterable[str]) -> dict[str, str]:
        """Of the team ``names``, those that hold a real identity now (a name registered
        in the key vault after the team was named, say), each with the leak check's
        words: they are to be renamed."""
        found: dict[str, str] = {}
        for name in names:
            try:
                refuse_identifiers(self._guard, name, GuardedField.TEAM, "name")
            except ValidationError as exc:
                found[name] = str(exc)
        return found

    def close(self) -> None:
        """Close the workspace."""
        self._workspace.close()

    def _team_name(self, name: str) -> str:
        cleaned = _team_name(name)
        refuse_identifiers(self._guard, cleaned, GuardedField.TEAM, "name")
        return cleaned

    @staticmethod
    def _revoke_teamless(session: OrmSession, roles: tuple[str, ...]) -> tuple[str, ...]:
        """Take every grant from those of ``roles`` now in no team; returns them."""
        gone = []
        for role in roles:
            still = session.scalar(select(func.count()).where(TeamMember.role_name == role))
            if not still and role_exists(session.connection(), role):
                revoke_member(session.connection(), role)
                gone.append(role)
        return tuple(gone)

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


def _has_cases(team: str, cases: int) -> str:
    many = f"{cases} case{'' if cases == 1 else 's'}"
    return (
        f"The team {team} still has {many}, so it was not deleted: move its cases to another "
        "team first ('deepdive team assign CODE TEAM'), or say where they go: --move-cases-to "
        "TEAM, or --unassign-cases to leave them in no team (seen by the owner only). "
        "Nothing was changed."
    )


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
    "TeamDeleted",
    "TeamHasCasesError",
    "TeamListing",
    "TeamService",
    "TeamSummary",
    "TeamsNeedServerError",
]
