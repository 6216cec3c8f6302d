"""Renaming and merging learning themes, from the Learning view or the Manage themes dialog.

Each is an undo step on the workspace's undo stack (Edit ▸ Undo in the main window), and
the screens showing themes follow an undo through the "what changed" notifications.

Both ask which theme through ``selected`` (its id and name) and report a refusal
(a name already taken, merging a theme into itself) through ``show_problem``.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QMenu, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.guard import IdentifierRefused
from deepdive.ui.learning.theme_undo import MergeThemesCommand, RenameThemeCommand
from deepdive.ui.service_command import ServiceCommand

SelectedTheme = tuple[int, str]  # the theme's id and name


class ThemeActions(QObject):
    """Rename… and Merge into… for the selected theme; ``after`` is called after each."""

    def __init__(
        self,
        view: QAbstractItemView,
        services: Services,
        selected: Callable[[], SelectedTheme | None],
        show_problem: Callable[[str], None],
        after: Callable[[], None],
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(view)
        self._undo_stack = undo_stack
        self._view = view
        self._services = services
        self._selected = selected
        self._show_problem = show_problem
        self._after = after
        self.rename_action = QAction(self.tr("&Rename theme…"), view)
        self.rename_action.triggered.connect(lambda _checked=False: self.rename())
        self.merge_action = QAction(self.tr("&Merge into another theme…"), view)
        self.merge_action.triggered.connect(lambda _checked=False: self.merge())
        view.addActions([self.rename_action, self.merge_action])
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._on_menu_requested)

    def update_enabled(self) -> None:
        """Both need a selected theme."""
        chosen = self._selected() is not None
        self.rename_action.setEnabled(chosen)
        self.merge_action.setEnabled(chosen)

    def _on_menu_requested(self, point: QPoint) -> None:
        if self._selected() is None:
            return
        menu = QMenu(self._view)
        menu.addActions([self.rename_action, self.merge_action])
        menu.exec(self._view.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _parent(self) -> QWidget:
        return self._view.window()

    def rename(self) -> None:
        """Ask for a new name for the selected theme."""
        theme = self._selected()
        if theme is None:
            return
        theme_id, current = theme
        typed, why = current, ""
        while True:  # a name holding an identity is asked again, from what was typed
            label = self.tr("New name:") if not why else f"{why}\n\n" + self.tr("New name:")
            name, ok = QInputDialog.getText(
                self._parent(), self.tr("Rename theme"), label, text=typed
            )
            if not ok or not name.strip() or name.strip() == current:
                return
            try:
                self._push(RenameThemeCommand(self._services.themes, theme_id, name))
            except IdentifierRefused as exc:
                typed, why = name, self.tr("Not saved. {why}").format(why=exc)
                continue
            except DeepDiveError as exc:  # a name taken: merging is the answer
                self._show_problem(str(exc))
                return
            self._show_problem("")
            self._after()
            return

    def merge(self) -> None:
        """Ask which theme the selected one joins; its uses move there."""
        theme = self._selected()
        if theme is None:
            return
        theme_id, current = theme
        others = [t for t in self._services.themes.list_themes() if t.id != theme_id]
        if not others:
            self._show_problem(self.tr("There is no other theme to merge into."))
            return
        names = [t.name for t in others]
        name, ok = QInputDialog.getItem(
            self._parent(),
            self.tr("Merge theme"),
            self.tr("Merge “{theme}” into:").format(theme=current),
            names,
            0,
            False,
        )
        if ok and name in names:
            target = others[names.index(name)]
            source = self._services.themes.get(theme_id)
            self._run(MergeThemesCommand(self._services.themes, source, target))

    def _push(self, command: ServiceCommand) -> None:
        """Make the change now (raising if refused), then keep it as an undo step."""
        command.apply()
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)

    def _run(self, command: ServiceCommand) -> None:
        try:
            self._push(command)
        except DeepDiveError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem("")
        self._after()
