"""Drawing a :class:`TimelineLayout` with QPainter, on screen or into a picture.

Calm and readable on a projector: a plain ground, quiet grid, one colour per lane
from a palette that colour-blind viewers can tell apart (and lanes are told apart by
position and title anyway), outlined diamonds and labels for key practice episodes.
Pictures use the light print colours; the on-screen view passes colours that follow
the theme (see :mod:`deepdive.ui.timeline.colours`). Thousands of events are drawn
in a few calls per lane (points as round pen strokes, bars as one list of
rectangles), and dots that land on the same pixel are drawn once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontInfo,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)

from deepdive.ui.timeline.colours import (
    LANE_HUES,
    PRINT_COLOURS,
    TimelineColours,
)
from deepdive.ui.timeline.layout import UNCERTAIN_DAYS, Mark, Metrics, TimelineLayout

PALETTE = LANE_HUES
INK = PRINT_COLOURS.ink
QUIET = PRINT_COLOURS.quiet
GRID = PRINT_COLOURS.grid
BAND = PRINT_COLOURS.band
SELECTED = PRINT_COLOURS.selected
REFERENCE_PIXELS = 12  # the interface font size (in pixels) the sizes below are made for


def lane_colour(index: int, colours: TimelineColours = PRINT_COLOURS) -> QColor:
    """The colour of lane ``index``."""
    return colours.lane(index)


@dataclass
class TimelineFonts:
    """The fonts of one drawing, sized for its scale."""

    lane: QFont
    small: QFont
    label: QFont
    title: QFont
    number: QFont

    @classmethod
    def for_scale(cls, base: QFont, scale: float, text_scale: float = 1.0) -> TimelineFonts:
        """Fonts from the application's font, at ``scale`` (pixel sizes, so pictures match).

        ``text_scale`` enlarges the text alone (the interface font size, on screen).
        """

        def sized(pixels: float, bold: bool = False) -> QFont:
            font = QFont(base)
            font.setPixelSize(max(8, round(pixels * scale * text_scale)))
            font.setBold(bold)
            return font

        return cls(
            lane=sized(13, True),
            small=sized(12),
            label=sized(12),
            title=sized(18, True),
            number=sized(12, True),
        )

    @classmethod
    def for_screen(cls, font: QFont, scale: float) -> TimelineFonts:
        """Fonts for the on-screen view: they grow with the interface font (200% and all)."""
        pixels = QFontInfo(font).pixelSize()
        return cls.for_scale(font, scale, max(1.0, pixels / REFERENCE_PIXELS))

    def metrics(self, scale: float) -> Metrics:
        """Text heights for the layout."""
        return Metrics(
            scale=scale,
            text_height=QFontMetricsF(self.lane).height(),
            small_height=QFontMetricsF(self.small).height(),
        )

    def measure(self, text: str, role: str) -> float:
        """The width of ``text`` in the font for ``role`` (lane, small, label, title)."""
        fonts = {"lane": self.lane, "small": self.small, "label": self.label, "number": self.number}
        font = fonts.get(role, self.title)
        return QFontMetricsF(font).horizontalAdvance(text)


def paint_timeline(
    painter: QPainter,
    layout: TimelineLayout,
    fonts: TimelineFonts,
    sprites: bool = False,
    colours: TimelineColours = PRINT_COLOURS,
) -> None:
    """Draw the whole timeline (everything but the selection and hover).

    ``sprites`` stamps dots from a small pre-drawn picture, several times faster than
    drawing each circle: right for the on-screen cache, wrong for SVG (use vectors).
    ``colours`` defaults to the light print colours (pictures, documents).
    """
    c = colours
    m = layout.metrics
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
    painter.fillRect(QRectF(0, 0, layout.width, layout.height), c.background)
    if layout.title:
        painter.setFont(fonts.title)
        painter.setPen(c.ink)
        painter.drawText(QPointF(m.px(12), m.px(8) + m.text_height * 1.1), layout.title)
    if not layout.lanes:
        painter.setFont(fonts.lane)
        painter.setPen(c.quiet)
        painter.drawText(
            QRectF(0, 0, layout.width, layout.height),
            Qt.AlignmentFlag.AlignCenter,
            "No events to show",
        )
        return
    _paint_lanes(painter, layout, fonts, c)
    _paint_grid(painter, layout, fonts, c)
    painter.save()
    painter.setClipRect(
        QRectF(layout.left, layout.top, layout.right - layout.left + 1, layout.bottom - layout.top)
    )
    _paint_events(painter, layout, sprites, c)
    painter.restore()
    _paint_labels(painter, layout, fonts, c)
    _paint_legend(painter, layout, fonts, c)


def _paint_lanes(
    painter: QPainter, layout: TimelineLayout, fonts: TimelineFonts, c: TimelineColours
) -> None:
    m = layout.metrics
    painter.setPen(Qt.PenStyle.NoPen)
    for n, lane in enumerate(layout.lanes):
        if n % 2 == 0:
            painter.fillRect(QRectF(0, lane.top, layout.width, lane.height), c.band)
    painter.setFont(fonts.lane)  # the layout keeps every lane at least a line of it tall
    for lane in layout.lanes:
        colour = c.lane(lane.colour_index)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        swatch = m.px(4)
        painter.drawRect(QRectF(m.px(8), lane.top + m.px(4), swatch, lane.height - m.px(8)))
        painter.setPen(c.ink)
        box = QRectF(m.px(18), lane.top, layout.left - m.px(24), lane.height)
        painter.drawText(
            box, int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), lane.title
        )


def _paint_grid(
    painter: QPainter, layout: TimelineLayout, fonts: TimelineFonts, c: TimelineColours
) -> None:
    m = layout.metrics
    painter.setFont(fonts.small)
    for tick in layout.year_ticks:
        painter.setPen(QPen(c.grid, 1))
        painter.drawLine(QLineF(tick.x, layout.top, tick.x, layout.bottom))
    painter.setPen(c.quiet)
    axis_y = layout.bottom + m.px(4) + m.small_height * 0.8
    for tick in layout.year_ticks:
        painter.setPen(c.ink if tick.major else c.quiet)
        painter.drawText(QPointF(tick.x + m.px(3), axis_y), tick.label)
    if layout.age_ticks:
        age_y = layout.top - m.px(6)
        painter.setPen(c.quiet)
        painter.drawText(QPointF(m.px(18), age_y), "Age")
        for tick in layout.age_ticks:
            painter.setPen(QPen(c.quiet, 1))
            painter.drawLine(QLineF(tick.x, layout.top - m.px(4), tick.x, layout.top))
            painter.setPen(c.ink)
            painter.drawText(QPointF(tick.x + m.px(3), age_y), tick.label)
    painter.setPen(QPen(c.quiet, 1))
    painter.drawLine(QLineF(layout.left, layout.bottom, layout.right, layout.bottom))


def _paint_events(
    painter: QPainter, layout: TimelineLayout, sprites: bool, c: TimelineColours
) -> None:
    m = layout.metrics
    by_lane: dict[int, list[Mark]] = {}
    for mark in layout.marks:
        by_lane.setdefault(mark.lane, []).append(mark)
    squeezed = min((lane.height for lane in layout.lanes), default=0.0)
    bar = m.px(7) if squeezed >= m.text_height * 2.3 else max(3.0, min(m.px(7), squeezed * 0.3))
    dot = min(m.px(8), max(4.0, squeezed * 0.5))
    for lane_index, marks in by_lane.items():
        colour = c.lane(layout.lanes[lane_index].colour_index)
        soft = QColor(colour)
        soft.setAlphaF(0.45)
        bars = [
            QRectF(k.x1, k.y, k.x2 - k.x1, bar)
            for k in marks
            if k.kind == "period" and not k.event.key
        ]
        if bars:
            painter.setPen(QPen(colour, 1))
            painter.setBrush(soft)
            painter.drawRects(bars)
        seen_ranges: set[tuple[int, int]] = set()
        ranges = []
        for k in marks:
            if k.kind == "point" and k.event.last - k.event.first > UNCERTAIN_DAYS:
                key = (round(k.x1), round(k.x2))
                if key not in seen_ranges:
                    seen_ranges.add(key)
                    ranges.append(QLineF(k.x1, k.y, k.x2, k.y))
        if ranges:
            pen = QPen(soft, max(1.5, m.px(2)), Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap)
            painter.setPen(pen)
            painter.drawLines(ranges)
        seen: set[int] = set()
        points = []
        for k in marks:
            if k.kind == "point" and not k.event.key and round(k.x) not in seen:
                seen.add(round(k.x))
                points.append(QPointF(k.x, k.y))
        if points:
            _dots(painter, points, colour, dot, sprites, c.background)
    diamond = min(m.px(8), max(4.5, squeezed * 0.42))
    for mark in layout.key_marks:
        colour = c.lane(layout.lanes[mark.lane].colour_index)
        if mark.kind == "period":
            painter.setPen(QPen(c.ink, max(1.5, m.px(2))))
            fill = QColor(colour)
            fill.setAlphaF(0.7)
            painter.setBrush(fill)
            painter.drawRect(QRectF(mark.x1, mark.y, mark.x2 - mark.x1, bar))
            _diamond(
                painter, QPointF(mark.x1, mark.y + bar / 2), diamond * 0.9, colour, m.scale, c.ink
            )
        else:
            _diamond(painter, QPointF(mark.x, mark.y), diamond, colour, m.scale, c.ink)


def _dots(
    painter: QPainter,
    points: list[QPointF],
    colour: QColor,
    size: float,
    sprites: bool,
    rim: QColor,
) -> None:
    """Round dots with a rim of the ground's colour, so dots on the same spot stay apart."""
    radius = size / 2
    if sprites:
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        side = math.ceil(size + 3)
        sprite = QPixmap(round(side * ratio), round(side * ratio))
        sprite.setDevicePixelRatio(ratio)
        sprite.fill(Qt.GlobalColor.transparent)
        stamp = QPainter(sprite)
        stamp.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        stamp.setPen(QPen(rim, 1.2))
        stamp.setBrush(colour)
        stamp.drawEllipse(QPointF(side / 2, side / 2), radius, radius)
        stamp.end()
        for point in points:
            painter.drawPixmap(QPointF(point.x() - side / 2, point.y() - side / 2), sprite)
        return
    painter.setPen(QPen(rim, 1.2))
    painter.setBrush(colour)
    for point in points:
        painter.drawEllipse(point, radius, radius)


