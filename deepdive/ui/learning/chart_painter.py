"""Drawing a grouped bar chart with QPainter, sized to read on a projector.

The same function paints the on-screen chart, the PNG and the SVG. Suppressed
figures (``None``) are drawn as a short hatched stub labelled "fewer than N", never
at their true height. Pictures and reports use the light print colours; on screen
the chart follows the application palette (:func:`screen_chart_colours`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFontMetricsF, QPainter, QPen

from deepdive.services.learning_charts import HIDDEN_LABEL, BarChart
from deepdive.ui.learning.chart_rows import paint_rows
from deepdive.ui.learning.chart_style import (
    PRINT_CHART_COLOURS,
    SERIES_COLOURS,
    ChartColours,
    ChartFonts,
    axis_figures,
    axis_step,
    screen_chart_colours,
    wrap_lines,
)

__all__ = [
    "SERIES_COLOURS",
    "ChartColours",
    "ChartFonts",
    "paint_bar_chart",
    "screen_chart_colours",
]


@dataclass(frozen=True)
class _Canvas:
    """What every part of one chart is drawn with: the painter, where, and how."""

    painter: QPainter
    rect: QRectF
    fonts: ChartFonts
    colours: ChartColours

    @property
    def pad(self) -> float:
        return self.rect.width() * 0.03

    @property
    def label_metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.fonts.label)


def paint_bar_chart(
    painter: QPainter,
    chart: BarChart,
    rect: QRectF,
    fonts: ChartFonts,
    colours: ChartColours = PRINT_CHART_COLOURS,
) -> list[QRectF]:
    """Paint ``chart`` into ``rect``: title, legend, axis with gridlines, labelled bars.

    ``colours`` defaults to the light print colours (pictures, reports). Returns the
    rectangle of every bar drawn, category by category.
    """
    canvas = _Canvas(painter, rect, fonts, colours)
    painter.save()
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(rect, colours.background)
        y = _paint_title(canvas, chart.title)
        if chart.empty:
            _paint_nothing_yet(canvas, y)
            return []
        if chart.horizontal:  # long names: in full beside their bars
            bars = paint_rows(painter, chart, rect, y, fonts, colours)
        else:
            bars = _paint_columns(canvas, chart, _paint_legend(canvas, chart, y))
        _hatched_note(painter, chart, rect, fonts, colours)
        return bars
    finally:
        painter.restore()


def _paint_title(canvas: _Canvas, title: str) -> float:
    """The chart's title along the top; where what follows it starts."""
    painter, rect, pad = canvas.painter, canvas.rect, canvas.pad
    metrics = QFontMetricsF(canvas.fonts.title)
    painter.setFont(canvas.fonts.title)
    painter.setPen(canvas.colours.ink)
    y = rect.top() + pad
    width = rect.width() - 2 * pad
    painter.drawText(
        QRectF(rect.left() + pad, y, width, metrics.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        metrics.elidedText(title, Qt.TextElideMode.ElideRight, width),
    )
    return y + metrics.height() + pad * 0.5


def _paint_nothing_yet(canvas: _Canvas, y: float) -> None:
    rect = canvas.rect
    canvas.painter.setFont(canvas.fonts.label)
    canvas.painter.setPen(canvas.colours.muted)
    canvas.painter.drawText(
        QRectF(rect.left(), y, rect.width(), rect.bottom() - y),
        Qt.AlignmentFlag.AlignCenter,
        "Nothing recorded yet",
    )


def _paint_legend(canvas: _Canvas, chart: BarChart, y: float) -> float:
    """A colour box and name per series (when there is more than one); where the plot starts."""
    if len(chart.series) < 2:
        return y
    painter, pad, metrics = canvas.painter, canvas.pad, canvas.label_metrics
    x = canvas.rect.left() + pad
    painter.setFont(canvas.fonts.label)
    box = metrics.height() * 0.7
    for index, series in enumerate(chart.series):
        painter.fillRect(
            QRectF(x, y + (metrics.height() - box) / 2, box, box),
            canvas.colours.series_colour(index),
        )
        x += box + pad * 0.3
        painter.setPen(canvas.colours.ink)
        painter.drawText(QPointF(x, y + metrics.ascent()), series.name)
        x += metrics.horizontalAdvance(series.name) + pad
    return y + metrics.height() + pad * 0.5


def _paint_columns(canvas: _Canvas, chart: BarChart, y: float) -> list[QRectF]:
    """The axis, gridlines and a group of upright bars per category; the bars drawn."""
    values = [v for s in chart.series for v in s.values if v is not None]
    step = axis_step(max(values, default=0))
    plot = _paint_axis(canvas, y, step, show_figures=axis_figures(values))
    slot = plot.width() / len(chart.categories)
    bars: list[QRectF] = []
    for c_index, category in enumerate(chart.categories):
        bars += _paint_group(canvas, chart, plot, c_index, top=step * 4)
        _paint_category_name(canvas, category, plot, c_index, slot)
    canvas.painter.setPen(QPen(canvas.colours.ink, 1.5))
    canvas.painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    return bars


def _paint_axis(canvas: _Canvas, y: float, step: int, *, show_figures: bool) -> QRectF:
    """Gridlines with their figures on the left (just the baseline when figures would
    give away a hidden count); the rectangle the bars are drawn in."""
    painter, rect, pad, metrics = canvas.painter, canvas.rect, canvas.pad, canvas.label_metrics
    axis_width = metrics.horizontalAdvance(str(step * 4)) + pad * 0.6
    plot = QRectF(
        rect.left() + pad + axis_width,
        y + metrics.height(),  # room for the value above the tallest bar
        rect.width() - 2 * pad - axis_width,
        rect.bottom() - y - metrics.height() * 3.4 - pad,
    )
    painter.setFont(canvas.fonts.label)
    for index in range(5 if show_figures else 1):
        gy = plot.bottom() - plot.height() * index / 4
        painter.setPen(QPen(canvas.colours.grid, 1))
        painter.drawLine(QPointF(plot.left(), gy), QPointF(plot.right(), gy))
        painter.setPen(canvas.colours.muted)
        painter.drawText(
            QRectF(
                rect.left() + pad,
                gy - metrics.height() / 2,
                axis_width - pad * 0.3,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(step * index),
        )
    return plot


def _paint_group(
    canvas: _Canvas, chart: BarChart, plot: QRectF, c_index: int, *, top: int
) -> list[QRectF]:
    """One category's bars, one per series, each with its figure (or "fewer than N"
    on a short hatched stub) above it."""
    painter, metrics = canvas.painter, canvas.label_metrics
    slot = plot.width() / len(chart.categories)
    group = slot * 0.75
    bar_width = group / len(chart.series)
    left = plot.left() + c_index * slot + (slot - group) / 2
    bars: list[QRectF] = []
    for s_index, series in enumerate(chart.series):
        figure = series.values[c_index]
        colour = canvas.colours.series_colour(s_index)
        bar_left = left + s_index * bar_width
        if figure is None:
            height = max(4.0, plot.height() * 0.04)
            brush = QBrush(colour, Qt.BrushStyle.BDiagPattern)
            label = series.label(c_index, chart.threshold)
        else:
            height = plot.height() * figure / top if top else 0
            brush = QBrush(colour)
            label = str(figure)
        bar = QRectF(bar_left + 2, plot.bottom() - height, bar_width - 4, height)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(brush)
        painter.drawRect(bar)
        bars.append(bar)
        painter.setFont(canvas.fonts.value)
        painter.setPen(canvas.colours.ink)
        painter.drawText(
            QRectF(bar_left, bar.top() - metrics.height(), bar_width, metrics.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            label,
        )
    return bars


def _paint_category_name(
    canvas: _Canvas, category: str, plot: QRectF, c_index: int, slot: float
) -> None:
    """The category's name under its group, wrapped to the group's width."""
    painter, metrics = canvas.painter, canvas.label_metrics
    painter.setFont(canvas.fonts.label)
    painter.setPen(canvas.colours.ink)
    for line_index, line in enumerate(wrap_lines(metrics, category, slot - 4)):
        painter.drawText(
            QRectF(
                plot.left() + c_index * slot,
                plot.bottom() + canvas.pad * 0.3 + line_index * metrics.height(),
                slot,
                metrics.height(),
            ),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            line,
        )


def _hatched_note(
    painter: QPainter, chart: BarChart, rect: QRectF, fonts: ChartFonts, c: ChartColours
) -> None:
    """Under the chart, what a hatched stub means (when there is one)."""
    pad = rect.width() * 0.03
    label_metrics = QFontMetricsF(fonts.label)
    if any(v is None for s in chart.series for v in s.values):
        painter.setFont(fonts.label)
        painter.setPen(c.muted)
        painter.drawText(
            QRectF(
                rect.left() + pad,
                rect.bottom() - label_metrics.height() - pad * 0.3,
                rect.width() - 2 * pad,
                label_metrics.height(),
            ),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            label_metrics.elidedText(
                (
                    f"Hatched bars: <{chart.threshold} is fewer than {chart.threshold} cases; "
                    f"“{HIDDEN_LABEL}” would give one away."
                    if chart.covers
                    else f"Hatched bars: fewer than {chart.threshold} cases, not shown."
                ),
                Qt.TextElideMode.ElideRight,
                rect.width() - 2 * pad,
            ),
        )
