"""Reading an agency's chronology from an Excel workbook (.xlsx) into a plain table.

The workbook is opened through the safe archive reader (:mod:`deepdive.archives`)
and read by openpyxl in read-only mode, one sheet: the one named, or else the first
visible sheet whose header names a date and an event (a "Read me" sheet often comes
first), or else the first visible sheet. Cells become the text a person sees:

- a real Excel date keeps the precision its number format shows ("mmm yyyy" is a
  month, "yyyy" a year; otherwise the day, written 14/03/2016); dates typed as text
  are read by the date parser like any other text;
- a whole number is written without ".0", TRUE and FALSE as yes and no;
- a merged cell is read as Word's are: once across columns, repeated on every row it
  spans down (because that is what those rows mean);
- hidden rows are left out, and the table's description names them: what someone
  hid is not what they saw and checked, and may hold what they meant not to send.

The header is the first row (within the first ten that hold anything) naming both a
date and an event; otherwise the first row that holds anything. Rows keep Excel's
numbers, so a problem is named as "sheet 'Police' row 7".
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path, PurePosixPath
from typing import Any

from deepdive.importing.mapping import Field, guess_mapping
from deepdive.importing.tables import ImportFileError, SourceTable, read_bytes, table_of

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_HEADER_SEARCH = 10
# Format codes without their literal text ("..." and \x) and [colour]/[locale] parts.
_FORMAT_NOISE = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')


@dataclass
class _Layout:
    """What read-only openpyxl does not tell: merged ranges and hidden rows."""

    merges: list[tuple[int, int, int]] = field(default_factory=list)  # column, first, last row
    hidden: set[int] = field(default_factory=set)


def read_xlsx(path: Path, sheet: str | None = None) -> SourceTable:
    """Read one sheet of an Excel workbook (see the module docstring)."""
    from deepdive.archives import (
        ArchiveError,
        NotAnArchiveError,
        open_workbook,
        read_workbook_parts,
    )

    read_bytes(path, read=False)  # the same checks and messages as a CSV file
    try:
        parts = read_workbook_parts(path)
    except NotAnArchiveError as exc:
        raise ImportFileError(
            f"{path.name}: is not an Excel .xlsx workbook that can be read (it is not a zip "
            "file); open it in Excel and save it again as .xlsx."
        ) from exc
    except ArchiveError as exc:
        raise ImportFileError(str(exc)) from exc
    try:
        workbook = open_workbook(parts)
    except Exception as exc:  # openpyxl raises zip, XML and key errors of many kinds
        raise ImportFileError(
            f"{path.name}: is not an Excel .xlsx workbook that can be read "
            f"({type(exc).__name__}: {exc}); open it in Excel and save it again as .xlsx."
        ) from exc
    sheets = tuple(ws.title for ws in workbook.worksheets if hasattr(ws, "iter_rows"))
    title = "?"
    try:
        worksheet = _chosen_sheet(workbook, sheet, path.name)
        title = worksheet.title
        layout = _layout(parts, title)
        worksheet.reset_dimensions()  # some writers record a wrong size: read what is there
        grid = _grid(worksheet, layout)
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet: openpyxl's and lxml's errors of many kinds
        raise ImportFileError(
            f"{path.name}: sheet '{title}' is damaged and cannot be read "
            f"({type(exc).__name__}: {exc})."
        ) from exc
    finally:
        workbook.close()
    table = _sheet_table(path.name, title, list(workbook.sheetnames), grid, layout)
    return replace(table, sheets=sheets, sheet=title)


def _chosen_sheet(workbook: Any, wanted: str | None, name: str) -> Any:
    sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
    if wanted is not None:
        for worksheet in sheets:
            if worksheet.title.strip().casefold() == wanted.strip().casefold():
                return worksheet
        raise ImportFileError(
            f"{name}: has no sheet called '{wanted.strip()}'; its sheets are "
            f"{', '.join(repr(s) for s in workbook.sheetnames)}."
        )
    visible = [ws for ws in sheets if ws.sheet_state == "visible"]
    if not visible:
        raise ImportFileError(f"{name}: has no visible sheet of cells to import.")
    return next((ws for ws in visible if _header_index(_first_rows(ws)) is not None), visible[0])


def _first_rows(worksheet: Any) -> list[list[str]]:
    """The first rows that hold anything (enough to find a header)."""
    rows: list[list[str]] = []
    for cells in worksheet.iter_rows(values_only=True):
        texts = [cell_text(value) for value in cells]
        if any(texts):
            rows.append(texts)
        if len(rows) >= _HEADER_SEARCH:
            break
    return rows


def _header_index(rows: list[list[str]]) -> int | None:
    """Which of the first rows names both a date and an event, if any."""
    for index, row in enumerate(rows[:_HEADER_SEARCH]):
        fields = set(guess_mapping(tuple(row)).values())
        if Field.DATE in fields and Field.DESCRIPTION in fields:
            return index
    return None


def _grid(worksheet: Any, layout: _Layout) -> list[tuple[int, list[str]]]:
    """Each visible row's number and cell texts, merged cells filled in."""
    rows: dict[int, list[str]] = {}
    for cells in worksheet.iter_rows():
        texts = [cell_text(c.value, getattr(c, "number_format", None)) for c in cells]
        number = next((c.row for c in cells if getattr(c, "row", None)), None)
        if number is not None and any(texts):
            rows[number] = texts
    for column, first, last in layout.merges:
        value = rows.get(first, [])[column - 1 : column]
        if not value or not value[0]:
            continue
        for number in range(first + 1, last + 1):
            row = rows.setdefault(number, [])
            row += [""] * (column - len(row))
            row[column - 1] = value[0]
    layout.hidden &= set(rows)  # a hidden row that holds nothing is not worth a mention
    return [(n, rows[n]) for n in sorted(rows) if n not in layout.hidden]


