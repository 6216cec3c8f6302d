"""'What changed' notifications, so each screen decides whether to refresh."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum


class Entity(StrEnum):
    """The kinds of thing a change can be about."""

    CASE = "case"
    PERSON = "person"
    EVENT = "event"
    SESSION = "session"
    ACTION = "action"
    AGENCY = "agency"
    TEMPLATE = "template"
    THEME = "theme"  # the workspace's learning themes (names, merges)
    OUTCOME = "outcome"  # a case's outcome measurements
    STORY = "story"  # a case's story of a life changed
    MEASURE = "measure"  # the programme's own measures (workspace-wide: no case)
    REFERENCE_PATTERN = "reference_pattern"  # the workspace's own case-record numbers


class ChangeKind(StrEnum):
    """What happened to the things named in a change."""

    ADDED = "added"
    UPDATED = "updated"
    REMOVED = "removed"


# Kinds that belong to the whole workspace (a change to one names no case) and kinds
# that belong to one case.
WORKSPACE_WIDE = (
    Entity.AGENCY,
    Entity.TEMPLATE,
    Entity.THEME,
    Entity.MEASURE,
    Entity.REFERENCE_PATTERN,
)
CASE_SCOPED = (
    Entity.CASE,
    Entity.PERSON,
    Entity.EVENT,
    Entity.SESSION,
    Entity.ACTION,
    Entity.OUTCOME,
    Entity.STORY,
)


@dataclass(frozen=True)
class Change:
    """One committed change: which entity, what happened, to which ids, in which case."""

    entity: Entity
    kind: ChangeKind
    ids: tuple[int, ...]
    case_id: int | None = None
    complete: bool = False
    """``ids`` are all there are of the entity in the case now (after a gap in hearing
    what others did): any other shown is gone."""


Listener = Callable[[Change], None]


def everything_changed(
    cases: Iterable[int], ids_of: Callable[[Entity, int], tuple[int, ...]]
) -> list[Change]:
    """The one "everything may have changed" event (after a gap in hearing what others
    did), said in the changes every listener already follows: each workspace-wide kind once, naming
    no case (``Change(CASE, UPDATED, (), None)``: the list of cases itself), then every
    kind of each of ``cases`` (the cases on screen), with the ids ``ids_of`` gives
    (each case's own id; for its events, all of them)."""
    changes = [Change(entity, ChangeKind.UPDATED, ()) for entity in WORKSPACE_WIDE]
    changes.append(Change(Entity.CASE, ChangeKind.UPDATED, ()))
    for case_id in dict.fromkeys(cases):
        changes.extend(
            Change(entity, ChangeKind.UPDATED, ids_of(entity, case_id), case_id, complete=True)
            for entity in CASE_SCOPED
        )
    return changes


class ChangeBus:
    """Delivers each committed change to every listener, in subscription order."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Register ``listener``; returns a function that unregisters it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def publish(self, change: Change) -> None:
        """Tell every listener about ``change`` (call only after the commit)."""
        for listener in list(self._listeners):
            listener(change)
