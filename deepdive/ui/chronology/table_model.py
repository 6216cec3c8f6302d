"""The chronology as a Qt table model: every event held as a light row, shown lazily.

The model keeps all the case's :class:`EventRow` tuples in chronology order and a
list of the positions that pass the filter, in the chosen sort order. Qt asks only
for the rows on screen, and their cell texts (date, age, first line of the text)
are worked out then, column by column, and cached by event id, so a 10,000-event
case opens as fast as its rows can be read; :meth:`ChronologyModel.warm_cells` works
out the rest while the app is idle, so scrolling finds them ready. Filtering and
sorting happen here rather than in a QSortFilterProxyModel, because Python callbacks
for every row would be too slow.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from deepdive.domain.ages import BirthMonth
from deepdive.services.events import EventRow
from deepdive.ui.chronology.display import age_text, first_line, plain_text, span_text
from deepdive.ui.chronology.event_filter import EventFilter, matching, searchable_text

Index = QModelIndex | QPersistentModelIndex
EVENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_MARK = "◆"
_KEY_BACKGROUND = QColor(255, 244, 214)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_DISPLAY = Qt.ItemDataRole.DisplayRole
_BACKGROUND = Qt.ItemDataRole.BackgroundRole
_FONT = Qt.ItemDataRole.FontRole
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole
_ROLES = frozenset(
    {
        _DISPLAY,
        _BACKGROUND,
        _FONT,
        _ALIGNMENT,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        EVENT_ID_ROLE,
    }
)


class Column(IntEnum):
    """The chronology table's columns, in order."""

    DATE = 0
    AGE = 1
    KEY = 2
    CATEGORY = 3
    AGENCY = 4
    DESCRIPTION = 5
    PEOPLE = 6
    SIGNIFICANCE = 7
    VOICE = 8
    OUTCOME = 9
    TAGS = 10


_COLUMNS = len(Column)
_TEXT_FIELDS = {
    Column.DESCRIPTION: "description",
    Column.SIGNIFICANCE: "significance",
    Column.VOICE: "voice",
    Column.OUTCOME: "outcome",
}

HEADERS = {
    Column.DATE: "Date",
    Column.AGE: "Age",
    Column.KEY: "Key",
    Column.CATEGORY: "Domain",
    Column.AGENCY: "Source",
    Column.DESCRIPTION: "What happened",
    Column.PEOPLE: "People",
    Column.SIGNIFICANCE: "Significance",
    Column.VOICE: "Young person's voice",
    Column.OUTCOME: "Outcome / action",
    Column.TAGS: "Tags",
}


@functools.cache
def _bold() -> QFont:
    # Made on first use: a QFont needs the application to exist.
    font = QFont()
    font.setBold(True)
    return font


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChronologyModel", text)


def _order(row: EventRow) -> tuple[str, int, int]:
    return (row.sort_key, row.position, row.id)


