"""The app's one question about possible names, for every way case content leaves it.

The leak check cannot decide alone about lower-confidence findings (possible names
nobody registered). Every app path that writes case content out — the case study
export, a case bundle, the programme report — asks about them in the same way, with
:class:`PossibleNamesQuestion`: the findings dialog, whose default is Cancel, which
writes nothing. The export audit log records an acceptance as the command line does
(``LeakCheckGate.verdict``): how many findings of which kind, and how they were
accepted ("accepted in the app"), never the words themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from deepdive.ui.privacy.report_dialogs import confirm_possible_names

if TYPE_CHECKING:
    from deepdive.privacy.leakcheck import LeakReport

ACCEPTED_IN_THE_APP = "accepted in the app"
NOT_ASKED = "not asked"


class PossibleNamesQuestion:
    """The leak check's ``confirm`` in the app; ``how`` is what the audit log says.

    Call it on the GUI thread (a worker thread asks through a signal, as the export
    dialog does). One question serves one export.
    """

    def __init__(self, parent: QWidget | None) -> None:
        self._parent = parent
        self.how = NOT_ASKED

    def __call__(self, report: LeakReport) -> bool:
        if not report.needs_confirmation:
            return True
        # A busy cursor over a question says "wait" when the app is waiting for you.
        busy = QGuiApplication.overrideCursor() is not None
        if busy:
            QGuiApplication.restoreOverrideCursor()
        try:
            accepted = confirm_possible_names(report, self._parent)
        finally:
            if busy:
                QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        if accepted:
            self.how = ACCEPTED_IN_THE_APP
        return accepted
