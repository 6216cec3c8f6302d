"""File ▸ New workspace…, Open workspace… (Ctrl+O), Open team workspace… and Open recent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from deepdive.storage.address import ServerAddress
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.window_settings import WindowSettings


class WorkspaceMenu(QObject):
    """The File menu's workspace items; the window opens what is chosen."""

    def __init__(
        self,
        window: QWidget,
        settings: WindowSettings,
        choose_new: Callable[[], None],
        choose_existing: Callable[[], None],
        open_path: Callable[[Path | ServerAddress], object],
        choose_team: Callable[[], object] | None = None,
    ) -> None:
        super().__init__(window)
        self._settings = settings
        self._open_path = open_path
        self.new_workspace_action = QAction(self.tr("&New workspace…"), window)
        self.new_workspace_action.triggered.connect(choose_new)
        self.open_workspace_action = QAction(self.tr("&Open workspace…"), window)
        self.open_workspace_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_workspace_action.triggered.connect(choose_existing)
        self.open_team_action = QAction(self.tr("Open &team workspace…"), window)
        self.open_team_action.setObjectName("openTeamWorkspace")
        if choose_team is not None:
            self.open_team_action.triggered.connect(lambda _checked=False: choose_team())
        self.open_team_action.setVisible(choose_team is not None)
        self.recent_menu = QMenu(self.tr("Open &recent"), window)
        self.recent_menu.aboutToShow.connect(self.fill_recent_menu)

    def install(self, menus: MenuSlots) -> None:
        """The workspace items at the top of the File menu."""
        menus.file.addAction(self.new_workspace_action)
        menus.file.addAction(self.open_workspace_action)
        menus.file.addAction(self.open_team_action)
        menus.file.addMenu(self.recent_menu)
        menus.file.addSeparator()

    def fill_recent_menu(self) -> None:
        """The workspaces opened lately, newest first."""
        self.recent_menu.clear()
        recent = self._settings.recent_workspaces()
        if not recent:
            empty = self.recent_menu.addAction(self.tr("No recent workspaces"))
            empty.setEnabled(False)
        for where in recent:
            shown = where.shown if isinstance(where, ServerAddress) else str(where)
            item = self.recent_menu.addAction(shown)
            item.triggered.connect(lambda _checked=False, w=where: self._open_path(w))
