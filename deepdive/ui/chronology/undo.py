"""Undoable chronology changes: each command calls the event service, never a widget.

Every command works the same way (:class:`~deepdive.ui.service_command.ServiceCommand`):
``apply()`` makes the change through the service before the command is pushed (so a
refused change, with its message, never reaches the undo stack) and keeps two exact
snapshots: the events as
they were before and as they are after. Undo restores the first and redo the second
(``EventService.restore``), so both put back every column and link exactly, with the
same event ids. The screens refresh from the service's "what changed" notifications.

Undo and redo each say how the events should stand before they run (``expected``: the
other snapshot), so a step taken back after a colleague changed the same event is
refused with a message and dropped, never written over their change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoCommand

from deepdive.importing.mapping import FIELD_LABELS, Field
from deepdive.services.events import (
    ChronologySnapshot,
    EventInfo,
    EventInput,
    EventService,
    same_events,
    snapshot_version,
)

if TYPE_CHECKING:  # the agency service loads with the workspace
    from deepdive.services.agencies import AgencyService, AgencySnapshot
from deepdive.ui.service_command import Report, ServiceCommand

EDIT_COMMAND_ID = 3041  # consecutive edits of one field of one event merge into one step


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChronologyUndo", text)


def _events(n: int) -> str:
    return _tr("1 event") if n == 1 else _tr("{n} events").format(n=n)


class ChronologyCommand(ServiceCommand):
    """A change to a case's chronology that can be undone and redone exactly."""

    def __init__(self, events: EventService, case_id: int, report: Report | None = None) -> None:
        super().__init__(report)
        self._events = events
        self.case_id = case_id
        self._before: ChronologySnapshot | None = None
        self._after: ChronologySnapshot | None = None
        self._remove_on_undo: tuple[int, ...] = ()
        self._remove_on_redo: tuple[int, ...] = ()

    def _redo(self) -> None:
        assert self._after is not None and self._before is not None
        self._events.restore(self._after, self._remove_on_redo, self._before)

    def _undo(self) -> None:
        assert self._before is not None and self._after is not None
        self._events.restore(self._before, self._remove_on_undo, self._after)


class AddEventCommand(ChronologyCommand):
    """Add one event."""

    def __init__(
        self, events: EventService, case_id: int, data: EventInput, report: Report | None = None
    ) -> None:
        super().__init__(events, case_id, report)
        self._data = data
        self.setText(_tr("Add event"))

    def _do(self) -> EventInfo:
        self._before = self._events.snapshot(self.case_id)
        info = self._events.add(self.case_id, self._data)
        self._after = self._events.snapshot(self.case_id, [info.id])
        self._remove_on_undo = (info.id,)
        return info


class EditEventCommand(ChronologyCommand):
    """Change some fields of one event; typing in one field merges into one step."""

    def __init__(
        self,
        events: EventService,
        case_id: int,
        event_id: int,
        changes: dict[str, Any],
        report: Report | None = None,
        expected_version: int | None = None,
    ) -> None:
        """``expected_version``: the event's row version the editor read (the save is
        refused with ChangedElsewhereError if a colleague saved since)."""
        super().__init__(events, case_id, report)
        self.event_id = event_id
        self.changes = dict(changes)
        self._expected_version = expected_version
        if len(changes) == 1:
            name = next(iter(changes))
            label = FIELD_LABELS[Field(name)] if name in set(Field) else name
            self.setText(_tr("Edit {field}").format(field=label.lower()))
        else:
            self.setText(_tr("Edit event"))

    def _do(self) -> EventInfo:
        self._before = self._events.snapshot(self.case_id, [self.event_id])
        info = self._events.update(
            self.event_id, expected_version=self._expected_version, **self.changes
        )
        self._after = self._events.snapshot(self.case_id, [self.event_id])
        if snapshot_version(self._after, self.event_id) != info.version:
            # Saved by someone else in the moment since: this step's "after" is theirs,
            # so it is not one to undo (that would overwrite them).
            self.setObsolete(True)
        return info

    def id(self) -> int:
        return EDIT_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditEventCommand):
            return False
        if other.event_id != self.event_id or set(other.changes) != set(self.changes):
            return False
        if other.changes.keys() & {"category", "agency", "key_episode"}:
            return False  # each choice is its own step; typing merges
        if (
            self._after is None
            or other._before is None
            or not same_events(self._after, other._before)
        ):
            return False  # someone else saved in between: undo must give theirs back
        self.changes = other.changes
        self._after = other._after
        return True


class DeleteEventsCommand(ChronologyCommand):
    """Delete one or many events."""

    def __init__(
        self, events: EventService, case_id: int, ids: Sequence[int], report: Report | None = None
    ) -> None:
        super().__init__(events, case_id, report)
        self._ids = tuple(ids)
        self.setText(
            _tr("Delete event") if len(ids) == 1 else _tr("Delete {n}").format(n=_events(len(ids)))
        )

    def _do(self) -> ChronologySnapshot:
        self._before = self._events.delete_many(self.case_id, self._ids)
        self._after = self._events.snapshot(self.case_id)
        self._remove_on_redo = self._ids
        return self._before


class ImportEventsCommand(ChronologyCommand):
    """Add every event of an imported file (one step)."""

    def __init__(
        self,
        events: EventService,
        case_id: int,
        items: Sequence[EventInput],
        file_name: str,
        report: Report | None = None,
        new_agencies: Sequence[str] = (),
        agencies: AgencyService | None = None,
    ) -> None:
        """``agencies`` takes the agencies the file brought out again on undo."""
        super().__init__(events, case_id, report)
        self._items = list(items)
        self._new_agencies = tuple(new_agencies)
        self._agencies = agencies
        self._agencies_added: tuple[AgencySnapshot, ...] = ()
        self.setText(
            _tr("Import {events} from {file}").format(events=_events(len(items)), file=file_name)
        )

    def _do(self) -> list[EventInfo]:
        self._before = self._events.snapshot(self.case_id)
        # Agencies the file brought are added with its events; undo takes out those still
        # unused, and redo brings them back with their ids before the events that name them.
        infos = self._events.add_many(self.case_id, self._items, self._new_agencies)
        ids = [info.id for info in infos]
        self._after = self._events.snapshot(self.case_id, ids)
        self._remove_on_undo = tuple(ids)
        if self._agencies is not None:
            agencies = self._agencies
            self._agencies_added = tuple(agencies.snapshot(n) for n in self._new_agencies)
        return infos

    def _undo(self) -> None:
        super()._undo()
        if self._agencies is not None:
            for agency in self._agencies_added:
                self._agencies.remove_if_unused(agency.name)

    def _redo(self) -> None:
        if self._agencies is not None:
            listed = {name.casefold() for name in self._agencies.names()}
            for agency in self._agencies_added:
                if agency.name.casefold() not in listed:
                    self._agencies.restore(agency)
        super()._redo()


class MergeEventsCommand(ChronologyCommand):
    """Fold duplicate events into the first of them."""

    def __init__(
        self,
        events: EventService,
        case_id: int,
        keep_id: int,
        other_ids: Sequence[int],
        report: Report | None = None,
    ) -> None:
        super().__init__(events, case_id, report)
        self._keep = keep_id
        self._others = tuple(other_ids)
        self.setText(_tr("Merge {events}").format(events=_events(len(other_ids) + 1)))

    def _do(self) -> EventInfo:
        self._before = self._events.snapshot(self.case_id, [self._keep, *self._others])
        info = self._events.merge(self._keep, self._others)
        self._after = self._events.snapshot(self.case_id, [self._keep])
        self._remove_on_redo = self._others
        return info
