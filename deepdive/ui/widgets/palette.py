"""DeepDive's palette: a calm light or dark theme, and the style sheet's sizes.

Colours are chosen for WCAG AA contrast (4.5:1 for text) in both themes. Every size
in the style sheet is a multiple of the interface font size, so text scales to 200%
without clipping. (The app's style, which applies them, is
:class:`deepdive.ui.shell.style.Appearance`.)
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from deepdive.ui.widgets.preferences import Theme

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
FIELD_EDGE = ("#7d868d", "#737c83")


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
