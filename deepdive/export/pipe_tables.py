"""Simple Markdown pipe tables read straight into a table element, without the parser.

A 2,000-row table in a file given to ``deepdive render`` costs Python-Markdown more
than everything else in the file: it parses each row, runs its inline patterns over
every cell, writes HTML, and the writer parses that HTML again. A top-level table
whose cells are plain words (or words with **bold** and *italic*) is read here into
rows and cells that the Word writer writes exactly as it writes the parser's table
(tests/export check the two give the same document). Everything else, and
any document with footnotes, reference links or abbreviations (which tie the text
together across tables), goes through the parser as it always did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeAlias

from deepdive.text.table_cells import simple_pieces

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Definitions that text before or after a table may refer to: footnotes, reference
# links and abbreviations. With any of them the document is left whole.
_DEFINITION = re.compile(r"^ {0,3}(?:\[[^\]\n]*\]:|\*\[)|\[\^", re.MULTILINE)
_SEPARATOR_CHARS = frozenset("|:- ")


@dataclass(slots=True)
class TableCell:
    """One cell: whether it is a header cell, its alignment, and its content: text
    pieces (tag "" for plain text, "strong" or "em"; see :func:`simple_pieces`) or,
    for a table the parser read, the cell's HTML element."""

    header: bool
    align: str | None
    pieces: list[tuple[str, str]] | Any


@dataclass(slots=True)
class TableRow:
    """One row; a header row is the table's first."""

    header: bool
    cells: list[TableCell]


@dataclass(slots=True)
class PipeTable:
    """A simple table read from the text, ready for the Word writer."""

    rows: list[TableRow]


Segment: TypeAlias = "str | PipeTable"
"""Markdown text, or a table ready for the Word writer."""


def split_pipe_tables(text: str) -> list[Segment] | None:
    """``text`` as Markdown pieces and simple tables, in order; None when there is no
    simple table to take out (or the document must stay whole)."""
    if "|" not in text or _DEFINITION.search(text) is not None:
        return None
    segments: list[Segment] = []
    pending: list[str] = []
    found = False
    fence: str | None = None
    block: list[str] = []

    def close_block() -> None:
        nonlocal found
        table = _table(block) if block else None
        if table is None:
            pending.extend(block)
        else:
            segments.append("\n".join(pending))
            pending.clear()
            segments.append(table)
            found = True
        block.clear()

    for line in text.split("\n"):
        if fence is not None:
            pending.append(line)
            if line.strip(" ").startswith(fence):
                fence = None
            continue
        if not line.strip(" "):
            close_block()
            pending.append(line)
            continue
        opening = _FENCE.match(line)
        if opening is not None and not block:
            fence = opening.group(1)[:3]
            pending.append(line)
            continue
        block.append(line)
    close_block()
    if not found:
        return None
    segments.append("\n".join(pending))
    return [s for s in segments if not isinstance(s, str) or s.strip()]


def _table(lines: list[str]) -> PipeTable | None:
    """The rows of a block that is a simple pipe table, else None."""
    if len(lines) < 2 or lines[0][:1] in (" ", "") or not lines[0].strip():
        return None
    joined = "\n".join(lines)
    if "\\" in joined or "`" in joined or "\t" in joined:
        return None  # escaped pipes and code spans: the parser splits those
    header = lines[0].strip(" ")
    left = header.startswith("|")
    right = header.endswith("|")
    heads = _split(header, left, right)
    separator = _split(lines[1].strip(" "), left, right)
    if len(heads) < 2 or len(separator) != len(heads):
        return None
    if not set("".join(separator)) <= _SEPARATOR_CHARS:
        return None
    aligns = [_align(cell) for cell in separator]
    rows: list[TableRow] = []
    for index, line in enumerate(lines):
        if index == 1:
            continue
        cells = heads if index == 0 else _split(line.strip(" "), left, right)
        row = _row(cells, aligns, header=index == 0)
        if row is None:
            return None
        rows.append(row)
    if len(rows) == 1:  # the parser's empty row: bare cells, without alignment
        rows.append(TableRow(False, [TableCell(False, None, [("", "")]) for _ in aligns]))
    return PipeTable(rows)


def _split(row: str, left: bool, right: bool) -> list[str]:
    if left and row.startswith("|"):
        row = row[1:]
    if right and row.endswith("|"):
        row = row[:-1]
    return row.split("|")


def _align(cell: str) -> str | None:
    cell = cell.strip(" ")
    if cell.startswith(":") and cell.endswith(":"):
        return "center"
    if cell.startswith(":"):
        return "left"
    if cell.endswith(":"):
        return "right"
    return None


def _row(cells: list[str], aligns: list[str | None], *, header: bool) -> TableRow | None:
    """A row of ``len(aligns)`` cells (as the parser pads or cuts them); None if a cell
    is not simple."""
    out: list[TableCell] = []
    for index, align in enumerate(aligns):
        text = cells[index].strip(" ") if index < len(cells) else ""
        pieces = simple_pieces(text) if text else [("", "")]
        if pieces is None:
            return None
        # Word aligns left by default: only centred and right-aligned columns are marked.
        out.append(TableCell(header, align if align in ("center", "right") else None, pieces))
    return TableRow(header, out)
