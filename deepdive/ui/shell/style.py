"""DeepDive's look: Fusion with clear field edges, the theme's palette (see
:mod:`deepdive.ui.widgets.palette`), and sizes that follow the font.

:class:`Appearance` is made once by the entry point and applied again whenever the
preferences change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.spelling.line_edits import attach_spelling
from deepdive.ui.widgets.palette import FIELD_EDGE, is_dark, palette_for, style_sheet
from deepdive.ui.widgets.preferences import Theme
from deepdive.ui.widgets.wheel_guard import WheelGuard, guard_wheel

Polish = Callable[[QWidget], None]


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
    :mod:`deepdive.ui.widgets.wheel_guard`) and, when a spell checker is given, the spelling
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
        edge = QColor(FIELD_EDGE[1 if dark else 0])
        self.style = field_edge_style(edge, scale, self._polish)
        self._app.setStyle(self.style)
        self._app.setPalette(palette_for(dark))
        self._app.setFont(font)
        self._app.setStyleSheet(style_sheet(base, dark))

    def _polish(self, widget: QWidget) -> None:
        guard_wheel(widget, self._wheel_guard)
        if self._spelling is not None:
            attach_spelling(widget, self._spelling)
