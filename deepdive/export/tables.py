"""Small tables the case study uses: details, cast, actions, maps and scales."""

from __future__ import annotations

from deepdive.export.chronology import MUTED
from deepdive.export.markdown_word import MarkdownToWord
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

HEADER = Format(bold=True, color="FFFFFF")
LABEL = Format(bold=True, color=MUTED)


def proportional(width: int, shares: tuple[int, ...]) -> list[int]:
    """Column widths from relative shares, adding up exactly to ``width``."""
    total = sum(shares)
    widths = [width * share // total for share in shares]
    widths[-1] += width - sum(widths)
    return widths


def grid_table(
    markdown: MarkdownToWord,
    headings: list[str],
    rows: list[list[str]],
    shares: tuple[int, ...],
    *,
    caption: str,
    fills: list[str | None] | None = None,
) -> str:
    """A table with a repeating header row; each body cell is Markdown (inline or blocks)."""
    styles = markdown.state.styles
    text_style = styles("Table Text")
    widths = proportional(markdown.state.text_width, shares)
    parts = [
        table_start(widths, style=styles("Case Study Table"), caption=caption),
        table_row(
            [
                Cell(
                    paragraph(run(h, HEADER), ParaProps(style=styles("Table Heading"))),
                    fill=HEADER_FILL,
                )
                for h in headings
            ],
            widths,
            header=True,
        ),
    ]
    for index, row in enumerate(rows):
        fill = fills[index] if fills else None
        cells = [
            Cell(
                markdown.blocks(text, style=text_style, width=widths[i], in_table=True)
                or paragraph("", ParaProps(style=text_style)),
                fill=fill,
            )
            for i, text in enumerate(row)
        ]
        fits = row_fits_page(list(zip(row, widths, strict=False)))
        parts.append(table_row(cells, widths, cant_split=fits))
    parts.append(TABLE_END + SPACER)
    return "".join(parts)


def details_table(
    markdown: MarkdownToWord, rows: list[tuple[str, str]], *, caption: str, label_share: int = 30
) -> str:
    """Label / value pairs without grid lines (the cover page, a session's details)."""
    styles = markdown.state.styles
    style = styles("Cover Detail")
    widths = proportional(markdown.state.text_width, (label_share, 100 - label_share))
    parts = [
        table_start(
            widths,
            style=None,
            caption=caption,
            borders=False,
            look_first_row=False,
            look_first_column=True,
        )
    ]
    for label, value in rows:
        parts.append(
            table_row(
                [
                    Cell(paragraph(run(label, LABEL), ParaProps(style=style))),
                    Cell(paragraph(markdown.inline(value), ParaProps(style=style))),
                ],
                widths,
            )
        )
    parts.append(TABLE_END + SPACER)
    return "".join(parts)


def bullet_items(markdown: MarkdownToWord, items: list[str], *, style: str | None = None) -> str:
    """A bullet list of one-line Markdown items."""
    num_id = markdown.state.numbering.bullet_list()
    para_style = style or markdown.state.styles("List Paragraph")
    return "".join(
        paragraph(markdown.inline(item), ParaProps(style=para_style, num_id=num_id))
        for item in items
        if item.strip()
    )
