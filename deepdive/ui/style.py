"""DeepDive's look: Fusion, a calm light or dark palette, and sizes that follow the font.

Colours are chosen for WCAG AA contrast (4.5:1 for text) in both themes. Every size
in the style sheet is a multiple of the interface font size, so text scales to 200%
without clipping.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from deepdive.ui.preferences import Theme
from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.spelling.line_edits import attach_spelling
from deepdive.ui.wheel_guard import WheelGuard, guard_wheel

Polish = Callable[[QWidget], None]

# role: (light, dark)
_COLOURS: dict[QPalette.ColorRole, tuple[str, str]] = {
    QPalette.ColorRole.Window: ("#f4f5f6", "#1e2225"),
    QPalette.ColorRole.WindowText: ("#1b1f23", "#e6e8ea"),
    QPalette.ColorRole.Base: ("#ffffff", "#15181a"),
    QPalette.ColorRole.AlternateBase: ("#f0f3f4", "#1f2427"),
    QPalette.ColorRole.Text: ("#1b1f23", "#e6e8ea"),
    QPalette.ColorRole.PlaceholderText: ("#59636b", "#a3acb3"),
    QPalette.ColorRole.Button: ("#eceef0", "#2a2f33"),
    QPalette.ColorRole.ButtonText: ("#1b1f23", "#e6e8ea"),
    QPalette.ColorRole.Highlight: ("#1d6b7b", "#6cc3d2"),
    QPalette.ColorRole.HighlightedText: ("#ffffff", "#0c1417"),
    QPalette.ColorRole.ToolTipBase: ("#ffffff", "#2a2f33"),
    QPalette.ColorRole.ToolTipText: ("#1b1f23", "#e6e8ea"),
    QPalette.ColorRole.Link: ("#1d5f9e", "#8cc4ff"),
    QPalette.ColorRole.Mid: ("#c3c9ce", "#4a5258"),
    QPalette.ColorRole.Midlight: ("#dde1e4", "#394045"),
    QPalette.ColorRole.Dark: ("#8a949b", "#0f1113"),
}
_ERROR = ("#b3261e", "#ffb4ab")
# The edge of text boxes, spin boxes, drop-down lists and tick boxes: at least 3:1
# against both the window and the field (WCAG 1.4.11). Fusion's own edge is the window
# colour a little darker, which all but vanishes in the dark theme.
_FIELD_EDGE = ("#7d868d", "#737c83")


def is_dark(theme: Theme) -> bool:
    """Whether ``theme`` ends up dark (asking the system for SYSTEM)."""
    if theme is Theme.SYSTEM:
        return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return theme is Theme.DARK


def palette_for(dark: bool) -> QPalette:
    """DeepDive's palette for a light or dark appearance."""
    palette = QPalette()
    column = 1 if dark else 0
    for role, colours in _COLOURS.items():
        palette.setColor(role, QColor(colours[column]))
    disabled = QColor("#8a949b" if not dark else "#6b747b")
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def style_sheet(base_points: float, dark: bool) -> str:
    """The style sheet, with sizes relative to ``base_points``."""
    error = _ERROR[1 if dark else 0]

    def pt(factor: float) -> str:
        return f"{base_points * factor:.1f}pt"

    return f"""
QLabel#caseTitle {{ font-size: {pt(1.9)}; font-weight: 600; }}
QLabel#caseSubtitle {{ color: palette(placeholder-text); font-size: {pt(1.05)}; }}
QLabel#sectionHeading {{ font-weight: 600; font-size: {pt(1.1)}; padding-top: 8px; }}
QLabel#paneCaption {{ color: palette(placeholder-text); font-size: {pt(0.9)}; }}
QLabel#fieldMessage {{ color: {error}; }}
QLabel#emptyHint {{ color: palette(placeholder-text); font-size: {pt(1.1)}; padding: 24px; }}
QLabel#quietHint {{ color: palette(placeholder-text); }}
QFrame#emptyBanner {{
    background: palette(alternate-base);
    border: 1px solid palette(mid);
    border-radius: 6px;
    margin: 8px 4px 0 8px;
}}
QTableView {{ gridline-color: palette(midlight); }}
QHeaderView::section {{ padding: 4px 6px; }}
"""


