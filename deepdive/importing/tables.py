"""Reading an agency's chronology file into a plain table of text cells.

CSV files come in whatever the sending agency's software wrote: any of the usual
delimiters, UTF-8 with or without a byte-order mark, UTF-16 (Excel's "Unicode text")
or Windows-1252, or UTF-8 with some rows in Windows-1252 (each row is decoded as what
it is; see :mod:`deepdive.importing.encoding`). Word documents hold the chronology
as a table; merged cells are read as Word shows them (a cell merged across columns
once, a cell merged down rows repeated on each row, because that is what the rows
mean), and a cell's paragraphs are kept as paragraphs (a blank line between them).
Excel workbooks are read by :mod:`deepdive.importing.workbook`.

The first non-blank row is the header. Rows are numbered as a person sees them: in
a spreadsheet the header is row 1; in Word, the header is table row 1.
"""

from __future__ import annotations

import bisect
import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from deepdive.errors import DeepDiveError
from deepdive.importing.encoding import DecodedText, decode

# A chronology is at most a few thousand rows; anything this large is the wrong file.
MAX_FILE_BYTES = 50 * 1024 * 1024
DELIMITERS = (",", ";", "\t", "|")
_DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "vertical bar"}


class ImportFileError(DeepDiveError):
    """A file that cannot be read as a chronology; the message names the file."""


@dataclass(frozen=True)
class SourceTable:
    """The cells of a chronology file: a header and data rows of equal width."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    row_numbers: tuple[int, ...]
    description: str
    row_label: str = "row"
    sheets: tuple[str, ...] = ()
    """A workbook's sheets of cells (to choose another); empty for other files."""
    sheet: str = ""
    """The workbook's sheet these cells are from."""

    def where(self, row_number: int) -> str:
        """How to name a row in a message: "row 7" or "table row 7"."""
        return f"{self.row_label} {row_number}"


