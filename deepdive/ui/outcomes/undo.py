"""Undoable outcome edits: each saved row of the Outcomes tab is one undo step.

A row is an outcome domain, the edge-of-care answer or the story of a life changed.
The step remembers the row as stored before it was saved and after, and undo puts
exactly the first back (a domain with nothing recorded is cleared again), redo the
second; the tab follows through the "what changed" notifications. Each expects the row
to hold what the step before left in it, and writes at the row version it finds then,
so an undo after a colleague changed the same row is refused with a message and
dropped, never written over them (the version alone would refuse an undo after this
window's own later steps of the same row: each moves it on).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.services.errors import ChangedElsewhereError, undo_refused
from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services import Services
    from deepdive.services.outcomes import EdgeOfCare, OutcomeInfo
    from deepdive.services.stories import StoryInfo

    RowState = StoryInfo | EdgeOfCare | OutcomeInfo | None

EDGE = "edge_of_care"  # the pending-save key of the edge-of-care answer
STORY = "story"  # the pending-save key of the story of a life changed


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutcomeUndo", text)


class OutcomeRowCommand(ServiceCommand):
    """Save one row of the Outcomes tab (``write`` does it); undo restores the row."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        key: str,
        write: Callable[[], object],
        label: str,
        report: Report | None = None,
    ) -> None:
        super().__init__(report)
        self._services = services
        self.case_id = case_id
        self._key = key
        self._write = write
        self._before: RowState = None
        self._after: RowState = None
        self._undone: RowState = None  # the row as the last undo left it
        self.setText(_tr("Edit {row}").format(row=label))

    def _do(self) -> object:
        self._before = self._state()
        result = self._write()
        self._after = self._state()
        return result

    def _redo(self) -> None:
        self._put(self._after, expect=self._undone)
        self._after = self._state()

    def _undo(self) -> None:
        self._put(self._before, expect=self._after)
        self._undone = self._state()

    def _put(self, target: RowState, expect: RowState) -> None:
        """Store ``target`` if the row is still ``expect`` (as this step left it)."""
        now = self._state()
        if _content(now) != _content(expect):
            raise undo_refused(_tr("this row of the outcomes"))
        try:
            self._store(target, now)
        except ChangedElsewhereError:  # saved by someone else in the moment since
            raise undo_refused(_tr("this row of the outcomes")) from None

    def _store(self, target: RowState, now: RowState) -> None:
        from deepdive.services.outcomes import EdgeOfCare, OutcomeInfo
        from deepdive.services.stories import StoryInfo

        outcomes = self._services.outcomes
        version = getattr(now, "version", 1)
        if self._key == STORY:
            assert isinstance(target, StoryInfo)
            self._services.stories.set(self.case_id, target.text, expected_version=version)
        elif self._key == EDGE:
            assert isinstance(target, EdgeOfCare)
            assert isinstance(now, EdgeOfCare)
            outcomes.set_edge_of_care(
                self.case_id, target.edge_of_care, target.stayed_with_family, expected=now
            )
        elif target is None:
            outcomes.clear_outcome(self.case_id, self._key, expected_version=version)
        else:
            assert isinstance(target, OutcomeInfo)
            outcomes.set_outcome(
                self.case_id,
                self._key,
                start_value=target.start_value,
                latest_value=target.latest_value,
                start_measured_on=target.start_measured_on,
                latest_measured_on=target.latest_measured_on,
                note=target.note,
                expected_version=version,
            )

    def _state(self) -> RowState:
        """The row as stored now."""
        if self._key == STORY:
            return self._services.stories.get(self.case_id)
        if self._key == EDGE:
            return self._services.outcomes.edge_of_care(self.case_id)
        stored = self._services.outcomes.list_for_case(self.case_id)
        return next((o for o in stored if o.domain.value == self._key), None)


def _content(state: RowState) -> object:
    """What a row holds, without when or at which version it was saved."""
    from deepdive.services.outcomes import OutcomeInfo
    from deepdive.services.stories import StoryInfo

    if isinstance(state, StoryInfo):
        return state.text
    if isinstance(state, OutcomeInfo):
        return dataclasses.replace(state, version=0)
    return state
