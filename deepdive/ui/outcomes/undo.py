"""Undoable outcome edits: each saved row of the Outcomes tab is one undo step.

A row is an outcome domain, the edge-of-care answer or the story of a life changed.
The step remembers what was stored before it was saved, and undo puts exactly that
back (a domain with nothing recorded is cleared again); the tab follows through the
"what changed" notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from deepdive.ui.service_command import Report, ServiceCommand

if TYPE_CHECKING:  # the services (and SQLAlchemy) load with the workspace
    from deepdive.services import Services
    from deepdive.services.outcomes import EdgeOfCare, OutcomeInfo

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
        self._story = ""
        self._edge: EdgeOfCare | None = None
        self._outcome: OutcomeInfo | None = None
        self.setText(_tr("Edit {row}").format(row=label))

    def _do(self) -> None:
        self._remember()
        self._write()

    def _redo(self) -> None:
        self._write()

    def _undo(self) -> None:
        outcomes = self._services.outcomes
        if self._key == STORY:
            self._services.stories.set(self.case_id, self._story)
        elif self._key == EDGE:
            assert self._edge is not None
            outcomes.set_edge_of_care(
                self.case_id, self._edge.edge_of_care, self._edge.stayed_with_family
            )
        elif self._outcome is None:
            outcomes.clear_outcome(self.case_id, self._key)
        else:
            was = self._outcome
            outcomes.set_outcome(
                self.case_id,
                self._key,
                start_value=was.start_value,
                latest_value=was.latest_value,
                start_measured_on=was.start_measured_on,
                latest_measured_on=was.latest_measured_on,
                note=was.note,
            )

    def _remember(self) -> None:
        """What the row holds before this step is saved."""
        if self._key == STORY:
            self._story = self._services.stories.get(self.case_id).text
        elif self._key == EDGE:
            self._edge = self._services.outcomes.edge_of_care(self.case_id)
        else:
            stored = self._services.outcomes.list_for_case(self.case_id)
            self._outcome = next((o for o in stored if o.domain.value == self._key), None)
