"""A case's sessions as a Qt table model: title, date, template, status."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from deepdive.services.session_results import SessionSummary
from deepdive.ui.sessions.days import day_text
from deepdive.ui.widgets.rows_model import RowsTableModel

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


class SessionTableModel(RowsTableModel[SessionSummary]):
    """Read-only rows of :class:`SessionSummary`, newest first as the service gives them."""

    HEADERS = _HEADERS

    def session_at(self, row: int) -> SessionSummary:
        """The session in ``row``."""
        return self._rows[row]

    def row_of(self, session_id: int) -> int:
        """The row showing ``session_id``, or -1."""
        for row, summary in enumerate(self._rows):
            if summary.id == session_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        summary = self.valid_row(index)
        if summary is None:
            return None
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
        status = summary.status
        return _tr(STATUS_TEXT[status]) if status in STATUS_TEXT else status
