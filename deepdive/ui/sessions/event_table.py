"""A quick one-column table of events, and how one event reads on one line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class EventTable(QTableView):
    """A one-column table that looks like a list.

    A QListView lays every row out again when one row changes, asking the Python
    model about each of 10,000 events; a table view does not, so ticking an event or
    typing a search word stays quick on a long chronology.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.horizontalHeader().hide()
        self.horizontalHeader().setStretchLastSection(True)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)

    def set_row_height_for_font(self) -> None:
        """Fit the rows to the current font (after the font changes)."""
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)


def event_line(event: EventInfo) -> str:
    """One line for an event: date, category and the first line of what happened."""
    first = event.description.strip().splitlines()[0] if event.description.strip() else ""
    return f"{event.span.display()} · {event.category} — {first}"
