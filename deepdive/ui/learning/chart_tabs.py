"""The Learning view's charts, one tab each: the four outcome charts and each measure."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTabWidget, QWidget

from deepdive.services.learning_charts import BarChart
from deepdive.ui.learning.chart_widget import ChartWidget

SHORT_TITLES = {
    "themes": "Themes",
    "placements": "Where they live",
    "edge_of_care": "Edge of care",
    "missing": "Missing episodes",
}


def short_title(chart: BarChart) -> str:
    """The tab's title: short for the outcome charts, the measure's name otherwise."""
    text = SHORT_TITLES.get(chart.key)
    return QCoreApplication.translate("LearningView", text) if text else chart.title


class ChartTabs(QTabWidget):
    """Shows charts in tabs by key, keeping the tab chosen; tabs of charts gone are removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.widgets: dict[str, ChartWidget] = {}

    def show_charts(self, charts: list[BarChart]) -> None:
        """Draw ``charts`` in their tabs, in this order."""
        current = self.currentIndex()
        for key in set(self.widgets) - {c.key for c in charts}:  # a measure deleted
            gone = self.widgets.pop(key)
            self.removeTab(self.indexOf(gone))
            gone.deleteLater()
        for chart in charts:
            widget = self.widgets.get(chart.key)
            if widget is None:
                widget = ChartWidget(self)
                self.widgets[chart.key] = widget
                self.addTab(widget, short_title(chart))
            else:
                self.setTabText(self.indexOf(widget), short_title(chart))  # a measure renamed
            widget.set_chart(chart)
        if current >= 0:
            self.setCurrentIndex(min(current, self.count() - 1))
