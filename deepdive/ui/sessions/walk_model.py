"""The events a walk through the chronology visits, in date order, and where it is.

The walk shows the whole chronology from the earliest entry, or only the key practice
episodes, or only a stretch of dates; the current event stays the same one when the
events are read again (after an edit, an undo) or the filter changes, when it is
still shown.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from deepdive.ui.sessions.event_table import EVENT_ID_ROLE, event_line

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

Index = QModelIndex | QPersistentModelIndex


class WalkModel(QAbstractListModel):
    """The walked events as rows; the current one is :attr:`current_row`."""

    current_changed = Signal(int)  # the current row (-1: nothing to walk)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[EventInfo] = []
        self._events: list[EventInfo] = []
        self._lines: list[str] = []
        self._row = -1
        self._key_only = False
        self._range: tuple[date | None, date | None] = (None, None)
        self._noted: set[int] = set()

    # --------------------------------------------------------------- contents
    def set_events(self, events: list[EventInfo]) -> None:
        """Walk these events in the chronology's order (by date, earliest first, as the
        event service gives them)."""
        self._all = list(events)
        self._refilter()

    def set_filter(
        self, key_only: bool, first: date | None = None, last: date | None = None
    ) -> None:
        """Walk only key practice episodes, and only events that reach into the dates."""
        self._key_only = key_only
        self._range = (first, last)
        self._refilter()

    def set_noted(self, event_ids: set[int]) -> None:
        """The events the room has said something about (shown with a mark)."""
        self._noted = set(event_ids)
        if self._events:
            self.dataChanged.emit(self.index(0), self.index(len(self._events) - 1))

    def _refilter(self) -> None:
        keep = self.current_event()
        first, last = self._range
        self.beginResetModel()
        self._events = [
            e
            for e in self._all
            if (e.key_episode or not self._key_only)
            and (first is None or (e.span.end or e.span.start).latest() >= first)
            and (last is None or e.span.start.earliest() <= last)
        ]
        self._lines = [event_line(e) for e in self._events]
        self.endResetModel()
        row = next((n for n, e in enumerate(self._events) if keep and e.id == keep.id), -1)
        if row < 0 and keep is not None:
            # The event left the walk: go on from the next one in date order.
            after = keep.span.sort_key()
            row = next((n for n, e in enumerate(self._events) if e.span.sort_key() >= after), -1)
            if row < 0:
                row = len(self._events) - 1
        if row < 0 and self._events:
            row = 0
        self._row = -2  # make set_current_row report even an unchanged row
        self.set_current_row(row)

    # ---------------------------------------------------------------- moving
    @property
    def current_row(self) -> int:
        """The row of the event on screen (-1 when there is none)."""
        return self._row

    def current_event(self) -> EventInfo | None:
        """The event on screen."""
        return self._events[self._row] if 0 <= self._row < len(self._events) else None

    def next_event(self) -> EventInfo | None:
        """The event that comes after the current one."""
        row = self._row + 1
        return self._events[row] if 0 < row < len(self._events) else None

    def event_at(self, row: int) -> EventInfo:
        """The event in ``row``."""
        return self._events[row]

    def events(self) -> list[EventInfo]:
        """The walked events, in order."""
        return list(self._events)

    def set_current_row(self, row: int) -> None:
        """Show the event in ``row`` (clamped to the walk)."""
        row = max(0, min(len(self._events) - 1, row)) if self._events else -1
        if row != self._row:
            self._row = row
            self.current_changed.emit(row)

    def step(self, by: int) -> None:
        """Move on (positive) or back (negative) through the walk."""
        if self._events:
            self.set_current_row(self._row + by)

    def go_to_event(self, event_id: int) -> bool:
        """Show this event, if it is in the walk."""
        row = next((n for n, e in enumerate(self._events) if e.id == event_id), -1)
        if row >= 0:
            self.set_current_row(row)
        return row >= 0

    def go_to_date(self, day: date) -> bool:
        """Show the first event that reaches ``day`` or comes after it (False: none)."""
        row = next(
            (n for n, e in enumerate(self._events) if (e.span.end or e.span.start).latest() >= day),
            -1,
        )
        if row >= 0:
            self.set_current_row(row)
        return row >= 0

    # ------------------------------------------------------------------ Qt
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "★ " if event.key_episode else ""
            noted = "  ✎" if event.id in self._noted else ""
            return mark + self._lines[index.row()] + noted
        if role == Qt.ItemDataRole.ToolTipRole:
            return event.description
        if role == Qt.ItemDataRole.FontRole and event.key_episode:
            font = QFont()
            font.setBold(True)
            return font
        if role == EVENT_ID_ROLE:
            return event.id
        return None
