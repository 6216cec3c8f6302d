"""The look shared by every learning chart drawing: colours (print and screen), fonts
scaled to the drawing's width, the axis step and the wrapping of names."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QFontMetricsF, QPalette

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


def axis_step(value: int) -> int:
    """A round whole step (1, 2, 3, 5, 10, 15, 20, 25, 30, 40, 50, 75, 100, …), the
    smallest so that four steps reach ``value``: the longest bar nearly fills the axis."""
    scale = 1
    while True:
        for factor in (1, 1.5, 2, 2.5, 3, 4, 5, 7.5):
            step = factor * scale
            if step == int(step) and step * 4 >= value:
                return int(step)
        scale *= 10


def axis_figures(values: list[int]) -> bool:
    """Whether to number the axis: not when every bar is hidden or 0, where figures
    would seem to give the hidden bars a size."""
    return any(v > 0 for v in values)


def wrap_lines(metrics: QFontMetricsF, text: str, width: float, most: int = 2) -> list[str]:
    """Up to ``most`` lines of ``text`` wrapped to ``width``, the last ending in "…" if
    the text is longer still."""
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
    if len(lines) > most:
        lines = [*lines[: most - 1], " ".join(lines[most - 1 :])]
    # A single word wider than the room (large text, narrow chart) is cut short too.
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
