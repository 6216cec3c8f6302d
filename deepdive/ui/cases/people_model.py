"""The cast of a case as an editable Qt table model over :class:`PersonInfo` rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from deepdive.errors import DeepDiveError
from deepdive.services.errors import ValidationError
from deepdive.services.results import PersonInfo
from deepdive.ui.editors.refused_cells import RefusedCells
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
# Saves one field of one person and returns the saved person.
PersonEditor = Callable[[int, str, str], PersonInfo]


class PeopleColumn(IntEnum):
    """The cast table's columns."""

    PSEUDONYM = 0
    ROLE = 1
    AGENCY = 2
    NOTES = 3


_HEADERS = ("Pseudonym", "Role", "Agency", "Notes")
_FIELDS = ("pseudonym", "role", "agency", "notes")


class PeopleTableModel(RowsTableModel[PersonInfo]):
    """Cast rows; an edit is saved at once through the injected editor. A refused edit
    stays in its cell (see :mod:`deepdive.ui.editors.refused_cells`)."""

    HEADERS = _HEADERS

    edit_failed = Signal(str)
    edit_refused = Signal(QModelIndex, str)  # the cell, and why (its text stays in it)

    def __init__(self, editor: PersonEditor, parent: Any = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._rows: list[PersonInfo] = []
        self.refused = RefusedCells(lambda row: self._rows[row].id, lambda: len(self._rows))

    def set_rows(self, rows: Sequence[PersonInfo]) -> None:
        """Show these people (text refused in a cell is shown there again)."""
        super().set_rows(rows)

    def person_at(self, row: int) -> PersonInfo:
        """The person in ``row``."""
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        kept = self.refused.data(index, role)
        if kept is not None:
            return kept
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        person = self._rows[index.row()]
        column = PeopleColumn(index.column())
        if column is PeopleColumn.PSEUDONYM:
            return person.pseudonym
        if column is PeopleColumn.ROLE:
            return person.role
        if column is PeopleColumn.NOTES:
            return person.notes
        return person.agency or ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        person = self._rows[index.row()]
        try:
            saved = self._editor(person.id, _FIELDS[index.column()], str(value))
        except ValidationError as exc:
            self.refused.keep(index, str(value), str(exc))
            self.dataChanged.emit(index, index)
            self.edit_refused.emit(self.index(index.row(), index.column()), str(exc))
            self.edit_failed.emit(str(exc))
            return False
        except DeepDiveError as exc:
            self.edit_failed.emit(str(exc))
            return False
        self.refused.forget(index)
        self._rows[index.row()] = saved
        last = self.index(index.row(), len(PeopleColumn) - 1)
        self.dataChanged.emit(self.index(index.row(), 0), last)
        return True
