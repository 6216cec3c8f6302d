"""Edit ▸ Preferences…: the Preferences dialog, and what is chosen applied."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QWidget

from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.preferences import Preferences


class PreferencesCommand(QObject):
    """Shows the Preferences dialog and hands what is chosen to ``apply``."""

    def __init__(
        self,
        window: QWidget,
        current: Callable[[], Preferences],
        apply: Callable[[Preferences], None],
        spelling: SpellChecker,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._current = current
        self._apply = apply
        self._spelling = spelling
        standard = QKeySequence(QKeySequence.StandardKey.Preferences)
        self.action = QAction(self.tr("&Preferences…"), window)
        self.action.setShortcut(standard if not standard.isEmpty() else QKeySequence("Ctrl+,"))
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.triggered.connect(self.edit_preferences)

    def install(self, menus: MenuSlots) -> None:
        """Edit ▸ Preferences…"""
        menus.edit.addSeparator()
        menus.edit.addAction(self.action)

    def edit_preferences(self) -> None:
        """Show the Preferences dialog and apply what is chosen."""
        from deepdive.ui.shell.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self._current(), self._window, self._spelling)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._apply(dialog.chosen())
        dialog.deleteLater()
