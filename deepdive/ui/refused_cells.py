"""Text a table refused to save, kept in its cell until it is changed.

When the workspace refuses what was typed into a cell (a real name as a role), the
cell keeps showing the typed text — in the error colour, with the reason as its
tooltip — and editing it again starts from that text, so nothing typed is lost. The
saved value comes back once an edit of that cell is saved, or the rows are reloaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR

Index = QModelIndex | QPersistentModelIndex
_SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class RefusedCells:
    """The refused text of a table model's cells, by (row, column)."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], tuple[str, str]] = {}

    def __bool__(self) -> bool:
        return bool(self._cells)

    def keep(self, index: Index, text: str, why: str) -> None:
        """``text`` typed into the cell at ``index`` was refused because ``why``."""
        self._cells[(index.row(), index.column())] = (text, why)

    def forget(self, index: Index | None = None) -> None:
        """The cell was saved (None: every cell, when the rows are reloaded)."""
        if index is None:
            self._cells.clear()
        else:
            self._cells.pop((index.row(), index.column()), None)

    def why(self, index: Index) -> str | None:
        """Why the cell's text was refused, if it was."""
        kept = self._cells.get((index.row(), index.column()))
        return kept[1] if kept else None

    def data(self, index: Index, role: int) -> Any:
        """What the model shows for a refused cell in ``role`` (None: not refused here)."""
        kept = self._cells.get((index.row(), index.column()))
        if kept is None:
            return None
        text, why = kept
        if role in _SHOWN_ROLES:
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return why
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(BLOCKING_COLOUR))
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None


def edit_again(table: QTableView, refused: RefusedCells, index: Index) -> None:
    """Open the refused cell's editor again, on its typed text, once the editor that
    committed it has closed, if the table still has the keyboard (after a click
    elsewhere the text simply waits in the cell)."""
    cell = QPersistentModelIndex(index)

    def reopen() -> None:
        model = table.model()
        if cell.isValid() and table.hasFocus() and refused.why(cell) is not None:
            again = model.index(cell.row(), cell.column())
            table.setCurrentIndex(again)
            table.edit(again)

    QTimer.singleShot(0, table, reopen)
