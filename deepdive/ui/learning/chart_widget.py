"""A learning chart on screen: the exported picture's drawing, in the theme's colours."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from deepdive.services.learning_charts import BarChart
from deepdive.ui.learning.chart_painter import (
    ChartColours,
    ChartFonts,
    paint_bar_chart,
    screen_chart_colours,
)


class ChartWidget(QWidget):
    """Paints one :class:`BarChart`; its alt text is its accessible description."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.chart: BarChart | None = None
        self.setMinimumSize(360, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_chart(self, chart: BarChart) -> None:
        """Show ``chart``."""
        self.chart = chart
        self.setAccessibleName(chart.title)
        self.setAccessibleDescription(chart.alt)
        self.setToolTip(chart.alt)
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def colours(self) -> ChartColours:
        """The colours on screen: the application palette's (light or dark)."""
        return screen_chart_colours(self.palette())

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.chart is None:
            return
        painter = QPainter(self)
        try:
            fonts = ChartFonts.for_screen(self.font(), max(self.width(), 1))
            paint_bar_chart(painter, self.chart, QRectF(self.rect()), fonts, self.colours())
        finally:
            painter.end()