def _diamond(
    painter: QPainter,
    centre: QPointF,
    radius: float,
    colour: QColor,
    scale: float,
    outline: QColor,
) -> None:
    path = QPainterPath()
    path.moveTo(centre.x(), centre.y() - radius)
    path.lineTo(centre.x() + radius, centre.y())
    path.lineTo(centre.x(), centre.y() + radius)
    path.lineTo(centre.x() - radius, centre.y())
    path.closeSubpath()
    painter.setPen(QPen(outline, max(1.5, 2 * scale)))
    painter.setBrush(colour)
    painter.drawPath(path)


def _paint_labels(
    painter: QPainter, layout: TimelineLayout, fonts: TimelineFonts, c: TimelineColours
) -> None:
    m = layout.metrics
    height = QFontMetricsF(fonts.label).height()
    backdrop = QColor(c.background)
    backdrop.setAlphaF(0.88)
    for label in layout.labels:
        box = QRectF(label.x, label.y, label.width, height)
        if label.anchor is not None:
            # A number moved aside by its neighbours keeps a thin line to its mark.
            painter.setPen(QPen(c.quiet, max(1.0, m.px(1))))
            painter.drawLine(QPointF(box.center().x(), box.bottom()), QPointF(*label.anchor))
        painter.setBrush(backdrop)
        if label.full:
            painter.setPen(Qt.PenStyle.NoPen)
        else:
            painter.setPen(QPen(c.ink, max(1.0, m.px(1))))
        painter.drawRoundedRect(box.adjusted(-m.px(2), 0, m.px(2), 0), m.px(4), m.px(4))
        painter.setFont(fonts.label if label.full else fonts.number)
        painter.setPen(c.ink)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), label.text)
    if layout.key:
        painter.setFont(fonts.label)
        painter.setPen(c.ink)
        line = m.text_height * 1.05
        for entry in layout.key:
            for n, text in enumerate(entry.lines):
                where = QPointF(entry.x, entry.y + n * line + QFontMetricsF(fonts.label).ascent())
                painter.drawText(where, text)


