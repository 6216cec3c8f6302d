"""What a team workspace's server says when it refuses a member's change, as a user reads it.

The row-level security of migration 0006_teams and a member's grants make the server
refuse some statements outright; these turn its refusals into messages fit to show.
"""

from __future__ import annotations

from deepdive.storage.errors import WorkspaceError

# SQLSTATEs: the case-team trigger's own, insufficient_privilege, unique_violation.
_NO_TEAM = "DDT01"
_NOT_ALLOWED = "42501"
_TAKEN = "23505"
# The end of the trigger's refusal of a member in several teams, and what replaces it.
_ASK_OWNER = "ask the owner to add it and assign it to a team."
_CHOOSE = (
    "choose its team (the Team choice of the New case dialog, or --team NAME on the command line)."
)


class TeamRefusalError(WorkspaceError):
    """The server refused a change the connected role may not make."""


class CaseCodeTakenError(TeamRefusalError):
    """The case code is taken, perhaps by a case in a team the role cannot see."""


class NoAccessError(WorkspaceError):
    """The connected role may not read the team workspace at all (in no team yet)."""


def refused_access(exc: BaseException) -> bool:
    """Whether the server refused the statement because the role lacks the privilege
    (``exc`` as SQLAlchemy or the driver raised it)."""
    original = getattr(exc, "orig", None) or exc
    return getattr(original, "sqlstate", None) == _NOT_ALLOWED


def no_access(shown: str, exc: BaseException) -> NoAccessError | None:
    """The message for a role refused while opening the workspace at ``shown``, or None."""
    if not refused_access(exc):
        return None
    original = getattr(exc, "orig", None) or exc
    # Opening reads alembic_version first; refused anything later, it was an upgrade.
    if "alembic_version" not in str(original):
        return NoAccessError(
            f"The team workspace {shown} needs upgrading to this version of DeepDive, and "
            "only its owner (the role that built it) can do that: ask them to open it once. "
            "Nothing was changed."
        )
    return NoAccessError(
        f"You may not open the team workspace {shown}: your role is in none of its teams. "
        "Ask the workspace's owner to add you to a team (deepdive team add-member TEAM ROLE)."
    )


def team_refusal(exc: BaseException) -> TeamRefusalError | None:
    """The error to show for a server's refusal of a save (``exc``, as SQLAlchemy raised
    it), or None when it is not one of these."""
    original = getattr(exc, "orig", None) or exc
    state = getattr(original, "sqlstate", None)
    diag = getattr(original, "diag", None)
    said = str(getattr(diag, "message_primary", "") or original).strip()
    if state == _NO_TEAM:
        # The trigger predates the choice of team: point at the choice instead.
        said = said.replace(_ASK_OWNER, _CHOOSE)
        return TeamRefusalError(f"Not saved: {said}")
    if state == _NOT_ALLOWED and "row-level security" in said:
        return TeamRefusalError(
            "Not saved: that would put a case, or part of one, outside your teams. Only the "
            "workspace's owner can move cases between teams."
        )
    if state == _NOT_ALLOWED:
        return TeamRefusalError(
            f"Not saved: only the team workspace's owner can do this (the server refused: {said})."
        )
    constraint = str(getattr(diag, "constraint_name", "") or "")
    if state == _TAKEN and constraint == "uq_cases_code":
        return CaseCodeTakenError(
            "Not saved: a case with that code is already in this workspace (perhaps in a "
            "team you are not in); choose another code."
        )
    return None


def access_lost(shown: str, exc: BaseException) -> NoAccessError | None:
    """The message for a read the server refused on an open workspace (its owner took the
    role out of its last team meanwhile), or None when the refusal is not that."""
    if not refused_access(exc):
        return None
    return NoAccessError(
        f"You are no longer in a team of {shown}, so nothing more can be read: unsaved "
        "typing stays in this window. Ask the workspace's owner to add you to a team."
    )
