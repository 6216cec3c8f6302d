"""Edit ▸ Manage agencies…: the agency list, each change undone and redone from the main
window's Edit menu and with Ctrl+Z in the window itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog, edit_action, step_text

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.agencies.window import ManageAgenciesWindow
from deepdive.ui.chronology.table_model import Column
from deepdive.ui.shell.main_window import MainWindow

Step = Callable[[str], None]  # "Undo" or "Redo", as the test's way of stepping


def manage_action(window: MainWindow) -> QAction:
    window.menus.edit.aboutToShow.emit()  # as opening the menu does
    return next(a for a in window.menus.edit.actions() if step_text(a) == "Manage agencies…")


@pytest.fixture
def window(make_window: WindowFactory, tmp_path: Path) -> MainWindow:
    """A workspace with one case on screen: two Police events, and NWD Hub named by an
    event and a cast member."""
    shown = make_window()
    shown.show()
    assert not manage_action(shown).isEnabled()  # no workspace yet
    assert shown.open_workspace(tmp_path / "w.deepdive")
    services = shown.services
    assert services is not None and shown.view is not None
    case = services.cases.create("DD-1", "Jay", birth="2004-05")
    services.agencies.add("NWD Hub")
    services.events.add_many(
        case.id,
        [
            EventInput("2017", "police/justice", "Arrest", agency="Police"),
            EventInput("2018", "police/justice", "Charged", agency="Police"),
            EventInput("2019", "hub support", "Hub outreach", agency="NWD Hub"),
        ],
    )
    services.people.add(case.id, "Keyworker", "Life coach", agency="NWD Hub")
    shown.view.select_case(case.id)  # the overview, with the cast, is shown first
    shown.view.case_tabs.setCurrentWidget(shown.view.chronology)
    return shown


def services_of(window: MainWindow) -> Services:
    assert window.services is not None
    return window.services


def open_manager(window: MainWindow) -> ManageAgenciesWindow:
    action = manage_action(window)
    assert action.isEnabled()
    action.trigger()
    manager = window.findChild(ManageAgenciesWindow)
    assert isinstance(manager, ManageAgenciesWindow) and manager.isVisible()
    return manager


def rows(manager: ManageAgenciesWindow) -> dict[str, list[str]]:
    model = manager.model
    return {
        model.index(r, 0).data(): [model.index(r, c).data() for c in range(1, 5)]
        for r in range(model.rowCount())
    }


def chronology_sources(window: MainWindow) -> list[str]:
    assert window.view is not None
    model = window.view.chronology.model
    return [model.index(r, Column.AGENCY).data() for r in range(model.rowCount())]


def cast_agencies(window: MainWindow) -> list[str]:
    assert window.view is not None
    model = window.view.overview.cast.model
    return [model.person_at(r).agency or "" for r in range(model.rowCount())]


def answer(value: str) -> None:
    """Type or choose ``value`` in the next input dialog and press OK."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue(value)
        dialog.accept()

    answer_next_dialog(fill)


def press(qtbot: QtBot, manager: ManageAgenciesWindow, key: Qt.Key) -> None:
    """Press ``key`` in the list, as a person does with the window in front."""
    manager.activateWindow()
    qtbot.waitUntil(manager.isActiveWindow)
    manager.table.setFocus()
    qtbot.keyClick(manager.table, key)


def stepper(window: MainWindow, manager: ManageAgenciesWindow, qtbot: QtBot, how: str) -> Step:
    """Undo or Redo from the main window's Edit menu, or by keys in the manager."""

    def step(name: str) -> None:
        if how == "menu":
            action = edit_action(window, name)
            assert action.isEnabled()
            action.trigger()
            return
        manager.activateWindow()
        qtbot.waitUntil(manager.isActiveWindow)
        manager.table.setFocus()
        shift = Qt.KeyboardModifier.ShiftModifier if name == "Redo" else Qt.KeyboardModifier(0)
        qtbot.keyClick(manager.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | shift)

    return step


BOTH_WAYS = pytest.mark.parametrize("how", ["menu", "keys"])


