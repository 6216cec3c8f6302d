"""DeepDive's look: a calm, readable style on top of the platform's own."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

STYLE_SHEET = """
QLabel#caseTitle { font-size: 20pt; font-weight: 600; }
QLabel#caseSubtitle { color: palette(placeholder-text); font-size: 10.5pt; }
QLabel#sectionHeading { font-weight: 600; font-size: 11pt; padding-top: 8px; }
QLabel#paneCaption { color: palette(placeholder-text); font-size: 9pt; }
QLabel#fieldMessage { color: #b3261e; }
QLabel#emptyHint { color: palette(placeholder-text); font-size: 11pt; padding: 24px; }
QLabel#quietHint { color: palette(placeholder-text); }
QFrame#emptyBanner {
    background: palette(alternate-base);
    border: 1px solid palette(mid);
    border-radius: 6px;
    margin: 8px 4px 0 8px;
}
QTableView { gridline-color: palette(midlight); }
QHeaderView::section { padding: 4px 6px; }
"""


def apply_style(app: QApplication) -> None:
    """Use the Fusion style (consistent on every platform) with DeepDive's touches."""
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE_SHEET)
