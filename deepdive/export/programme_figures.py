"""Charts in the programme report: full width, with alt text and a numbered caption."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, ParaProps, paragraph, run
from deepdive.services.learning_charts import BarChart

ChartPicture = Callable[[BarChart], bytes]
"""Draws a chart as PNG bytes (the app's Qt drawing code; the core cannot draw)."""


@dataclass
class Figures:
    """Places charts in the report, numbering them; what cannot be drawn is noted."""

    doc: WordDocument
    chart_png: ChartPicture | None
    notes: list[str] = field(default_factory=list)
    count: int = 0

    def figure(self, chart: BarChart) -> str:
        """The chart at the text's full width with its caption ("" if it is not drawn)."""
        if self.chart_png is None or chart.empty:
            return ""
        if all(v is None for series in chart.series for v in series.values):
            # Hidden bars only: a picture that says nothing the table does not.
            why = (
                "is hidden to protect small numbers"
                if chart.covers
                else f"is drawn from fewer than {chart.threshold} cases"
            )
            return paragraph(
                run(
                    f"The chart “{chart.title}” is left out: every figure in it {why}.",
                    Format(italic=True, color="5B6573"),
                )
            )
        try:
            png = self.chart_png(chart)
            image = self.doc.picture(
                png, alt=chart.alt, name=chart.title, width_twips=self.doc.width
            )
        except Exception as exc:  # drawing lives in the UI layer; never lose the report to it
            self.notes.append(
                f"The chart “{chart.title}” could not be drawn ({type(exc).__name__})."
            )
            return ""
        self.count += 1
        return paragraph(
            image, ParaProps(keep_next=True, align="center", space_after=0)
        ) + paragraph(
            run(f"Figure {self.count}. {chart.title}."),
            ParaProps(style=self.doc.styles("caption")),
        )
