"""The numbered key practice episodes beside the on-screen timeline, in full.

The chart numbers every key episode and shows its whole label only where it fits;
this list gives every numbered episode in full, so none is ever cut short on screen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from deepdive.ui.timeline.labels import full_text, key_numbers
from deepdive.ui.timeline.layout import TimelineEvent

Index = QModelIndex | QPersistentModelIndex
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class KeyEpisodesModel(QAbstractListModel):
    """One row per key practice episode: "3 · 14 Mar 2016 · Three-day exclusion."."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, str]] = []
        self._ids: dict[int, int] = {}

    def set_events(self, events: list[TimelineEvent]) -> None:
        """The timeline's events (only the key episodes are listed, by number)."""
        numbers = key_numbers(events)
        labels = {e.id: e.label for e in events if e.key}
        self.beginResetModel()
        self._rows = sorted(
            ((numbers[i], label) for i, label in labels.items()), key=lambda row: row[0]
        )
        self._ids = {number: event_id for event_id, number in numbers.items()}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return full_text(number, label)
        if role == EVENT_ID_ROLE:
            return self._ids.get(number)
        return None
