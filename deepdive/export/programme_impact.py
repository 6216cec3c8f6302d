"""The programme report's opening: headline figures in words, the programme's own
measures and the stories of lives changed."""

from __future__ import annotations

from deepdive.export.programme_figures import Figures
from deepdive.export.programme_sections import MUTED, episode_presenter, note
from deepdive.export.programme_summary import headline_sentences
from deepdive.export.tables import grid_table
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, ParaProps, paragraph, run
from deepdive.services.learning import LearningSummary
from deepdive.services.measure_charts import measure_chart, measure_sentence
from deepdive.services.measures import MeasureInfo
from deepdive.services.results import CaseDetail
from deepdive.services.stories import CaseStoryText

_LEAD = Format(size_half_points=24)


def glance_section(
    doc: WordDocument,
    summary: LearningSummary,
    threshold: int,
    measures: list[MeasureInfo],
    stories: int,
) -> str:
    """ "At a glance": the headline figures as sentences, before any table."""
    md = doc.markdown
    out = [md.heading("At a glance", 1, page_break=True)]
    for sentence in headline_sentences(summary, threshold, measures, stories):
        out.append(paragraph(run(sentence, _LEAD), ParaProps(space_after=160)))
    out.append(md.heading("About these figures", 2))
    for text in about_figures(threshold):
        out.append(paragraph(run(text, MUTED)))
    return "".join(out)


def about_figures(threshold: int) -> list[str]:
    """How small numbers are kept out of the report, in plain words."""
    return [
        f"Any figure drawn from fewer than {threshold} young people is written as “fewer "
        f"than {threshold}”, in the text, the tables and the charts (where its bar is a short "
        "hatched stub).",
        "Where figures add up to a total the report gives, a second figure is hidden "
        "with a small one (“not shown”, or “hidden” on a chart) so that it cannot be worked "
        "out by subtraction, and no percentage is given.",
        f"When all but a few young people in a group did the same, the report says “all but "
        f"fewer than {threshold}” rather than giving either number: the few who did not "
        "could be recognised.",
    ]


def measures_section(doc: WordDocument, measures: list[MeasureInfo], figures: Figures) -> str:
    """Each programme measure: its change in words, a chart and the figures with sources."""
    md = doc.markdown
    out = [md.heading("Programme measures", 1)]
    if not measures:
        out.append(
            note(
                "No programme measures have been recorded. Record them in the Learning "
                "view, under Programme measures."
            )
        )
        return "".join(out)
    out.append(
        paragraph(
            run(
                "Figures the programme records for itself, beside those counted from the "
                "case studies. They are not drawn from individual young people's records."
            )
        )
    )
    for measure in measures:
        out.append(md.heading(measure.name, 2))
        # Kept with the chart beneath: a heading and its sentence never end a page alone.
        out.append(paragraph(run(measure_sentence(measure)), ParaProps(keep_next=True)))
        if measure.note:
            out.append(paragraph(run(measure.note, MUTED), ParaProps(keep_next=True)))
        if not measure.values:
            continue
        out.append(figures.figure(measure_chart(measure)))
        rows = [
            [v.when.long_display(), v.figure, v.source or "—", v.note or ""] for v in measure.values
        ]
        out.append(
            grid_table(
                md,
                ["Date", measure.unit.capitalize() or "Figure", "Source", "Note"],
                rows,
                (18, 14, 34, 34),
                caption=measure.name,
            )
        )
    return "".join(out)


def stories_section(
    doc: WordDocument, stories: list[CaseStoryText], cases: dict[int, CaseDetail]
) -> str:
    """The stories of lives changed, one per young person, dates shown as ages."""
    md = doc.markdown
    out = [md.heading("Stories of lives changed", 1)]
    if not stories:
        out.append(note("No stories of lives changed have been written for these cases."))
        return "".join(out)
    out.append(
        paragraph(
            run(
                "The figures show the scale of change; these stories show what it meant for "
                "the young people. Each was written by the team that knows the young person, "
                "using pseudonyms only."
            )
        )
    )
    for story in stories:
        dates = episode_presenter(cases[story.case_id])
        out.append(md.heading(f"{story.pseudonym} ({story.code})", 2))
        place = f"story of a life changed › {story.pseudonym} ({story.code})"
        shown = dates.text(story.text, None, place)
        dates.check_leftovers(real_dates_allowed=False)  # the report shows ages only
        out.append(md.blocks(shown) or note("No story."))
    return "".join(out)
