"""The programme report's detail sections: outcomes, learning themes, key practice episodes.

Each section's charts sit beside the table they draw, at full width. Sections flow
one after another (a short one does not take a page of its own).
"""

from __future__ import annotations

from deepdive.domain.dates import DateError, FuzzyDate
from deepdive.export.dates import DatePresenter
from deepdive.export.markdown_word import MarkdownToWord
from deepdive.export.options import DateMode
from deepdive.export.programme_figures import Figures
from deepdive.export.tables import grid_table
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, ParaProps, paragraph, run
from deepdive.services.learning import KeyEpisode, LearningSummary
from deepdive.services.learning_charts import BarChart, learning_charts
from deepdive.services.results import CaseDetail
from deepdive.services.shown_figures import ShownFigures, shown_figures

EXCERPT_WORDS = 80
MUTED = Format(italic=True, color="5B6573")


def note(text: str) -> str:
    """A quiet line saying what is missing."""
    return paragraph(run(text, MUTED))


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


def report_charts(summary: LearningSummary, threshold: int) -> dict[str, BarChart]:
    """The learning charts by key, small numbers hidden as in every export."""
    return {chart.key: chart for chart in learning_charts(summary, threshold)}


def themes_section(
    doc: WordDocument, summary: LearningSummary, threshold: int, figures: Figures
) -> str:
    """The table of learning themes and the chart of the most common."""
    md = doc.markdown
    out = [md.heading("Learning themes", 1)]
    if not summary.themes:
        out.append(note("No learning themes have been recorded for these cases."))
        return "".join(out)
    out.append(
        paragraph(
            run(
                "How often each learning theme was recorded on chronology events and in "
                "reflective sessions, and in how many young people's case studies it appears."
            ),
            ParaProps(keep_next=True),  # with the chart beneath
        )
    )
    out.append(figures.figure(report_charts(summary, threshold)["themes"]))
    rows = [
        [t.theme.name, t.uses.text, t.cases.text, t.key_episodes.text]
        for t in shown_figures(summary, threshold).themes
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


def outcomes_section(
    doc: WordDocument, summary: LearningSummary, threshold: int, figures: Figures
) -> str:
    """Headline outcome figures, where young people live and change in each domain."""
    md = doc.markdown
    charts = report_charts(summary, threshold)
    shown = shown_figures(summary, threshold)
    return "".join(
        [
            md.heading("Outcomes", 1),
            md.heading("Headline figures", 2),
            _headline_figures(md, shown, charts, figures),
            md.heading("Where young people live", 2),
            _where_they_live(md, shown, charts, figures),
            md.heading("Change in each outcome domain", 2),
            _change_by_domain(md, shown),
        ]
    )


def _headline_figures(
    md: MarkdownToWord, shown: ShownFigures, charts: dict[str, BarChart], figures: Figures
) -> str:
    """Edge of care and missing episodes: a table and their two charts."""
    rows: list[list[str]] = []
    edge = shown.edge_of_care
    if edge is not None:
        rows.append(
            [
                "Edge-of-care young people who stayed at home or with family",
                edge.share,
                edge.known.text,
            ]
        )
    missing = shown.missing
    if missing is not None:
        rows.append(
            ["Missing episodes before hub support", missing.before.text, missing.people.text]
        )
        rows.append(["Missing episodes since hub support", missing.after.text, missing.people.text])
    if not rows:
        return note("No edge-of-care or missing-episode outcomes have been recorded.")
    table = grid_table(
        md,
        ["Figure", "Value", "Young people"],
        rows,
        (60, 20, 20),
        caption="Headline outcome figures",
    )
    return table + figures.figure(charts["edge_of_care"]) + figures.figure(charts["missing"])


def _where_they_live(
    md: MarkdownToWord, shown: ShownFigures, charts: dict[str, BarChart], figures: Figures
) -> str:
    """Accommodation at the start and now: a table and its chart."""
    if not shown.placements:
        return note("No accommodation outcomes have been recorded.")
    rows = [
        [p.place[:1].upper() + p.place[1:], p.at_start.text, p.now.text] for p in shown.placements
    ]
    table = grid_table(
        md,
        ["Kind of place", "At the start", "Now"],
        rows,
        (50, 25, 25),
        caption="Accommodation at the start and now",
    )
    return table + figures.figure(charts["placements"])


def _change_by_domain(md: MarkdownToWord, shown: ShownFigures) -> str:
    """Better, the same or worse in each outcome domain."""
    if not shown.changes:
        return note("No outcome has been measured at both the start and since.")
    rows = [
        [
            c.domain.label,
            c.cases.text,
            # The three add up to the young people shown: one hidden alone could be
            # worked out, so others are hidden with it.
            c.improved.text,
            c.same.text,
            c.worse.text,
        ]
        for c in shown.changes
    ]
    return grid_table(
        md,
        ["Outcome", "Young people", "Better", "The same", "Worse"],
        rows,
        (40, 15, 15, 15, 15),
        caption="Change from the start to the latest measurement",
    )


def episodes_section(
    doc: WordDocument, episodes: list[KeyEpisode], cases: dict[str, CaseDetail]
) -> str:
    """Short excerpts of key practice episodes tagged with a theme, dates as ages."""
    md = doc.markdown
    out = [md.heading("Key practice episodes", 1)]
    if not episodes:
        out.append(note("No key practice episode has been tagged with a learning theme."))
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
        out.append(paragraph(run("Themes: " + "; ".join(episode.themes), MUTED)))
        place = f"key practice episode › {episode.pseudonym} ({episode.case_code})"
        text = excerpt(dates.text(episode.description, context, place))
        dates.check_leftovers(real_dates_allowed=False)  # the report shows ages only
        out.append(md.blocks(text) or note("No description."))
    return "".join(out)
