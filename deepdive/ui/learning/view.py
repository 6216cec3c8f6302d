"""The Learning view: theme counts with the items behind them, outcome charts, filters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.services.learning import (
    DEFAULT_THRESHOLD,
    LearningFilter,
    LearningSummary,
    ThemeCount,
)
from deepdive.services.learning_charts import BarChart, learning_charts
from deepdive.ui.change_relay import ChangeRelay
from deepdive.ui.learning.chart_widget import ChartWidget
from deepdive.ui.learning.filter_bar import LearningFilterBar
from deepdive.ui.learning.models import SORT_ROLE, OccurrenceTableModel, ThemeTableModel
from deepdive.ui.learning.theme_actions import ThemeActions

REFRESH_DELAY_MS = 400  # gather a burst of edits elsewhere into one refresh


def summary_text(summary: LearningSummary) -> str:
    """The headline figures in one line (on screen: true numbers, not suppressed)."""
    parts = [f"{summary.cases} cases", f"{len(summary.themes)} themes in use"]
    if summary.edge_of_care_cases:
        share = round(100 * (summary.stayed_share or 0))
        parts.append(
            f"edge of care: {share}% stayed at home or with family "
            f"({summary.stayed_with_family} of {summary.edge_of_care_cases})"
        )
    if summary.missing_cases:
        parts.append(
            f"missing episodes: {summary.missing_before} before hub support, "
            f"{summary.missing_after} since ({summary.missing_cases} young people)"
        )
    return " · ".join(parts)


class LearningView(QWidget):
    """A window of what the team has learned across every case in the workspace."""

    case_requested = Signal(int)  # case id, when an item behind a count is opened
    report_requested = Signal(object)  # LearningFilter

    def __init__(
        self,
        services: Services,
        parent: QWidget | None = None,
        *,
        threshold: int = DEFAULT_THRESHOLD,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._services = services
        self.threshold = threshold
        self.summary: LearningSummary | None = None
        self.setWindowTitle(self.tr("Learning across cases"))
        self.setAccessibleName(self.tr("Learning across cases"))
        self.resize(1280, 800)

        self.filter_bar = LearningFilterBar(self)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("errorHint")
        self.headline = QLabel(self)
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Headline figures"))
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.headline.setFont(font)

        self.themes = ThemeTableModel(self)
        self.theme_proxy = QSortFilterProxyModel(self)
        self.theme_proxy.setSourceModel(self.themes)
        self.theme_proxy.setSortRole(SORT_ROLE)
        self.theme_table = QTableView(self)
        self.theme_table.setModel(self.theme_proxy)
        self.theme_table.setAccessibleName(self.tr("Learning themes with counts"))
        self.theme_table.setSortingEnabled(True)
        self.theme_table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.occurrences = OccurrenceTableModel(self)
        self.occurrence_table = QTableView(self)
        self.occurrence_table.setModel(self.occurrences)
        self.occurrence_table.setAccessibleName(self.tr("The cases and episodes behind the count"))
        for table in (self.theme_table, self.occurrence_table):
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.verticalHeader().hide()
            table.setAlternatingRowColors(True)
            table.setWordWrap(False)
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.theme_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.occurrence_table.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.behind_label = QLabel(self.tr("Select a theme to see the cases behind it."), self)
        self.behind_label.setWordWrap(True)

        self.chart_tabs = QTabWidget(self)
        self.chart_tabs.setAccessibleName(self.tr("Outcome charts"))
        self.chart_widgets: dict[str, ChartWidget] = {}
        self.hide_small = QCheckBox(
            self.tr("Hide figures from fewer than {n} cases").format(n=threshold), self
        )
        self.hide_small.setAccessibleName(self.tr("Hide small numbers on the charts"))
        self.export_chart_button = QPushButton(self.tr("Export chart…"), self)
        self.export_chart_button.setAccessibleName(self.tr("Export the chart as PNG or SVG"))
        self.report_button = QPushButton(self.tr("Export programme report…"), self)
        self.report_button.setAccessibleName(self.tr("Export programme report"))

        self.theme_actions = ThemeActions(
            self.theme_table,
            services,
            self.selected_theme,
            self.problem_label.setText,
            self.refresh,
        )
        self._build_layout()
        self.filter_bar.filter_changed.connect(lambda _f: self.refresh())
        self.filter_bar.problem.connect(self.problem_label.setText)
        self.theme_table.selectionModel().selectionChanged.connect(self._on_theme_selected)
        self.occurrence_table.doubleClicked.connect(self._on_occurrence_opened)
        self.hide_small.toggled.connect(lambda _on: self._show_charts())
        self.export_chart_button.clicked.connect(self.choose_chart_file)
        self.report_button.clicked.connect(
            lambda: self.report_requested.emit(self.current_filter())
        )
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self.refresh)
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self.refresh()

    def _build_layout(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(self.tr("<b>Learning themes</b>"), left)
        left_layout.addWidget(title)
        left_layout.addWidget(self.theme_table, 3)
        left_layout.addWidget(self.behind_label)
        left_layout.addWidget(self.occurrence_table, 2)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>Outcomes across cases</b>"), right))
        right_layout.addWidget(self.chart_tabs, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hide_small)
        buttons.addStretch(1)
        buttons.addWidget(self.export_chart_button)
        buttons.addWidget(self.report_button)
        right_layout.addLayout(buttons)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([620, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.headline)
        layout.addWidget(splitter, 1)

    # ---------------------------------------------------------------- data
    def current_filter(self) -> LearningFilter:
        """The filter in force (the last one that could be read)."""
        try:
            return self.filter_bar.current()
        except Exception:  # a half-typed date: keep the figures shown
            return self.summary.filter if self.summary is not None else LearningFilter()

    def refresh(self) -> None:
        """Read the figures again for the current filter."""
        self.summary = self._services.learning.summary(self.current_filter())
        self.headline.setText(summary_text(self.summary))
        self.themes.set_rows(self.summary.themes)
        self.occurrences.set_rows([])
        self.behind_label.setText(self.tr("Select a theme to see the cases behind it."))
        self._show_charts()

    def charts(self, *, for_export: bool = False) -> list[BarChart]:
        """The charts as shown (or, for export, always with small numbers hidden)."""
        if self.summary is None:
            return []
        hide = for_export or self.hide_small.isChecked()
        return learning_charts(self.summary, self.threshold if hide else None)

    def _show_charts(self) -> None:
        current = self.chart_tabs.currentIndex()
        for chart in self.charts():
            widget = self.chart_widgets.get(chart.key)
            if widget is None:
                widget = ChartWidget(self.chart_tabs)
                self.chart_widgets[chart.key] = widget
                self.chart_tabs.addTab(widget, _short_title(chart))
            widget.set_chart(chart)
        if current >= 0:
            self.chart_tabs.setCurrentIndex(current)

    def _on_changed(self, _change: Change) -> None:
        self._refresh_timer.start()

    def selected_theme(self) -> ThemeCount | None:
        """The theme selected in the table, if any."""
        rows = self.theme_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.themes.theme_at(self.theme_proxy.mapToSource(rows[0]).row())

    def _on_theme_selected(self) -> None:
        theme = self.selected_theme()
        if theme is None:
            return
        found = self._services.learning.occurrences(theme.theme_id, self.current_filter())
        self.occurrences.set_rows(found)
        self.behind_label.setText(
            self.tr(
                "“{theme}”: {n} items in {cases} cases. Double-click one to open its case."
            ).format(theme=theme.name, n=len(found), cases=theme.cases)
        )

    def _on_occurrence_opened(self) -> None:
        rows = self.occurrence_table.selectionModel().selectedRows()
        if rows:
            self.case_requested.emit(self.occurrences.occurrence_at(rows[0].row()).case_id)

    # ---------------------------------------------------------------- export
    def current_chart(self, *, for_export: bool = True) -> BarChart | None:
        """The chart on the visible tab (suppressed for export by default)."""
        index = self.chart_tabs.currentIndex()
        charts = self.charts(for_export=for_export)
        return charts[index] if 0 <= index < len(charts) else None

    def export_chart(self, path: Path) -> None:
        """Save the visible chart, with small numbers hidden, as PNG or SVG."""
        from deepdive.ui.learning.chart_picture import save_chart

        chart = self.current_chart()
        if chart is not None:
            save_chart(chart, path)

    def choose_chart_file(self) -> None:
        """Ask where to save the visible chart, then save it."""
        chart = self.current_chart()
        if chart is None:
            return
        name, _kind = QFileDialog.getSaveFileName(
            self,
            self.tr("Export chart"),
            str(Path.home() / f"{chart.key}.png"),
            self.tr("PNG image (*.png);;SVG drawing (*.svg)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() not in (".png", ".svg"):
                path = path.with_suffix(".png")
            try:
                self.export_chart(path)
            except OSError as exc:
                self.problem_label.setText(
                    self.tr("The chart was not saved: {reason}").format(
                        reason=exc.strerror or str(exc)
                    )
                )

    def closeEvent(self, event: QCloseEvent) -> None:
        self._relay.detach()
        self._refresh_timer.stop()
        super().closeEvent(event)


def _short_title(chart: BarChart) -> str:
    text = {
        "themes": "Themes",
        "placements": "Where they live",
        "edge_of_care": "Edge of care",
        "missing": "Missing episodes",
    }.get(chart.key, chart.title)
    return QCoreApplication.translate("LearningView", text)
