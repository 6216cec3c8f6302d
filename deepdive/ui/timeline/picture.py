"""The timeline as a PNG or SVG picture, drawn without any window (for exports).

An export's picture is drawn from a :class:`~deepdive.export.timeline_spec.TimelineSpec`
(:func:`spec_png`): the core works out every position and string, with dates already
shown as the export shows them, so nothing here writes a case date. The chronology's
"Save picture…" draws from a spec too (:func:`spec_layout`), with the dates chosen
there; the on-screen view lays itself out with :func:`picture_layout`.

These functions need only a QGuiApplication, not a QApplication or a window. If no
Qt application exists yet, one is created on Qt's "offscreen" platform (so it works
on a machine with no display); PySide keeps that one application for the rest of the
process, as it keeps any. An existing application (the desktop app, a test run) is
used as it is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from deepdive.domain.ages import BirthMonth
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail
from deepdive.ui.timeline.layout import (
    LANES_BY_AGENCY,
    LANES_BY_CATEGORY,
    GivenTick,
    TimelineEvent,
    TimelineLayout,
    build_layout,
)
from deepdive.ui.timeline.painter import TimelineFonts, paint_timeline

if TYPE_CHECKING:  # the export package (and Word's libraries) load only to draw for it
    from deepdive.export import TimelineSpec

# The width the on-screen sizes are designed for; wider pictures scale everything up.
DESIGN_WIDTH = 1200


def ensure_gui_application() -> QCoreApplication:
    """The Qt application, an offscreen GUI one made now if there is none yet (PySide
    holds the application it makes until the process ends: nothing here keeps it)."""
    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    return QGuiApplication(["deepdive", "-platform", "offscreen"])


def picture_layout(
    events: list[TimelineEvent],
    *,
    width_px: int,
    lanes: str,
    birth: BirthMonth | None,
    title: str,
    window: tuple[float, float] | None = None,
    ticks: tuple[list[GivenTick], list[GivenTick]] | None = None,
    key_list: bool = True,
    text_scale: float = 1.0,
    max_height: float = 0.0,
) -> tuple[TimelineLayout, TimelineFonts]:
    """Lay the events out for a picture ``width_px`` wide (its height follows the lanes);
    ``ticks`` are the axes' ticks when they are given (see :func:`spec_layout`); with
    ``key_list`` the key episodes not labelled in full are listed under the chart; a
    ``max_height`` squeezes the lanes of a picture that would be taller than that."""
    if lanes not in (LANES_BY_CATEGORY, LANES_BY_AGENCY):
        raise ValueError(f"lanes must be '{LANES_BY_CATEGORY}' or '{LANES_BY_AGENCY}'")
    ensure_gui_application()
    scale = max(0.75, width_px / DESIGN_WIDTH)
    fonts = TimelineFonts.for_scale(QFont(QGuiApplication.font()), scale, text_scale)

    def lay_out(height: float | None) -> TimelineLayout:
        return build_layout(
            events,
            width=width_px,
            height=height,
            window=window,
            mode=lanes,
            birth=birth,
            metrics=fonts.metrics(scale),
            measure=fonts.measure,
            title=title,
            ticks=ticks,
            key_list=key_list,
        )

    layout = lay_out(None)
    if max_height and layout.height > max_height:
        layout = lay_out(max_height)
    return layout, fonts


def spec_layout(spec: TimelineSpec) -> tuple[TimelineLayout, TimelineFonts]:
    """Lay out an export's picture from its spec (positions and strings as given)."""
    events = [
        TimelineEvent(e.id, e.first, e.last, e.is_period, e.category, e.agency, e.key, e.label)
        for e in spec.events
    ]
    return picture_layout(
        events,
        width_px=spec.width_px,
        lanes=spec.lanes,
        birth=None,
        title=spec.title,
        window=(spec.start, spec.end),
        ticks=(
            [(t.at, t.text, t.major) for t in spec.axis],
            [(t.at, t.text, t.major) for t in spec.top_axis],
        ),
        key_list=spec.key_in_picture,
        text_scale=spec.text_scale,
        max_height=spec.max_height_px,
    )


def spec_png(spec: TimelineSpec) -> bytes:
    """An export's timeline picture as PNG bytes: the core's picture drawer."""
    layout, fonts = spec_layout(spec)
    return render_png(layout, fonts)


def render_png(layout: TimelineLayout, fonts: TimelineFonts) -> bytes:
    """PNG bytes of a laid-out timeline."""
    image = QImage(
        QSize(round(layout.width), round(layout.height)), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    try:
        paint_timeline(painter, layout, fonts)
    finally:
        painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
    buffer.close()
    return bytes(data.data())


def render_svg(layout: TimelineLayout, fonts: TimelineFonts, title: str) -> bytes:
    """SVG bytes of a laid-out timeline."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    size = QSize(round(layout.width), round(layout.height))
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, layout.width, layout.height))
    generator.setTitle(title)
    generator.setDescription("DeepDive chronology timeline")
    painter = QPainter(generator)
    try:
        paint_timeline(painter, layout, fonts)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def _real_spec(
    case: CaseDetail, events: list[EventInfo], width_px: int, lanes: str
) -> TimelineSpec:
    from deepdive.export import DateMode
    from deepdive.export.dates import DatePresenter
    from deepdive.export.timeline_spec import timeline_spec

    first = events[0].span.start if events else None
    dates = DatePresenter(case, DateMode.REAL, None, first)
    return timeline_spec(case, events, dates, width_px=width_px, lanes=lanes)


def timeline_png(
    case: CaseDetail, events: list[EventInfo], *, width_px: int = 1800, lanes: str = "category"
) -> bytes:
    """The case's timeline with its real dates as PNG bytes, ``width_px`` wide, lanes by
    "category" or "agency".

    Needs no window; creates an offscreen QGuiApplication if none exists (see module).
    """
    return spec_png(_real_spec(case, events, width_px, lanes))


def timeline_svg(
    case: CaseDetail, events: list[EventInfo], *, width_px: int = 1800, lanes: str = "category"
) -> bytes:
    """The case's timeline with its real dates as SVG bytes (see :func:`timeline_png`)."""
    spec = _real_spec(case, events, width_px, lanes)
    layout, fonts = spec_layout(spec)
    return render_svg(layout, fonts, spec.title)
