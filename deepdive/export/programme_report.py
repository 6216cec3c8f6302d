"""The programme report: learning across every case, as a house-style Word document.

Theme table, outcome figures, charts (with alt text) and short excerpts of key
practice episodes. Every figure drawn from fewer than the threshold of cases is
written as "fewer than N" (see :func:`deepdive.services.learning.suppress`) and the
report says so. It is written like every export: beside the destination, through
the privacy gate, then moved into place.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from deepdive.domain.dates import DateError, FuzzyDate
from deepdive.export.api import ExportResult
from deepdive.export.dates import DatePresenter, long_date
from deepdive.export.options import DEFAULT_MARKING, DateMode, ExportFormat, ExportGate
from deepdive.export.output import REFERENCE_DOCUMENT, check_destination, write_atomically
from deepdive.export.tables import details_table, grid_table
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
from deepdive.services.learning_charts import BarChart, learning_charts
from deepdive.services.outcomes import OutcomeDomain
from deepdive.services.results import CaseDetail
from deepdive.services.suppression import share

ChartPicture = Callable[[BarChart], bytes]
"""Draws a chart as PNG bytes (the app's Qt drawing code; the core cannot draw)."""

REPORT_TITLE = "Learning across cases"
EXCERPT_WORDS = 80
_MUTED = Format(italic=True, color="5B6573")
_KICKER = Format(bold=True, small_caps=True, color="2F6B8A", size_half_points=26)
_NOTICE_FILL = "EEF2F6"


def _note(text: str) -> str:
    return paragraph(run(text, _MUTED))


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    """The first ``words`` words of ``text`` (an ellipsis marks a cut)."""
    parts = text.split()
    return " ".join(parts) if len(parts) <= words else " ".join(parts[:words]) + " …"


def episode_presenter(case: CaseDetail) -> DatePresenter:
    """How the report shows one case's dates: as the young person's age, never a calendar
    date (cases hold different secret shifts, so none of them can be shown shifted)."""
    return DatePresenter(case, DateMode.RELATIVE, None, None)


def episode_heading(episode: KeyEpisode, dates: DatePresenter) -> str:
    """ "Jay (DEMO-001), age 14y 8m"; without a birth month, no date at all."""
    heading = f"{episode.pseudonym} ({episode.case_code})"
    try:
        when = FuzzyDate.parse(episode.date_text)
    except DateError:
        return heading
    age = dates.relative(when) if dates.birth is not None else ""
    return f"{heading}, {age}" if age else heading


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
    episodes = services.learning.key_episodes(wanted)
    cases = {code: services.cases.find(code) for code in {e.case_code for e in episodes}}
    notes: list[str] = []

    def write(path: Path) -> None:
        doc = WordDocument(reference_doc)
        doc.add(_cover(doc, summary, threshold, marking, today or date.today()))
        doc.add(_themes(doc, summary, threshold))
        doc.add(_outcomes(doc, summary, threshold))
        doc.add(_charts(doc, summary, threshold, chart_png, notes))
        doc.add(_episodes(doc, episodes, cases))
        doc.finish(title=REPORT_TITLE, marking=marking, label="Programme report")
        doc.save(path)
        notes.extend(doc.state.report.notes)

    write_atomically(out, write, gate, inputs=reads)
    if chart_png is None:
        notes.append("The charts were left out: they are drawn by the desktop app.")
    return ExportResult(out, ExportFormat.DOCX, 0, tuple(dict.fromkeys(notes)))


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


def _themes(doc: WordDocument, summary: LearningSummary, threshold: int) -> str:
    md = doc.markdown
    out = [md.heading("Learning themes", 1, page_break=True)]
    if not summary.themes:
        out.append(_note("No learning themes have been recorded for these cases."))
        return "".join(out)
    out.append(
        paragraph(
            run(
                "How often each learning theme was recorded on chronology events and in "
                "reflective sessions, and in how many young people's case studies it appears."
            )
        )
    )
    rows = [
        [
            t.name,
            suppress(str(t.uses), t.cases, threshold),
            suppress(str(t.cases), t.cases, threshold),
            suppress(str(t.key_episodes), t.cases, threshold),
        ]
        for t in summary.themes
    ]
    out.append(
        grid_table(
            md,
            ["Theme", "Times recorded", "Cases", "Key practice episodes"],
            rows,
            (46, 18, 14, 22),
            caption="Learning themes across cases",
        )
    )
    return "".join(out)


def _outcomes(doc: WordDocument, summary: LearningSummary, threshold: int) -> str:
    md = doc.markdown
    out = [md.heading("Outcomes", 1, page_break=True), md.heading("Headline figures", 2)]
    rows: list[list[str]] = []
    known = summary.edge_of_care_cases
    if known:
        shown = share(summary.stayed_with_family, known, threshold)
        rows.append(
            [
                "Edge-of-care young people who stayed at home or with family",
                shown,
                suppress(str(known), known, threshold),
            ]
        )
    n = summary.missing_cases
    if n:
        rows.append(
            [
                "Missing episodes before hub support",
                suppress(str(summary.missing_before), n, threshold),
                suppress(str(n), n, threshold),
            ]
        )
        rows.append(
            [
                "Missing episodes since hub support",
                suppress(str(summary.missing_after), n, threshold),
                suppress(str(n), n, threshold),
            ]
        )
    if rows:
        out.append(
            grid_table(
                md,
                ["Figure", "Value", "Young people"],
                rows,
                (60, 20, 20),
                caption="Headline outcome figures",
            )
        )
    else:
        out.append(_note("No edge-of-care or missing-episode outcomes have been recorded."))
    out.append(md.heading("Where young people live", 2))
    if summary.placements:
        place_rows = [
            [
                p.place[:1].upper() + p.place[1:],
                suppress(str(p.at_start), p.at_start, threshold),
                suppress(str(p.now), p.now, threshold),
            ]
            for p in summary.placements
        ]
        out.append(
            grid_table(
                md,
                ["Kind of place", "At the start", "Now"],
                place_rows,
                (50, 25, 25),
                caption="Accommodation at the start and now",
            )
        )
    else:
        out.append(_note("No accommodation outcomes have been recorded."))
    out.append(md.heading("Change in each outcome domain", 2))
    if summary.changes:
        change_rows = [
            [
                OutcomeDomain(c.domain).label,
                suppress(str(c.cases), c.cases, threshold),
                suppress(str(c.improved), c.improved, threshold),
                suppress(str(c.same), c.same, threshold),
                suppress(str(c.worse), c.worse, threshold),
            ]
            for c in summary.changes
        ]
        out.append(
            grid_table(
                md,
                ["Outcome", "Young people", "Better", "The same", "Worse"],
                change_rows,
                (40, 15, 15, 15, 15),
                caption="Change from the start to the latest measurement",
            )
        )
    else:
        out.append(_note("No outcome has been measured at both the start and since."))
    return "".join(out)


def _charts(
    doc: WordDocument,
    summary: LearningSummary,
    threshold: int,
    chart_png: ChartPicture | None,
    notes: list[str],
) -> str:
    md = doc.markdown
    out = [md.heading("Charts", 1, page_break=True)]
    if chart_png is None:
        out.append(_note("The charts are drawn by the desktop app and are not in this export."))
        return "".join(out)
    figure = 0
    for chart in learning_charts(summary, threshold):
        if chart.empty:
            continue
        try:
            png = chart_png(chart)
            image = doc.picture(png, alt=chart.alt, name=chart.title, width_twips=doc.width)
        except Exception as exc:  # drawing lives in the UI layer; never lose the report to it
            notes.append(f"The chart “{chart.title}” could not be drawn ({type(exc).__name__}).")
            continue
        figure += 1
        out.append(paragraph(image, ParaProps(keep_next=True, align="center", space_after=0)))
        out.append(
            paragraph(
                run(f"Figure {figure}. {chart.title}."), ParaProps(style=doc.styles("caption"))
            )
        )
    if not figure:
        out.append(_note("There is nothing to chart yet."))
    return "".join(out)


def _episodes(doc: WordDocument, episodes: list[KeyEpisode], cases: dict[str, CaseDetail]) -> str:
    md = doc.markdown
    out = [md.heading("Key practice episodes", 1, page_break=True)]
    if not episodes:
        out.append(_note("No key practice episode has been tagged with a learning theme."))
        return "".join(out)
    out.append(
        paragraph(
            run(
                "Short excerpts of key practice episodes tagged with a learning theme, the "
                "most recent first. Young people are named by pseudonym, and dates are shown "
                "as the young person's age."
            )
        )
    )
    for episode in episodes:
        dates = episode_presenter(cases[episode.case_code])
        try:
            context: FuzzyDate | None = FuzzyDate.parse(episode.date_text)
        except DateError:
            context = None
        out.append(md.heading(episode_heading(episode, dates), 2))
        out.append(paragraph(run("Themes: " + "; ".join(episode.themes), _MUTED)))
        text = excerpt(dates.text(episode.description, context))
        out.append(md.blocks(text) or _note("No description."))
    return "".join(out)
