"""Saving a Learning view chart as every way out of the app saves: its words checked
for identifiers first, and the file recorded in the export audit log.

A chart is a picture, which the leak check cannot read back, so the words drawn into
it (title, category and series names, and the alt text that describes it) are checked
before it is drawn: a registered identifier or a validated number stops it, possible
names are asked about, and an existing key vault is unlocked first (it is what the
check looks for).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.export.gate import verdict_for
from deepdive.privacy.leakcheck import LeakReport, PartFinding
from deepdive.services import Services
from deepdive.services.learning_charts import BarChart
from deepdive.ui.editors.app_services import privacy_of
from deepdive.ui.learning.chart_picture import save_chart
from deepdive.ui.privacy.possible_names import ACCEPTED_IN_THE_APP, PossibleNamesQuestion

__all__ = ["ChartNotSaved", "chart_words", "save_checked_chart"]


class ChartNotSaved(DeepDiveError):
    """The chart was not saved, and why (a sentence to show)."""


def _tr(text: str) -> str:
    return QCoreApplication.translate("LearningView", text)


def chart_words(chart: BarChart) -> list[str]:
    """Every text drawn into ``chart`` or said about it."""
    return [chart.title, *chart.categories, *(s.name for s in chart.series), chart.alt]


def save_checked_chart(parent: QWidget, services: Services, chart: BarChart, path: Path) -> Path:
    """Check ``chart``'s words, save it at ``path`` and record it in the export log.

    Raises :class:`ChartNotSaved` when the vault stays locked or possible names are
    not accepted, :class:`~deepdive.privacy.leakcheck.ExportBlocked` for identifiers,
    and a DeepDiveError when the destination is refused; nothing is written then."""
    context = privacy_of(parent)
    if not context.unlock_for_writing(services):
        raise ChartNotSaved(
            _tr("This workspace has a key vault: unlock it to export the chart. Nothing was saved.")
        )
    detector = context.detector()
    where = _tr("chart “{title}”").format(title=chart.title)
    found = [
        PartFinding(where, f, False) for text in chart_words(chart) for f in detector.detect(text)
    ]
    report = LeakReport(tuple(found))
    report.raise_if_blocked()
    if not PossibleNamesQuestion(parent)(report):
        raise ChartNotSaved(_tr("The chart was not saved."))
    save_chart(chart, path)
    kind = "svg" if path.suffix.lower() == ".svg" else "png"
    services.audit.record_export(None, kind, path, verdict_for(report, ACCEPTED_IN_THE_APP))
    return path
