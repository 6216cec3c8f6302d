"""Which channel each change is announced on, so that only those who may see a case
hear that it changed.

PostgreSQL lets any role LISTEN on any channel, so the channel's name is the secret: a
change to a case goes on its team's channel, named in ``team_channels`` (migration
0010_team_channels), which a member reads for their own teams only and the owner for
all. Cases in no team have the owner's channel. Changes to the shared lists
(agencies, templates, themes, measures, reference patterns) concern everyone and go on
:data:`SHARED_CHANNEL`, naming no case.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from typing import Any, Protocol, TypeVar

SHARED_CHANNEL = "deepdive_changes"
# What migration 0010_team_channels makes: anything else is not LISTENed to.
TEAM_CHANNEL = re.compile(r"deepdive_[0-9a-f]{32}")
# The kinds of change that belong to a case (the rest are the shared lists').
CASE_SCOPED = frozenset({"case", "person", "event", "session", "action", "outcome", "story"})


class _Routed(Protocol):
    """What routing needs of a change (:class:`~deepdive.storage.notify.RemoteChange`)."""

    @property
    def entity(self) -> str: ...

    @property
    def case_id(self) -> int | None: ...


ChangeT = TypeVar("ChangeT", bound=_Routed)

_CHANNELS = "SELECT team_id, channel FROM team_channels"
_CASE_TEAMS = "SELECT id, team_id FROM cases WHERE id = ANY(%s)"
_HAS_CHANNELS = "SELECT to_regclass('team_channels') IS NOT NULL"


def has_team_channels(driver: Any) -> bool:
    """Whether the workspace has team channels (revision 0010_team_channels or later)."""
    return bool(driver.execute(_HAS_CHANNELS).fetchone()[0])


def visible_channels(driver: Any) -> dict[int | None, str]:
    """The team channels the connected role may read, by team (None: the owner's);
    empty on a workspace from before 0010_team_channels."""
    return _channels(driver) if has_team_channels(driver) else {}


def _channels(driver: Any) -> dict[int | None, str]:
    return {
        team: str(name)
        for team, name in driver.execute(_CHANNELS).fetchall()
        if TEAM_CHANNEL.fullmatch(str(name))
    }


def route(
    driver: Any,
    changes: Sequence[ChangeT],
    known_teams: Mapping[int, Collection[int | None]],
    *,
    teamed: bool,
) -> dict[str, list[ChangeT]]:
    """The changes of one transaction by the channel each goes on, read on ``driver``
    inside that transaction (so as its role, under the policies).

    ``known_teams``: the teams of each case the transaction loaded (a deleted case can
    no longer be read; a case moved between teams has both). A case-scoped change whose
    case is not known goes on every channel the role may name: its own teams' (the
    owner's: all), never another's.
    ``teamed``: the workspace has team channels (:func:`has_team_channels`, asked once
    when it opened); without them everything goes on the one channel there was.
    """
    if not teamed or all(_shared(c) for c in changes):  # nothing to ask the server
        return {SHARED_CHANNEL: list(changes)} if changes else {}
    channels = _channels(driver)
    if not channels:  # none to be read (the table emptied by hand): the shared one
        return {SHARED_CHANNEL: list(changes)}
    teams: dict[int, Collection[int | None]] = dict(known_teams)
    unknown = sorted({c.case_id for c in changes if c.case_id is not None} - teams.keys())
    if unknown:
        teams.update((case, (team,)) for case, team in driver.execute(_CASE_TEAMS, (unknown,)))
    routed: dict[str, list[ChangeT]] = {}
    for change in changes:
        case = change.case_id
        named = [channels[t] for t in teams.get(case, ()) if t in channels] if case else []
        # A case-scoped change whose teams are not known goes everywhere the role may name.
        targets = [SHARED_CHANNEL] if _shared(change) else named or list(channels.values())
        for target in targets:
            routed.setdefault(target, []).append(change)
    return routed


def _shared(change: _Routed) -> bool:
    """Whether ``change`` is to a shared list, which every team hears of."""
    return change.case_id is None and change.entity not in CASE_SCOPED
