"""The events listed on the projector when no timeline drawing is given."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from deepdive.ui.sessions.event_table import event_line

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

Index = QModelIndex | QPersistentModelIndex


class ChronologyListModel(QAbstractListModel):
    """Events for the room to see, key practice episodes in bold, marked ones shaded."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._events: list[EventInfo] = []
        self._lines: list[str] = []
        self._marked: set[int] = set()

    def set_events(self, events: list[EventInfo]) -> None:
        """Show these events in date order."""
        self.beginResetModel()
        self._events = list(events)
        self._lines = [event_line(e) for e in events]
        self.endResetModel()

    def set_marked(self, event_ids: list[int]) -> None:
        """Shade the events the room has marked."""
        self._marked = set(event_ids)
        if self._events:
            self.dataChanged.emit(self.index(0), self.index(len(self._events) - 1))

    def row_of(self, event_id: int) -> int:
        """The row of an event, or -1."""
        return next((row for row, e in enumerate(self._events) if e.id == event_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "● " if event.id in self._marked else "   "
            return mark + self._lines[index.row()]
        if role == Qt.ItemDataRole.FontRole and (event.key_episode or event.id in self._marked):
            font = QFont()
            font.setBold(True)
            return font
        return None