def cell_text(value: object, number_format: str | None = None) -> str:
    """A cell's value as the text a person reads in Excel (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return _date_text(value, number_format or "")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, time | timedelta):
        return str(value)
    return str(value).strip()


def _date_text(value: date, number_format: str) -> str:
    code = _FORMAT_NOISE.sub("", number_format.casefold())
    if "d" in code or not any(letter in code for letter in "my"):
        return f"{value:%d/%m/%Y}"
    if "m" in code:
        return f"{value:%b %Y}"
    return str(value.year)


def _sheet_table(
    name: str, title: str, titles: list[str], grid: list[tuple[int, list[str]]], layout: _Layout
) -> SourceTable:
    if not grid:
        raise ImportFileError(
            f"{name}: sheet '{title}' is empty; there is no chronology to import."
        )
    grid = grid[_header_index([row for _, row in grid]) or 0 :]
    if len(grid) < 2:
        raise ImportFileError(
            f"{name}: sheet '{title}' has a header row but no events under it (the "
            f"workbook's sheets are {', '.join(repr(t) for t in titles)})."
        )
    used = max((max((i for i, c in enumerate(r) if c), default=-1) for _, r in grid), default=-1)
    grid = [(n, r[: used + 1]) for n, r in grid]  # formatted empty columns are not columns
    how = f"Excel sheet '{title}'"
    if len(titles) > 1:
        how += f" ({titles.index(title) + 1} of {len(titles)})"
    if grid[0][0] != 1:
        how += f", header on row {grid[0][0]}"
    hidden = sorted(n for n in layout.hidden if n > grid[0][0])
    if hidden:
        listed = ", ".join(str(n) for n in hidden[:10])
        more = f" and {len(hidden) - 10} more" if len(hidden) > 10 else ""
        rows = "row" if len(hidden) == 1 else "rows"
        how += f"; hidden {rows} {listed}{more} left out"
    return table_of(name, grid, how, f"sheet '{title}' row")


def _layout(parts: dict[str, bytes], title: str) -> _Layout:
    """The merged ranges and hidden rows of the sheet called ``title``."""
    from lxml import etree

    part = _sheet_part(parts, title)
    layout = _Layout()
    if part is None or part not in parts:
        return layout
    events = etree.iterparse(
        BytesIO(parts[part]),
        events=("end",),
        tag=(f"{_MAIN}row", f"{_MAIN}mergeCell"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    for _, element in events:
        if element.tag == f"{_MAIN}row":
            if element.get("hidden") in ("1", "true") and element.get("r", "").isdigit():
                layout.hidden.add(int(element.get("r")))
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
        else:
            merged = _merged_range(element.get("ref", ""))
            if merged is not None:
                layout.merges.append(merged)
    return layout


def _merged_range(ref: str) -> tuple[int, int, int] | None:
    from openpyxl.utils.cell import range_boundaries

    try:
        first_column, first_row, _, last_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return None
    if first_column is None or first_row is None or last_row is None:
        return None
    return first_column, first_row, last_row


def _sheet_part(parts: dict[str, bytes], title: str) -> str | None:
    """The package part holding the sheet called ``title`` (from the workbook's links)."""
    from lxml import etree

    from deepdive.archives import xml_parser

    def root(name: str) -> Any:
        return etree.fromstring(parts[name], xml_parser()) if name in parts else None

    package = root("_rels/.rels")
    if package is None:
        return None
    book = next(
        (
            _target("", r.get("Target", ""))
            for r in package.iter(f"{_PACKAGE_REL}Relationship")
            if r.get("Type", "").endswith("/officeDocument")
        ),
        None,
    )
    if book is None:
        return None
    folder, base = posixpath.split(book)
    links = root(posixpath.join(folder, "_rels", base + ".rels"))
    workbook = root(book)
    if links is None or workbook is None:
        return None
    targets = {r.get("Id"): r.get("Target", "") for r in links.iter(f"{_PACKAGE_REL}Relationship")}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        if sheet.get("name") == title:
            return _target(folder, targets.get(sheet.get(f"{_REL}id"), ""))
    return None


def _target(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return str(PurePosixPath(posixpath.normpath(posixpath.join(folder, target))))
