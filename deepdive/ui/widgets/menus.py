"""The main window's menu bar, where each feature installs its own entries.

The window makes the standard menus (:class:`MenuSlots`: File, Edit, Case, View,
Help) and then asks each feature to install itself: a feature adds its actions, with
their shortcuts, to the menus it belongs in, connected to its own bound methods, or
adds a menu of its own to the bar. The window only decides the order. Help ▸ Keyboard
shortcuts reads the finished bar, so a feature's shortcuts are listed without more code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MenuSlots:
    """The main window's standard menus, filled by the features in turn."""

    def __init__(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        self.file = bar.addMenu(_tr("&File"))
        self.edit = bar.addMenu(_tr("&Edit"))
        self.case = bar.addMenu(_tr("&Case"))
        self.view = bar.addMenu(_tr("&View"))
        self.help = bar.addMenu(_tr("&Help"))
        self._bar = bar

    def add_file_group(
        self, actions: Iterable[QAction], *, before_show: Callable[[], object] | None = None
    ) -> None:
        """A group of File menu items, after those already there, then a separator;
        ``before_show`` brings them up to date each time the menu opens."""
        self.file.addActions(list(actions))
        self.file.addSeparator()
        if before_show is not None:
            self.file.aboutToShow.connect(before_show)

    def add_menu(self, menu: QMenu) -> None:
        """A feature's own menu, on the bar after the others so far and before View."""
        self._bar.insertMenu(self.view.menuAction(), menu)


class InstallsMenus(Protocol):
    """A feature that puts its own entries into the main window's menus."""

    def install(self, menus: MenuSlots) -> None:
        """Add this feature's actions (and shortcuts) to ``menus``."""
        ...
