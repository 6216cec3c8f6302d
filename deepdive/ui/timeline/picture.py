"""The timeline as a PNG or SVG picture, drawn without any window (for exports).

These functions need only a QGuiApplication, not a QApplication or a window. If no
Qt application exists yet, one is created on Qt's "offscreen" platform (so it works
on a machine with no display) and kept for the rest of the process; an existing
application (the desktop app, a test run) is used as it is.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from deepdive.domain.ages import BirthMonth
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail
from deepdive.ui.chronology.display import birth_of
from deepdive.ui.timeline.layout import (
    LANES_BY_AGENCY,
    LANES_BY_CATEGORY,
    TimelineEvent,
    TimelineLayout,
    build_layout,
)
from deepdive.ui.timeline.painter import TimelineFonts, paint_timeline
from deepdive.ui.timeline.sources import from_infos

# The width the on-screen sizes are designed for; wider pictures scale everything up.
DESIGN_WIDTH = 1200
_own_app: QGuiApplication | None = None


def ensure_gui_application() -> None:
    """Make sure a Qt GUI application exists (creating an offscreen one if needed)."""
    global _own_app
    if QGuiApplication.instance() is None:
        _own_app = QGuiApplication(["deepdive", "-platform", "offscreen"])


def picture_layout(
    events: list[TimelineEvent],
    *,
    width_px: int,
    lanes: str,
    birth: BirthMonth | None,
    title: str,
    window: tuple[float, float] | None = None,
) -> tuple[TimelineLayout, TimelineFonts]:
    """Lay the events out for a picture ``width_px`` wide (its height follows the lanes)."""
    if lanes not in (LANES_BY_CATEGORY, LANES_BY_AGENCY):
        raise ValueError(f"lanes must be '{LANES_BY_CATEGORY}' or '{LANES_BY_AGENCY}'")
    ensure_gui_application()
    scale = max(0.75, width_px / DESIGN_WIDTH)
    fonts = TimelineFonts.for_scale(QFont(QGuiApplication.font()), scale)
    layout = build_layout(
        events,
        width=width_px,
        height=None,
        window=window,
        mode=lanes,
        birth=birth,
        metrics=fonts.metrics(scale),
        measure=fonts.measure,
        title=title,
    )
    return layout, fonts


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


def _title(case: CaseDetail) -> str:
    return f"{case.pseudonym} ({case.code}) — chronology"


def timeline_png(
    case: CaseDetail, events: list[EventInfo], *, width_px: int = 1800, lanes: str = "category"
) -> bytes:
    """The case's timeline as PNG bytes, ``width_px`` wide, lanes by "category" or "agency".

    Needs no window; creates an offscreen QGuiApplication if none exists (see module).
    """
    layout, fonts = picture_layout(
        from_infos(events), width_px=width_px, lanes=lanes, birth=birth_of(case), title=_title(case)
    )
    return render_png(layout, fonts)


def timeline_svg(
    case: CaseDetail, events: list[EventInfo], *, width_px: int = 1800, lanes: str = "category"
) -> bytes:
    """The case's timeline as SVG bytes (see :func:`timeline_png`)."""
    layout, fonts = picture_layout(
        from_infos(events), width_px=width_px, lanes=lanes, birth=birth_of(case), title=_title(case)
    )
    return render_svg(layout, fonts, _title(case))
