"""Drawing a chart of long names as horizontal bars: each name in full (wrapped) on
the left, its bar to the right, so learning themes are never cut to "Professi…".

Called by :func:`deepdive.ui.learning.chart_painter.paint_bar_chart` for charts marked
``horizontal``; the title, colours, fonts and hatched stubs are the same as there.
"""

from __future__ import annotations

from dataclasses import dataclass

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


@dataclass(frozen=True)
class _RowsPlan:
    """Where everything of a horizontal chart goes, worked out before drawing."""

    fonts: ChartFonts
    line: float  # one line of names
    pad: float
    names: list[list[str]]  # each category's name, wrapped
    name_right: float  # where the names end (right-aligned against it)
    plot: QRectF  # where the bars are drawn
    row_height: float
    value_room: float  # the widest figure beside a bar
    step: int  # gridline spacing


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
    plan = _plan_rows(chart, rect, top, fonts)
    values = [v for v in chart.series[0].values if v is not None]
    _paint_gridlines(painter, plan, colours, show_figures=axis_figures(values))
    bars = [_paint_row(painter, chart, rect, plan, colours, row) for row in range(len(plan.names))]
    painter.setPen(QPen(colours.ink, 1.5))
    painter.drawLine(plan.plot.topLeft(), plan.plot.bottomLeft())
    return bars


def _plan_rows(chart: BarChart, rect: QRectF, top: float, fonts: ChartFonts) -> _RowsPlan:
    """Fit the names, figures and bars into ``rect`` below ``top`` (smaller fonts when
    the rows would otherwise overlap)."""
    metrics = QFontMetricsF(fonts.label)
    line = metrics.height()
    pad = rect.width() * 0.03
    series = chart.series[0]
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
    values = [v for v in series.values if v is not None]
    return _RowsPlan(
        fonts=fonts,
        line=line,
        pad=pad,
        names=names,
        name_right=left - pad * 0.6,
        plot=plot,
        row_height=row_height,
        value_room=value_room,
        step=axis_step(max(values, default=0)),
    )


def _paint_gridlines(
    painter: QPainter, plan: _RowsPlan, colours: ChartColours, *, show_figures: bool
) -> None:
    """Upright gridlines with their figures below (just the first when figures would
    give away a hidden count)."""
    plot = plan.plot
    painter.setFont(plan.fonts.label)
    for index in range(5 if show_figures else 1):
        gx = plot.left() + plot.width() * index / 4
        painter.setPen(QPen(colours.grid, 1))
        painter.drawLine(QPointF(gx, plot.top()), QPointF(gx, plot.bottom()))
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(gx - 60, plot.bottom() + plan.pad * 0.2, 120, plan.line),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
            str(plan.step * index),
        )


def _paint_row(
    painter: QPainter,
    chart: BarChart,
    rect: QRectF,
    plan: _RowsPlan,
    colours: ChartColours,
    row: int,
) -> QRectF:
    """One category: its bar (a hatched stub when hidden), its figure, its name."""
    series, plot, line = chart.series[0], plan.plot, plan.line
    colour = colours.series_colour(0)
    y = plot.top() + row * plan.row_height
    band = min(plan.row_height * 0.7, line * 1.6)
    figure = series.values[row]
    end = plan.step * 4
    stub = max(4.0, plot.width() * 0.02)
    length = stub if figure is None else (plot.width() * figure / end if end else 0)
    bar = QRectF(plot.left(), y + (plan.row_height - band) / 2, length, band)
    style = Qt.BrushStyle.BDiagPattern if figure is None else Qt.BrushStyle.SolidPattern
    painter.setPen(QPen(colour, 1.5))
    painter.setBrush(QBrush(colour, style))
    painter.drawRect(bar)
    painter.setPen(colours.ink)
    painter.setFont(plan.fonts.value)
    painter.drawText(
        QRectF(bar.right() + plan.pad * 0.3, bar.top(), plan.value_room + plan.pad, bar.height()),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        series.label(row, chart.threshold),
    )
    painter.setFont(plan.fonts.label)
    lines = plan.names[row]
    block = line * len(lines)
    for n, text in enumerate(lines):
        painter.drawText(
            QRectF(
                rect.left() + plan.pad,
                y + (plan.row_height - block) / 2 + n * line,
                plan.name_right - rect.left() - plan.pad,
                line,
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            text,
        )
    return bar


def _fitted(fonts: ChartFonts, pixels: float) -> ChartFonts:
    """``fonts`` with the names and figures no taller than ``pixels`` (at least 8 px)."""

    def smaller(font: QFont) -> QFont:
        fitted = QFont(font)
        fitted.setPixelSize(max(8, min(font.pixelSize(), int(pixels))))
        return fitted

    return ChartFonts(title=fonts.title, label=smaller(fonts.label), value=smaller(fonts.value))
