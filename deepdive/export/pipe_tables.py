"""Simple Markdown pipe tables read straight into a table element, without the parser.

A 2,000-row table in a file given to ``deepdive render`` costs Python-Markdown more
than everything else in the file: it parses each row, runs its inline patterns over
every cell, writes HTML, and the writer parses that HTML again. A top-level table
whose cells are plain words (or words with **bold** and *italic*) is read here into
the same element tree that HTML would give, so the Word writer treats it exactly as
before (tests/export check the two give the same document). Everything else, and
any document with footnotes, reference links or abbreviations (which tie the text
together across tables), goes through the parser as it always did.
"""

from __future__ import annotations

import re
from typing import TypeAlias

from lxml import etree
from lxml import html as lxml_html

from deepdive.text.table_cells import simple_pieces

_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
# Definitions that text before or after a table may refer to: footnotes, reference
# links and abbreviations. With any of them the document is left whole.
_DEFINITION = re.compile(r"^ {0,3}(?:\[[^\]\n]*\]:|\*\[)|\[\^", re.MULTILINE)
_SEPARATOR_CHARS = frozenset("|:- ")

Segment: TypeAlias = "str | etree._Element"
"""Markdown text, or a table element ready for the Word writer."""


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


def _table(lines: list[str]) -> etree._Element | None:
    """The table element of a block that is a simple pipe table, else None."""
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
    rows = [_split(line.strip(" "), left, right) for line in lines[2:]]
    table = lxml_html.Element("table")
    if not _row(etree.SubElement(table, "thead"), "th", heads, aligns):
        return None
    body = etree.SubElement(table, "tbody")
    if not rows:  # the parser's empty row: bare cells, without alignment
        empty = etree.SubElement(body, "tr")
        for _ in aligns:
            etree.SubElement(empty, "td")
    for cells in rows:
        if not _row(body, "td", cells, aligns):
            return None
    return table


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


def _row(parent: etree._Element, tag: str, cells: list[str], aligns: list[str | None]) -> bool:
    """Add a row of ``len(aligns)`` cells (as the parser pads or cuts them); False if a
    cell is not simple."""
    row = etree.SubElement(parent, "tr")
    for index, align in enumerate(aligns):
        text = cells[index].strip(" ") if index < len(cells) else ""
        pieces = simple_pieces(text) if text else [("", "")]
        if pieces is None:
            return False
        cell = etree.SubElement(row, tag)
        if align:
            cell.set("style", f"text-align: {align};")
        cell.text = pieces[0][1] or None
        for position in range(1, len(pieces), 2):
            kind, inner = pieces[position]
            child = etree.SubElement(cell, kind)
            child.text = inner
            child.tail = pieces[position + 1][1] or None
    return True
