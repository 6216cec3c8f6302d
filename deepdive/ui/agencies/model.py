"""The agency list as a table: name, kind, and how much of the workspace names each."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from deepdive.services.agencies import AgencyInfo
from deepdive.ui.widgets.rows_model import RowsTableModel

Index = QModelIndex | QPersistentModelIndex

# How the window names each kind the service knows (AGENCY_KINDS), in that order.
_KIND_LABELS = {
    "social care": "Social care",
    "police": "Police",
    "health": "Health",
    "education": "Education",
    "youth justice": "Youth justice",
    "housing": "Housing",
    "voluntary": "Voluntary sector",
    "hub": "Hub",
    "other": "Other",
}


def kind_label(kind: str) -> str:
    """A kind of agency as the window shows it ("youth justice" → "Youth justice")."""
    label = _KIND_LABELS.get(kind)
    if label is None:  # a kind this version does not know: shown as stored
        return kind[:1].upper() + kind[1:]
    return QCoreApplication.translate("AgencyKinds", label)


class AgencyListModel(RowsTableModel[AgencyInfo]):
    """Every agency with its kind and what names it."""

    HEADERS = ("Agency", "Kind", "Events", "Cast members", "Session participants")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        agency = self.valid_row(index)
        if agency is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            counts = (agency.events, agency.people, agency.participants)
            return (agency.name, kind_label(agency.kind), *map(str, counts))[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return agency.name
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def row_of(self, agency_id: int) -> int | None:
        """The row showing the agency with this id (None: not listed)."""
        for row in range(self.rowCount()):
            if self.row_value(row).id == agency_id:
                return row
        return None
