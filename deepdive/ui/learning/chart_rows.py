"""Drawing a chart of long names as horizontal bars: each name in full (wrapped) on
the left, its bar to the right, so learning themes are never cut to "Professi…".

Called by :func:`deepdive.ui.learning.chart_painter.paint_bar_chart` for charts marked
``horizontal``; the title, colours, fonts and hatched stubs are the same as there.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetricsF, QPainter, QPen

from deepdive.services.learning_charts import BarChart
from deepdive.ui.learning.chart_style import (
    ChartColours,
    ChartFonts,
    axis_figures,
    axis_step,
    wrap_lines,
)

NAME_SHARE = 0.42  # at most this much of the width goes to the names


def paint_rows(
    painter: QPainter,
    chart: BarChart,
    rect: QRectF,
    top: float,
    fonts: ChartFonts,
    colours: ChartColours,
) -> list[QRectF]:
    """Paint one series as horizontal bars in ``rect`` below ``top``; the bars' rectangles.

    Each name takes up to three lines; one still longer ends in "…" (the report's table
    beside the chart gives every name in full)."""
    c = colours
    metrics = QFontMetricsF(fonts.label)
    line = metrics.height()
    pad = rect.width() * 0.03
    series = chart.series[0]
    values = [v for v in series.values if v is not None]
    step = axis_step(max(values, default=0))
    end = step * 4
    bottom = rect.bottom() - pad - line * (2.4 if None in series.values else 1.2)
    rows = len(chart.categories)
    row_height = (bottom - top) / rows
    if row_height < line * 1.1:  # a small chart at a large font: rows must not overlap
        fonts = _fitted(fonts, row_height / 1.25)
        metrics = QFontMetricsF(fonts.label)
        line = metrics.height()
    fit = max(1, min(3, int(row_height * 0.9 // line)))
    room = rect.width() * NAME_SHARE
    names = [wrap_lines(metrics, name, room, fit) for name in chart.categories]
    name_width = max(
        (metrics.horizontalAdvance(text) for lines in names for text in lines), default=0.0
    )
    bold = QFontMetricsF(fonts.value)
    value_room = max(bold.horizontalAdvance(series.label(i, chart.threshold)) for i in range(rows))
    left = rect.left() + pad + min(room, name_width) + pad * 0.6
    plot = QRectF(left, top, rect.right() - pad - value_room - pad * 0.4 - left, bottom - top)
    painter.setFont(fonts.label)
    for index in range(5 if axis_figures(values) else 1):  # gridlines, figures below
        gx = plot.left() + plot.width() * index / 4
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(QPointF(gx, plot.top()), QPointF(gx, plot.bottom()))
        painter.setPen(c.muted)
        painter.drawText(
            QRectF(gx - 60, plot.bottom() + pad * 0.2, 120, line),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            str(step * index),
        )
    colour = c.series_colour(0)
    stub = max(4.0, plot.width() * 0.02)
    bars: list[QRectF] = []
    for row, lines in enumerate(names):
        y = plot.top() + row * row_height
        band = min(row_height * 0.7, line * 1.6)
        figure = series.values[row]
        length = stub if figure is None else (plot.width() * figure / end if end else 0)
        bar = QRectF(plot.left(), y + (row_height - band) / 2, length, band)
        style = Qt.BrushStyle.BDiagPattern if figure is None else Qt.BrushStyle.SolidPattern
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(QBrush(colour, style))
        painter.drawRect(bar)
        bars.append(bar)
        painter.setPen(c.ink)
        painter.setFont(fonts.value)
        painter.drawText(
            QRectF(bar.right() + pad * 0.3, bar.top(), value_room + pad, bar.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            series.label(row, chart.threshold),
        )
        painter.setFont(fonts.label)
        block = line * len(lines)
        for n, text in enumerate(lines):
            painter.drawText(
                QRectF(
                    rect.left() + pad,
                    y + (row_height - block) / 2 + n * line,
                    left - pad * 0.6 - rect.left() - pad,
                    line,
                ),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                text,
            )
    painter.setPen(QPen(c.ink, 1.5))
    painter.drawLine(plot.topLeft(), plot.bottomLeft())
    return bars


def _fitted(fonts: ChartFonts, pixels: float) -> ChartFonts:
    """``fonts`` with the names and figures no taller than ``pixels`` (at least 8 px)."""

    def smaller(font: QFont) -> QFont:
        fitted = QFont(font)
        fitted.setPixelSize(max(8, min(font.pixelSize(), int(pixels))))
        return fitted

    return ChartFonts(title=fonts.title, label=smaller(fonts.label), value=smaller(fonts.value))
