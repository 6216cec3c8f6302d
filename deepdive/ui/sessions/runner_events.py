"""The case's chronology as the runner uses it: read when first needed, then kept current."""

from __future__ import annotations

from typing import TYPE_CHECKING

from deepdive.domain.ages import BirthMonth
from deepdive.errors import DeepDiveError
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.events import row_info

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.events import EventInfo


class RunnerChronology:
    """One case's events, in date order, for the walk, the picker and the projector."""

    def __init__(self, services: Services, case_id: int) -> None:
        self._services = services
        self._case_id = case_id
        self._loaded: list[EventInfo] | None = None

    @property
    def events(self) -> list[EventInfo]:
        """The case's chronology, read when a stage or the presentation first needs it."""
        if self._loaded is None:
            self._loaded = self._services.events.list_events(self._case_id)
        return self._loaded

    def birth(self) -> BirthMonth | None:
        """The young person's month of birth, when the case records it (for ages)."""
        try:
            case = self._services.cases.get(self._case_id)
        except DeepDiveError:
            return None
        return BirthMonth(case.birth_year, case.birth_month) if case.birth_year else None

    def take(self, change: Change) -> bool:
        """Follow ``change``; whether it changed this case's chronology."""
        if change.entity is not Entity.EVENT or change.case_id != self._case_id:
            return False
        if not self._patch(change):
            self._loaded = None
        return True

    def _patch(self, change: Change) -> bool:
        """Take in a few changed events without reading the whole chronology again
        (marking a key episode on a long one); False when it has to be read again."""
        loaded = self._loaded
        if loaded is None or change.kind is not ChangeKind.UPDATED or len(change.ids) > 50:
            return False
        where = {event.id: n for n, event in enumerate(loaded)}
        fresh = [row_info(row) for row in self._services.events.rows(self._case_id, change.ids)]
        if len(fresh) != len(change.ids) or any(e.id not in where for e in fresh):
            return False
        for event in fresh:
            if loaded[where[event.id]].span.sort_key() != event.span.sort_key():
                return False  # it moves in the chronology: read it again in order
        patched = list(loaded)
        for event in fresh:
            patched[where[event.id]] = event
        self._loaded = patched
        return True
