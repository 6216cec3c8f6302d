"""Drawing a grouped bar chart with QPainter, sized to read on a projector.

The same function paints the on-screen chart, the PNG and the SVG. Suppressed
figures (``None``) are drawn as a short hatched stub labelled "fewer than N", never
at their true height. Pictures and reports use the light print colours; on screen
the chart follows the application palette (:func:`screen_chart_colours`).
"""

from __future__ import annotations

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
    c = colours
    bars: list[QRectF] = []
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, c.background)
    pad = rect.width() * 0.03
    title_metrics = QFontMetricsF(fonts.title)
    label_metrics = QFontMetricsF(fonts.label)
    painter.setFont(fonts.title)
    painter.setPen(c.ink)
    y = rect.top() + pad
    title_width = rect.width() - 2 * pad
    painter.drawText(
        QRectF(rect.left() + pad, y, title_width, title_metrics.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        title_metrics.elidedText(chart.title, Qt.TextElideMode.ElideRight, title_width),
    )
    y += title_metrics.height() + pad * 0.5
    if chart.empty:
        painter.setFont(fonts.label)
        painter.setPen(c.muted)
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), rect.bottom() - y),
            Qt.AlignmentFlag.AlignCenter,
            "Nothing recorded yet",
        )
        painter.restore()
        return bars
    if chart.horizontal:  # long names: in full beside their bars
        bars = paint_rows(painter, chart, rect, y, fonts, c)
        _hatched_note(painter, chart, rect, fonts, c)
        painter.restore()
        return bars
    if len(chart.series) > 1:  # legend
        x = rect.left() + pad
        painter.setFont(fonts.label)
        box = label_metrics.height() * 0.7
        for index, series in enumerate(chart.series):
            painter.fillRect(
                QRectF(x, y + (label_metrics.height() - box) / 2, box, box),
                c.series_colour(index),
            )
            x += box + pad * 0.3
            painter.setPen(c.ink)
            painter.drawText(QPointF(x, y + label_metrics.ascent()), series.name)
            x += label_metrics.horizontalAdvance(series.name) + pad
        y += label_metrics.height() + pad * 0.5
    values = [v for s in chart.series for v in s.values if v is not None]
    step = axis_step(max(values, default=0))
    top = step * 4
    axis_width = label_metrics.horizontalAdvance(str(top)) + pad * 0.6
    plot = QRectF(
        rect.left() + pad + axis_width,
        y + label_metrics.height(),  # room for the value above the tallest bar
        rect.width() - 2 * pad - axis_width,
        rect.bottom() - y - label_metrics.height() * 3.4 - pad,
    )
    # Gridlines and axis labels.
    painter.setFont(fonts.label)
    for index in range(5 if axis_figures(values) else 1):
        gy = plot.bottom() - plot.height() * index / 4
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(QPointF(plot.left(), gy), QPointF(plot.right(), gy))
        painter.setPen(c.muted)
        text = str(step * index)
        painter.drawText(
            QRectF(
                rect.left() + pad,
                gy - label_metrics.height() / 2,
                axis_width - pad * 0.3,
                label_metrics.height(),
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    slot = plot.width() / len(chart.categories)
    group = slot * 0.75
    bar_width = group / len(chart.series)
    stub = max(4.0, plot.height() * 0.04)
    for c_index, category in enumerate(chart.categories):
        left = plot.left() + c_index * slot + (slot - group) / 2
        for s_index, series in enumerate(chart.series):
            figure = series.values[c_index]
            colour = c.series_colour(s_index)
            bar_left = left + s_index * bar_width
            if figure is None:
                height = stub
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
            painter.setFont(fonts.value)
            painter.setPen(c.ink)
            painter.drawText(
                QRectF(
                    bar_left, bar.top() - label_metrics.height(), bar_width, label_metrics.height()
                ),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                label,
            )
        painter.setFont(fonts.label)
        painter.setPen(c.ink)
        lines = wrap_lines(label_metrics, category, slot - 4)
        for line_index, line in enumerate(lines):
            painter.drawText(
                QRectF(
                    plot.left() + c_index * slot,
                    plot.bottom() + pad * 0.3 + line_index * label_metrics.height(),
                    slot,
                    label_metrics.height(),
                ),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                line,
            )
    painter.setPen(QPen(c.ink, 1.5))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    _hatched_note(painter, chart, rect, fonts, c)
    painter.restore()
    return bars


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
