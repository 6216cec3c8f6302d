"""Text a table refused to save, kept in its cell until it is changed.

When the workspace refuses what was typed into a cell (a real name as a role), the
cell keeps showing the typed text — in the error colour, with the reason as its
tooltip — and editing it again starts from that text, so nothing typed is lost. The
text is kept by the row's id, not its position, so it is there again after the rows
are reloaded or another case was shown in between (for as long as the app runs; it
is never written anywhere, since it is what the workspace must not hold). The saved
value comes back once an edit of that cell is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QTableView

from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR

Index = QModelIndex | QPersistentModelIndex
_SHOWN_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole)


class RefusedCells:
    """The refused text of a table model's cells, by (row id, column).

    ``row_id(row)`` is the id of the thing shown in ``row`` (a person, an action) and
    ``row_count()`` how many rows the model shows now.
    """

    def __init__(self, row_id: Callable[[int], object], row_count: Callable[[], int]) -> None:
        self._row_id = row_id
        self._row_count = row_count
        self._cells: dict[tuple[object, int], tuple[str, str]] = {}

    def __bool__(self) -> bool:
        """Whether a row shown now has a refused cell."""
        if not self._cells:
            return False
        shown = {self._row_id(row) for row in range(self._row_count())}
        return any(row_id in shown for row_id, _column in self._cells)

    def reasons(self) -> list[str]:
        """Why each refused cell of the rows shown now was refused, in row order."""
        found: list[str] = []
        for row in range(self._row_count()):
            row_id = self._row_id(row)
            found.extend(why for (kept, _c), (_t, why) in self._cells.items() if kept == row_id)
        return found

    def _key(self, index: Index) -> tuple[object, int] | None:
        if not 0 <= index.row() < self._row_count():
            return None
        return (self._row_id(index.row()), index.column())

    def keep(self, index: Index, text: str, why: str) -> None:
        """``text`` typed into the cell at ``index`` was refused because ``why``."""
        key = self._key(index)
        if key is not None:
            self._cells[key] = (text, why)

    def forget(self, index: Index) -> None:
        """The cell was saved."""
        key = self._key(index)
        if key is not None:
            self._cells.pop(key, None)

    def why(self, index: Index) -> str | None:
        """Why the cell's text was refused, if it was."""
        key = self._key(index)
        kept = self._cells.get(key) if key is not None else None
        return kept[1] if kept else None

    def data(self, index: Index, role: int) -> Any:
        """What the model shows for a refused cell in ``role`` (None: not refused here)."""
        key = self._key(index)
        kept = self._cells.get(key) if key is not None else None
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