def read_bytes(path: Path, *, read: bool = True) -> bytes:
    """The file's bytes (or, with ``read=False``, only its checks: there, not too big)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{path.name}: the file is {size // (1024 * 1024)} MB, too large to be a "
                "chronology (50 MB at most)."
            )
        if path.is_dir():
            raise IsADirectoryError
        return path.read_bytes() if read else b""
    except FileNotFoundError:
        raise ImportFileError(f"{path.name}: there is no such file ({path}).") from None
    except IsADirectoryError:
        raise ImportFileError(f"{path}: is a folder, not a chronology file.") from None
    except OSError as exc:
        raise ImportFileError(f"{path.name}: cannot be read ({exc.strerror or exc}).") from exc


def _records(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    records = []
    for record in reader:
        records.append(record)
        if limit is not None and len(records) >= limit:
            break
    return records


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first rows most consistently into several columns."""
    best, best_score = ",", (0, 0)
    for delimiter in DELIMITERS:
        try:
            sample = [r for r in _records(text, delimiter, 50) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        widths = Counter(len(r) for r in sample)
        if not widths:
            continue
        width, count = widths.most_common(1)[0]
        score = (count, width) if width > 1 else (0, 0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_csv(path: Path) -> SourceTable:
    """Read a delimited text file (see the module docstring)."""
    decoded = decode(read_bytes(path))
    text = decoded.text
    if "\x00" in text:
        raise ImportFileError(
            f"{path.name}: is not a text file (it contains NUL bytes); export the "
            "chronology as CSV and try again."
        )
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[list[str]] = []
    last_lines: list[int] = []  # the last line of each record (a cell may hold line breaks)
    try:
        for record in reader:
            records.append(record)
            last_lines.append(reader.line_num)
    except csv.Error as exc:
        raise ImportFileError(
            f"{path.name}: row {len(records) + 1} cannot be read as CSV ({exc}); "
            "check its quotation marks."
        ) from exc
    encoding = _encoding_text(path.name, decoded, last_lines)
    numbered = [(n, r) for n, r in enumerate(records, start=1) if any(c.strip() for c in r)]
    how = f"CSV, {encoding}, {_DELIMITER_NAMES[delimiter]}-separated"
    return table_of(path.name, numbered, how, "row")


def _encoding_text(name: str, decoded: DecodedText, last_lines: list[int]) -> str:
    """How the file was written, naming the rows that were not UTF-8; refuses unclear rows."""

    def rows(lines: tuple[int, ...]) -> list[int]:
        return sorted({bisect.bisect_left(last_lines, line) + 1 for line in lines})

    unclear = rows(decoded.unclear_lines)
    if unclear:
        raise ImportFileError(
            f"{name}: {_rows_text(unclear)} mix UTF-8 with another encoding within the row, "
            "so their accented letters cannot be read for certain; save the file as "
            '"CSV UTF-8" and import it again.'
        )
    legacy = rows(decoded.legacy_lines)
    if not legacy:
        return decoded.encoding
    return f"{decoded.encoding} ({_rows_text(legacy)} in Windows-1252)"


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(str(n) for n in rows[:10])
    more = f" and {len(rows) - 10} more" if len(rows) > 10 else ""
    return f"row {shown}" if len(rows) == 1 else f"rows {shown}{more}"


def table_of(
    name: str, numbered: list[tuple[int, list[str]]], description: str, label: str
) -> SourceTable:
    if not numbered:
        raise ImportFileError(f"{name}: is empty; there is no chronology to import.")
    (_, header), data = numbered[0], numbered[1:]
    width = max(len(r) for _, r in numbered)
    headers = tuple(
        h.strip() or f"Column {i + 1}" for i, h in enumerate([*header, *[""] * width][:width])
    )
    normal = [h.casefold() for h in headers]
    rows, numbers = [], []
    for number, record in data:
        cells = tuple(c.strip() for c in [*record, *[""] * width][:width])
        if [c.casefold() for c in cells] == normal:
            continue  # a header repeated further down (a page break in the source)
        rows.append(cells)
        numbers.append(number)
    if not rows:
        raise ImportFileError(f"{name}: has a header row but no events under it.")
    return SourceTable(name, headers, tuple(rows), tuple(numbers), description, label)


def read_docx(path: Path) -> SourceTable:
    """Read the chronology table of a Word document (see the module docstring)."""
    from docx.opc.exceptions import PackageNotFoundError

    from deepdive.archives import (
        ArchiveError,
        NotAnArchiveError,
        open_word_document,
        read_word_parts,
    )

    read_bytes(path, read=False)  # the same checks and messages as a CSV file
    try:
        document = open_word_document(read_word_parts(path))
    except ArchiveError as exc:
        if not isinstance(exc, NotAnArchiveError):
            raise ImportFileError(str(exc)) from exc
        raise ImportFileError(
            f"{path.name}: is not a Word .docx document that can be read (it is not a zip "
            "file); open it in Word and save it again as .docx."
        ) from exc
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportFileError(
            f"{path.name}: is not a Word .docx document that can be read ({exc}); "
            "open it in Word and save it again as .docx."
        ) from exc
    except Exception as exc:  # a damaged package raises lxml and zip errors of many kinds
        raise ImportFileError(
            f"{path.name}: is damaged and cannot be read as a Word document ({exc})."
        ) from exc
    tables = [_grid(table) for table in document.tables]
    tables = [t for t in tables if t]
    if not tables:
        raise ImportFileError(
            f"{path.name}: has no table. DeepDive imports the chronology from a table in "
            "the document (one row per event, a header row on top)."
        )
    chosen = _chronology_table(tables)
    number = tables.index(chosen) + 1
    how = "Word table" if len(tables) == 1 else f"Word table {number} of {len(tables)}"
    numbered = [(n, r) for n, r in enumerate(chosen, start=1) if any(c.strip() for c in r)]
    return table_of(path.name, numbered, how, "table row")


def _chronology_table(tables: list[list[list[str]]]) -> list[list[str]]:
    """The first table whose header names a date and an event; else the longest."""
    from deepdive.importing.mapping import Field, guess_mapping

    for table in tables:
        fields = set(guess_mapping(tuple(table[0])).values())
        if Field.DATE in fields and Field.DESCRIPTION in fields:
            return table
    return max(tables, key=len)


def _grid(table: object) -> list[list[str]]:
    """The table's text as a grid of columns, following Word's merges."""
    from docx.oxml.ns import qn

    rows: list[list[str]] = []
    above: dict[int, str] = {}
    for tr in table._tbl.tr_lst:  # type: ignore[attr-defined]
        cells: list[str] = [""] * (tr.grid_before or 0)
        for tc in tr.tc_lst:
            column = len(cells)
            if tc.vMerge == "continue":
                text = above.get(column, "")
            else:
                # Every paragraph in the cell, those inside content controls (w:sdt) and
                # nested tables too, in document order.
                paragraphs = [p.text.strip() for p in tc.iter(qn("w:p"))]
                text = "\n\n".join(p for p in paragraphs if p)
            span = max(1, tc.grid_span)
            cells += [text] + [""] * (span - 1)
            above[column] = text
        rows.append(cells)
    return rows
