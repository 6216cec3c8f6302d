"""``deepdive import-chronology CODE FILE``, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import run_deepdive


def event_count(workspace: Path, folder: Path) -> int:
    listing = run_deepdive("cases", "--json", "--workspace", workspace, data_dir=folder)
    [case] = [c for c in json.loads(listing.stdout) if c["code"] == "DEMO-001"]
    return int(case["events"])


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    path = tmp_path / "team.deepdive"
    assert run_deepdive("demo", "--workspace", path, data_dir=tmp_path).returncode == 0
    return path


def test_a_police_csv_is_imported_and_summarised(workspace: Path, tmp_path: Path) -> None:
    csv = tmp_path / "police chronology.csv"
    csv.write_text(
        "Date;Event;Significance;Ref\n"
        "01/02/2017;Jay stopped and searched;First police contact;A1\n"
        "Mar 2017;Jay reported missing;;A2\n",
        encoding="utf-8-sig",
    )
    before = event_count(workspace, tmp_path)
    result = run_deepdive(
        "import-chronology",
        "demo-001",
        csv,
        "--agency",
        "police",
        "--workspace",
        workspace,
        data_dir=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Imported 2 events into DEMO-001 from police chronology.csv.",
        "Read as CSV, UTF-8 with BOM, semicolon-separated; columns: Date → Date, "
        "Event → What happened, Significance → Significance / impact; ignored: Ref.",
    ]
    assert event_count(workspace, tmp_path) == before + 2


def test_bad_rows_are_each_named_on_stderr_and_nothing_is_imported(
    workspace: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "csc.csv"
    csv.write_text(
        "Date,Event,Source\n01/02/2017,Fine,CSC\n31/02/2017,Bad date,CSC\n2017,Who?,NYP\n",
        encoding="cp1252",
    )
    before = event_count(workspace, tmp_path)
    result = run_deepdive(
        "import-chronology", "DEMO-001", csv, "--workspace", workspace, data_dir=tmp_path
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert result.stderr.splitlines() == [
        "deepdive: csc.csv: 2 rows have problems, so nothing was imported:",
        "deepdive: csc.csv: row 3: 'Date': 31 February 2017 is not a real date",
        "deepdive: csc.csv: row 4: 'Source': 'NYP' is not an agency in this workspace "
        "(add it to the agency list, or change the cell)",
    ]
    assert event_count(workspace, tmp_path) == before


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["NOPE-1", "{csv}"], "There is no case NOPE-1 in this workspace."),
        (["DEMO-001", "{missing}"], "missing.csv: there is no such file"),
        (["DEMO-001", "{csv}", "--category", "schooling"], "'schooling' is not an event category"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(
    workspace: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    csv = tmp_path / "ok.csv"
    csv.write_text("Date,Event\n2017,Something\n", encoding="utf-8")
    filled = [a.format(csv=csv, missing=tmp_path / "missing.csv") for a in args]
    result = run_deepdive("import-chronology", *filled, "--workspace", workspace, data_dir=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and message in lines[0], result.stderr
