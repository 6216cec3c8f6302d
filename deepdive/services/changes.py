"""'What changed' notifications, so each screen decides whether to refresh."""

from __future__ import annotations

from collections.abc import Callable
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


@dataclass(frozen=True)
class Change:
    """One committed change: which entity, what happened, to which ids, in which case."""

    entity: Entity
    kind: ChangeKind
    ids: tuple[int, ...]
    case_id: int | None = None


Listener = Callable[[Change], None]


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
