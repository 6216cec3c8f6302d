"""The import dialog's agency step and sheet choice, driven as a user drives them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from workspace_helpers import workspace_rows

from deepdive.privacy.guard import VaultGuard
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
from deepdive.ui.chronology.import_dialog import ImportDialog

Open = Callable[[Services, Path, QUndoStack], ImportDialog]

HUB_FILE = (
    "Date;Event;Agency\n"
    "01/02/2017;Outreach visit;NWD Hub\n"
    "Mar 2017;Seen at clinic;CAMHS team\n"
    "04/2017;Boxing session;Riverside Boxing Club\n"
    "2018;Arrest;Police\n"
)


@pytest.fixture
def open_dialog(qtbot: QtBot) -> Open:
    def make(services: Services, path: Path, stack: QUndoStack) -> ImportDialog:
        case = services.cases.list_cases()[0]
        dialog = ImportDialog(services, services.cases.get(case.id), path, stack)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def test_unknown_agencies_are_mapped_or_added_and_previewed_before_anything_is_written(
    services: Services, open_dialog: Open, tmp_path: Path
) -> None:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    path = tmp_path / "hub.csv"
    path.write_text(HUB_FILE, encoding="utf-8")
    before = workspace_rows(services)
    stack = QUndoStack()
    dialog = open_dialog(services, path, stack)

    step = dialog.agencies
    assert step.isVisible()
    assert step.names() == ["NWD Hub", "CAMHS team", "Riverside Boxing Club"]
    assert step.mapping() == {"NWD Hub": "No Wrong Door hub", "CAMHS team": "Health/CAMHS"}
    assert step.choice("Riverside Boxing Club") is None  # no close match: added as it is
    sources = [dialog.preview_model.item(r, 3).text() for r in range(4)]
    assert sources == ["No Wrong Door hub", "Health/CAMHS", "Riverside Boxing Club (new)", "Police"]
    assert "New agencies added with them: Riverside Boxing Club." in dialog.summary.text()

    step.choose("NWD Hub", None)  # the user keeps the hub's own name
    assert dialog.preview_model.item(0, 3).text() == "NWD Hub (new)"
    assert dialog.preview_model.item(0, 2).text() == "other"
    step.choose("Riverside Boxing Club", "Voluntary sector")
    assert workspace_rows(services) == before  # a preview writes nothing

    assert dialog.run_import()
    assert dialog.added_agencies == ("NWD Hub",)
    saved = {e.description: e.agency for e in services.events.list_events(case_id)}
    assert saved == {
        "Outreach visit": "NWD Hub",
        "Seen at clinic": "Health/CAMHS",
        "Boxing session": "Voluntary sector",
        "Arrest": "Police",
    }
    assert services.agencies.names()[-1] == "NWD Hub"
    assert stack.count() == 1
    hub = services.agencies.snapshot("NWD Hub")
    stack.undo()
    assert services.events.list_events(case_id) == []
    assert "NWD Hub" not in services.agencies.names()  # the agency the file brought goes too
    stack.redo()
    assert {e.description: e.agency for e in services.events.list_events(case_id)} == saved
    assert services.agencies.names()[-1] == "NWD Hub"
    assert services.agencies.snapshot("NWD Hub") == hub  # the same agency, id and all


def test_a_real_name_as_an_agency_is_a_problem_until_it_is_mapped(
    workspace_path: Path, open_dialog: Open, tmp_path: Path
) -> None:
    mum = VaultPerson("Mum", real_names=("Sarah Thompson",))
    guard = VaultGuard(IdentifierRegistry.from_cases([VaultCase("DD-2019-014", 90, (mum,))]))
    services = Services.for_workspace(open_workspace(workspace_path), guard=guard)
    try:
        services.cases.create("DD-2019-014", "Jay")
        path = tmp_path / "notes.csv"
        path.write_text("Date,Event,Recorded by\n2017,Visit,Sarah Thompson\n2018,Call,Police\n")
        dialog = open_dialog(services, path, QUndoStack())
        assert not dialog.import_button.isEnabled()
        assert dialog.problems.toPlainText().startswith(
            "row 2: 'Recorded by': 'Sarah Thompson' is a real name registered in the key vault"
        )
        dialog.agencies.choose("Sarah Thompson", "Children's Social Care")
        assert dialog.problems.toPlainText() == "None."
        assert dialog.import_button.isEnabled()
        dialog.reject()
    finally:
        services.close()


def test_a_workbooks_sheet_is_chosen_and_its_columns_guessed_afresh(
    services: Services, open_dialog: Open, tmp_path: Path
) -> None:
    services.cases.create("DD-2019-014", "Jay")
    book = openpyxl.Workbook()
    police = book.active
    assert police is not None
    police.title = "Police"
    police.append(["Date", "Event"])
    police.append([datetime(2017, 2, 1), "Stopped and searched"])
    school = book.create_sheet("School")
    school.append(["When", "What happened", "Source"])
    school.append(["autumn 2017", "Exclusion", "School"])
    school.append(["spring 2018", "Return to school", "Virtual School"])
    path = tmp_path / "two agencies.xlsx"
    book.save(path)

    dialog = open_dialog(services, path, QUndoStack())
    assert dialog.sheet.isVisible()
    assert [dialog.sheet.itemText(i) for i in range(dialog.sheet.count())] == ["Police", "School"]
    assert dialog.preview_model.item(0, 1).text() == "1 Feb 2017"  # a real date cell
    assert not dialog.agencies.isVisible()

    dialog.sheet.setCurrentText("School")
    assert dialog.table is not None and dialog.table.sheet == "School"
    assert len(dialog.column_choices) == 3
    assert dialog.preview_model.item(1, 3).text() == "Education"
    assert dialog.agencies.names() == ["Virtual School"]
    assert dialog.agencies.choice("Virtual School") == "Education"  # a close match
    assert dialog.run_import()
    assert [e.agency for e in services.events.list_events(1)] == ["Education", "Education"]


def test_record_dates_import_and_a_bad_row_shows_what_the_file_says_within_a_laptop_screen(
    services: Services, open_dialog: Open, tmp_path: Path
) -> None:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    path = tmp_path / "school.csv"
    path.write_text(
        "Date;Event;Agency\n"
        "summer term 2016;Attendance fell;Education\n"
        "early 2O16;Isolation booth;Education\n"
        "2015/16;Year 7;NWD Hub\n",
        encoding="cp1252",
    )
    dialog = open_dialog(services, path, QUndoStack())
    screen = dialog.screen().availableGeometry()
    assert dialog.width() <= screen.width() and dialog.height() <= screen.height()
    assert dialog.agencies.isVisible() and dialog.preview.isVisible()
    # The agency step sits beside the column choices: the preview keeps its height.
    assert dialog.agencies.geometry().top() < dialog.preview.geometry().top()
    assert dialog.preview.height() >= 5 * dialog.preview.verticalHeader().defaultSectionSize()

    shown = [[dialog.preview_model.item(r, c).text() for c in (1, 3, 4)] for r in range(3)]
    assert shown == [
        ["Apr 2016 – Jul 2016", "Education", "Attendance fell"],
        ["early 2O16", "Education", "Isolation booth"],  # as the file has it
        ["Sep 2015 – Aug 2016", "No Wrong Door hub", "Year 7"],
    ]
    problem = dialog.preview_model.item(1, 5)
    assert problem.text().startswith("'Date': 'early 2O16' is not a date DeepDive recognises")
    assert problem.toolTip() == problem.text()
    assert not dialog.import_button.isEnabled()
    assert services.events.list_events(case_id) == []
    dialog.reject()


def test_a_name_mapped_once_starts_from_that_choice_in_the_next_file_and_no_name_is_kept(
    workspace_path: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    mum = VaultPerson("Mum", real_names=("Sarah Thompson",))
    guard = VaultGuard(IdentifierRegistry.from_cases([VaultCase("DD-2019-014", 90, (mum,))]))
    services = Services.for_workspace(open_workspace(workspace_path), guard=guard)
    settings_file = tmp_path / "chronology.ini"
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    try:
        case = services.cases.create("DD-2019-014", "Jay")
        first = tmp_path / "police.csv"
        first.write_text(
            "Date,Event,Agency\n2017,Boxing session,Riverside Boxing Club\n"
            "2018,Call,Sarah Thompson\n"
        )
        dialog = ImportDialog(services, case, first, QUndoStack(), settings=settings)
        qtbot.addWidget(dialog)
        dialog.agencies.choose("Riverside Boxing Club", "Voluntary sector")
        dialog.agencies.choose("Sarah Thompson", "Children's Social Care")
        assert dialog.run_import()
        settings.sync()
        kept = settings_file.read_text(encoding="utf-8")
        assert "Riverside" not in kept and "Sarah" not in kept  # digests only

        second = tmp_path / "school.csv"
        second.write_text(
            "Date,Event,Agency\n2019,Match,riverside boxing club\n2019,Visit,Sarah Thompson\n"
        )
        again = ImportDialog(services, case, second, QUndoStack(), settings=settings)
        qtbot.addWidget(again)
        again.show()
        assert again.agencies.choice("riverside boxing club") == "Voluntary sector"
        hints = [label.text() for label in again.agencies.findChildren(QLabel)]
        assert hints.count("as last time") == 1
        assert again.agencies.choice("Sarah Thompson") is None  # a real name: not kept
        again.reject()
    finally:
        services.close()
