"""Which team a new case goes into on a team workspace, as the person adding it chose.

On a server, a member's new case goes into their team: the database's trigger
(migration 0006_teams) puts it there when they are in exactly one. A member in several
teams chooses (the New case dialog's Team, ``--team NAME`` on the command line); without
a choice the case is refused here, in words that say where to choose, before anything
is written. The choice is checked here for a clear message, and again by PostgreSQL:
row-level security refuses a case put into a team its author is not in, whatever the
program. A workspace file has no teams: a team given there is refused.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import ValidationError
from deepdive.storage.models import Team
from deepdive.storage.teams import my_teams, ownership
from deepdive.storage.workspace import Workspace

FIELD = "team"
CHOOSE = "the Team choice of the New case dialog, or --team NAME on the command line"


class TeamChoiceError(ValidationError):
    """The team for a new case is missing (and needed), unknown or not the person's."""

    def __init__(self, message: str) -> None:
        super().__init__(message, FIELD)


def team_choices(workspace: Workspace) -> tuple[str, ...]:
    """The teams to choose from for a new case: a member's own teams when they are in
    more than one, exactly when :func:`new_case_team` needs a choice; none on a workspace
    file, with one team, or for the owner (whose new cases stay in no team)."""
    if workspace.server is None:
        return ()
    with workspace.reading() as session:
        connection = session.connection()
        if ownership(connection).is_owner:
            return ()
        names = tuple(name for _, name in my_teams(connection))
    return names if len(names) > 1 else ()


def owner_team_choices(workspace: Workspace) -> tuple[str, ...]:
    """Every team, by name, when the person is the team workspace's owner (who may put
    a new case into any team, or leave it in none: then only the owner sees it); none
    otherwise."""
    if workspace.server is None:
        return ()
    with workspace.reading() as session:
        if not ownership(session.connection()).is_owner:
            return ()
        names = session.scalars(select(Team.name)).all()
    return tuple(sorted(names, key=str.lower))


def new_case_team(session: OrmSession, workspace: Workspace, team: str | None) -> int | None:
    """The id of the team a new case goes into (``team``, by name, any case), or None to
    leave it to the server (a member's one team; the owner's case stays in no team).

    Raises :class:`TeamChoiceError` when the choice is needed and missing, names no
    team, or names a team the person is not in.
    """
    if workspace.server is None:
        if team is None:
            return None
        raise TeamChoiceError(
            f"Teams belong to team workspaces on a PostgreSQL server; {workspace.name} is a "
            "workspace file, whose cases are all yours, so a case cannot go into a team "
            f"('{team.strip()}'). Nothing was saved."
        )
    connection = session.connection()
    who = ownership(connection)
    mine = my_teams(connection)
    if team is None:
        if who.is_owner or len(mine) < 2:
            return None  # the trigger decides, or refuses a member in no team
        names = ", ".join(name for _, name in mine)
        raise TeamChoiceError(
            f"Not saved: you ({who.current}) are in more than one team ({names}), so choose "
            f"the team the new case belongs to: {CHOOSE}. Only its members will see the case."
        )
    wanted = " ".join(team.split())
    found = session.execute(
        select(Team.id, Team.name).where(func.lower(Team.name) == wanted.lower())
    ).first()
    if who.is_owner:  # the owner may put a case into any team
        mine = [(int(i), str(n)) for i, n in session.execute(select(Team.id, Team.name))]
    yours = ", ".join(sorted((name for _, name in mine), key=str.lower)) or "none"
    if found is None:
        raise TeamChoiceError(
            f"Not saved: there is no team called '{wanted}' (your teams: {yours})."
        )
    team_id, name = int(found[0]), str(found[1])
    if not who.is_owner and team_id not in {i for i, _ in mine}:
        raise TeamChoiceError(
            f"Not saved: you ({who.current}) are not in the team {name}, so a case put there "
            f"would be hidden from you; choose one of your teams ({yours})."
        )
    return team_id
