"""The first moment of start-up: the case list at once, the rest as soon as it loads.

Importing the database layer and every screen takes longer than drawing the window.
So the window shows the workspace's case list from a quick read-only look
(:func:`deepdive.services.case_listing.peek_case_summaries`) while those modules load
on a background thread; then the workspace opens properly and the same list — with
whatever the user already selected, typed or scrolled to — becomes part of it.
"""

from __future__ import annotations

import contextlib
import importlib
import threading
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from deepdive.logs import log_exception
from deepdive.services import preload as preload_services
from deepdive.services.results import CaseSummary
from deepdive.ui.cases.case_list_panel import CaseListPanel

# What opening a workspace imports besides the services: its screens and the
# commands the window attaches to it. Loading them first makes the open quick.
WORKSPACE_MODULES: tuple[str, ...] = (
    "deepdive.ui.workspace.workspace_view",
    "deepdive.ui.cases.case_commands",
    "deepdive.ui.workspace.backup_commands",
)


class BackgroundImports(QObject):
    """Imports modules on a background thread; ``finished`` arrives on the GUI thread."""

    finished = Signal()

    def __init__(self, modules: Sequence[str] = WORKSPACE_MODULES, parent: QObject | None = None):
        super().__init__(parent)
        self._modules = tuple(modules)
        self._started = False

    def start(self) -> None:
        """Begin loading (again: nothing); ``finished`` is emitted once, whether or not
        loading worked."""
        if self._started:
            return
        self._started = True
        threading.Thread(target=self._load, name="deepdive-imports", daemon=True).start()

    def _load(self) -> None:
        try:
            preload_services()
            for name in self._modules:
                importlib.import_module(name)
        except Exception as exc:
            # The import is tried again on the GUI thread, where its error is reported.
            log_exception(type(exc), exc.__traceback__, "loading the workspace screens", exc)
        # The window may have closed while loading: then nobody is waiting.
        with contextlib.suppress(RuntimeError):
            self.finished.emit()


class OpeningPreview(QWidget):
    """The case list, filled from a quick look, while the workspace opens."""

    first_painted = Signal()  # the list is on screen

    def __init__(self, cases: list[CaseSummary], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self.case_list = CaseListPanel(self)
        self.case_list.set_cases(cases)
        note = QLabel(self.tr("Opening your workspace…"), self)
        note.setObjectName("emptyHint")
        note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # The same proportions as the workspace view, so nothing jumps when it arrives.
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.case_list, 2)
        layout.addWidget(note, 3)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def take_case_list(self) -> CaseListPanel:
        """Hand the list (with the user's selection, search and scrolling) on."""
        return self.case_list
