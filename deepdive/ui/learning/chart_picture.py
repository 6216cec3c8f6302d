"""Learning charts as PNG or SVG, drawn without any window (for exports and reports)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator

from deepdive.files.atomic import write_bytes_atomically
from deepdive.files.kinds import FileKind
from deepdive.services.learning_charts import BarChart
from deepdive.ui.learning.chart_painter import ChartFonts, paint_bar_chart
from deepdive.ui.timeline.picture import ensure_gui_application

ASPECT = 0.56  # height / width: fits a slide and a portrait page
ROW_ASPECT = 0.065  # the height of each row of a chart of horizontal bars, for its names


def aspect(chart: BarChart) -> float:
    """Height over width: taller for many horizontal bars, so each name has room."""
    if not chart.horizontal:
        return ASPECT
    return min(1.0, max(ASPECT, 0.22 + ROW_ASPECT * len(chart.categories)))


def _size(width_px: int, chart: BarChart) -> QSize:
    return QSize(width_px, round(width_px * aspect(chart)))


def render_chart(chart: BarChart, width_px: int = 1600) -> tuple[QImage, list[QRectF]]:
    """The chart drawn on an image ``width_px`` wide, with the rectangle of each bar."""
    ensure_gui_application()
    size = _size(width_px, chart)
    image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    try:
        fonts = ChartFonts.for_width(QFont(QGuiApplication.font()), size.width())
        bars = paint_bar_chart(painter, chart, QRectF(0, 0, size.width(), size.height()), fonts)
    finally:
        painter.end()
    return image, bars


def chart_png(chart: BarChart, width_px: int = 1600) -> bytes:
    """The chart as PNG bytes, ``width_px`` wide (an offscreen Qt app is made if needed)."""
    image, _bars = render_chart(chart, width_px)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs want bytes
    buffer.close()
    return bytes(data.data())


def chart_svg(chart: BarChart, width_px: int = 1200) -> bytes:
    """The chart as SVG bytes, with its alt text as the description."""
    ensure_gui_application()
    size = _size(width_px, chart)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setTitle(chart.title)
    generator.setDescription(chart.alt)
    painter = QPainter(generator)
    try:
        fonts = ChartFonts.for_width(QFont(QGuiApplication.font()), size.width())
        paint_bar_chart(painter, chart, QRectF(0, 0, size.width(), size.height()), fonts)
    finally:
        painter.end()
    buffer.close()
    return bytes(data.data())


def save_chart(chart: BarChart, path: Path) -> None:
    """Write the chart to ``path`` as SVG (for a .svg name) or PNG, whole or not at all.

    The destination is checked as every writer's is; a refusal is a DeepDiveError.
    """
    svg = path.suffix.lower() == ".svg"
    data = chart_svg(chart) if svg else chart_png(chart)
    write_bytes_atomically(path, data, FileKind.SVG if svg else FileKind.PNG)
