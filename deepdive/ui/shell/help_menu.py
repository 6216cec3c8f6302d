"""The Help menu: the guide to running a Deep Dive, the keyboard shortcuts, About."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow

from deepdive.ui.widgets.menus import MenuSlots


class HelpMenu(QObject):
    """Help ▸ Guide (F1), Keyboard shortcuts (Ctrl+/) and About DeepDive."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.guide_action = QAction(self.tr("&Guide to running a Deep Dive"), window)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        self.shortcuts_action = QAction(self.tr("&Keyboard shortcuts"), window)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction(self.tr("&About DeepDive"), window)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)

    def install(self, menus: MenuSlots) -> None:
        """The Help menu's items."""
        menus.help.addAction(self.guide_action)
        menus.help.addAction(self.shortcuts_action)
        menus.help.addSeparator()
        menus.help.addAction(self.about_action)

    def show_about(self) -> None:
        """Version, purpose, licence and the licences of bundled components."""
        from deepdive.ui.shell.help_dialogs import about_dialog

        _run(about_dialog(self._window))

    def show_shortcuts(self) -> None:
        """Every keyboard shortcut, by menu (read from the finished menu bar)."""
        from deepdive.ui.shell.help_dialogs import shortcuts_dialog

        _run(shortcuts_dialog(self._window.menuBar(), self._window))

    def show_guide(self) -> None:
        """The built-in guide to running a Deep Dive session."""
        from deepdive.ui.shell.help_dialogs import guide_dialog

        _run(guide_dialog(self._window))


def _run(dialog: QDialog) -> None:
    dialog.exec()
    dialog.deleteLater()
