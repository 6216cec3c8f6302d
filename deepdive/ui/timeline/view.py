"""The interactive timeline: zoom, pan, hover for a summary, click to select.

The drawing is cached in a pixmap and only the selection ring is painted over it, so
repainting (scrolling the window over it, hovering) costs a copy whatever the number
of events. Zooming or new events rebuild the cache.

Mouse: wheel zooms around the pointer (Shift+wheel pans), drag pans, click selects.
Keys: + and - zoom, Left and Right pan, 0 shows everything.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from deepdive.domain.ages import BirthMonth
from deepdive.ui.timeline.colours import TimelineColours, screen_colours
from deepdive.ui.timeline.layout import (
    LANES_BY_CATEGORY,
    TimelineEvent,
    TimelineLayout,
    build_layout,
    default_window,
    make_lanes,
    minimum_height,
)
from deepdive.ui.timeline.painter import TimelineFonts, paint_selection, paint_timeline

MIN_DAYS = 20  # the closest zoom shows about three weeks
MIN_HEIGHT = 160
# What makes the drawing out of date besides new events: a new theme or font size.
_RESTYLING = (QEvent.Type.PaletteChange, QEvent.Type.FontChange, QEvent.Type.StyleChange)
Summary = Callable[[int], str]


class TimelineView(QWidget):
    """Draws the timeline of the events it is given; says which event was clicked."""

    event_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None, scale: float = 1.0) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Timeline"))
        self.setAccessibleDescription(
            self.tr("Events along time. Plus and minus zoom, arrows pan, 0 shows everything.")
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumHeight(MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._scale = scale
        self._events: list[TimelineEvent] = []
        self._birth: BirthMonth | None = None
        self._mode = LANES_BY_CATEGORY
        self._window: tuple[float, float] | None = None
        self._selected: int | None = None
        self._layout: TimelineLayout | None = None
        self._cache: QPixmap | None = None
        self._press: QPoint | None = None
        self._dragged = False
        self._summary: Summary = lambda _id: ""

    # ------------------------------------------------------------------ input
    def set_events(
        self, events: list[TimelineEvent], birth: BirthMonth | None, keep_window: bool = False
    ) -> None:
        """Draw these events (ages from ``birth``); keep the zoom if asked."""
        self._events = events
        self._birth = birth
        if not keep_window:
            self._window = None
        self._invalidate()

    def set_summary(self, summary: Summary) -> None:
        """How to describe an event when the pointer rests on it."""
        self._summary = summary

    def set_mode(self, mode: str) -> None:
        """Lanes by "category" (domain) or "agency"."""
        self._mode = mode
        self._invalidate()

    @property
    def mode(self) -> str:
        """The lanes in use."""
        return self._mode

    @property
    def events(self) -> list[TimelineEvent]:
        """The events drawn."""
        return self._events

    @property
    def birth(self) -> BirthMonth | None:
        """The birth the ages count from."""
        return self._birth

    @property
    def summary(self) -> Summary:
        """How hovering describes an event."""
        return self._summary

    def select_event(self, event_id: int | None) -> None:
        """Ring this event, bringing it into view if zoomed away from it."""
        self._selected = event_id
        event = next((e for e in self._events if e.id == event_id), None)
        if event is not None and self._window is not None:
            start, end = self._window
            if event.last < start or event.first > end:
                half = (end - start) / 2
                self._window = (event.middle - half, event.middle + half)
                self._invalidate()
        self.update()

    @property
    def selected(self) -> int | None:
        """The ringed event."""
        return self._selected

    # ----------------------------------------------------------------- zoom
    def time_window(self) -> tuple[float, float]:
        """The days shown, as ordinals."""
        return self._window or default_window(self._events)

    @property
    def zoomed_window(self) -> tuple[float, float] | None:
        """The days shown while zoomed in on part of the chronology (None: all of it)."""
        if self._window is None:
            return None
        full = default_window(self._events)
        start, end = self._window
        return None if start <= full[0] + 0.5 and end >= full[1] - 0.5 else self._window

    def zoom(self, factor: float, at_x: float | None = None) -> None:
        """Zoom in (factor < 1) or out around ``at_x`` (default: the middle)."""
        start, end = self.time_window()
        layout = self.current_layout()
        anchor = layout.day_at(at_x) if at_x is not None else (start + end) / 2
        full = default_window(self._events)
        span = min(full[1] - full[0], max(MIN_DAYS, (end - start) * factor))
        ratio = (anchor - start) / (end - start)
        new_start = anchor - span * ratio
        self._window = self._clamp(new_start, new_start + span)
        self._invalidate()

    def pan(self, fraction: float) -> None:
        """Move the view by a fraction of its width (negative: back in time)."""
        start, end = self.time_window()
        shift = (end - start) * fraction
        self._window = self._clamp(start + shift, end + shift)
        self._invalidate()

    def fit(self) -> None:
        """Show the whole chronology."""
        self._window = None
        self._invalidate()

    def _clamp(self, start: float, end: float) -> tuple[float, float]:
        full_start, full_end = default_window(self._events)
        span = end - start
        if span >= full_end - full_start:
            return full_start, full_end
        if start < full_start:
            return full_start, full_start + span
        if end > full_end:
            return full_end - span, full_end
        return start, end

    # -------------------------------------------------------------- drawing
    def _invalidate(self) -> None:
        self._layout = None
        self._cache = None
        self._update_minimum_height()
        self.update()

    def _update_minimum_height(self) -> None:
        """Tall enough for every lane's title in the current font (the pane scrolls)."""
        lanes = len(make_lanes(self._events, self._mode))
        fonts = self._fonts()
        needed = minimum_height(lanes, fonts.metrics(self._scale)) if lanes else 0.0
        wanted = max(MIN_HEIGHT, round(needed))
        if wanted != self.minimumHeight():
            self.setMinimumHeight(wanted)

    def colours(self) -> TimelineColours:
        """The colours on screen: the application palette's (light or dark)."""
        return screen_colours(self.palette())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in _RESTYLING:
            self._invalidate()

    def current_layout(self) -> TimelineLayout:
        """The layout for the widget's size and window (built when needed)."""
        if self._layout is None:
            fonts = self._fonts()
            self._layout = build_layout(
                self._events,
                width=max(200, self.width()),
                height=max(120, self.height()),
                window=self._window,
                mode=self._mode,
                birth=self._birth,
                metrics=fonts.metrics(self._scale),
                measure=fonts.measure,
            )
        return self._layout

    def _fonts(self) -> TimelineFonts:
        return TimelineFonts.for_screen(self.font(), self._scale)

    def render_cache(self) -> QPixmap:
        """The drawing without the selection (rebuilt after a change)."""
        if self._cache is None:
            layout = self.current_layout()
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(round(layout.width * ratio), round(layout.height * ratio))
            pixmap.setDevicePixelRatio(ratio)
            painter = QPainter(pixmap)
            try:
                paint_timeline(painter, layout, self._fonts(), sprites=True, colours=self.colours())
            finally:
                painter.end()
            self._cache = pixmap
        return self._cache

    def paintEvent(self, event: QPaintEvent) -> None:
        cache = self.render_cache()
        painter = QPainter(self)
        try:
            painter.drawPixmap(QPoint(0, 0), cache)
            paint_selection(painter, self.current_layout(), self._selected, self.colours())
            if self.hasFocus():
                painter.setPen(self.palette().highlight().color())
                painter.drawRect(QRect(0, 0, self.width() - 1, self.height() - 1))
        finally:
            painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._invalidate()

    # ---------------------------------------------------------------- mouse
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        if not steps:
            return
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.pan(-0.15 * steps)
        else:
            self.zoom(0.8**steps, event.position().x())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position().toPoint()
            self._dragged = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            dx = position.x() - self._press.x()
            if self._dragged or abs(dx) > 4:
                self._dragged = True
                layout = self.current_layout()
                self.pan(-dx / max(1.0, layout.right - layout.left))
                self._press = position.toPoint()
            return
        mark = self.current_layout().hit(position.x(), position.y())
        if mark is None:
            QToolTip.hideText()
            self.unsetCursor()
            return
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        QToolTip.showText(self.mapToGlobal(position.toPoint()), self._summary(mark.event.id), self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and not self._dragged:
            self.click_at(event.position())
        self._press = None
        self._dragged = False
        super().mouseReleaseEvent(event)

    def click_at(self, position: QPointF) -> int | None:
        """Select the event at ``position`` (as a click does); returns its id."""
        mark = self.current_layout().hit(position.x(), position.y())
        if mark is None:
            return None
        self._selected = mark.event.id
        self.update()
        self.event_clicked.emit(mark.event.id)
        return mark.event.id

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom(0.7)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom(1 / 0.7)
        elif key == Qt.Key.Key_0:
            self.fit()
        elif key == Qt.Key.Key_Left:
            self.pan(-0.2)
        elif key == Qt.Key.Key_Right:
            self.pan(0.2)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
