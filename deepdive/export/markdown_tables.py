"""A Markdown table written as a Word table: a repeating header row in white on the
dark header fill, equal columns, rows kept whole on a page when they fit one."""

from __future__ import annotations

from deepdive.export.pipe_tables import PipeTable
from deepdive.export.runs import Runs, RunWriter
from deepdive.export.wordml import (
    HEADER_FILL,
    PLAIN,
    TABLE_END,
    Cell,
    Format,
    ParaProps,
    paragraph,
    row_fits_page,
    table_row,
    table_start,
)

_HEADER = Format(bold=True, color="FFFFFF")
# How a simple cell's pieces are formatted, as Runs formats <strong> and <em>.
_PIECE_FORMAT = {
    "": lambda fmt: fmt,
    "strong": lambda fmt: fmt.plus(bold=True),
    "em": lambda fmt: fmt.plus(italic=True),
}


def table_xml(writer: RunWriter, table: PipeTable, width: int) -> str:
    """The table's XML; each cell holds an HTML element or simple text pieces."""
    rows = table.rows
    columns = max(len(row.cells) for row in rows)
    widths = [width // columns] * columns
    styles = writer.state.styles
    body_style = styles("Table Text")
    head_style = styles("Table Heading")
    parts = [table_start(widths, style=styles("Case Study Table"))]
    for row in rows:
        cells = []
        texts = []
        for cell in row.cells:
            # Header text is set white on the dark fill itself: the paragraph style's
            # dark text would otherwise win over the table style's in Word.
            fmt = _HEADER if cell.header else PLAIN
            runs = Runs(writer, fmt)
            content = cell.pieces
            if isinstance(content, list):
                texts.append(("".join(text for _tag, text in content), widths[0]))
                for tag, text in content:
                    runs.text(text, _PIECE_FORMAT[tag](fmt))
            else:
                texts.append(("".join(content.itertext()), widths[0]))
                runs.element_content(content, fmt)
            style = head_style if cell.header else body_style
            cells.append(
                Cell(
                    paragraph(runs.finish(), ParaProps(style=style, align=cell.align)),
                    fill=HEADER_FILL if cell.header else None,
                )
            )
        cells += [Cell("")] * (columns - len(cells))
        fits = row.header or row_fits_page(texts)
        parts.append(table_row(cells, widths, header=row.header, cant_split=fits))
    parts.append(TABLE_END)
    return "".join(parts)
