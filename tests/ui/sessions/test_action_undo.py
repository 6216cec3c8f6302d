"""Edit ▸ Undo takes back adding, editing, ticking off and removing an agreed action;
a removed action comes back with its id, and the runner's table follows."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from session_ui_helpers import open_new_session, press, run_selected, type_text
from ui_helpers import WindowFactory, edit_action, step_text

from deepdive.ui.sessions.actions_model import ActionColumn
from deepdive.ui.sessions.stage_editors import ActionsResponse


def test_an_action_is_added_edited_ticked_and_removed_undoably(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _session_id, other_id = open_new_session(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    services, panel = window.services, window.view.sessions.actions_panel
    case_id = window.view.selected_case_id()
    assert case_id is not None
    before = [a.description for a in services.actions.list_actions(case_id)]

    def listed() -> list[str]:
        return [panel.model.action_at(r).description for r in range(panel.model.rowCount())]

    qtbot.keyClicks(panel.new_action, "Ring Nan before the review")
    qtbot.keyClick(panel.new_action, Qt.Key.Key_Return)
    added = next(
        a for a in services.actions.list_actions(case_id) if a.description.startswith("Ring")
    )
    row = panel.model.row_of(added.id)
    model = panel.model
    assert model.setData(model.index(row, ActionColumn.OWNER), "Team manager")
    assert model.setData(
        model.index(row, ActionColumn.DONE), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    panel.table.setCurrentIndex(model.index(row, ActionColumn.ACTION))
    panel.remove_selected()
    assert listed() == before

    names = []
    window.view.select_case(other_id)  # the other case's Undo has nothing of this case's
    assert not edit_action(window, "Undo").isEnabled()
    window.view.select_case(case_id)  # and this case's history outlives the switch
    for _step in range(2):
        undo = edit_action(window, "Undo")
        names.append(step_text(undo))
        undo.trigger()
    assert names == [
        "Undo Remove action “Ring Nan before the review”",
        "Undo Tick off “Ring Nan before the review”",
    ]
    back = services.actions.list_actions(case_id)[-1]
    assert (back.id, back.owner_role, back.done) == (added.id, "Team manager", False)
    assert listed() == [*before, "Ring Nan before the review"]
    edit_action(window, "Undo").trigger()  # the owner
    edit_action(window, "Undo").trigger()  # the action itself
    assert listed() == before
    edit_action(window, "Redo").trigger()
    assert services.actions.list_actions(case_id)[-1].id == added.id
    assert listed()[-1] == "Ring Nan before the review"


def test_an_action_agreed_in_the_runner_is_undone_there_and_its_table_follows(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    services, runner = window.services, run_selected(qtbot, window)
    runner.go_to(runner.template.stage_ids.index("actions"))
    stage = runner.current_editor()
    assert isinstance(stage, ActionsResponse)
    type_text("Add a family network check")
    press(Qt.Key.Key_Return)
    assert stage.has_actions() and "actions" in runner.answered()
    runner.undo.undo_action.trigger()
    assert services.actions.list_actions(runner.detail.case_id, session_id) == []
    assert not stage.has_actions() and "actions" not in runner.answered()
    edit_action(window, "Redo").trigger()  # from the main window: the runner's table follows
    assert stage.has_actions()
    runner.close()
