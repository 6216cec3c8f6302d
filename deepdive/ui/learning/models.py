"""Table models of the Learning view: theme counts, and the items behind one count."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from deepdive.services.learning import ThemeCount, ThemeOccurrence

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1


def _tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class ThemeColumn(IntEnum):
    """The theme table's columns."""

    THEME = 0
    USES = 1
    CASES = 2
    KEY_EPISODES = 3


_THEME_HEADERS = ("Theme", "Times recorded", "Cases", "Key practice episodes")


class ThemeTableModel(QAbstractTableModel):
    """Read-only rows of :class:`ThemeCount`, most cases first as the service gives them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ThemeCount] = []

    def set_rows(self, rows: list[ThemeCount]) -> None:
        """Show these theme counts."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def theme_at(self, row: int) -> ThemeCount:
        """The theme count in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(ThemeColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr("ThemeTableModel", _THEME_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        theme = self._rows[index.row()]
        column = ThemeColumn(index.column())
        values: tuple[str | int, ...] = (theme.name, theme.uses, theme.cases, theme.key_episodes)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[column])
        if role == SORT_ROLE:
            return theme.name.casefold() if column is ThemeColumn.THEME else values[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not ThemeColumn.THEME:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column is ThemeColumn.CASES:
            return _tr("ThemeTableModel", "Select the row to see the cases and episodes behind it")
        return None


class OccurrenceColumn(IntEnum):
    """The columns of the items behind a count."""

    CASE = 0
    WHEN = 1
    KIND = 2
    WHAT = 3


_OCCURRENCE_HEADERS = ("Case", "Date", "Where", "What")


class OccurrenceTableModel(QAbstractTableModel):
    """Read-only rows of :class:`ThemeOccurrence`: the cases and episodes behind a count."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ThemeOccurrence] = []

    def set_rows(self, rows: list[ThemeOccurrence]) -> None:
        """Show these occurrences."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def occurrence_at(self, row: int) -> ThemeOccurrence:
        """The occurrence in ``row``."""
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(OccurrenceColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr("OccurrenceTableModel", _OCCURRENCE_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = OccurrenceColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if column is OccurrenceColumn.CASE:
                return f"{item.case_code} · {item.pseudonym}"
            if column is OccurrenceColumn.WHEN:
                return item.when.strftime("%d %b %Y") if item.when else "—"
            if column is OccurrenceColumn.KIND:
                if item.kind == "event":
                    text = "Key practice episode" if item.key_episode else "Chronology event"
                else:
                    text = "Session response"
                return _tr("OccurrenceTableModel", text)
            return item.label
        if role == Qt.ItemDataRole.ToolTipRole and column is OccurrenceColumn.WHAT:
            return item.label
        return None
