"""The Learning view: theme counts with the items behind them, outcome charts, filters."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.learning import (
    DEFAULT_THRESHOLD,
    LearningFilter,
    LearningSummary,
    ThemeCount,
)
from deepdive.services.learning_charts import BarChart, learning_charts
from deepdive.services.measure_charts import measure_chart
from deepdive.services.shown_figures import figure, theme_order
from deepdive.ui.learning.behind import BehindCount
from deepdive.ui.learning.chart_file import ask_chart_path
from deepdive.ui.learning.chart_saving import ChartNotSaved, save_checked_chart
from deepdive.ui.learning.chart_tabs import ChartTabs
from deepdive.ui.learning.filter_bar import LearningFilterBar
from deepdive.ui.learning.headline import summary_text
from deepdive.ui.learning.models import SORT_ROLE, ThemeTableModel
from deepdive.ui.learning.stories_dialog import StoriesDialog
from deepdive.ui.learning.theme_actions import SelectedTheme, ThemeActions
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.window_undo import WindowUndo

REFRESH_DELAY_MS = 400  # gather a burst of edits elsewhere into one refresh
# What the figures are drawn from; other changes (templates, agencies) leave them alone.
COUNTED = frozenset(
    {
        Entity.CASE,
        Entity.EVENT,
        Entity.SESSION,
        Entity.THEME,
        Entity.OUTCOME,
        Entity.PERSON,
        Entity.MEASURE,
        Entity.STORY,
    }
)


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
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._services = services
        self._undo_stack = undo_stack  # renames and merges are undone from Edit ▸ Undo
        # This is a window of its own: the main window's Ctrl+Z does not reach it.
        self.undo = WindowUndo(self, undo_stack) if undo_stack is not None else None
        self.threshold = threshold
        self.summary: LearningSummary | None = None
        self.setWindowTitle(self.tr("Learning across cases"))
        self.setAccessibleName(self.tr("Learning across cases"))
        self.resize(1280, 800)

        self.filter_bar = LearningFilterBar(self)
        self.problem_label = QLabel(self)
        self.problem_label.setObjectName("fieldMessage")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
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
        self.behind = BehindCount(services, self)
        self.occurrences = self.behind.model
        self.occurrence_table = self.behind.table
        self.behind_label = self.behind.label
        table = self.theme_table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.theme_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.chart_tabs = ChartTabs(self)
        self.chart_tabs.setAccessibleName(self.tr("Outcome charts"))
        # On by default: the view is often on a projector, and small numbers name people.
        self.hide_small = QCheckBox(
            self.tr("Hide figures from fewer than {n} cases, as exports do").format(n=threshold),
            self,
        )
        self.hide_small.setChecked(True)
        self.hide_small.setAccessibleName(self.tr("Hide small numbers"))
        self.hide_small.setToolTip(self.tr("Untick to see every count; exports always hide them."))
        self.themes.set_threshold(threshold)
        self.rename_button = QPushButton(self.tr("Rename…"), self)
        self.rename_button.setAccessibleName(self.tr("Rename the selected theme"))
        self.merge_button = QPushButton(self.tr("Merge into…"), self)
        self.merge_button.setAccessibleName(self.tr("Merge the selected theme into another"))
        self.manage_button = QPushButton(self.tr("Manage themes…"), self)
        self.manage_button.setAccessibleName(self.tr("Manage every learning theme"))
        self.measures_button = QPushButton(self.tr("Programme measures…"), self)
        self.measures_button.setAccessibleName(
            self.tr("Record the programme's own measures, such as placements commissioned")
        )
        self.stories_button = QPushButton(self.tr("Stories…"), self)
        self.stories_button.setAccessibleName(self.tr("Read the stories of lives changed"))
        self.export_chart_button = QPushButton(self.tr("Export chart…"), self)
        self.export_chart_button.setAccessibleName(self.tr("Export the chart as PNG or SVG"))
        self.report_button = QPushButton(self.tr("Export programme report…"), self)
        self.report_button.setAccessibleName(self.tr("Export programme report"))

        self.theme_actions = ThemeActions(
            self.theme_table,
            services,
            self._selected_for_actions,
            self.show_problem,
            self.refresh,
            undo_stack,
        )
        self.manage_dialog: QDialog | None = None
        self.measures_dialog: QDialog | None = None
        self.stories_dialog: StoriesDialog | None = None
        self._build_layout()
        self.filter_bar.filter_changed.connect(lambda _f: self.refresh())
        self.filter_bar.problem.connect(self.show_problem)
        self.theme_table.selectionModel().selectionChanged.connect(self._on_theme_selected)
        self.rename_button.clicked.connect(self.theme_actions.rename)
        self.merge_button.clicked.connect(self.theme_actions.merge)
        self.manage_button.clicked.connect(self.manage_themes)
        self.behind.case_requested.connect(self.case_requested)
        self.hide_small.toggled.connect(self._on_hide_small)
        self.export_chart_button.clicked.connect(self.choose_chart_file)
        self.measures_button.clicked.connect(self.edit_measures)
        self.stories_button.clicked.connect(self.read_stories)
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
        # The title above its buttons, so the pane can be narrow at a large font.
        left_layout.addWidget(title)
        title_row = QHBoxLayout()
        for button in (self.rename_button, self.merge_button, self.manage_button):
            title_row.addWidget(button)
        title_row.addStretch(1)
        left_layout.addLayout(title_row)
        left_layout.addWidget(self.theme_table, 3)
        left_layout.addWidget(self.behind_label)
        left_layout.addWidget(self.occurrence_table, 2)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(self.tr("<b>Outcomes across cases</b>"), right))
        right_layout.addWidget(self.chart_tabs, 1)
        # The tick box on a line of its own: beside the buttons it set the window's
        # least width far beyond a laptop's at a large interface font.
        right_layout.addWidget(self.hide_small)
        buttons = QHBoxLayout()
        buttons.addWidget(self.measures_button)
        buttons.addWidget(self.stories_button)
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
        """Read the figures again for the current filter, keeping the selected theme."""
        chosen = self.selected_theme()
        self.summary = self._services.learning.summary(self.current_filter())
        self._show_headline()
        self.themes.set_rows(theme_order(self.summary.themes, self.shown_threshold()))
        self.behind.clear()
        self._show_charts()
        if chosen is not None:
            self.select_theme(chosen.theme_id)
        self._update_theme_buttons()

    def shown_threshold(self) -> int | None:
        """The threshold small numbers are hidden below on screen (None: all shown)."""
        return self.threshold if self.hide_small.isChecked() else None

    def _show_headline(self) -> None:
        if self.summary is not None:
            case_ids = self._services.learning.case_ids(self.summary.filter)
            told = self._services.stories.for_cases(case_ids)
            stories = len(told)
            if self.stories_dialog is not None:
                cases = figure(len(case_ids), len(case_ids), self.shown_threshold())
                self.stories_dialog.set_stories(told, cases.text)
            self.headline.setText(summary_text(self.summary, self.shown_threshold(), stories))

    def _on_hide_small(self, _on: bool) -> None:
        chosen = self.selected_theme()
        self.themes.set_threshold(self.shown_threshold())
        if self.summary is not None:  # hidden counts go last, by name
            self.themes.set_rows(theme_order(self.summary.themes, self.shown_threshold()))
            if chosen is not None:
                self.select_theme(chosen.theme_id)
        self._show_headline()
        self._show_charts()
        self._on_theme_selected()  # the items behind a small count, shown or hidden

    def show_problem(self, text: str) -> None:
        """Say what is wrong (empty hides the message)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def select_theme(self, theme_id: int) -> bool:
        """Select the theme's row (and show what is behind it); False if it is not shown."""
        for row in range(self.themes.rowCount()):
            if self.themes.theme_at(row).theme_id == theme_id:
                index = self.theme_proxy.mapFromSource(self.themes.index(row, 0))
                self.theme_table.selectRow(index.row())
                return True
        return False

    def manage_themes(self) -> QDialog:
        """Open the Manage themes dialog (every theme, used or not)."""
        from deepdive.ui.learning.theme_manager import ManageThemesDialog

        if self.manage_dialog is None:
            dialog = ManageThemesDialog(self._services, self, self._undo_stack)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(self._forget_manage_dialog)
            dialog.finished.connect(lambda _result: self.refresh())
            self.manage_dialog = dialog
        chosen = self.selected_theme()
        if chosen is not None:
            self.manage_dialog.select_theme(chosen.name)  # type: ignore[attr-defined]
        self.manage_dialog.show()
        self.manage_dialog.raise_()
        return self.manage_dialog

    def read_stories(self) -> StoriesDialog:
        """Open the stories of lives changed of the cases in the filter."""
        if self.stories_dialog is None:
            self.stories_dialog = StoriesDialog(self)
            self.stories_dialog.case_requested.connect(self.case_requested)
            self._show_headline()  # fills it
        self.stories_dialog.show()
        self.stories_dialog.raise_()
        return self.stories_dialog

    def _forget_manage_dialog(self) -> None:
        self.manage_dialog = None

    def edit_measures(self) -> QDialog:
        """Open the Programme measures dialog (its changes show in the charts at once)."""
        from deepdive.ui.learning.measures_dialog import MeasuresDialog

        if self.measures_dialog is None:
            dialog = MeasuresDialog(self._services, self, self._undo_stack)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.destroyed.connect(lambda: setattr(self, "measures_dialog", None))
            self.measures_dialog = dialog
        self.measures_dialog.show()
        self.measures_dialog.raise_()
        return self.measures_dialog

    def charts(self, *, for_export: bool = False) -> list[BarChart]:
        """The charts as shown (or, for export, always with small numbers hidden)."""
        if self.summary is None:
            return []
        hide = for_export or self.hide_small.isChecked()
        charts = learning_charts(self.summary, self.threshold if hide else None)
        # The programme's own figures: recorded for publication, never suppressed.
        return charts + [measure_chart(m) for m in self._services.measures.list_measures()]

    def _show_charts(self) -> None:
        self.chart_tabs.show_charts(self.charts())

    def _on_changed(self, change: Change) -> None:
        if change.entity in COUNTED:
            self._refresh_timer.start()

    def selected_theme(self) -> ThemeCount | None:
        """The theme selected in the table, if any."""
        rows = self.theme_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.themes.theme_at(self.theme_proxy.mapToSource(rows[0]).row())

    def _selected_for_actions(self) -> SelectedTheme | None:
        theme = self.selected_theme()
        return (theme.theme_id, theme.name) if theme is not None else None

    def _update_theme_buttons(self) -> None:
        chosen = self.selected_theme() is not None
        self.rename_button.setEnabled(chosen)
        self.merge_button.setEnabled(chosen)
        self.theme_actions.update_enabled()

    def _on_theme_selected(self) -> None:
        self._update_theme_buttons()
        theme = self.selected_theme()
        if theme is None:
            return
        self.behind.show_theme(theme, self.current_filter(), self.shown_threshold())

    # ---------------------------------------------------------------- export
    def current_chart(self, *, for_export: bool = True) -> BarChart | None:
        """The chart on the visible tab (suppressed for export by default)."""
        index = self.chart_tabs.currentIndex()
        charts = self.charts(for_export=for_export)
        return charts[index] if 0 <= index < len(charts) else None

    def export_chart(self, path: Path) -> Path | None:
        """Save the visible chart (small numbers hidden) as PNG or SVG, as every export."""
        chart = self.current_chart()
        return save_checked_chart(self, self._services, chart, path) if chart else None

    def choose_chart_file(self) -> None:
        """Ask where to save the visible chart, then save it."""
        chart = self.current_chart()
        path = ask_chart_path(self, chart) if chart is not None else None
        if path is not None:
            try:
                self.export_chart(path)
            except ChartNotSaved as stopped:
                self.problem_label.setText(str(stopped))
            except DeepDiveError as exc:
                self.problem_label.setText(self.tr("The chart was not saved."))
                QMessageBox.warning(self, self.tr("Export chart"), str(exc))

    def closeEvent(self, event: QCloseEvent) -> None:
        for dialog in (self.manage_dialog, self.measures_dialog, self.stories_dialog):
            if dialog is not None:
                dialog.close()
        self._relay.detach()
        self._refresh_timer.stop()
        super().closeEvent(event)
