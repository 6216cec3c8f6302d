"""The chronology as a Word table: header repeated on every page, key episodes marked.

Rows are written straight as XML (see :mod:`deepdive.export.wordml`), which keeps a
2,000-event chronology well under a second.
"""

from __future__ import annotations

from collections.abc import Callable

from deepdive.export.dates import DatePresenter
from deepdive.export.markdown_word import MarkdownToWord, is_plain
from deepdive.export.wordml import (
    HEADER_FILL,
    SPACER,
    TABLE_END,
    Cell,
    Format,
    ParaProps,
    paragraph,
    row_fits_page,
    run,
    table_row,
    table_start,
)
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail

KEY_FILL = "FFF1CC"
KEY_TEXT = "7A4B00"
MUTED = "5B6573"
KEY_LABEL = "★ Key practice episode"
_HEADER = Format(bold=True, color="FFFFFF")
_META = Format(color=MUTED, size_half_points=17)
_KEY = Format(bold=True, color=KEY_TEXT, size_half_points=17)
_CELL_MARGINS = 170  # left + right cell margins of the table style, in twips


def column_widths(width: int, with_age: bool) -> list[int]:
    """Date, (age,) what happened, significance: proportions that read well on A4."""
    shares = (15, 9, 44, 32) if with_age else (16, 48, 36)
    widths = [width * share // 100 for share in shares]
    widths[-1] += width - sum(widths)
    return widths


def chronology_table(
    case: CaseDetail,
    events: tuple[EventInfo, ...],
    markdown: MarkdownToWord,
    dates: DatePresenter,
    *,
    progress: Callable[[int], None] | None = None,
) -> str:
    """The whole chronology table as XML."""
    styles = markdown.state.styles
    text_style = styles("Table Text")
    head_style = styles("Table Heading")
    with_age = dates.age_column
    widths = column_widths(markdown.state.text_width, with_age)
    people = {p.id: p.pseudonym for p in case.people}
    headings = ["Date", "Age", "What happened", "Significance and outcome"]
    if not with_age:
        headings.remove("Age")
    parts = [
        table_start(
            widths,
            style=styles("Case Study Table"),
            caption=f"Chronology of significant events in {case.pseudonym}'s life",
        ),
        table_row(
            [
                Cell(paragraph(run(h, _HEADER), ParaProps(style=head_style)), fill=HEADER_FILL)
                for h in headings
            ],
            widths,
            header=True,
        ),
    ]
    what_width = widths[-2] - _CELL_MARGINS
    for number, event in enumerate(events, 1):
        fill = KEY_FILL if event.key_episode else None
        date_cell = paragraph(run(dates.span(event.span)), ParaProps(style=text_style))
        cells = [Cell(date_cell, fill=fill)]
        if with_age:
            age = paragraph(run(dates.age(event.span)), ParaProps(style=text_style))
            cells.append(Cell(age, fill=fill))
        cells.append(Cell(_what(event, people, markdown, text_style, what_width), fill=fill))
        cells.append(Cell(_meaning(event, markdown, text_style, widths[-1]), fill=fill))
        texts = [
            (f"{event.description}\n{event.voice}\n\n", widths[-2]),
            (f"{event.significance}\n{event.outcome}", widths[-1]),
        ]
        parts.append(table_row(cells, widths, cant_split=row_fits_page(texts)))
        if progress is not None and number % 100 == 0:
            progress(number)
    parts.append(TABLE_END + SPACER)
    return "".join(parts)


def _what(
    event: EventInfo,
    people: dict[int, str],
    markdown: MarkdownToWord,
    style: str,
    width: int,
) -> str:
    out = []
    if event.key_episode:
        out.append(paragraph(run(KEY_LABEL, _KEY), ParaProps(style=style, keep_next=True)))
    meta = [event.category.capitalize()]
    if event.agency:
        meta.append(f"Source: {event.agency}")
    names = [people[p] for p in event.people if p in people]
    if names:
        meta.append(", ".join(names))
    clean = markdown.state.report.clean
    out.append(paragraph(run(clean(" · ".join(meta)), _META), ParaProps(style=style)))
    out.append(_text(event.description, markdown, style, width))
    if event.voice.strip():
        quote = markdown.inline(event.voice.strip(), Format(italic=True))
        out.append(
            paragraph(
                run("“", Format(italic=True)) + quote + run("”", Format(italic=True)),
                ParaProps(style=style),
            )
        )
    return "".join(out)


def _meaning(event: EventInfo, markdown: MarkdownToWord, style: str, width: int) -> str:
    out = [_text(event.significance, markdown, style, width)] if event.significance.strip() else []
    outcome = event.outcome.strip()
    if outcome:
        label = run("Outcome: ", Format(bold=True))
        if is_plain(outcome) and "\n\n" not in outcome:
            out.append(paragraph(label + markdown.inline(outcome), ParaProps(style=style)))
        else:
            out.append(paragraph(label, ParaProps(style=style, keep_next=True)))
            out.append(_text(outcome, markdown, style, width))
    return "".join(out) or paragraph("", ParaProps(style=style))


def _text(text: str, markdown: MarkdownToWord, style: str, width: int) -> str:
    return markdown.blocks(text, style=style, width=width, in_table=True)
