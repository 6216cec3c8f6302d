"""Reading any chronology file a person chooses: the kind is told by its name.

CSV and Word tables are read by :mod:`deepdive.importing.tables`, Excel workbooks by
:mod:`deepdive.importing.workbook`; other office formats are refused with what to save
them as.
"""

from __future__ import annotations

from pathlib import Path

from deepdive.importing.tables import ImportFileError, SourceTable, read_csv, read_docx
from deepdive.importing.workbook import read_xlsx


def read_table(path: Path, sheet: str | None = None) -> SourceTable:
    """Read a .csv (or .txt/.tsv), .xlsx or .docx chronology; raises ImportFileError.

    ``sheet`` names the sheet of a workbook to read (default: its first visible one).
    """
    suffix = path.suffix.lower()
    if sheet is not None and suffix not in (".xlsx", ".xlsm"):
        raise ImportFileError(
            f"{path.name}: is not an Excel workbook, so it has no sheet to choose "
            f"('{sheet}'); leave out --sheet."
        )
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, sheet)
    if suffix == ".docx":
        return read_docx(path)
    if suffix in (".doc", ".rtf", ".odt", ".xls", ".ods", ".pdf", ".numbers"):
        raise ImportFileError(
            f"{path.name}: DeepDive imports CSV files, Excel .xlsx workbooks and tables in "
            f"Word .docx documents; save this {suffix} file as .xlsx, .csv or .docx first."
        )
    return read_csv(path)
