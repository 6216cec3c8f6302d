"""Renaming and merging learning themes from the Learning view's theme table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QMenu, QTableView, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.learning import ThemeCount


class ThemeActions(QObject):
    """Rename… and Merge into… for the selected theme; ``after`` is called after each."""

    def __init__(
        self,
        table: QTableView,
        services: Services,
        selected: Callable[[], ThemeCount | None],
        show_problem: Callable[[str], None],
        after: Callable[[], None],
    ) -> None:
        super().__init__(table)
        self._table = table
        self._services = services
        self._selected = selected
        self._show_problem = show_problem
        self._after = after
        self.rename_action = QAction(self.tr("&Rename theme…"), table)
        self.rename_action.triggered.connect(lambda _checked=False: self.rename())
        self.merge_action = QAction(self.tr("&Merge into another theme…"), table)
        self.merge_action.triggered.connect(lambda _checked=False: self.merge())
        table.addActions([self.rename_action, self.merge_action])
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_menu_requested)

    def _on_menu_requested(self, point: QPoint) -> None:
        if self._selected() is None:
            return
        menu = QMenu(self._table)
        menu.addActions([self.rename_action, self.merge_action])
        menu.exec(self._table.viewport().mapToGlobal(point))
        menu.deleteLater()

    def _parent(self) -> QWidget:
        return self._table.window()

    def rename(self) -> None:
        """Ask for a new name for the selected theme."""
        theme = self._selected()
        if theme is None:
            return
        name, ok = QInputDialog.getText(
            self._parent(), self.tr("Rename theme"), self.tr("New name:"), text=theme.name
        )
        if ok and name.strip() and name.strip() != theme.name:
            self._run(lambda: self._services.themes.rename(theme.theme_id, name))

    def merge(self) -> None:
        """Ask which theme the selected one joins; its uses move there."""
        theme = self._selected()
        if theme is None:
            return
        others = [t for t in self._services.themes.list_themes() if t.id != theme.theme_id]
        if not others:
            self._show_problem(self.tr("There is no other theme to merge into."))
            return
        names = [t.name for t in others]
        name, ok = QInputDialog.getItem(
            self._parent(),
            self.tr("Merge theme"),
            self.tr("Merge “{theme}” into:").format(theme=theme.name),
            names,
            0,
            False,
        )
        if ok and name in names:
            target = others[names.index(name)]
            self._run(lambda: self._services.themes.merge(theme.theme_id, target.id))

    def _run(self, change: Callable[[], object]) -> None:
        try:
            change()
        except DeepDiveError as exc:
            self._show_problem(str(exc))
            return
        self._show_problem("")
        self._after()
