"""Keys in the chronology act on what has the focus, and every one is documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog

from deepdive.demo import add_demo_case
from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.chronology.table_model import Column
from deepdive.ui.shell.help_dialogs import shortcut_rows
from deepdive.ui.shell.main_window import MainWindow


@pytest.fixture
def window(qtbot: QtBot, make_window: WindowFactory, tmp_path: Path) -> MainWindow:
    """The main window on the demo case's chronology, active so keys reach it."""
    shown = make_window()
    shown.resize(1366, 728)
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    assert shown.open_workspace(tmp_path / "keys.deepdive")
    add_demo_case(shown.services)
    assert shown.view is not None
    shown.view.select_case(shown.services.cases.find("DEMO-001").id)
    shown.view.case_tabs.setCurrentWidget(shown.view.chronology)
    return shown


def cell(panel: ChronologyPanel, row: int) -> QModelIndex:
    return panel.model.index(row, Column.DESCRIPTION)


def click_row(qtbot: QtBot, panel: ChronologyPanel, row: int, double: bool = False) -> None:
    centre = panel.table.visualRect(cell(panel, row)).center()
    click = qtbot.mouseDClick if double else qtbot.mouseClick
    if double:
        qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    click(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def test_enter_and_double_click_open_the_selected_event_in_the_editor(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.view is not None
    panel = window.view.chronology
    click_row(qtbot, panel, 2)
    assert QApplication.focusWidget() is panel.table
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    third = panel.model.event_at(2)
    assert QApplication.focusWidget() is panel.editor.date
    assert panel.editor.event_id == third.id
    assert panel.editor.texts["description"].markdown() == third.description

    panel.table.setFocus()
    click_row(qtbot, panel, 4, double=True)
    fifth = panel.model.event_at(4)
    assert QApplication.focusWidget() is panel.editor.date
    assert panel.editor.event_id == fifth.id


def test_f2_in_the_chronology_edits_the_event_and_renames_the_case_elsewhere(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.view is not None
    panel = window.view.chronology
    asked: list[str] = []

    def cancel(dialog: QDialog) -> None:
        asked.append(type(dialog).__name__)
        dialog.reject()

    answer_next_dialog(cancel)  # a rename dialog, if one opens, is cancelled and noted
    click_row(qtbot, panel, 1)
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    assert asked == []
    assert QApplication.focusWidget() is panel.editor.date
    assert panel.editor.event_id == panel.model.event_at(1).id

    window.view.case_list.table.setFocus()
    qtbot.keyClick(window.view.case_list.table, Qt.Key.Key_F2)
    assert asked == [CaseCodeDialog.__name__]


def test_delete_removes_the_selected_events_only_from_the_table_and_undo_restores(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.view is not None
    panel = window.view.chronology
    total = panel.model.total()
    click_row(qtbot, panel, 0)
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    date = panel.editor.date
    date.end(False)
    qtbot.keyClick(date, Qt.Key.Key_Backspace)  # Delete in a field edits the field …
    date.home(False)
    qtbot.keyClick(date, Qt.Key.Key_Delete)
    assert panel.model.total() == total
    panel.editor.flush()

    panel.table.setFocus()
    click_row(qtbot, panel, 3)
    gone = panel.model.event_at(3).id
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)  # … and in the table, the event
    assert panel.model.total() == total - 1
    assert panel.model.find(gone) is None
    window.view.undo_stack.undo()
    assert panel.model.find(gone) is not None


def test_the_shortcut_sheet_and_tooltips_name_the_keys_inside_panels(window: MainWindow) -> None:
    rows = shortcut_rows(window.menuBar())
    keys_of = {command: keys for _where, command, keys in rows}
    assert keys_of["Save the event and start the next"] == "Ctrl+Return, Ctrl+Enter"
    assert keys_of["Open the selected event in the editor"] == "Return, Enter"
    assert keys_of["Edit the selected event (not the case)"] == "F2"
    assert keys_of["Rename case"] == "F2"
    assert keys_of["Delete the selected events (Ctrl+Z brings them back)"] == "Del"
    assert keys_of["Next stage"] == "Alt+Right, Ctrl+PgDown"
    assert window.view is not None
    panel = window.view.chronology
    assert panel.editor.add_next.toolTip().endswith("(Ctrl+Return, Ctrl+Enter)")
    assert panel.new_button.toolTip().endswith("(Ins)")
    assert panel.delete_button.toolTip().endswith("(Del)")
