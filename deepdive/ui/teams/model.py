"""The teams as a table: each team's name, its members and how many cases it has."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush

from deepdive.services.teams import TeamSummary
from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex


def members_text(team: TeamSummary) -> str:
    """A team's members as the table shows them: "ana, dan", or "no members yet"."""
    if not team.members:
        return QCoreApplication.translate("TeamTableModel", "no members yet")
    return ", ".join(team.members)


class TeamTableModel(RowsTableModel[TeamSummary]):
    """Every team the role can see (:attr:`TeamListing.teams`), one row each."""

    HEADERS = ("Team", "Members", "Cases")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._to_rename: dict[str, str] = {}

    def mark_to_rename(self, names: dict[str, str]) -> None:
        """Mark the teams whose names now hold a real identity, with the leak check's
        words (by name)."""
        self._to_rename = dict(names)
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, 0))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        team = self.valid_row(index)
        if team is None:
            return None
        column = index.column()
        why = self._to_rename.get(team.name) if column == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            name = f"⚠ {team.name}" if why else team.name
            return (name, members_text(team), str(team.cases))[column]
        if role == Qt.ItemDataRole.ForegroundRole and why:
            return QBrush(BLOCKING_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column < 2:
            return why or (team.name, members_text(team))[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, name: str) -> int | None:
        """The row of the team called ``name`` (any case), or None."""
        for row in range(self.rowCount()):
            if self.row_value(row).name.casefold() == name.casefold():
                return row
        return None