class FieldEdgeStyle(QProxyStyle):
    """Fusion, with edges around input fields and tick boxes that can be seen.

    Draws Fusion first, then a clearer edge over Fusion's faint one (except while a
    field has the keyboard focus, when Fusion's highlighted focus edge stays).
    """

    _PRIMITIVES = (
        QStyle.PrimitiveElement.PE_FrameLineEdit,
        QStyle.PrimitiveElement.PE_Frame,
        QStyle.PrimitiveElement.PE_IndicatorCheckBox,
        QStyle.PrimitiveElement.PE_IndicatorRadioButton,
    )
    _CONTROLS = (
        QStyle.ComplexControl.CC_SpinBox,
        QStyle.ComplexControl.CC_ComboBox,
    )

    def __init__(self, edge: QColor, polish_widget: Polish | None = None) -> None:
        super().__init__("Fusion")
        self.edge = QColor(edge)
        self.scale = 1.0
        self._polish_widget = polish_widget

    def polish(self, target: QWidget | QApplication | QPalette) -> None:  # type: ignore[override]
        """Qt polishes every widget once before it is shown: what :class:`Appearance`
        gives every widget (the wheel guard, the spelling check) is given here."""
        super().polish(target)
        if isinstance(target, QWidget) and self._polish_widget is not None:
            self._polish_widget(target)

    def drawPrimitive(
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in self._PRIMITIVES:
            round_edge = element is QStyle.PrimitiveElement.PE_IndicatorRadioButton
            self._draw_edge(option, painter, round_edge=round_edge)

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in self._CONTROLS and getattr(option, "frame", True):
            self._draw_edge(option, painter, round_edge=False)

    def _draw_edge(self, option: QStyleOption, painter: QPainter, *, round_edge: bool) -> None:
        state = option.state
        if state & QStyle.StateFlag.State_HasFocus and not round_edge:
            return
        rect = QRectF(option.rect).adjusted(0.5, 0.5, -0.5, -0.5)
        if rect.width() < 4 or rect.height() < 4:
            return
        colour = QColor(self.edge)
        if not state & QStyle.StateFlag.State_Enabled:
            colour.setAlphaF(0.5)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if round_edge:
            painter.drawEllipse(rect)
        else:
            painter.drawRoundedRect(rect, 2, 2)
        painter.restore()


class ScaledFieldEdgeStyle(FieldEdgeStyle):
    """:class:`FieldEdgeStyle` whose tick boxes grow with a larger interface font.

    Fusion's are a fixed 13 px. Kept apart because Qt asks for pixel metrics tens of
    thousands of times while building the window: at the usual font size those
    questions stay in C++ instead of each calling into Python.
    """

    _INDICATOR_METRICS = (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    )

    def __init__(self, edge: QColor, scale: float = 1.0, polish_widget: Polish | None = None):
        super().__init__(edge, polish_widget)
        self.scale = max(1.0, scale)

    def pixelMetric(
        self,
        metric: QStyle.PixelMetric,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
    ) -> int:
        size = super().pixelMetric(metric, option, widget)
        if metric in self._INDICATOR_METRICS:
            return round(size * self.scale)
        return size


def field_edge_style(
    edge: QColor, scale: float, polish_widget: Polish | None = None
) -> FieldEdgeStyle:
    """The app's style for this interface scale (1.0: the system's font size)."""
    if scale > 1.01:
        return ScaledFieldEdgeStyle(edge, scale, polish_widget)
    return FieldEdgeStyle(edge, polish_widget)


class Appearance:
    """The app's look (style, palette, font, style sheet), applied again whenever the
    preferences change; one per application, made by the entry point.

    Every widget Qt polishes is given the wheel guard (see
    :mod:`deepdive.ui.wheel_guard`) and, when a spell checker is given, the spelling
    check (:mod:`deepdive.ui.spelling.line_edits`).
    """

    def __init__(self, app: QApplication, spelling: SpellChecker | None = None) -> None:
        self._app = app
        # What "the system's font size" means, before any preference changed it.
        self._system_font = QFont(app.font())
        self._spelling = spelling
        self._wheel_guard = WheelGuard(app)
        # The style in use: PySide must keep its Python half alive for the overrides to run.
        self.style: FieldEdgeStyle | None = None

    def apply(self, theme: Theme = Theme.SYSTEM, points: float = 0.0) -> None:
        """Fusion, the theme's palette, and the interface font size (0: the system's)."""
        dark = is_dark(theme)
        font = QFont(self._system_font)
        if points > 0:
            font.setPointSizeF(points)
        base = font.pointSizeF() if font.pointSizeF() > 0 else 10.0
        system = self._system_font.pointSizeF()
        scale = base / (system if system > 0 else base)
        edge = QColor(_FIELD_EDGE[1 if dark else 0])
        self.style = field_edge_style(edge, scale, self._polish)
        self._app.setStyle(self.style)
        self._app.setPalette(palette_for(dark))
        self._app.setFont(font)
        self._app.setStyleSheet(style_sheet(base, dark))

    def _polish(self, widget: QWidget) -> None:
        guard_wheel(widget, self._wheel_guard)
        if self._spelling is not None:
            attach_spelling(widget, self._spelling)
