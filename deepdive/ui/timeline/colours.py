"""The timeline's colours: a fixed light set for pictures, and one that follows the theme.

Saved pictures and exported documents are printed and pasted into light reports, so
they always use :data:`PRINT_COLOURS`. On screen the timeline follows the
application palette (:func:`screen_colours`): its ground, text and grid come from the
palette, and the lane colours keep their hues but are lightened (on a dark ground) or
darkened (on a light one) until they stand out from the ground by at least 3:1, the
WCAG contrast for graphics.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette

# Okabe–Ito and Paul Tol's muted scheme: distinguishable with colour-blindness.
LANE_HUES = (
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#CC79A7",
    "#E69F00",
    "#56B4E9",
    "#882255",
    "#117733",
    "#332288",
    "#AA4499",
    "#999933",
    "#44AA99",
)
GRAPHICS_CONTRAST = 3.0  # WCAG 1.4.11: marks against their ground


def relative_luminance(colour: QColor) -> float:
    """WCAG relative luminance of ``colour`` (0 black to 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def contrast_ratio(first: QColor, second: QColor) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def is_dark_ground(colour: QColor) -> bool:
    """Whether text and marks on ``colour`` should be light."""
    return relative_luminance(colour) < 0.18


def readable_on(colour: QColor, ground: QColor, ratio: float = GRAPHICS_CONTRAST) -> QColor:
    """``colour`` with its hue kept, lighter or darker until it reaches ``ratio`` on ``ground``."""
    result = QColor(colour)
    hue, saturation, lightness = result.hslHueF(), result.hslSaturationF(), result.lightnessF()
    step = 0.02 if is_dark_ground(ground) else -0.02
    while contrast_ratio(result, ground) < ratio and 0.0 < lightness < 1.0:
        lightness = min(1.0, max(0.0, lightness + step))
        result = QColor.fromHslF(max(0.0, hue), saturation, lightness)
    return result


@dataclass(frozen=True)
class TimelineColours:
    """Every colour one timeline drawing uses."""

    background: QColor
    band: QColor  # every other lane
    ink: QColor  # lane titles, labels, key episode outlines
    quiet: QColor  # axis captions, the legend
    grid: QColor
    selected: QColor
    lanes: tuple[QColor, ...]

    def lane(self, index: int) -> QColor:
        """The colour of lane ``index``."""
        return QColor(self.lanes[index % len(self.lanes)])

    @property
    def dark(self) -> bool:
        """Whether this is a dark drawing."""
        return is_dark_ground(self.background)


PRINT_COLOURS = TimelineColours(
    background=QColor("#ffffff"),
    band=QColor("#f5f7f9"),
    ink=QColor("#1f2933"),
    quiet=QColor("#5f6b7a"),
    grid=QColor("#e4e7eb"),
    selected=QColor("#c2410c"),
    lanes=tuple(QColor(hue) for hue in LANE_HUES),
)


def screen_colours(palette: QPalette) -> TimelineColours:
    """Colours that follow ``palette`` (the application's light or dark theme)."""
    role = QPalette.ColorRole
    background = palette.color(role.Base)
    if not is_dark_ground(background):
        # A light theme: the print colours read well; only the ground and text follow.
        return TimelineColours(
            background=background,
            band=palette.color(role.AlternateBase),
            ink=palette.color(role.Text),
            quiet=readable_on(palette.color(role.PlaceholderText), background, 4.5),
            grid=PRINT_COLOURS.grid,
            selected=PRINT_COLOURS.selected,
            lanes=PRINT_COLOURS.lanes,
        )
    band = palette.color(role.AlternateBase)
    return TimelineColours(
        background=background,
        band=band,
        ink=palette.color(role.Text),
        quiet=readable_on(palette.color(role.PlaceholderText), band, 4.5),
        grid=palette.color(role.Midlight),
        selected=readable_on(PRINT_COLOURS.selected, band, 4.5),
        lanes=tuple(readable_on(QColor(hue), band) for hue in LANE_HUES),
    )
