"""A case's sessions as a Qt table model: title, date, template, status."""

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

from deepdive.services.session_results import SessionSummary
from deepdive.ui.sessions.days import day_text

Index = QModelIndex | QPersistentModelIndex
SESSION_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class SessionColumn(IntEnum):
    """The session list's columns."""

    TITLE = 0
    DATE = 1
    TEMPLATE = 2
    STATUS = 3


_HEADERS = ("Session", "Date", "Template", "Status")
STATUS_TEXT = {"planned": "Planned", "in_progress": "In progress", "complete": "Complete"}


def _tr(text: str) -> str:
    return QCoreApplication.translate("SessionTableModel", text)


class SessionTableModel(QAbstractTableModel):
    """Read-only rows of :class:`SessionSummary`, newest first as the service gives them."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SessionSummary] = []

    def set_rows(self, rows: list[SessionSummary]) -> None:
        """Show these sessions."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def session_at(self, row: int) -> SessionSummary:
        """The session in ``row``."""
        return self._rows[row]

    def row_of(self, session_id: int) -> int:
        """The row showing ``session_id``, or -1."""
        for row, summary in enumerate(self._rows):
            if summary.id == session_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SessionColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(_HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        summary = self._rows[index.row()]
        if role == SESSION_ID_ROLE:
            return summary.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = SessionColumn(index.column())
        if column is SessionColumn.TITLE:
            return summary.title
        if column is SessionColumn.DATE:
            return day_text(summary.held_on) or _tr("no date")
        if column is SessionColumn.TEMPLATE:
            return summary.template_name
        return _tr(STATUS_TEXT.get(summary.status, summary.status))
