"""The case list: search box, status filter and a sortable table of cases."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.vocabulary import CaseStatus
from deepdive.services.results import CaseSummary
from deepdive.ui.cases.case_filter import CaseFilterProxy
from deepdive.ui.cases.case_table_model import CASE_ID_ROLE, CaseTableModel, Column


class CaseListPanel(QWidget):
    """Lists the workspace's cases; says which one the user selected."""

    case_selected = Signal(object)  # case id, or None when nothing is selected

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = CaseTableModel(self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search cases by code or pseudonym"))
        self.search.setAccessibleName(self.tr("Search cases"))
        self.search.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setAccessibleName(self.tr("Filter by status"))
        self.status.addItem(self.tr("All statuses"), None)
        for state in CaseStatus:
            self.status.addItem(self.tr(state.label), state.value)

        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(self.tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.CHANGED, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.PSEUDONYM, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # never a clipped title
        self._fit_columns()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.addLayout(filters)
        layout.addWidget(self.table)

        self.search.textChanged.connect(self.proxy.set_search_text)
        self.status.currentIndexChanged.connect(
            lambda _i: self.proxy.set_status(self.status.currentData())
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            # The interface font or theme changed: refit once every widget has taken it.
            QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self) -> None:
        # Widths follow the font, so a larger interface font never cuts codes or titles.
        metrics = self.table.fontMetrics()
        samples = {
            Column.CODE: "DD-2019-0144",
            Column.STATUS: self.tr("In review"),
            Column.CHANGED: self.tr("Today 23:59"),
            Column.EVENTS: self.tr("Events"),
            Column.SESSIONS: self.tr("Sessions"),
        }
        padding = metrics.averageCharWidth() * 3
        for column, sample in samples.items():
            header = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header))
            self.table.setColumnWidth(column, widest + padding)

    def set_cases(self, rows: list[CaseSummary]) -> None:
        """Show these cases (a workspace was opened)."""
        self.model.set_rows(rows)

    def selected_case_id(self) -> int | None:
        """The selected case, if any."""
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(CASE_ID_ROLE)) if rows else None

    def select_case(self, case_id: int) -> None:
        """Select (and scroll to) the case, clearing filters that hide it."""
        source_row = self.model.row_of(case_id)
        if source_row is None:
            return
        index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        if not index.isValid():
            self.search.clear()
            self.status.setCurrentIndex(0)
            if self.model.summary_at(source_row).archived:
                self.proxy.set_show_archived(True)
            index = self.proxy.mapFromSource(self.model.index(source_row, 0))
        self.table.selectRow(index.row())
        self.table.scrollTo(index)

    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self.case_selected.emit(self.selected_case_id())

    def current_index(self) -> QModelIndex:
        """The current index in the table (for tests and keyboard handling)."""
        return self.table.currentIndex()
