"""Drawing a grouped bar chart with QPainter, sized to read on a projector.

The same function paints the on-screen chart, the PNG and the SVG. Suppressed
figures (``None``) are drawn as a short hatched stub labelled "fewer than N", never
at their true height. Pictures and reports use the light print colours; on screen
the chart follows the application palette (:func:`screen_chart_colours`).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPalette,
    QPen,
)

from deepdive.services.learning_charts import BarChart
from deepdive.ui.timeline.colours import is_dark_ground, readable_on

# Colour-blind-safe pair (Okabe–Ito blue and orange), strong enough on a projector.
SERIES_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
INK = QColor("#1F2933")
MUTED = QColor("#5B6573")
GRID = QColor("#D5DBE1")
DESIGN_WIDTH = 900.0
REFERENCE_PIXELS = 12  # the interface font size (in pixels) the chart sizes are made for


@dataclass(frozen=True)
class ChartColours:
    """Every colour one chart drawing uses."""

    background: QColor
    ink: QColor  # title, categories, figures, the baseline
    muted: QColor  # axis figures, notes
    grid: QColor
    series: tuple[QColor, ...]

    def series_colour(self, index: int) -> QColor:
        """The colour of series ``index``."""
        return QColor(self.series[index % len(self.series)])


PRINT_CHART_COLOURS = ChartColours(
    background=QColor("#FFFFFF"),
    ink=INK,
    muted=MUTED,
    grid=GRID,
    series=tuple(QColor(c) for c in SERIES_COLOURS),
)


def screen_chart_colours(palette: QPalette) -> ChartColours:
    """Colours that follow ``palette`` (light or dark theme), for the on-screen chart."""
    role = QPalette.ColorRole
    background = palette.color(role.Base)
    dark = is_dark_ground(background)
    return ChartColours(
        background=background,
        ink=palette.color(role.Text),
        muted=readable_on(palette.color(role.PlaceholderText), background, 4.5),
        grid=palette.color(role.Midlight) if dark else GRID,
        # Bars keep their hues, lightened on a dark ground until they stand out (3:1).
        series=tuple(readable_on(QColor(c), background) for c in SERIES_COLOURS)
        if dark
        else PRINT_CHART_COLOURS.series,
    )


@dataclass(frozen=True)
class ChartFonts:
    """The fonts of one chart drawing, scaled to its width."""

    title: QFont
    label: QFont
    value: QFont

    @classmethod
    def for_width(cls, base: QFont, width: float, text_scale: float = 1.0) -> ChartFonts:
        """Fonts from the application font, in pixels, larger for wider drawings.

        ``text_scale`` is the interface font size against the usual (2 at 200%): the
        text is never smaller than that asks for, however narrow the chart.
        """
        # At 0.75 the labels are the interface font's size; never smaller than that.
        scale = max(0.9, 0.75 * text_scale, width / DESIGN_WIDTH)

        def sized(pixels: float, bold: bool = False) -> QFont:
            font = QFont(base)
            font.setPixelSize(max(10, round(pixels * scale)))
            font.setBold(bold)
            return font

        return cls(title=sized(22, True), label=sized(16), value=sized(16, True))

    @classmethod
    def for_screen(cls, font: QFont, width: float) -> ChartFonts:
        """Fonts for the on-screen chart: they also grow with the interface font."""
        return cls.for_width(font, width, QFontInfo(font).pixelSize() / REFERENCE_PIXELS)


def _axis_step(value: int) -> int:
    """A round whole step (1, 2, 5, 10, 20, …) so four steps reach ``value``."""
    step = 1
    while step * 4 < value:
        for factor in (2, 2.5, 2):  # 1 → 2 → 5 → 10 → 20 → 50 …
            step = int(step * factor)
            if step * 4 >= value:
                break
    return step


def _elide(metrics: QFontMetricsF, text: str, width: float) -> list[str]:
    """Up to two lines of ``text`` wrapped to ``width``, the second elided."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        trial = f"{current} {word}".strip()
        if metrics.horizontalAdvance(trial) <= width or not current:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    # A single word wider than the room (large text, narrow chart) is cut short too.
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


@dataclass(frozen=True)
class _Canvas:
    """What every part of a chart is painted with."""

    painter: QPainter
    fonts: ChartFonts
    colours: ChartColours
    rect: QRectF
    pad: float
    label: QFontMetricsF


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
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, colours.background)
    canvas = _Canvas(painter, fonts, colours, rect, rect.width() * 0.03, QFontMetricsF(fonts.label))
    y = _paint_title(canvas, chart.title)
    bars: list[QRectF] = []
    if chart.empty:
        painter.setFont(fonts.label)
        painter.setPen(colours.muted)
        painter.drawText(
            QRectF(rect.left(), y, rect.width(), rect.bottom() - y),
            Qt.AlignmentFlag.AlignCenter,
            "Nothing recorded yet",
        )
    else:
        if len(chart.series) > 1:
            y = _paint_legend(canvas, chart, y)
        bars = _paint_plot(canvas, chart, y)
        if any(v is None for s in chart.series for v in s.values):
            _paint_footnote(canvas, f"Hatched bars: fewer than {chart.threshold} cases, not shown.")
    painter.restore()
    return bars


