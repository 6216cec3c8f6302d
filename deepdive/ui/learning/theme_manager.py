"""Manage themes…: every learning theme in the workspace, to rename, merge or delete.

The Learning view's table shows only the themes in use for its filter; this lists
them all, including one no longer used anywhere (which can then be deleted).
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.themes import ThemeInfo
from deepdive.ui.learning.theme_actions import SelectedTheme, ThemeActions
from deepdive.ui.learning.theme_undo import DeleteThemeCommand
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.rows_model import RowsTableModel
from deepdive.ui.widgets.window_undo import WindowUndo

Index = QModelIndex | QPersistentModelIndex


class ThemeListModel(RowsTableModel[ThemeInfo]):
    """Every theme with how often it is used, by name."""

    HEADERS = ("Theme", "Times recorded", "Cases")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        theme = self.valid_row(index)
        if theme is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (theme.name, str(theme.uses), str(theme.cases))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return theme.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ManageThemesDialog(QDialog):
    """The workspace's theme vocabulary; see the module docstring."""

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        # A window of its own: Ctrl+Z here undoes its renames, merges and deletions.
        self.undo = WindowUndo(self, undo_stack) if undo_stack is not None else None
        self.setWindowTitle(self.tr("Manage learning themes"))
        self.setAccessibleName(self.tr("Manage learning themes"))
        self.resize(620, 460)
        intro = QLabel(
            self.tr(
                "Rename a theme to change it everywhere it is used. Merge two themes that "
                "mean the same: every use moves to the one you keep, and typing the old "
                "name later finds it too."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.model = ThemeListModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setAccessibleName(self.tr("Learning themes"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.problem = QLabel(self)
        self.problem.setObjectName("fieldMessage")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.theme_actions = ThemeActions(
            self.table, services, self.selected, self.show_problem, self.reload, undo_stack
        )
        self.rename_button = QPushButton(self.tr("&Rename…"), self)
        self.rename_button.setAccessibleName(self.tr("Rename the selected theme"))
        self.merge_button = QPushButton(self.tr("&Merge into…"), self)
        self.merge_button.setAccessibleName(self.tr("Merge the selected theme into another"))
        self.delete_button = QPushButton(self.tr("&Delete unused"), self)
        self.delete_button.setAccessibleName(self.tr("Delete the selected theme if unused"))
        self.delete_button.setToolTip(self.tr("Only a theme that is used nowhere can be deleted"))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)
        self.rename_button.clicked.connect(self.theme_actions.rename)
        self.merge_button.clicked.connect(self.theme_actions.merge)
        self.delete_button.clicked.connect(self.delete_selected)
        # An undo from the main window while this is open changes the list: follow it.
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args, relay=self._relay: relay.detach())
        self.reload()

    def reload(self) -> None:
        """Read the themes again, keeping the selection where it can."""
        chosen = self.selected()
        self.model.set_rows(self._services.themes.list_themes())
        if chosen is not None:
            for row in range(self.model.rowCount()):
                if self.model.row_value(row).id == chosen[0]:
                    self.table.selectRow(row)
        self._update_buttons()

    def selected(self) -> SelectedTheme | None:
        """The selected theme's id and name."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        theme = self.model.row_value(rows[0].row())
        return theme.id, theme.name

    def select_theme(self, name: str) -> None:
        """Select the theme called ``name`` (for a caller that opens the dialog on one)."""
        for row in range(self.model.rowCount()):
            if self.model.row_value(row).name.casefold() == name.casefold():
                self.table.selectRow(row)

    def delete_selected(self) -> bool:
        """Delete the selected theme if nothing uses it."""
        chosen = self.selected()
        if chosen is None:
            return False
        command = DeleteThemeCommand(self._services.themes, self._services.themes.get(chosen[0]))
        try:
            deleted = command.apply()
        except DeepDiveError as exc:
            self.show_problem(str(exc))
            return False
        if not deleted:
            self.show_problem(
                self.tr("“{name}” is still used; merge it into another theme instead.").format(
                    name=chosen[1]
                )
            )
            return False
        if self._undo_stack is not None and shiboken6.isValid(self._undo_stack):
            self._undo_stack.push(command)
        self.show_problem("")
        self.reload()
        return True

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.THEME:
            self.reload()

    def show_problem(self, text: str) -> None:
        """Say why a change was refused (empty hides the message)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def _update_buttons(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        theme = self.model.row_value(rows[0].row()) if rows else None
        for button in (self.rename_button, self.merge_button):
            button.setEnabled(theme is not None)
        self.delete_button.setEnabled(theme is not None and theme.uses == 0)
        self.theme_actions.update_enabled()
