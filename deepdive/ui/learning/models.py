"""Table models of the Learning view: theme counts, and the items behind one count."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from deepdive.services.learning import ThemeCount, ThemeOccurrence
from deepdive.services.shown_figures import figure
from deepdive.ui.widgets.rows_model import RowsTableModel

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


# Two lines each, so the theme names have the width.
_THEME_HEADERS = ("Theme", "Times\nrecorded", "Cases", "Key practice\nepisodes")


class ThemeTableModel(RowsTableModel[ThemeCount]):
    """Read-only rows of :class:`ThemeCount`, most cases first as the service gives them.

    With a ``threshold`` set, counts drawn from fewer cases read "fewer than N", as in
    exports (and sort together, so their order gives nothing away).
    """

    HEADERS = _THEME_HEADERS

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)
        self.threshold: int | None = None

    def set_threshold(self, threshold: int | None) -> None:
        """Hide counts from fewer than ``threshold`` cases (None shows every count)."""
        self.threshold = threshold
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.HEADERS) - 1)
            )

    def theme_at(self, row: int) -> ThemeCount:
        """The theme count in ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        theme = self.valid_row(index)
        if theme is None:
            return None
        column = ThemeColumn(index.column())
        counts = (theme.uses, theme.cases, theme.key_episodes)
        if role == Qt.ItemDataRole.DisplayRole:
            if column is ThemeColumn.THEME:
                return theme.name
            return figure(counts[column - 1], theme.cases, self.threshold).text
        if role == SORT_ROLE:
            if column is ThemeColumn.THEME:
                return theme.name.casefold()
            shown = figure(counts[column - 1], theme.cases, self.threshold).value
            return -1 if shown is None else shown
        if role == Qt.ItemDataRole.ToolTipRole and column is ThemeColumn.THEME:
            return theme.name
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


class OccurrenceTableModel(RowsTableModel[ThemeOccurrence]):
    """Read-only rows of :class:`ThemeOccurrence`: the cases and episodes behind a count."""

    HEADERS = _OCCURRENCE_HEADERS

    def occurrence_at(self, row: int) -> ThemeOccurrence:
        """The occurrence in ``row``."""
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.valid_row(index)
        if item is None:
            return None
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