def _paint_title(canvas: _Canvas, title: str) -> float:
    """The title along the top; returns where what follows starts."""
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


def _paint_legend(canvas: _Canvas, chart: BarChart, y: float) -> float:
    """A colour box and name for each series, in a row; returns where the plot starts."""
    painter, pad, label = canvas.painter, canvas.pad, canvas.label
    x = canvas.rect.left() + pad
    painter.setFont(canvas.fonts.label)
    box = label.height() * 0.7
    for index, series in enumerate(chart.series):
        painter.fillRect(
            QRectF(x, y + (label.height() - box) / 2, box, box),
            canvas.colours.series_colour(index),
        )
        x += box + pad * 0.3
        painter.setPen(canvas.colours.ink)
        painter.drawText(QPointF(x, y + label.ascent()), series.name)
        x += label.horizontalAdvance(series.name) + pad
    return y + label.height() + pad * 0.5


def _paint_plot(canvas: _Canvas, chart: BarChart, y: float) -> list[QRectF]:
    """The gridlines with their figures, the bars and the categories; the bars' rectangles."""
    painter, rect, pad, label, c = (
        canvas.painter,
        canvas.rect,
        canvas.pad,
        canvas.label,
        canvas.colours,
    )
    values = [v for s in chart.series for v in s.values if v is not None]
    step = _axis_step(max(values, default=0))
    axis_width = label.horizontalAdvance(str(step * 4)) + pad * 0.6
    plot = QRectF(
        rect.left() + pad + axis_width,
        y + label.height(),  # room for the value above the tallest bar
        rect.width() - 2 * pad - axis_width,
        rect.bottom() - y - label.height() * 3.4 - pad,
    )
    painter.setFont(canvas.fonts.label)
    for index in range(5):
        gy = plot.bottom() - plot.height() * index / 4
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(QPointF(plot.left(), gy), QPointF(plot.right(), gy))
        painter.setPen(c.muted)
        painter.drawText(
            QRectF(
                rect.left() + pad, gy - label.height() / 2, axis_width - pad * 0.3, label.height()
            ),
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            str(step * index),
        )
    slot = plot.width() / len(chart.categories)
    bars: list[QRectF] = []
    for c_index, category in enumerate(chart.categories):
        bars += _paint_category(canvas, chart, plot, step * 4, c_index)
        painter.setFont(canvas.fonts.label)
        painter.setPen(c.ink)
        for line_index, line in enumerate(_elide(label, category, slot - 4)):
            painter.drawText(
                QRectF(
                    plot.left() + c_index * slot,
                    plot.bottom() + pad * 0.3 + line_index * label.height(),
                    slot,
                    label.height(),
                ),
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                line,
            )
    painter.setPen(QPen(c.ink, 1.5))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    return bars


def _paint_category(
    canvas: _Canvas, chart: BarChart, plot: QRectF, top: float, c_index: int
) -> list[QRectF]:
    """One category's bars, a series each, with its figure (or "<n", hatched) above."""
    painter, label = canvas.painter, canvas.label
    slot = plot.width() / len(chart.categories)
    group = slot * 0.75
    bar_width = group / len(chart.series)
    stub = max(4.0, plot.height() * 0.04)
    left = plot.left() + c_index * slot + (slot - group) / 2
    bars = []
    for s_index, series in enumerate(chart.series):
        figure = series.values[c_index]
        colour = canvas.colours.series_colour(s_index)
        bar_left = left + s_index * bar_width
        if figure is None:
            height = stub
            brush = QBrush(colour, Qt.BrushStyle.BDiagPattern)
            text = f"<{chart.threshold}"
        else:
            height = plot.height() * figure / top if top else 0
            brush = QBrush(colour)
            text = str(figure)
        bar = QRectF(bar_left + 2, plot.bottom() - height, bar_width - 4, height)
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(brush)
        painter.drawRect(bar)
        bars.append(bar)
        painter.setFont(canvas.fonts.value)
        painter.setPen(canvas.colours.ink)
        painter.drawText(
            QRectF(bar_left, bar.top() - label.height(), bar_width, label.height()),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
            text,
        )
    return bars


def _paint_footnote(canvas: _Canvas, text: str) -> None:
    """A line along the bottom (what hatched bars mean)."""
    painter, rect, pad, label = canvas.painter, canvas.rect, canvas.pad, canvas.label
    painter.setFont(canvas.fonts.label)
    painter.setPen(canvas.colours.muted)
    painter.drawText(
        QRectF(
            rect.left() + pad,
            rect.bottom() - label.height() - pad * 0.3,
            rect.width() - 2 * pad,
            label.height(),
        ),
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
        label.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 2 * pad),
    )