def _paint_legend(
    painter: QPainter, layout: TimelineLayout, fonts: TimelineFonts, c: TimelineColours
) -> None:
    m = layout.metrics
    y = layout.legend_y or layout.height - m.px(10) - m.small_height / 2
    x = layout.left
    painter.setFont(fonts.small)
    sample = c.lane(0)
    soft = QColor(sample)
    soft.setAlphaF(0.45)

    def caption(text: str) -> None:
        nonlocal x
        painter.setPen(c.quiet)
        painter.drawText(QPointF(x, y + m.small_height * 0.3), text)
        x += fonts.measure(text, "small") + m.px(22)

    painter.setPen(QPen(sample, m.px(8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPoint(QPointF(x + m.px(4), y))
    x += m.px(14)
    caption("event")
    painter.setPen(QPen(soft, max(1.5, m.px(2))))
    painter.drawLine(QLineF(x, y, x + m.px(22), y))
    painter.setPen(QPen(sample, m.px(8), Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.drawPoint(QPointF(x + m.px(11), y))
    x += m.px(28)
    caption("date known only roughly")
    painter.setPen(QPen(sample, 1))
    painter.setBrush(soft)
    painter.drawRect(QRectF(x, y - m.px(3.5), m.px(26), m.px(7)))
    x += m.px(32)
    caption("period")
    _diamond(painter, QPointF(x + m.px(7), y), m.px(7), sample, m.scale, c.ink)
    x += m.px(18)
    caption("key practice episode")


def paint_selection(
    painter: QPainter,
    layout: TimelineLayout,
    event_id: int | None,
    colours: TimelineColours = PRINT_COLOURS,
) -> None:
    """Ring the selected event (drawn over the cached picture)."""
    if event_id is None:
        return
    mark = layout.mark_of(event_id)
    if mark is None:
        return
    m = layout.metrics
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(QPen(colours.selected, max(2.0, m.px(2.5))))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if mark.kind == "period":
        painter.drawRect(QRectF(mark.x1 - 3, mark.y - 3, mark.x2 - mark.x1 + 6, m.px(7) + 6))
    else:
        radius = m.px(11)
        painter.drawEllipse(QPointF(mark.x, mark.y), radius, radius)
