"""What the Teams window says after a change, and the counts it words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from deepdive.services.teams import TeamDeleted, TeamListing


def _tr(text: str) -> str:
    return QCoreApplication.translate("Teams", text)


def cases_text(count: int) -> str:
    """ "1 case", "3 cases"."""
    return _tr("1 case") if count == 1 else _tr("{count} cases").format(count=count)


def joined(names: Sequence[str]) -> str:
    """ "ana", "ana and ben", "ana, ben and dan"."""
    if len(names) < 2:
        return "".join(names)
    return _tr("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


def unassigned_text(listing: TeamListing) -> str:
    """The line under the table: the cases in no team (the owner's count only)."""
    count = listing.unassigned
    if count is None:
        return _tr("Cases are counted as you ({role}) see them: only those of your teams.").format(
            role=listing.role
        )
    if count == 0:
        return _tr("Every case is in a team.")
    if count == 1:
        return _tr("1 case is in no team: only you, the owner, see it.")
    return _tr("{count} cases are in no team: only you, the owner, see them.").format(count=count)


def deleted_text(done: TeamDeleted) -> str:
    """What became of a deleted team's cases and members."""
    if not done.cases:
        said = _tr("Deleted the team {team}.").format(team=done.team)
    elif done.moved_to is not None:
        said = _tr("Deleted the team {team}; its {cases} moved into the team {other}.").format(
            team=done.team, cases=cases_text(done.cases), other=done.moved_to
        )
    else:
        said = _tr(
            "Deleted the team {team}; its {cases} are in no team now (only you, the owner, "
            "see them)."
        ).format(team=done.team, cases=cases_text(done.cases))
    if done.left_without_team:
        said += " " + left_out_text(done.left_without_team)
    return said


def left_out_text(roles: Sequence[str]) -> str:
    """Members now in no team, who lost their access."""
    return _tr(
        "In no team now, {roles} can no longer open the workspace; add them to a team to "
        "let them back in."
    ).format(roles=joined(roles))


def in_any_team(listing: TeamListing, role: str) -> bool:
    """Whether ``role`` is a member of one of the listed teams."""
    return any(role in team.members for team in listing.teams)
