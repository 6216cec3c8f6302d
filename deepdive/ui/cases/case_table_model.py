"""The case list as a Qt table model over plain :class:`CaseSummary` rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from deepdive.domain.vocabulary import CaseStatus
from deepdive.services.results import CaseSummary

Index = QModelIndex | QPersistentModelIndex

CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2
ARCHIVED_ROLE = Qt.ItemDataRole.UserRole + 3
SEARCH_TEXT_ROLE = Qt.ItemDataRole.UserRole + 4


class Column(IntEnum):
    """The case list's columns, in order."""

    CODE = 0
    PSEUDONYM = 1
    STATUS = 2
    CHANGED = 3
    EVENTS = 4
    SESSIONS = 5


_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _tr(text: str) -> str:
    return QCoreApplication.translate("CaseTableModel", text)


HEADERS = {
    Column.CODE: "Code",
    Column.PSEUDONYM: "Young person",
    Column.STATUS: "Status",
    Column.CHANGED: "Last changed",
    Column.EVENTS: "Events",
    Column.SESSIONS: "Sessions",
}


def friendly_time(moment: datetime, now: datetime | None = None) -> str:
    """'Today 14:05', 'Yesterday', or '3 Mar 2024' in local time."""
    local = moment.astimezone()
    today = (now or datetime.now(UTC)).astimezone().date()
    days = (today - local.date()).days
    if days == 0:
        return _tr("Today") + local.strftime(" %H:%M")
    if days == 1:
        return _tr("Yesterday")
    return f"{local.day} {local.strftime('%b %Y')}"


def holds_identifiers(code: str, count: int) -> str:
    """What the marker beside a case's code (and the status bar) says."""
    what = _tr("1 identifier") if count == 1 else _tr("{n} identifiers").format(n=count)
    return _tr("{code} holds {what} to fix — Privacy ▸ Check this case for identifiers").format(
        code=code, what=what
    )


@dataclass(frozen=True)
class _Row:
    """A case with its cells worked out once, so sorting and filtering stay cheap."""

    summary: CaseSummary
    display: tuple[str, ...]
    sort: tuple[Any, ...]  # one comparable key per column
    search: str

    @classmethod
    def of(cls, row: CaseSummary) -> _Row:
        status = _tr(CaseStatus(row.status).label) + (_tr(" · archived") if row.archived else "")
        display = (
            row.code,
            row.pseudonym,
            status,
            friendly_time(row.updated_at),
            str(row.event_count),
            str(row.session_count),
        )
        sort = (
            row.code.casefold(),
            row.pseudonym.casefold(),
            status.casefold(),
            row.updated_at.timestamp(),
            row.event_count,
            row.session_count,
        )
        return cls(row, display, sort, f"{row.code} {row.pseudonym}".casefold())


