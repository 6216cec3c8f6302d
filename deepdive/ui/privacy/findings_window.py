"""The list of a case's identifiers beside the main window, to fix one by one.

"Check this case" and a stopped export both open it. It stays open while the person
works: "Go to" shows a finding's place with its text selected, "Replace" fixes it
there as typing would (see :mod:`deepdive.ui.privacy.go_to`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from deepdive.ui.privacy.report_dialogs import FindingsDialog

if TYPE_CHECKING:  # the detector and the database layer load when they are used
    from deepdive.privacy.case_text import Place
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.findings import Finding
    from deepdive.privacy.places import Located
    from deepdive.services import Services
    from deepdive.ui.workspace.workspace_view import WorkspaceView


def case_findings(services: Services, case_id: int, detector: Detector) -> list[Located]:
    """Everything ``detector`` finds in the case's texts, each at its place."""
    from deepdive.privacy.case_text import case_places
    from deepdive.privacy.leakcheck import PartFinding
    from deepdive.privacy.places import Located

    return [
        Located(PartFinding(text.place.label, finding, finding.line > 1), text.place)
        for text in case_places(services, case_id)
        for finding in detector.detect(text.text)
    ]


class FindingsWindow:
    """Opens (one at a time) the findings list of a main window's case."""

    def __init__(self, window: QWidget, view: Callable[[], WorkspaceView | None]) -> None:
        self._window = window
        self._view = view
        self.dialog: FindingsDialog | None = None

    def show(
        self, case_id: int | None, title: str, intro: str, found: list[Located]
    ) -> FindingsDialog:
        """List ``found`` with "Go to" and "Replace": all in the case ``case_id``, or
        (the programme report, across cases) each in its place's own case."""
        from deepdive.ui.privacy.go_to import go_to, replace_there

        def show_place(place: Place, finding: Finding) -> bool:
            view = self._view()
            where = place.case_id if place.case_id is not None else case_id
            return view is not None and where is not None and go_to(view, where, place, finding)

        def fix(place: Place, finding: Finding, new: str) -> bool:
            view = self._view()
            where = place.case_id if place.case_id is not None else case_id
            return (
                view is not None
                and where is not None
                and replace_there(view, where, place, finding, new)
            )

        if self.dialog is not None:
            self.dialog.close()
        dialog = FindingsDialog(title, intro, found, self._window, go_to=show_place, fix=fix)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(False)
        dialog.destroyed.connect(self._forget)
        self.dialog = dialog
        dialog.show()
        return dialog

    def _forget(self) -> None:
        self.dialog = None