class ChronologyModel(QAbstractTableModel):
    """All of a case's events; shows those that pass the filter, sorted as asked."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[EventRow] = []
        self._visible: list[int] = []
        self._filter = EventFilter()
        self._sort: tuple[int, Qt.SortOrder] = (Column.DATE, Qt.SortOrder.AscendingOrder)
        self._birth: BirthMonth | None = None
        self._people: dict[int, str] = {}
        # Cell texts by event id * columns + column, each worked out when first shown
        # (hidden columns never). Int keys and str values keep the dict out of the
        # garbage collector's sight, so a full collection never stalls a scroll.
        self._cells: dict[int, str] = {}
        self._haystacks: dict[int, str] = {}
        # Dates repeat across events: their shown forms and ages are worked out once.
        self._spans: dict[tuple[str, str | None], str] = {}
        self._ages: dict[str, str] = {}
        self._warmed = 0  # rows shown whose cells warm_cells has worked out

    # ------------------------------------------------------------------ data in
    def set_rows(
        self, rows: Sequence[EventRow], birth: BirthMonth | None, people: dict[int, str]
    ) -> None:
        """Show these events (in chronology order), ages from ``birth``, people by name."""
        self.beginResetModel()
        self._rows = list(rows)
        self._birth = birth
        self._people = dict(people)
        self._forget_texts()
        self._refresh()
        self.endResetModel()

    def set_context(self, birth: BirthMonth | None, people: dict[int, str]) -> None:
        """The case's birth or cast changed: ages and names are worked out again."""
        self.beginResetModel()
        self._birth, self._people = birth, dict(people)
        self._forget_texts()
        self._refresh()
        self.endResetModel()

    def _forget_texts(self) -> None:
        self._cells.clear()
        self._haystacks.clear()
        self._spans.clear()
        self._ages.clear()

    def apply_changes(self, changed: Iterable[EventRow], removed: Iterable[int]) -> None:
        """Put changed or new events in place and drop removed ones."""
        changed = list(changed)
        gone = set(removed) | {row.id for row in changed}
        for event_id in gone:
            for column in range(_COLUMNS):
                self._cells.pop(event_id * _COLUMNS + column, None)
            self._haystacks.pop(event_id, None)
        rows = sorted([*(r for r in self._rows if r.id not in gone), *changed], key=_order)
        visible = self._visible_for(rows)
        self._warmed = 0
        if len(visible) != len(self._visible):
            self.beginResetModel()
            self._rows, self._visible = rows, visible
            self.endResetModel()
            return
        # As many rows as before: a layout change keeps the selection on its events.
        self.layoutAboutToBeChanged.emit()
        old_ids = [self._rows[i].id for i in self._visible]
        persistent = self.persistentIndexList()
        self._rows, self._visible = rows, visible
        rows_of = {rows[i].id: n for n, i in enumerate(visible)}
        self.changePersistentIndexList(
            persistent,
            [
                self.index(rows_of[old_ids[p.row()]], p.column())
                if old_ids[p.row()] in rows_of
                else QModelIndex()
                for p in persistent
            ],
        )
        self.layoutChanged.emit()

    def set_filter(self, event_filter: EventFilter) -> None:
        """Show only the events that pass ``event_filter``."""
        if event_filter == self._filter:
            return
        self.beginResetModel()
        self._filter = event_filter
        self._refresh()
        self.endResetModel()

    @property
    def event_filter(self) -> EventFilter:
        """The filter in force."""
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        old_ids = [self._rows[i].id for i in self._visible]
        persistent = self.persistentIndexList()
        self._sort = (column, order)
        self._refresh()
        rows_of = {self._rows[i].id: n for n, i in enumerate(self._visible)}
        self.changePersistentIndexList(
            persistent, [self.index(rows_of[old_ids[p.row()]], p.column()) for p in persistent]
        )
        self.layoutChanged.emit()

    def _refresh(self) -> None:
        self._visible = self._visible_for(self._rows)
        self._warmed = 0

    def _visible_for(self, rows: list[EventRow]) -> list[int]:
        visible = matching(rows, self._filter, self._haystack)
        column, order = self._sort
        if column != Column.DATE and 0 <= column < len(Column):
            visible.sort(key=lambda i: (self._text(rows[i], column).casefold(), i))
        if order == Qt.SortOrder.DescendingOrder:
            visible.reverse()
        return visible

    def warm_search(self, limit: int | None = None) -> bool:
        """Build up to ``limit`` events' searchable text now (when idle), so the first
        keystroke is quick; True once every event's is built."""
        built = 0
        for row in self._rows:
            if row.id not in self._haystacks:
                self._haystack(row)
                built += 1
                if limit is not None and built >= limit:
                    return False
        return True

    def warm_cells(self, columns: Iterable[int], limit: int) -> bool:
        """Work out the texts of these columns for up to ``limit`` more events, in the
        order shown (when idle), so scrolling finds them ready; True once all are."""
        wanted = list(columns)
        visible, rows = self._visible, self._rows
        start = self._warmed
        end = min(len(visible), start + limit)
        for position in range(start, end):
            row = rows[visible[position]]
            for column in wanted:
                self._text(row, column)
        self._warmed = end
        return end >= len(visible)

    def _haystack(self, row: EventRow) -> str:
        text = self._haystacks.get(row.id)
        if text is None:
            text = self._haystacks[row.id] = searchable_text(row, self._people)
        return text

    # ----------------------------------------------------------------- data out
    def all_rows(self) -> list[EventRow]:
        """Every event of the case, in chronology order."""
        return self._rows

    def visible_rows(self) -> list[EventRow]:
        """The events that pass the filter, in chronology order."""
        return [self._rows[i] for i in sorted(self._visible)]

    def event_at(self, row: int) -> EventRow:
        """The event shown in ``row``."""
        return self._rows[self._visible[row]]

    def row_of(self, event_id: int) -> int | None:
        """The row showing the event, if it passes the filter."""
        for n, i in enumerate(self._visible):
            if self._rows[i].id == event_id:
                return n
        return None

    def find(self, event_id: int) -> EventRow | None:
        """The event with this id, shown or not."""
        return next((row for row in self._rows if row.id == event_id), None)

    def total(self) -> int:
        """How many events the case has."""
        return len(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else _COLUMNS

    def shown_text(self, position: int, column: int) -> tuple[str, bool]:
        """The text of one cell and whether its row is a key practice episode (for
        painting: one call per cell instead of one per role)."""
        row = self._rows[self._visible[position]]
        return self._text(row, column), bool(row.stored_key_episode)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.ToolTipRole and section == Column.KEY:
            return _tr("Key practice episode")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks for a dozen roles per cell while painting: unknown ones leave first.
        if role not in _ROLES:
            return None
        position = index.row()
        if not 0 <= position < len(self._visible) or not index.isValid():
            return None
        row = self._rows[self._visible[position]]
        column = index.column()
        if role == _DISPLAY:
            return self._text(row, column)
        if role == _BACKGROUND:
            return _KEY_BACKGROUND if row.stored_key_episode else None
        if role == EVENT_ID_ROLE:
            return row.id
        if role == _FONT:
            return _bold() if row.stored_key_episode and column == Column.DATE else None
        if role == _ALIGNMENT:
            return _CENTRE if column == Column.KEY else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.KEY:
            return _tr("Key practice episode") if row.stored_key_episode else _tr("Not key")
        return None

    def _text(self, row: EventRow, column: int) -> str:
        key = row.id * _COLUMNS + column
        text = self._cells.get(key)
        if text is None:
            text = self._cells[key] = self._work_out(row, column)
        return text

    def _work_out(self, row: EventRow, column: int) -> str:
        if column == Column.DATE:
            span = (row.date_text, row.end_text)
            text = self._spans.get(span)
            if text is None:
                text = self._spans[span] = span_text(*span)
            return text
        if column == Column.AGE:
            age = self._ages.get(row.date_text)
            if age is None:
                age = self._ages[row.date_text] = age_text(self._birth, row.date_text)
            return age
        if column == Column.KEY:
            return KEY_MARK if row.stored_key_episode else ""
        if column == Column.CATEGORY:
            return row.category
        if column == Column.AGENCY:
            return row.agency or ""
        if column == Column.PEOPLE:
            return ", ".join(self._people.get(p, "?") for p in row.people)
        if column == Column.TAGS:
            return ", ".join(row.tags)
        return first_line(getattr(row, _TEXT_FIELDS[Column(column)]))

    def _tooltip(self, row: EventRow, column: int) -> str | None:
        texts = {
            Column.DESCRIPTION: row.description,
            Column.SIGNIFICANCE: row.significance,
            Column.VOICE: row.voice,
            Column.OUTCOME: row.outcome,
        }
        if column in texts and texts[Column(column)]:
            return plain_text(texts[Column(column)])
        if column == Column.KEY and row.stored_key_episode:
            return _tr("Key practice episode")
        if column in (Column.DATE, Column.AGENCY, Column.PEOPLE, Column.TAGS):
            return self._text(row, column) or None  # in full, if the column cuts it short
        return None
