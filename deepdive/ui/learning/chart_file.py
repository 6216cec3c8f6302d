"""Asking where to save a Learning view chart, as PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from deepdive.services.learning_charts import BarChart


def _tr(text: str) -> str:
    return QCoreApplication.translate("LearningView", text)


def ask_chart_path(parent: QWidget, chart: BarChart) -> Path | None:
    """The file the person chose for ``chart`` (.png unless they named an .svg), or None."""
    name, _kind = QFileDialog.getSaveFileName(
        parent,
        _tr("Export chart"),
        str(Path.home() / f"{chart.key}.png"),
        _tr("PNG image (*.png);;SVG drawing (*.svg)"),
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in (".png", ".svg") else path.with_suffix(".png")
