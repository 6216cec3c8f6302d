"""Excel .xlsx chronologies and Word tables with merged cells, as agencies send them."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from workspace_helpers import workspace_rows

from deepdive.importing import (
    ImportFileError,
    ImportRowsError,
    import_chronology,
    read_table,
)
from deepdive.services import Services


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", birth="2004-05").id


def police_workbook(path: Path) -> Path:
    """A workbook as a police analyst sends it: a title above the header, real date cells
    in several formats, text dates, a merged source cell, a hidden row, a second sheet."""
    book = openpyxl.Workbook()
    notes = book.active
    assert notes is not None
    notes.title = "Read me"
    notes.append(["This workbook holds the police chronology for DD-2019-014."])
    sheet = book.create_sheet("Chronology")
    sheet.append(["Police chronology (pseudonymised)"])
    sheet.append([])
    sheet.append(["Date", "Event", "Source", "Key practice episode"])
    sheet.append([datetime(2017, 2, 1, 14, 30), "Stopped and searched", "Police", True])
    sheet.append(["Mar 2017", "Reported missing", "Police", False])
    sheet.append([datetime(2017, 4, 1), "Seen by CAMHS", "CAMHS", None])
    sheet["A6"].number_format = "mmm yyyy"
    sheet.append([datetime(2018, 1, 1), "Placement began\nwith a second line", "CSC", None])
    sheet["A7"].number_format = "yyyy"
    sheet.append(["spring 2018", "Placement review", None, None])
    sheet.merge_cells("C7:C8")
    sheet.append(["2019", "A row someone hid", "Police", None])
    sheet.row_dimensions[9].hidden = True
    sheet.row_dimensions[12].hidden = True  # hidden and empty: not worth a mention
    sheet.append(["summer 2019", 12.0, "Police", None])
    sheet["F10"].number_format = "0.00"  # a formatted empty cell far to the right
    book.save(path)
    return path


def test_an_xlsx_sheet_imports_with_date_cells_text_dates_merges_and_hidden_rows(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    path = police_workbook(tmp_path / "police.xlsx")
    table = read_table(path)  # the first sheet is a note: the chronology's is found
    assert read_table(path, sheet="chronology") == table
    assert table.headers == ("Date", "Event", "Source", "Key practice episode")
    assert table.description == (
        "Excel sheet 'Chronology' (2 of 2), header on row 3; hidden row 9 left out"
    )
    assert table.row_numbers == (4, 5, 6, 7, 8, 10)
    result = import_chronology(services, case_id, path, sheet="Chronology")
    events = {e.description: e for e in result.events}
    assert [str(e.span.start) for e in result.events] == [
        "2017-02-01",  # a date and time cell: the day
        "2017-03",  # text
        "2017-04",  # a date cell formatted as a month keeps a month's precision
        "2018",  # and one formatted as a year, a year's
        "spring 2018",
        "summer 2019",
    ]
    assert events["Stopped and searched"].key_episode is True
    assert events["Reported missing"].key_episode is False
    assert events["Seen by CAMHS"].agency == "Health/CAMHS"
    assert events["Placement began\nwith a second line"].agency == "Children's Social Care"
    assert events["Placement review"].agency == "Children's Social Care"  # merged down
    assert "12" in events  # a whole number, as Excel shows it
    assert "A row someone hid" not in events


def test_bad_rows_are_named_by_sheet_and_excel_row(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Health"
    sheet.append(["Date", "Event"])
    sheet.append([datetime(2017, 2, 1), "Fine"])
    sheet.append(["31/02/2017", "Impossible"])
    sheet.append([None, "No date"])
    path = tmp_path / "health.xlsx"
    book.save(path)
    before = workspace_rows(services)
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert refused.value.lines == [
        "health.xlsx: sheet 'Health' row 3: 'Date': 31 February 2017 is not a real date",
        "health.xlsx: sheet 'Health' row 4: 'Date' is empty: every event needs a date",
    ]
    assert workspace_rows(services) == before


@pytest.mark.parametrize(
    ("make", "sheet", "message"),
    [
        (lambda p: p.write_bytes(b"not a zip at all"), None, "is not an Excel .xlsx workbook"),
        (lambda p: zipfile.ZipFile(p, "w").close(), None, "is not an Excel .xlsx workbook"),
        (police_workbook, "Missing", "has no sheet called 'Missing'; its sheets are 'Read me', "),
    ],
    ids=["not-a-zip", "empty-zip", "no-such-sheet"],
)
def test_unreadable_workbooks_and_missing_sheets_are_one_message(
    services: Services, case_id: int, tmp_path: Path, make: object, sheet: str, message: str
) -> None:
    path = tmp_path / "agency.xlsx"
    make(path)  # type: ignore[operator]
    with pytest.raises(ImportFileError, match=message) as refused:
        import_chronology(services, case_id, path, sheet=sheet)
    assert str(refused.value).startswith("agency.xlsx")
    assert len(str(refused.value).splitlines()) == 1


def test_a_workbook_part_that_declares_entities_is_refused_unread(tmp_path: Path) -> None:
    path = police_workbook(tmp_path / "police.xlsx")
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":  # the chronology's sheet
                head, _, body = data.rpartition(b"?>")
                dtd = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>'
                data = head + (b"?>" if head else b"") + dtd + body.replace(b"Stopped", b"&a;")
                assert b"&a;" in data
            target.writestr(item, data)
    with pytest.raises(ImportFileError, match="declares a document type"):
        read_table(hostile, sheet="Chronology")


def test_sheet_is_refused_for_files_that_have_none(tmp_path: Path) -> None:
    path = tmp_path / "police.csv"
    path.write_text("Date,Event\n2017,x\n", encoding="utf-8")
    with pytest.raises(ImportFileError, match=r"police\.csv: is not an Excel workbook"):
        read_table(path, sheet="Police")


def _merge_across(cell: object, span: int) -> None:
    properties = cell._tc.get_or_add_tcPr()  # type: ignore[attr-defined]
    grid = OxmlElement("w:gridSpan")
    grid.set(qn("w:val"), str(span))
    properties.append(grid)


def test_word_cells_merged_across_and_down_are_read_as_word_shows_them(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    document = docx.Document()
    table = document.add_table(rows=5, cols=4)
    rows = [
        ["Date", "Event", "Agency", "Outcome"],
        ["01/02/2017", "Strategy meeting", "CSC", "Plan agreed"],
        ["03/02/2017", "Home visit", "", "Seen alone"],
        ["Mar 2017", "Missing overnight; found at a friend's", "Police", ""],
        ["Apr 2017", "Return interview", "NWD Hub", "Talked about school"],
    ]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 2).merge(table.cell(2, 2))  # "CSC" merged down two rows
    table.cell(3, 1).merge(table.cell(3, 2))  # the event runs across the agency column
    table.cell(4, 3).add_paragraph("and about Nan")  # a second paragraph in one cell
    # Word templates often hold a cell's text in a content control.
    date = table.cell(4, 0)._tc
    paragraph = date.find(qn("w:p"))
    control, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    date.replace(paragraph, control)
    control.append(content)
    content.append(paragraph)
    path = tmp_path / "merged.docx"
    document.save(str(path))

    read = read_table(path)
    assert read.headers == ("Date", "Event", "Agency", "Outcome")
    assert [r[2] for r in read.rows] == ["CSC", "CSC", "", "NWD Hub"]
    assert read.rows[2][1].startswith("Missing overnight")
    assert read.rows[3][3] == "Talked about school\n\nand about Nan"
    assert read.rows[3][0] == "Apr 2017"
    result = import_chronology(services, case_id, path)
    assert [e.agency for e in result.events] == [
        "Children's Social Care",
        "Children's Social Care",
        None,
        "NWD Hub",
    ]
    assert result.added_agencies == ("NWD Hub",)
