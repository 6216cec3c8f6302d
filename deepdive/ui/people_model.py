"""The cast of a case as an editable Qt table model over :class:`PersonInfo` rows."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from deepdive.errors import DeepDiveError
from deepdive.services.results import PersonInfo
from deepdive.ui.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex
# Saves one field of one person and returns the saved person.
PersonEditor = Callable[[int, str, str], PersonInfo]


class PeopleColumn(IntEnum):
    """The cast table's columns."""

    PSEUDONYM = 0
    ROLE = 1
    AGENCY = 2


_HEADERS = ("Pseudonym", "Role", "Agency")
_FIELDS = ("pseudonym", "role", "agency")


class PeopleTableModel(RowsTableModel[PersonInfo]):
    """Cast rows; an edit is saved at once through the injected editor."""

    HEADERS = _HEADERS

    edit_failed = Signal(str)

    def __init__(self, editor: PersonEditor, parent: Any = None) -> None:
        super().__init__(parent)
        self._editor = editor
        self._rows: list[PersonInfo] = []

    def person_at(self, row: int) -> PersonInfo:
        """The person in ``row``."""
        return self._rows[row]

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsEditable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        person = self._rows[index.row()]
        column = PeopleColumn(index.column())
        if column is PeopleColumn.PSEUDONYM:
            return person.pseudonym
        if column is PeopleColumn.ROLE:
            return person.role
        return person.agency or ""

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        person = self._rows[index.row()]
        try:
            saved = self._editor(person.id, _FIELDS[index.column()], str(value))
        except DeepDiveError as exc:
            self.edit_failed.emit(str(exc))
            return False
        self._rows[index.row()] = saved
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 2))
        return True
