"""Edit ▸ Manage agencies…, installed by this feature into the main window's menus."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    # The window (and the database layer behind it) loads when it first opens.
    from deepdive.services import Services
    from deepdive.ui.agencies.window import ManageAgenciesWindow
    from deepdive.ui.workspace.workspace_view import WorkspaceView

Current = Callable[[], "tuple[Services | None, WorkspaceView | None]"]


class AgenciesMenu(QObject):
    """Opens the Manage agencies window for the open workspace (one at a time)."""

    def __init__(self, window: QWidget, current: Current) -> None:
        """``current``: the open workspace's services and view (None, None: none open)."""
        super().__init__(window)
        self._window = window
        self._current = current
        self.manager: ManageAgenciesWindow | None = None
        self.action = QAction(self.tr("Manage &agencies…"), window)
        self.action.setEnabled(False)
        self.action.triggered.connect(lambda _checked=False: self.manage_agencies())

    def install(self, menus: MenuSlots) -> None:
        """Edit ▸ Manage agencies…, enabled while a workspace is open."""
        menus.edit.addSeparator()
        menus.edit.addAction(self.action)
        menus.edit.aboutToShow.connect(self.update_enabled)

    def update_enabled(self) -> None:
        """The list belongs to a workspace: open one first."""
        services, view = self._current()
        self.action.setEnabled(services is not None and view is not None)

    def manage_agencies(self) -> ManageAgenciesWindow | None:
        """Open (or bring forward) the Manage agencies window."""
        from deepdive.ui.agencies.window import ManageAgenciesWindow

        services, view = self._current()
        if services is None or view is None:
            return None
        if self.manager is None:
            # Agencies belong to no case: their steps go on the workspace's history.
            manager = ManageAgenciesWindow(services, self._window, view.undo.workspace)
            manager.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            manager.destroyed.connect(self._forget)
            # Its workspace closing (the view goes with it) closes the window too.
            view.destroyed.connect(manager.close)
            self.manager = manager
            manager.show()
            fit_to_screen(manager, remembered=True)  # its size, within a 1366x768 screen too
        self.manager.show()
        self.manager.raise_()
        self.manager.activateWindow()
        return self.manager

    def _forget(self) -> None:
        self.manager = None
