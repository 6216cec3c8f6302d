"""Agreed actions as an editable Qt table model: done, action, owner role, due, from."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QApplication

from deepdive.errors import DeepDiveError
from deepdive.services.errors import ValidationError
from deepdive.services.results import ActionInfo
from deepdive.ui.editors.refused_cells import RefusedCells
from deepdive.ui.sessions.days import day_text
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
# Saves one field of one action ("description", "owner_role", "due", "done").
ActionEditor = Callable[[int, str, object], ActionInfo]


class ActionColumn(IntEnum):
    """The actions table's columns."""

    DONE = 0
    ACTION = 1
    OWNER = 2
    DUE = 3
    ORIGIN = 4


_HEADERS = ("Done", "Action", "Owner role", "Due", "From")
_FIELDS = {ActionColumn.ACTION: "description", ActionColumn.OWNER: "owner_role"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionsTableModel", text)


class ActionsTableModel(RowsTableModel[ActionInfo]):
    """Action rows; an edit is saved at once through the injected editor."""

    HEADERS = _HEADERS

    edit_failed = Signal(str)
    edit_refused = Signal(QModelIndex, str)  # the cell, and why (its text stays in it)

    def __init__(self, editor: ActionEditor, parent: Any = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._rows: list[ActionInfo] = []
        self._origins: dict[int, str] = {}
        self.refused = RefusedCells(lambda row: self._rows[row].id, lambda: len(self._rows))

    def set_rows(self, rows: Sequence[ActionInfo], origins: dict[int, str] | None = None) -> None:
        """Show these actions; ``origins`` names each session by id for the From column."""
        self.beginResetModel()
        self._rows = list(rows)
        self._origins = dict(origins or {})
        self.endResetModel()

    def action_at(self, row: int) -> ActionInfo:
        """The action in ``row``."""
        return self._rows[row]

    def row_of(self, action_id: int) -> int:
        """The row showing ``action_id``, or -1."""
        for row, action in enumerate(self._rows):
            if action.id == action_id:
                return row
        return -1

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if not index.isValid():
            return base
        column = ActionColumn(index.column())
        if column is ActionColumn.DONE:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if column is ActionColumn.ORIGIN:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        action = self.valid_row(index)
        if action is None:
            return None
        column = ActionColumn(index.column())
        if column is ActionColumn.DONE:
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked
            if role == Qt.ItemDataRole.AccessibleTextRole:
                return _tr("Done") if action.done else _tr("Not done")
            return None
        kept = self.refused.data(index, role)
        if kept is not None:
            return kept
        if role == Qt.ItemDataRole.ForegroundRole and action.done:
            return QBrush(QApplication.palette().color(QPalette.ColorRole.PlaceholderText))
        if role == Qt.ItemDataRole.ToolTipRole and column is ActionColumn.ACTION:
            return action.description
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        if column is ActionColumn.ACTION:
            return action.description
        if column is ActionColumn.OWNER:
            return action.owner_role
        if column is ActionColumn.DUE:
            return day_text(action.due_on)
        if action.session_id is None:
            return _tr("Added to the case")
        return self._origins.get(action.session_id, "")

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        action = self._rows[index.row()]
        column = ActionColumn(index.column())
        new_value: object
        if column is ActionColumn.DONE and role == Qt.ItemDataRole.CheckStateRole:
            field, new_value = "done", _checked(value)
        elif column in _FIELDS and role == Qt.ItemDataRole.EditRole:
            field, new_value = _FIELDS[column], str(value)
        elif column is ActionColumn.DUE and role == Qt.ItemDataRole.EditRole:
            field, new_value = "due", str(value)
        else:
            return False
        try:
            saved = self._editor(action.id, field, new_value)
        except ValidationError as exc:
            if field != "done":
                self.refused.keep(index, str(new_value), str(exc))
                self.dataChanged.emit(index, index)
                self.edit_refused.emit(self.index(index.row(), index.column()), str(exc))
            self.edit_failed.emit(str(exc))
            return False
        except DeepDiveError as exc:
            self.edit_failed.emit(str(exc))
            return False
        self.refused.forget(index)
        self._rows[index.row()] = saved
        last = self.index(index.row(), len(ActionColumn) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        return True


def _checked(value: Any) -> bool:
    if isinstance(value, Qt.CheckState):
        return value == Qt.CheckState.Checked
    return int(value) == Qt.CheckState.Checked.value
