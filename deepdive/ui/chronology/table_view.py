"""The chronology table: remembered columns and widths, rows of one fixed height.

Cells are drawn by :class:`CellPainter`, which is quick enough to scroll 10,000
events smoothly.

Right-click the header to show or hide columns; widths, order and visibility are
remembered between runs.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from deepdive.ui.chronology.cell_painter import CellPainter
from deepdive.ui.chronology.table_model import HEADERS, ChronologyModel, Column

HEADER_KEY = "chronology/header"
TWO_LINES_KEY = "chronology/two_lines"
DEFAULT_WIDTHS = {
    Column.DATE: 172,
    Column.AGE: 62,
    Column.KEY: 30,
    Column.CATEGORY: 96,
    Column.AGENCY: 140,
    Column.DESCRIPTION: 220,
    Column.PEOPLE: 150,
    Column.SIGNIFICANCE: 240,
    Column.VOICE: 200,
    Column.OUTCOME: 200,
    Column.TAGS: 120,
}
HIDDEN_AT_FIRST = (
    Column.AGENCY,
    Column.PEOPLE,
    Column.SIGNIFICANCE,
    Column.VOICE,
    Column.OUTCOME,
    Column.TAGS,
)


class ChronologyTable(QTableView):
    """A table of events whose column layout is kept in ``settings``."""

    def __init__(
        self, model: ChronologyModel, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setModel(model)
        self.cell_painter = CellPainter(model, self)
        self.setItemDelegate(self.cell_painter)
        self.setAccessibleName(self.tr("Chronology"))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setAlternatingRowColors(True)
        self.setSortingEnabled(True)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.hide()
        # One fixed height: Qt never measures 10,000 rows.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self._two_lines = self._settings.value(TWO_LINES_KEY, False) in (True, "true", "1")
        self._size_rows()
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setSortIndicator(Column.DATE, Qt.SortOrder.AscendingOrder)
        self._restore()
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(500)
        self._save_timer.timeout.connect(self.save_state)
        header.sectionResized.connect(lambda *_: self._save_timer.start())
        header.sectionMoved.connect(lambda *_: self._save_timer.start())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self.cell_painter.forget()
            self._size_rows()
        super().changeEvent(event)

    @property
    def two_lines(self) -> bool:
        """Whether rows are tall enough for two lines of "What happened" (remembered)."""
        return self._two_lines

    def set_two_lines(self, on: bool) -> None:
        """Rows of two lines of text (fewer rows show) or of one."""
        self._two_lines = on
        self._settings.setValue(TWO_LINES_KEY, on)
        self._size_rows()

    def _size_rows(self) -> None:
        # One fixed height for every row (Qt never measures 10,000 rows); texts wrap
        # onto a second line when it has room for one (see CellPainter).
        metrics = self.fontMetrics()
        height = 2 * metrics.lineSpacing() + 8 if self._two_lines else metrics.height() + 10
        self.verticalHeader().setDefaultSectionSize(height)

    def _restore(self) -> None:
        header = self.horizontalHeader()
        for column, width in DEFAULT_WIDTHS.items():
            self.setColumnWidth(column, width)
        for column in HIDDEN_AT_FIRST:
            self.setColumnHidden(column, True)
        state = self._settings.value(HEADER_KEY)
        if isinstance(state, QByteArray) and not state.isEmpty():
            header.restoreState(state)
            # The date column always sorts: a restored state may not have shown it.
            header.setSortIndicator(Column.DATE, Qt.SortOrder.AscendingOrder)
        # What happened takes the room the other columns leave (they keep their widths).
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)

    def save_state(self) -> None:
        """Remember widths, order and which columns show."""
        self._settings.setValue(HEADER_KEY, self.horizontalHeader().saveState())
        self._settings.sync()

    def set_column_shown(self, column: Column, shown: bool) -> None:
        """Show or hide a column (remembered)."""
        self.setColumnHidden(column, not shown)
        if shown and self.columnWidth(column) < 30:
            self.setColumnWidth(column, DEFAULT_WIDTHS[column])
        self.save_state()

    def column_menu(self) -> QMenu:
        """A menu with a check item per column."""
        menu = QMenu(self)
        two = QAction(self.tr("Two lines of text per row"), menu)
        two.setCheckable(True)
        two.setChecked(self._two_lines)
        two.toggled.connect(self.set_two_lines)
        menu.addAction(two)
        menu.addSeparator()
        for column in Column:
            if column is Column.DESCRIPTION:
                continue  # always shown: it is what the row is about
            action = QAction(self.tr(HEADERS[column]), menu)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda on, c=column: self.set_column_shown(c, on))
            menu.addAction(action)
        return menu

    def _column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()
