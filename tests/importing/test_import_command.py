"""``deepdive import-chronology CODE FILE``, run as a user runs it: in a separate process."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.reading import open_for_reading
from deepdive.storage.workspace import open_workspace


def event_count(workspace: Path, folder: Path) -> int:
    listing = run_deepdive("cases", "--json", "--workspace", workspace, data_dir=folder)
    [case] = [c for c in json.loads(listing.stdout) if c["code"] == "DEMO-001"]
    return int(case["events"])


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "team.deepdive"
    services = Services.for_workspace(open_workspace(path))
    add_demo_case(services)
    services.close()
    return path


@pytest.fixture
def workspace(demo_source: Path, tmp_path: Path) -> Path:
    """A copy of a workspace holding the demo case (made once: it takes a moment)."""
    path = tmp_path / "team.deepdive"
    shutil.copyfile(demo_source, path)
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
        "Date,Event,Source\n01/02/2017,Fine,CSC\n31/02/2017,Bad date,CSC\n2017,Who?,S1 2HH\n",
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
        "deepdive: csc.csv: row 4: 'Source': 'S1 2HH' looks like a postcode; an agency name "
        "cannot hold it. Use the service's name, such as 'Children's Social Care' or "
        "'Health/CAMHS'.",
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


HUB_CSV = "Date;Event;Agency\n01/02/2017;Outreach visit;NWD Hub\nMar 2017;Stopped;Police\n"


def agencies_used(workspace: Path, _folder: Path) -> dict[str, int]:
    services = Services.for_workspace(open_for_reading(workspace))
    try:
        return {a.name: a.events for a in services.agencies.list_agencies()}
    finally:
        services.close()


def test_unknown_agencies_are_added_or_mapped_and_the_output_says_which(
    workspace: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "hub.csv"
    csv.write_text(HUB_CSV, encoding="utf-8")
    added = run_deepdive(
        "import-chronology", "DEMO-001", csv, "--workspace", workspace, data_dir=tmp_path
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.splitlines()[-1] == (
        "Added 1 agency: NWD Hub ('deepdive agencies' renames or merges them)."
    )
    assert agencies_used(workspace, tmp_path)["NWD Hub"] == 1

    csv.write_text(HUB_CSV.replace("NWD Hub", "Riverside youth club"), encoding="utf-8")
    mapped = run_deepdive(
        *("import-chronology", "DEMO-001", csv, "--workspace", workspace),
        *("--map-agency", "riverside YOUTH club = Voluntary sector"),
        *("--map-agency", "Nobody=Police"),  # a mapping no row needs is harmless
        data_dir=tmp_path,
    )
    assert mapped.returncode == 0, mapped.stderr
    assert mapped.stdout.splitlines()[-1] == (
        "Agencies mapped: Riverside youth club → Voluntary sector."
    )
    used = agencies_used(workspace, tmp_path)
    assert "Riverside youth club" not in used


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("NWD Hub", 'deepdive: --map-agency "NWD Hub": write the file\'s name, "=", then the'),
        ("=Police", 'deepdive: --map-agency "=Police": write the file\'s name'),
        ("NWD Hub=The Hub", "deepdive: 'The Hub' is not an agency in this workspace; use one of:"),
    ],
)
def test_a_bad_agency_mapping_is_one_line_and_imports_nothing(
    workspace: Path, tmp_path: Path, mapping: str, message: str
) -> None:
    csv = tmp_path / "hub.csv"
    csv.write_text(HUB_CSV, encoding="utf-8")
    result = run_deepdive(
        *("import-chronology", "DEMO-001", csv, "--workspace", workspace),
        *("--map-agency", mapping),
        data_dir=tmp_path,
    )
    assert refusal(result).startswith(message)
    assert "NWD Hub" not in agencies_used(workspace, tmp_path)


def test_with_a_key_vault_new_agency_names_are_checked_against_it(
    workspace: Path, tmp_path: Path
) -> None:
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultPerson

    vault = Vault.create(workspace.with_suffix(".vault"), "correct horse battery")
    vault.put_case(
        vault.ensure_case("DEMO-001").with_person(VaultPerson("Jay", real_names=("Jayden Marsh",)))
    )
    csv = tmp_path / "notes.csv"
    csv.write_text("Date,Event,Recorded by\n2017,Visit,Police\n", encoding="utf-8")
    known = run_deepdive(
        "import-chronology", "DEMO-001", csv, "--workspace", workspace, data_dir=tmp_path
    )
    assert known.returncode == 0, known.stderr  # nothing new: no passphrase needed

    csv.write_text("Date,Event,Recorded by\n2017,Visit,Police\n2018,Call,Jayden Marsh\n", "utf-8")
    args = ("import-chronology", "DEMO-001", csv, "--workspace", workspace)
    locked = refusal(run_deepdive(*args, data_dir=tmp_path))
    assert locked == (
        "deepdive: The key vault team.vault must be unlocked to add the agency 'Jayden Marsh', "
        "so that its registered names are checked: set DEEPDIVE_PASSPHRASE to its passphrase, "
        "or run the command in a terminal to be asked. Nothing was written."
    )
    unlocked = run_deepdive(
        *args, data_dir=tmp_path, env={"DEEPDIVE_PASSPHRASE": "correct horse battery"}
    )
    assert unlocked.returncode == 2
    assert unlocked.stderr.splitlines()[1] == (
        "deepdive: notes.csv: row 3: 'Recorded by': 'Jayden Marsh' is a real name registered "
        "in the key vault; an agency name cannot hold it. Use the service's name, such as "
        "'Children's Social Care' or 'Health/CAMHS'."
    )
    assert "Jayden Marsh" not in agencies_used(workspace, tmp_path)


def test_an_excel_sheet_is_imported_by_name_and_a_missing_sheet_is_one_line(
    workspace: Path, tmp_path: Path
) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Cover"
    education = book.create_sheet("Education")
    education.append(["Date of event", "Event details", "Agency"])
    education.append([datetime(2017, 9, 4), "Started Year 8", "School"])
    education["A2"].number_format = "dd/mm/yyyy"
    education.append(["autumn 2017", "Exclusion", "School"])
    path = tmp_path / "school.xlsx"
    book.save(path)
    args = ("import-chronology", "DEMO-001", path, "--workspace", workspace)
    result = run_deepdive(*args, "--sheet", "education", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Imported 2 events into DEMO-001 from school.xlsx.",
        "Read as Excel sheet 'Education' (2 of 2); columns: Date of event → Date, "
        "Event details → What happened, Agency → Source agency.",
    ]
    missing = refusal(run_deepdive(*args, "--sheet", "Health", data_dir=tmp_path))
    assert missing == (
        "deepdive: school.xlsx: has no sheet called 'Health'; its sheets are 'Cover', 'Education'."
    )