class CaseTableModel(QAbstractTableModel):
    """Rows of the case list; updated row by row as the services report changes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[_Row] = []
        self._italic = QFont()
        self._italic.setItalic(True)
        # The model keeps its rows in the order shown: sorting a thousand rows with
        # Python keys once is far quicker than a proxy calling data() per comparison.
        self._sort_column = -1
        self._descending = False
        # How many identifiers each case holds (counted in the background; see
        # deepdive.ui.privacy.tally): a case holding any is marked beside its code.
        self._flags: dict[int, int] = {}
        self._marker: QIcon | None = None

    def set_flag(self, case_id: int, count: int) -> None:
        """``case_id`` holds ``count`` identifiers an export would refuse."""
        if self._flags.get(case_id, 0) == count:
            return
        self._flags[case_id] = count
        position = self.row_of(case_id)
        if position is not None:
            self.dataChanged.emit(self.index(position, Column.CODE), self.index(position, 0))

    def flag(self, case_id: int) -> int:
        """How many identifiers ``case_id`` holds, as last counted."""
        return self._flags.get(case_id, 0)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Order the rows by ``column`` (stable: equal rows keep their order)."""
        self._sort_column = column if 0 <= column < len(Column) else -1
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._relayout()

    def _in_order(self, rows: list[_Row]) -> list[_Row]:
        if self._sort_column < 0:
            return rows
        column = self._sort_column
        return sorted(rows, key=lambda r: r.sort[column], reverse=self._descending)

    def _relayout(self) -> None:
        """Re-sort the rows, keeping selections and other persistent indexes on them."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        ids = [self._rows[i.row()].summary.id for i in before]
        self._rows = self._in_order(self._rows)
        position = {r.summary.id: n for n, r in enumerate(self._rows)}
        after = [self.index(position[i], old.column()) for i, old in zip(ids, before, strict=True)]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def set_rows(self, rows: list[CaseSummary]) -> None:
        """Replace every row (used when a workspace opens).

        When the same cases are listed in the same order (the start-up list being
        confirmed by the full open) the rows are refreshed in place, so the user's
        selection and scrolling stay where they are.
        """
        fresh = self._in_order([_Row.of(r) for r in rows])
        if fresh and [r.summary.id for r in fresh] == [r.summary.id for r in self._rows]:
            self._rows = fresh
            last = self.index(len(fresh) - 1, len(Column) - 1)
            self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = fresh
        self.endResetModel()

    def upsert(self, row: CaseSummary) -> None:
        """Add the case, or refresh its row if it is already listed."""
        position = self.row_of(row.id)
        fresh = _Row.of(row)
        if position is None:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(fresh)
            self.endInsertRows()
        else:
            moved = self._sort_column >= 0 and (
                fresh.sort[self._sort_column] != self._rows[position].sort[self._sort_column]
            )
            self._rows[position] = fresh
            self.dataChanged.emit(self.index(position, 0), self.index(position, len(Column) - 1))
            if not moved:
                return
        if self._sort_column >= 0:
            self._relayout()

    def remove(self, case_id: int) -> None:
        """Drop the case's row if it is listed."""
        position = self.row_of(case_id)
        if position is not None:
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()

    def row_of(self, case_id: int) -> int | None:
        """The row showing ``case_id``, if any."""
        for position, row in enumerate(self._rows):
            if row.summary.id == case_id:
                return position
        return None

    def summary_at(self, row: int) -> CaseSummary:
        """The case shown in ``row``."""
        return self._rows[row].summary

    def _marker_icon(self) -> QIcon:
        if self._marker is None:  # drawn once, when first needed
            pixmap = QPixmap(12, 12)
            pixmap.fill(QColor(0, 0, 0, 0))
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QColor("#8e1b1b"))
            painter.setBrush(QColor("#c62828"))
            painter.drawEllipse(1, 1, 10, 10)
            painter.end()
            self._marker = QIcon(pixmap)
        return self._marker

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[Column(section)])
        if role == Qt.ItemDataRole.TextAlignmentRole and section >= Column.EVENTS:
            return _RIGHT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.display[column]
        if role == Qt.ItemDataRole.EditRole:
            return row.sort[column]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column >= Column.EVENTS else None
        if role == Qt.ItemDataRole.FontRole:
            return self._italic if row.summary.archived else None
        flagged = self._flags.get(row.summary.id, 0) if column == Column.CODE else 0
        if flagged and role == Qt.ItemDataRole.DecorationRole:
            return self._marker_icon()
        if flagged and role in (
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleDescriptionRole,
        ):
            return holds_identifiers(row.summary.code, flagged)
        if role == Qt.ItemDataRole.ToolTipRole and row.summary.archived:
            return _tr("Archived case")
        if role == CASE_ID_ROLE:
            return row.summary.id
        if role == STATUS_ROLE:
            return row.summary.status
        if role == ARCHIVED_ROLE:
            return row.summary.archived
        if role == SEARCH_TEXT_ROLE:
            return row.search
        return None
