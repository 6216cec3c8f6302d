"""The timeline in the case study: a landscape page of its own, at full width.

The picture is drawn for the landscape page's width with its text no smaller than
8.5 pt when printed; its key practice episodes are numbered, and a table under it
gives every numbered episode in full (the picture shows the whole label only where
it fits), so nothing on the page is cut short or too small to read.
"""

from __future__ import annotations

from dataclasses import replace

from deepdive.export.dates import DatePresenter
from deepdive.export.landscape import SECTION_BREAK, PageArea, landscape_area
from deepdive.export.markdown_word import MarkdownToWord
from deepdive.export.model import CaseStudy
from deepdive.export.options import ExportOptions
from deepdive.export.presented import present_study
from deepdive.export.tables import grid_table
from deepdive.export.timeline_spec import LABEL_JOIN, TimelineDrawer, TimelineSpec, timeline_spec
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import Format, ParaProps, paragraph, run

PRINTED_POINTS = 8.5
"""The least size, in points, of any text in the picture as printed."""
_DESIGN_WIDTH = 1200  # the drawer's sizes are made for this width (see ui.timeline.picture)
_SMALLEST_TEXT_PX = 12  # its smallest text at that width, in pixels
_AROUND_PICTURE = 2300  # twips for the heading and the caption on the same page
_MUTED = Format(italic=True, color="5B6573")


def text_scale_for(area: PageArea) -> float:
    """How much to enlarge the picture's text so it prints at :data:`PRINTED_POINTS`."""
    printed = _SMALLEST_TEXT_PX * area.width_inches * 72 / _DESIGN_WIDTH
    return max(1.0, PRINTED_POINTS / printed)


def page_spec(spec: TimelineSpec, area: PageArea) -> TimelineSpec:
    """The spec as drawn for a document's landscape page ``area``: text large enough
    to print at 8.5 pt, no taller than the page, the key in a table instead."""
    room = (area.height - _AROUND_PICTURE) / area.width  # the page's height per width
    return replace(
        spec,
        key_in_picture=False,
        text_scale=text_scale_for(area),
        max_height_px=int(spec.width_px * room),
    )


def timeline_page(
    doc: WordDocument,
    study: CaseStudy,
    spec: TimelineSpec | None,
    drawer: TimelineDrawer | None,
) -> str:
    """The "Timeline" part: on a landscape page of its own when there is a picture."""
    md = doc.markdown
    case = study.case
    picture = b""
    if drawer is not None and spec is not None:
        spec = page_spec(spec, landscape_area(doc.document))
        try:
            picture = drawer(spec)
        except Exception as exc:  # drawing lives in the UI layer; never lose the export to it
            md.state.report.notes.append(
                f"The timeline picture could not be drawn ({type(exc).__name__}), so it is "
                "left out."
            )
    if not picture or spec is None:
        note = paragraph(run("The timeline picture is not available in this export.", _MUTED))
        return md.heading("Timeline", 1) + note
    # Every text the picture shows is in its alt text, which the leak check reads.
    alt = spec.describe(case.pseudonym)
    area = landscape_area(doc.document)
    try:
        image = doc.picture(picture, alt=alt, name="Timeline", width_twips=area.width)
    except Exception:  # python-docx raises several kinds for an image it cannot read
        note = paragraph(run("The timeline picture could not be read, so it is left out.", _MUTED))
        return md.heading("Timeline", 1) + note
    out = [SECTION_BREAK, md.heading("Timeline", 1)]
    out.append(paragraph(image, ParaProps(keep_next=True, align="center", space_after=0)))
    out.append(
        paragraph(
            run(
                f"Figure 1. {case.pseudonym}'s timeline: events by category; key practice "
                "episodes are numbered in date order and listed in full below."
                if spec.numbered()
                else f"Figure 1. {case.pseudonym}'s timeline: events by category."
            ),
            ParaProps(style=doc.styles("caption")),
        )
    )
    key = _episode_key(md, spec, area.width)
    if key:
        out.append(key)
    out.append(SECTION_BREAK)
    return "".join(out)


def _episode_key(md: MarkdownToWord, spec: TimelineSpec, width: int) -> str:
    """The numbered key practice episodes in full, across the landscape page as the
    picture is ("" when none is numbered)."""
    rows = []
    for number, event in spec.numbered():
        when, _join, words = event.label.partition(LABEL_JOIN)
        rows.append([str(number), when, words or event.label])
    if not rows:
        return ""
    portrait, md.state.text_width = md.state.text_width, width
    try:
        return grid_table(
            md,
            ["No.", "Date", "Key practice episode"],
            rows,
            (5, 12, 83),
            caption="Key practice episodes on the timeline, by number",
        )
    finally:
        md.state.text_width = portrait


def study_timeline_spec(study: CaseStudy, options: ExportOptions) -> TimelineSpec | None:
    """The spec an export of ``study`` with ``options`` hands its drawer (None when the
    chronology is empty): for drawing ahead of time, as the app does on its GUI thread.
    Reads the reference document, whose page the picture is sized for."""
    from deepdive.export.reference import open_reference

    dates = DatePresenter.for_study(study, options)
    shown = present_study(study, dates)
    if not shown.events:
        return None
    # As the document will ask for it: sized for the landscape page of its reference.
    area = landscape_area(open_reference(options.reference_doc))
    return page_spec(timeline_spec(shown.case, shown.events, dates), area)
