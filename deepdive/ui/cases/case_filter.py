"""Filtering the case list: search text, status, archived cases (the model sorts)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from deepdive.ui.cases.case_table_model import ARCHIVED_ROLE, SEARCH_TEXT_ROLE, STATUS_ROLE


class CaseFilterProxy(QSortFilterProxyModel):
    """Shows the cases whose code or pseudonym contain every word typed."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._status: str | None = None
        self._show_archived = False
        self.setDynamicSortFilter(True)

    def set_search_text(self, text: str) -> None:
        """Filter by words (all must match, in any order, ignoring case)."""
        self.beginFilterChange()
        self._words = text.casefold().split()
        self.endFilterChange()

    def set_status(self, status: str | None) -> None:
        """Only cases with this status (None for any)."""
        self.beginFilterChange()
        self._status = status
        self.endFilterChange()

    def set_show_archived(self, show: bool) -> None:
        """Whether archived cases are listed."""
        self.beginFilterChange()
        self._show_archived = show
        self.endFilterChange()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's: this proxy keeps its order and only filters."""
        source = self.sourceModel()
        if source is not None:
            source.sort(column, order)

    @property
    def show_archived(self) -> bool:
        """Whether archived cases are listed."""
        return self._show_archived

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if not self._show_archived and model.data(index, ARCHIVED_ROLE):
            return False
        if self._status is not None and model.data(index, STATUS_ROLE) != self._status:
            return False
        haystack = str(model.data(index, SEARCH_TEXT_ROLE))
        return all(word in haystack for word in self._words)
