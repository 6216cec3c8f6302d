"""Edit ▸ Search everywhere… (Ctrl+K, Ctrl+Shift+F), installed into the main window by
the search feature: the chosen result opens in place."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from deepdive.services import Services
from deepdive.ui.widgets.menus import MenuSlots

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView

Current = Callable[[], "tuple[Services | None, WorkspaceView | None]"]


class SearchCommand(QObject):
    """Searches every case of the open workspace."""

    def __init__(self, window: QWidget, current: Current) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self.action = QAction(self.tr("&Search everywhere…"), window)
        self.action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
        self.action.triggered.connect(self.search_everywhere)
        self.action.setEnabled(False)

    def install(self, menus: MenuSlots) -> None:
        """Edit ▸ Search everywhere…"""
        menus.edit.addSeparator()
        menus.edit.addAction(self.action)

    def attach(self, view: WorkspaceView | None) -> None:
        """A workspace was opened (None: it closed)."""
        self.action.setEnabled(view is not None)

    def search_everywhere(self) -> None:
        """Ctrl+K: search every case; the chosen result opens in place."""
        services, view = self._current()
        if services is None or view is None:
            return
        from deepdive.ui.search.search_dialog import SearchDialog

        dialog = SearchDialog(services.search, self._window)
        dialog.open_requested.connect(view.open_search_hit)
        dialog.exec()
        dialog.deleteLater()
