"""Importing agency chronologies: CSV in any delimiter and encoding, Word tables, bad rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from deepdive.importing import (
    Field,
    ImportDefaults,
    ImportFileError,
    ImportMappingError,
    ImportRowsError,
    guess_mapping,
    import_chronology,
    read_table,
)
from deepdive.services import Services
from deepdive.storage.models import Base

HEADER = ["Date", "Event", "Source", "Significance", "Outcome"]
ROWS = [
    ["01/02/2017", "Jay moved to Nan's — “finally home”", "Police", "Stability", "Plan agreed"],
    ["Feb 2017", "Café visit with Zoë", "CSC", "", ""],
    ["?/03/2016", "Uncertain month", "Health/CAMHS", "", ""],
    ["2015", "A whole year", "", "", ""],
    ["1 Feb 2017 - 3 May 2017", "A period written in one cell", "Education", "", ""],
]


def workspace_rows(services: Services) -> dict[str, list[Any]]:
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str) -> Path:
    def cell(text: str) -> str:
        if delimiter in text or '"' in text or "\n" in text:
            return '"' + text.replace('"', '""') + '"'
        return text

    lines = [delimiter.join(cell(c) for c in row) for row in rows]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def write_docx(path: Path, rows: list[list[str]], before: int = 0) -> Path:
    document = docx.Document()
    document.add_paragraph("Police chronology for the young person (pseudonymised)")
    for _ in range(before):  # an unrelated table first, as many documents have
        other = document.add_table(rows=1, cols=2)
        other.cell(0, 0).text, other.cell(0, 1).text = "Author", "PC1"
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))
    return path


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", birth="2004-05").id


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8"), (";", "utf-8-sig"), ("\t", "utf-16"), ("|", "utf-8"), (",", "cp1252")],
)
def test_csv_in_any_delimiter_and_encoding_imports_every_row(
    services: Services, case_id: int, tmp_path: Path, delimiter: str, encoding: str
) -> None:
    rows = [list(r) for r in ROWS]
    if encoding == "cp1252":
        rows[0][1] = "Jay moved to Nan's – “finally home”"  # cp1252 has these, not "—"
    path = write_csv(tmp_path / "police.csv", [HEADER, *rows], delimiter, encoding)
    result = import_chronology(services, case_id, path)
    events = services.events.list_events(case_id)
    assert len(result.events) == len(events) == 5
    by_text = {e.description: e for e in events}
    first = by_text[rows[0][1]]
    assert (str(first.span.start), first.agency, first.significance, first.outcome) == (
        "2017-02-01",
        "Police",
        "Stability",
        "Plan agreed",
    )
    assert first.category == "police/justice"  # from the source, as the file gives none
    assert by_text["Café visit with Zoë"].agency == "Children's Social Care"
    assert str(by_text["Uncertain month"].span.start) == "about 2016-03"
    assert by_text["A whole year"].agency is None
    period = by_text["A period written in one cell"].span
    assert (str(period.start), str(period.end)) == ("2017-02-01", "2017-05-03")


def test_bad_rows_are_all_reported_and_nothing_is_written(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    rows = [
        HEADER,
        ["01/02/2017", "Fine", "Police", "", ""],
        ["31/02/2017", "Impossible date", "Police", "", ""],
        ["", "No date", "Police", "", ""],
        ["03/05/2017", "An NHS number for an agency", "943 476 5919", "", ""],
        ["04/05/2017", "", "Police", "", ""],
        ["05/05/2017 - 01/01/2017", "Ends before it starts", "", "", ""],
    ]
    path = write_csv(tmp_path / "bad.csv", rows, ",", "utf-8")
    before = workspace_rows(services)
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert refused.value.lines == [
        "bad.csv: row 3: 'Date': 31 February 2017 is not a real date",
        "bad.csv: row 4: 'Date' is empty: every event needs a date",
        "bad.csv: row 5: 'Source': '943 476 5919' looks like an NHS number; an agency name "
        "cannot hold it. Use the service's name, such as 'Children's Social Care' or "
        "'Health/CAMHS'.",
        "bad.csv: row 6: 'Event' is empty: say what happened",
        "bad.csv: row 7: 'Date': the end (1 January 2017) is before the start (5 May 2017)",
    ]
    assert "nothing was imported" in str(refused.value)
    assert workspace_rows(services) == before


def test_unknown_domains_people_and_flags_are_refused(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    services.people.add(case_id, "Nan", "grandparent")
    rows = [
        ["When", "What happened", "Domain", "People involved", "Key practice episode"],
        ["2017", "Fine", "Education", "Nan", "yes"],
        ["2017", "Bad domain", "schooling", "", ""],
        ["2017", "Stranger", "family", "Uncle Ray", ""],
        ["2017", "Unsure flag", "family", "", "maybe"],
    ]
    path = write_csv(tmp_path / "mixed.csv", rows, ",", "utf-8")
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert [p.row for p in refused.value.problems] == [3, 4, 5]
    assert "'schooling' is not an event domain" in refused.value.lines[0]
    assert "'Uncle Ray' is not in the case's cast" in refused.value.lines[1]
    assert "'maybe' is not yes or no" in refused.value.lines[2]
    assert services.events.list_events(case_id) == []


def test_a_word_table_is_found_and_imported(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    path = write_docx(tmp_path / "police.docx", [HEADER, *ROWS], before=1)
    table = read_table(path)
    assert (table.headers, table.description) == (tuple(HEADER), "Word table 2 of 2")
    result = import_chronology(services, case_id, path, defaults=ImportDefaults(agency="Police"))
    assert len(result.events) == 5
    whole_year = next(e for e in result.events if e.description == "A whole year")
    assert whole_year.agency == "Police"  # the default source for rows without one


def test_word_cells_keep_their_paragraphs_and_bad_rows_name_the_table_row(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    path = write_docx(
        tmp_path / "notes.docx",
        [["Date", "Details"], ["12/03/2018", "First line"], ["32/03/2018", "Broken"]],
    )
    document = docx.Document(str(path))
    document.tables[0].cell(1, 1).add_paragraph("Second paragraph")
    document.save(str(path))
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert refused.value.lines == [
        "notes.docx: table row 3: 'Date': '32/03/2018' is not a date DeepDive recognises — "
        "use a form like 14/03/2016, Mar 2016 or 2016"
    ]
    assert read_table(path).rows[0][1] == "First line\n\nSecond paragraph"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", "is empty"),
        ("header.csv", b"Date,Event\r\n", "has a header row but no events"),
        ("nul.csv", b"Date,Event\x00\r\n2017,x\r\n", "contains NUL bytes"),
        ("quote.csv", b'Date,Event\r\n2017,"never closed\r\n', "cannot be read as CSV"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "is not a Word .docx document"),
        ("old.doc", b"\xd0\xcf\x11\xe0", "save this .doc file as .xlsx, .csv or .docx"),
    ],
)
def test_unreadable_files_are_explained(
    services: Services, case_id: int, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = workspace_rows(services)
    with pytest.raises(ImportFileError, match=message) as refused:
        import_chronology(services, case_id, path)
    assert name in str(refused.value)
    assert workspace_rows(services) == before


def test_a_file_without_date_or_event_columns_says_which_is_missing(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "odd.csv", [["Ref", "Notes"], ["1", "x"]], ",", "utf-8")
    with pytest.raises(ImportMappingError, match="no column holds the date"):
        import_chronology(services, case_id, path)


def test_headers_agencies_use_are_recognised() -> None:
    headers = (
        "Date of event",
        "Event details",
        "Source agency",
        "Impact on the young person",
        "Action taken",
        "Young person's voice",
        "End date",
        "Ref no.",
        "Key practice episode?",
    )
    assert guess_mapping(headers) == {
        0: Field.DATE,
        1: Field.DESCRIPTION,
        2: Field.AGENCY,
        3: Field.SIGNIFICANCE,
        4: Field.OUTCOME,
        5: Field.VOICE,
        6: Field.END,
        8: Field.KEY_EPISODE,
    }


def test_a_10000_row_file_is_one_transaction(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    rows = [HEADER] + [
        [f"{1 + n % 28:02d}/{1 + n % 12:02d}/2016", f"Event {n}", "Police", "", ""]
        for n in range(10_000)
    ]
    rows[9_000][0] = "30/02/2016"
    path = write_csv(tmp_path / "big.csv", rows, ",", "utf-8")
    with pytest.raises(ImportRowsError) as refused:
        import_chronology(services, case_id, path)
    assert [p.row for p in refused.value.problems] == [9_001]  # the header is row 1
    assert services.events.list_events(case_id) == []
    rows[9_000][0] = "28/02/2016"
    write_csv(path, rows, ",", "utf-8")
    assert len(import_chronology(services, case_id, path).events) == 10_000


def _mixed_csv(path: Path, windows_rows: dict[int, bytes]) -> Path:
    """The chronology in UTF-8, with the given rows (1 is the header) as raw bytes."""
    lines = [",".join(f'"{c}"' for c in row).encode("utf-8") for row in [HEADER, *ROWS]]
    for number, raw in windows_rows.items():
        lines[number - 1] = raw
    path.write_bytes(b"\r\n".join(lines) + b"\r\n")
    return path


def test_one_windows_1252_row_in_a_utf8_file_is_read_as_what_it_is(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    cp1252_row = '"2018","Jay’s review – at the café","CSC","",""'.encode("cp1252")
    path = _mixed_csv(tmp_path / "joined.csv", {4: cp1252_row})
    table = read_table(path)
    assert table.description == "CSV, UTF-8 (row 4 in Windows-1252), comma-separated"
    import_chronology(services, case_id, path)
    described = {e.description for e in services.events.list_events(case_id)}
    assert "Café visit with Zoë" in described  # not "CafÃ© visit with ZoÃ«"
    assert "Jay’s review – at the café" in described
    assert not any("Ã" in text for text in described)


def test_rows_mixing_both_encodings_are_refused_by_number(
    services: Services, case_id: int, tmp_path: Path
) -> None:
    # UTF-8 "Zoë" and a Windows-1252 "é" in the same row: neither reading is certain.
    unclear = '"2018","Zoë at the '.encode() + "café".encode("cp1252") + b'","CSC","",""'
    path = _mixed_csv(tmp_path / "joined.csv", {3: unclear, 5: unclear})
    before = workspace_rows(services)
    with pytest.raises(ImportFileError) as refused:
        import_chronology(services, case_id, path)
    assert str(refused.value).startswith(
        "joined.csv: rows 3, 5 mix UTF-8 with another encoding within the row"
    )
    assert workspace_rows(services) == before
