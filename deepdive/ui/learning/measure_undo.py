"""Undoable changes to the programme's own measures: one command for every kind.

Adding a measure, deleting one, and saving or removing a figure all change one
measure; the command keeps the measure as it was before and after the change
(``MeasureService.snapshot``), and undo and redo put back exactly that, with the same
ids (``MeasureService.restore``), or delete the measure a step added. Screens that
show measures follow through the "what changed" notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services.measures import MeasureService, MeasureSnapshot


class MeasureCommand(ServiceCommand):
    """Change one measure through ``change`` (which returns the measure's id).

    ``measure_id`` is the measure changed (None when ``change`` adds one); a change that
    deletes it leaves nothing to keep after, and redo deletes it again.
    """

    def __init__(
        self,
        measures: MeasureService,
        measure_id: int | None,
        change: Callable[[], int],
        text: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._measures = measures
        self.measure_id = measure_id
        self._change = change
        self._before: MeasureSnapshot | None = None
        self._after: MeasureSnapshot | None = None
        self.setText(text)

    def _do(self) -> int:
        if self.measure_id is not None:
            self._before = self._measures.snapshot(self.measure_id)
        self.measure_id = self._change()
        self._after = self._kept(self.measure_id)
        return self.measure_id

    def _redo(self) -> None:
        self._put(self._after)

    def _undo(self) -> None:
        self._put(self._before)

    def _put(self, snapshot: MeasureSnapshot | None) -> None:
        assert self.measure_id is not None
        if snapshot is None:
            self._measures.delete(self.measure_id)
        else:
            self._measures.restore(snapshot)

    def _kept(self, measure_id: int) -> MeasureSnapshot | None:
        """The measure after the change, or None when the change deleted it."""
        if not any(m.id == measure_id for m in self._measures.list_measures()):
            return None
        return self._measures.snapshot(measure_id)