def test_the_edit_menu_opens_one_list_with_kinds_and_what_names_each(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    manager = open_manager(window)
    listed = rows(manager)
    assert listed["Police"] == ["Police", "2", "0", "0"]
    assert listed["NWD Hub"] == ["Other", "1", "1", "0"]
    assert listed["Youth Justice"] == ["Youth justice", "0", "0", "0"]
    assert manager.width() <= 1366 and manager.height() <= 768
    assert open_manager(window) is manager  # brought forward, not opened twice
    manager.select_agency("Police")
    assert not manager.delete_button.isEnabled()  # named by events: merge it instead
    manager.select_agency("Housing")
    assert manager.delete_button.isEnabled()
    # A change made elsewhere shows here too.
    services_of(window).agencies.add("Leaving care team")
    qtbot.waitUntil(lambda: "Leaving care team" in rows(manager))
    # Its workspace closing closes it.
    assert window.open_workspace(tmp_path / "other.deepdive")
    qtbot.waitUntil(lambda: window.findChild(ManageAgenciesWindow) is None)


@BOTH_WAYS
def test_an_added_agency_is_undone_and_redone(window: MainWindow, qtbot: QtBot, how: str) -> None:
    manager = open_manager(window)
    step = stepper(window, manager, qtbot, how)
    answer("Leaving care team")
    if how == "keys":
        press(qtbot, manager, Qt.Key.Key_Insert)
    else:
        manager.add_button.click()
    assert rows(manager)["Leaving care team"] == ["Other", "0", "0", "0"]
    assert manager.selected() is not None
    assert manager.selected().name == "Leaving care team"  # type: ignore[union-attr]
    added = services_of(window).agencies.snapshot("Leaving care team").id
    assert step_text(edit_action(window, "Undo")) == "Undo Add agency “Leaving care team”"
    step("Undo")
    qtbot.waitUntil(lambda: "Leaving care team" not in rows(manager))
    assert "Leaving care team" not in services_of(window).agencies.names()
    step("Redo")
    qtbot.waitUntil(lambda: "Leaving care team" in rows(manager))
    assert services_of(window).agencies.snapshot("Leaving care team").id == added


@BOTH_WAYS
def test_a_rename_shows_everywhere_and_its_undo_too(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    manager = open_manager(window)
    step = stepper(window, manager, qtbot, how)
    assert chronology_sources(window) == ["Police", "Police", "NWD Hub"]
    manager.select_agency("NWD Hub")
    answer("No Wrong Door outreach")
    if how == "keys":
        press(qtbot, manager, Qt.Key.Key_F2)
    else:
        manager.rename_button.click()
    assert rows(manager)["No Wrong Door outreach"] == ["Other", "1", "1", "0"]
    assert chronology_sources(window) == ["Police", "Police", "No Wrong Door outreach"]
    assert cast_agencies(window) == ["No Wrong Door outreach"]
    assert window.view is not None
    filters = [text for text, _value in window.view.chronology.filters.agency.choices()]
    assert "No Wrong Door outreach" in filters and "NWD Hub" not in filters
    assert step_text(edit_action(window, "Undo")) == (
        "Undo Rename agency “NWD Hub” to “No Wrong Door outreach”"
    )
    step("Undo")
    qtbot.waitUntil(lambda: "NWD Hub" in rows(manager))
    assert chronology_sources(window) == ["Police", "Police", "NWD Hub"]
    assert cast_agencies(window) == ["NWD Hub"]
    filters = [text for text, _value in window.view.chronology.filters.agency.choices()]
    assert "NWD Hub" in filters and "No Wrong Door outreach" not in filters
    step("Redo")
    qtbot.waitUntil(lambda: "No Wrong Door outreach" in rows(manager))
    assert chronology_sources(window) == ["Police", "Police", "No Wrong Door outreach"]


@BOTH_WAYS
def test_a_change_of_kind_is_undone_and_redone(window: MainWindow, qtbot: QtBot, how: str) -> None:
    manager = open_manager(window)
    step = stepper(window, manager, qtbot, how)
    manager.select_agency("NWD Hub")
    answer("Hub")
    manager.kind_button.click()
    assert rows(manager)["NWD Hub"][0] == "Hub"
    assert services_of(window).agencies.kinds()["NWD Hub"] == "hub"
    assert step_text(edit_action(window, "Undo")) == (
        "Undo Change the kind of agency “NWD Hub” to Hub"
    )
    step("Undo")
    qtbot.waitUntil(lambda: rows(manager)["NWD Hub"][0] == "Other")
    assert services_of(window).agencies.kinds()["NWD Hub"] == "other"
    step("Redo")
    qtbot.waitUntil(lambda: rows(manager)["NWD Hub"][0] == "Hub")


@BOTH_WAYS
def test_a_merge_undone_brings_back_the_same_agency_and_its_events(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    services = services_of(window)
    hub_id = services.agencies.snapshot("NWD Hub").id
    manager = open_manager(window)
    step = stepper(window, manager, qtbot, how)
    manager.select_agency("NWD Hub")
    answer("No Wrong Door hub")
    manager.merge_button.click()
    assert "NWD Hub" not in rows(manager)
    assert rows(manager)["No Wrong Door hub"] == ["Hub", "1", "1", "0"]
    assert chronology_sources(window) == ["Police", "Police", "No Wrong Door hub"]
    assert cast_agencies(window) == ["No Wrong Door hub"]
    assert step_text(edit_action(window, "Undo")) == (
        "Undo Merge agency “NWD Hub” into “No Wrong Door hub”"
    )
    step("Undo")
    qtbot.waitUntil(lambda: "NWD Hub" in rows(manager))
    assert services.agencies.snapshot("NWD Hub").id == hub_id
    assert rows(manager)["NWD Hub"] == ["Other", "1", "1", "0"]
    assert rows(manager)["No Wrong Door hub"] == ["Hub", "0", "0", "0"]
    assert chronology_sources(window) == ["Police", "Police", "NWD Hub"]
    assert cast_agencies(window) == ["NWD Hub"]
    step("Redo")
    qtbot.waitUntil(lambda: "NWD Hub" not in rows(manager))
    assert chronology_sources(window) == ["Police", "Police", "No Wrong Door hub"]


@BOTH_WAYS
def test_deleting_an_unused_agency_is_undone_and_redone(
    window: MainWindow, qtbot: QtBot, how: str
) -> None:
    services = services_of(window)
    housing = services.agencies.snapshot("Housing")
    manager = open_manager(window)
    step = stepper(window, manager, qtbot, how)
    manager.select_agency("Police")
    if how == "keys":
        press(qtbot, manager, Qt.Key.Key_Delete)  # named by events: nothing happens
        assert "Police" in rows(manager)
    manager.select_agency("Housing")
    if how == "keys":
        press(qtbot, manager, Qt.Key.Key_Delete)
    else:
        manager.delete_button.click()
    assert "Housing" not in rows(manager)
    assert step_text(edit_action(window, "Undo")) == "Undo Delete agency “Housing”"
    step("Undo")
    qtbot.waitUntil(lambda: "Housing" in rows(manager))
    assert services.agencies.snapshot("Housing") == housing  # same id, kind and place
    step("Redo")
    qtbot.waitUntil(lambda: "Housing" not in rows(manager))


def test_a_refused_change_is_explained_in_the_window_and_changes_nothing(
    window: MainWindow, qtbot: QtBot
) -> None:
    manager = open_manager(window)
    before = rows(manager)
    undo_before = step_text(edit_action(window, "Undo"))
    answer("police")
    manager.add_button.click()
    assert manager.problem.isVisible()
    assert manager.problem.text() == "There is already an agency called Police."
    manager.select_agency("Housing")
    answer("Housing S1 2HH")
    manager.rename_button.click()
    assert "looks like a postcode" in manager.problem.text()
    manager.select_agency("Police")
    assert not manager.agency_actions.delete()  # named by two events
    assert "“Police” is still named by events" in manager.problem.text()
    assert rows(manager) == before
    assert step_text(edit_action(window, "Undo")) == undo_before  # no new step
    manager.select_agency("Housing")
    answer("Housing options")
    manager.rename_button.click()
    assert not manager.problem.isVisible()  # the next change that works clears it


def test_an_added_agency_named_since_stays_and_the_window_says_why(
    window: MainWindow, qtbot: QtBot
) -> None:
    manager = open_manager(window)
    answer("Leaving care team")
    manager.add_button.click()
    services = services_of(window)
    case_id = services.cases.find("DD-1").id
    services.events.add(
        case_id, EventInput("2020", "social care", "Pathway plan", agency="Leaving care team")
    )
    edit_action(window, "Undo").trigger()
    assert "Leaving care team" in services.agencies.names()
    assert manager.problem.text() == (
        "Leaving care team is named by events or people now, so it stays."
    )
    qtbot.waitUntil(lambda: rows(manager)["Leaving care team"] == ["Other", "1", "0", "0"])
