"""The programme report: learning across every case, as a house-style Word document.

It reads like a report: the headline figures in words first ("Of the 9 young people
on the edge of care, …"), then the programme's own measures, the stories of lives
changed, and the detail (outcome tables, learning themes, key practice episodes),
each with its charts at full width and their alt text. Sections flow one after
another. Every figure drawn from fewer than the threshold of cases is written as
"fewer than N" (see :func:`deepdive.services.learning.suppress`) and the report says
so. It is written like every export: beside the destination, through the privacy
gate, then moved into place.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from deepdive.export.accessibility import AccessibilityReport, check_accessibility
from deepdive.export.api import ExportResult
from deepdive.export.date_wording import long_date
from deepdive.export.options import DEFAULT_MARKING, ExportFormat, ExportGate
from deepdive.export.output import REFERENCE_DOCUMENT, check_destination, write_atomically
from deepdive.export.programme_figures import ChartPicture, Figures
from deepdive.export.programme_impact import glance_section, measures_section, stories_section
from deepdive.export.programme_sections import episodes_section, outcomes_section, themes_section
from deepdive.export.tables import details_table
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, ParaProps, paragraph, run
from deepdive.services import Services
from deepdive.services.learning import (
    DEFAULT_THRESHOLD,
    SUPPRESSION_NOTE,
    KeyEpisode,
    LearningFilter,
    LearningSummary,
    suppress,
)

REPORT_TITLE = "Learning across cases"
EPISODES = 12  # key practice episodes excerpted
EPISODES_PER_CASE = 2  # so the excerpts come from many young people's stories
_KICKER = Format(bold=True, small_caps=True, color="2F6B8A", size_half_points=26)
_NOTICE_FILL = "EEF2F6"


def export_programme_report(
    services: Services,
    out: Path,
    *,
    wanted: LearningFilter | None = None,
    threshold: int = DEFAULT_THRESHOLD,
    gate: ExportGate | None = None,
    chart_png: ChartPicture | None = None,
    reference_doc: Path | None = None,
    marking: str | None = DEFAULT_MARKING,
    today: date | None = None,
) -> ExportResult:
    """Gather the figures through the services and write the report to ``out``."""
    if threshold < 1:
        raise ValueError("the suppression threshold is at least 1")
    reads = {REFERENCE_DOCUMENT: reference_doc}
    check_destination(out, inputs=reads)
    wanted = wanted or LearningFilter()
    summary = services.learning.summary(wanted)
    episodes = varied(services.learning.key_episodes(wanted, limit=EPISODES * 5))
    measures = services.measures.list_measures()
    stories = services.stories.for_cases(services.learning.case_ids(wanted))
    by_code = {code: services.cases.find(code) for code in {e.case_code for e in episodes}}
    by_id = {s.case_id: services.cases.get(s.case_id) for s in stories}
    notes: list[str] = []
    checked: list[AccessibilityReport] = []

    def write(path: Path) -> None:
        doc = WordDocument(reference_doc)
        figures = Figures(doc, chart_png)
        doc.add(_cover(doc, summary, threshold, marking, today or date.today()))
        doc.add(glance_section(doc, summary, threshold, measures, len(stories)))
        doc.add(measures_section(doc, measures, figures))
        doc.add(stories_section(doc, stories, by_id))
        doc.add(outcomes_section(doc, summary, threshold, figures))
        doc.add(themes_section(doc, summary, threshold, figures))
        doc.add(episodes_section(doc, episodes, by_code))
        doc.finish(title=REPORT_TITLE, marking=marking, label="Programme report")
        doc.save(path)
        checked.append(check_accessibility(path))  # as every Word export is checked
        notes.extend(figures.notes)
        notes.extend(doc.state.report.notes)

    write_atomically(out, write, gate, inputs=reads)
    if chart_png is None:
        notes.append("The charts were left out: they are drawn by the desktop app.")
    return ExportResult(
        out, ExportFormat.DOCX, 0, tuple(dict.fromkeys(notes)), checked[-1] if checked else None
    )


def varied(episodes: list[KeyEpisode]) -> list[KeyEpisode]:
    """Up to :data:`EPISODES` of the most recent episodes, first at most
    :data:`EPISODES_PER_CASE` from each case, then the next most recent of any; in the
    order given (most recent first)."""
    taken: Counter[str] = Counter()
    chosen: set[int] = set()
    for n, episode in enumerate(episodes):
        if taken[episode.case_code] < EPISODES_PER_CASE and len(chosen) < EPISODES:
            taken[episode.case_code] += 1
            chosen.add(n)
    for n in range(len(episodes)):
        if len(chosen) >= EPISODES:
            break
        chosen.add(n)
    return [episode for n, episode in enumerate(episodes) if n in chosen]


def _cover(
    doc: WordDocument,
    summary: LearningSummary,
    threshold: int,
    marking: str | None,
    today: date,
) -> str:
    styles = doc.styles
    rows = [
        ("Period and cases", summary.filter.describe()),
        ("Cases included", suppress(str(summary.cases), summary.cases, threshold)),
        ("Protective marking", marking or "None"),
        ("Date", long_date(today)),
        ("Small numbers", f"Figures from fewer than {threshold} cases are not shown"),
    ]
    notice = (
        "This report draws on pseudonymised case studies. No young person, family member or "
        "worker is named; case codes and pseudonyms are used instead. "
        + SUPPRESSION_NOTE.format(n=threshold)
    )
    return "".join(
        [
            paragraph("", ParaProps(space_before=1800, space_after=0)),
            paragraph(run("Programme report", _KICKER), ParaProps(space_after=120)),
            paragraph(run(REPORT_TITLE), ParaProps(style=styles("Title"))),
            paragraph(
                run("What we have learned from the lives of the young people we support"),
                ParaProps(style=styles("Subtitle")),
            ),
            details_table(doc.markdown, rows, caption="About this report"),
            paragraph(
                run(notice, Format(size_half_points=19)),
                ParaProps(shading=_NOTICE_FILL, space_before=300),
            ),
        ]
    )
