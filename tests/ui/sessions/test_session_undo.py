"""Undo and redo of what the room says in a session, in the runner and from Edit ▸ Undo,
one step per stage and pause, after switching case too; and of a session's details."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from session_ui_helpers import open_new_session, press, run_selected, type_text
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog, edit_action, step_text

from deepdive.services import Services
from deepdive.services.session_results import Participant
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.response_editors import ListResponse, ScaleResponse, TextResponse
from deepdive.ui.sessions.session_dialog import SessionDialog

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def _stored(services: Services, session_id: int, stage: str) -> dict[str, object]:
    return services.sessions.responses(session_id).get(stage, {})


def test_typing_in_the_runner_is_undone_in_the_runner_and_redone_from_the_edit_menu(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, other_id = open_new_session(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    services, runner = window.services, run_selected(qtbot, window)
    opening = runner.current_editor()
    assert isinstance(opening, TextResponse)
    type_text("Curiosity, not blame.")
    assert runner.flush()  # the pause in typing
    type_text(" Roles only.")
    runner.undo_button.click()  # what was typed a moment ago is its own step: undone first
    assert _stored(services, session_id, "opening") == {"text": "Curiosity, not blame."}
    assert opening.value() == {"text": "Curiosity, not blame."}
    assert runner.undo_button.toolTip().startswith("Undo Edit Opening: why we are here")

    # Another case shown in the main window cannot undo it; back on the session's case,
    # the main window's Edit menu undoes what the runner did (one history per case).
    case_id = services.sessions.get(session_id).case_id
    window.view.select_case(other_id)
    assert not edit_action(window, "Undo").isEnabled()
    window.view.select_case(case_id)
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo Edit Opening: why we are here and how we will work"
    undo.trigger()
    assert _stored(services, session_id, "opening") == {"text": ""}
    assert opening.value() == {"text": ""}
    assert runner.answered() == set()
    edit_action(window, "Redo").trigger()
    edit_action(window, "Redo").trigger()
    assert opening.value() == {"text": "Curiosity, not blame. Roles only."}
    assert window.view.sessions.select_session(session_id)
    assert "Curiosity, not blame. Roles only." in window.view.sessions.summary.toPlainText()
    runner.close()


def test_a_rating_a_list_and_a_map_are_undone_with_ctrl_z_in_the_runner(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None
    services, runner = window.services, run_selected(qtbot, window)
    runner.go_to(runner.template.stage_ids.index("risk"))
    scale = runner.current_editor()
    assert isinstance(scale, ScaleResponse)
    press(Qt.Key.Key_3)  # the bar has the keyboard
    assert runner.flush()
    assert step_text(runner.undo.undo_action) == "Undo Rate Whose risk were we managing?"
    runner.go_to(runner.template.stage_ids.index("learning"))
    learning = runner.current_editor()
    assert isinstance(learning, ListResponse)
    type_text("Plan every ending")
    press(Qt.Key.Key_Return)
    assert runner.flush()
    assert _stored(services, session_id, "learning") == {"items": ["Plan every ending"]}

    runner.stage_list.setFocus()  # not a text field, whose own Ctrl+Z undoes typing
    press(Qt.Key.Key_Z, CTRL)
    assert _stored(services, session_id, "learning") == {"items": []}
    assert learning.value() == {"items": []}
    press(Qt.Key.Key_Z, CTRL)  # the runner goes to the stage an undo changes
    assert runner.current_editor() is scale and scale.bar.value() is None
    assert _stored(services, session_id, "risk")["value"] is None
    runner.stage_list.setFocus()
    press(Qt.Key.Key_Z, CTRL_SHIFT)
    assert scale.bar.value() == 3 and _stored(services, session_id, "risk")["value"] == 3
    runner.close()


def test_picked_events_notes_and_walk_reflections_are_separate_steps(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None
    services, runner = window.services, run_selected(qtbot, window)
    runner.go_to(runner.template.stage_ids.index("walk-the-chronology"))
    events = runner.current_editor()
    assert isinstance(events, EventsResponse)
    walk = events.walk
    walk.step(2)
    reflected = walk.model.current_event()
    assert reflected is not None
    walk.reflection.editor.setFocus()
    type_text("Nobody called Nan.")
    assert runner.flush()
    events.tabs.setCurrentIndex(1)  # choose events and notes
    events.view.setFocus()
    events.view.setCurrentIndex(events.model.index(0))
    press(Qt.Key.Key_Space)
    picked = events.model.picked()
    assert len(picked) == 1
    assert runner.flush()
    events.notes.editor.setFocus()
    type_text("The record is thin before 2016.")
    assert runner.flush()

    def linked() -> set[int]:
        links = services.sessions.event_links(services.sessions.get(session_id).case_id)
        return {link.event_id for link in links if link.session_id == session_id}

    assert linked() == {reflected.id, *picked}
    names = []
    for _step in range(3):
        names.append(step_text(runner.undo.undo_action))
        runner.undo.undo_action.trigger()
    assert names == [
        "Undo Edit notes on Walk the chronology",
        "Undo Choose events in Walk the chronology",
        "Undo Edit reflections in Walk the chronology",
    ]
    assert events.value() == {"event_ids": [], "notes": "", "reflections": {}}
    assert linked() == set()
    walk.model.go_to_event(reflected.id)
    assert walk.reflection.markdown() == ""
    runner.undo.redo_action.trigger()
    assert walk.reflection.markdown() == "Nobody called Nan."
    assert linked() == {reflected.id}
    runner.close()


def test_the_session_details_and_its_participants_are_one_undoable_step(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    services, panel = window.services, window.view.sessions

    def change(dialog: QDialog) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.add_participant("police officer", "Police")
        dialog.save_button.click()

    answer_next_dialog(change)
    assert panel.edit_details()
    assert services.sessions.get(session_id).participants == (
        Participant("social worker"),
        Participant("police officer", "Police"),
    )
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo Add participant"
    undo.trigger()
    assert services.sessions.get(session_id).participants == (Participant("social worker"),)
    assert "police officer" not in panel.summary.toPlainText()

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.title.setText("Deep Dive — Jay, second look")
        dialog.participants.item(0, 0).setText("team manager")  # type: ignore[union-attr]
        dialog.save_button.click()

    answer_next_dialog(rename)
    assert panel.edit_details()
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo Edit session details"
    undo.trigger()
    detail = services.sessions.get(session_id)
    assert detail.title == "Deep Dive — Jay"
    assert detail.participants == (Participant("social worker"),)
    edit_action(window, "Redo").trigger()
    assert services.sessions.get(session_id).title == "Deep Dive — Jay, second look"
    assert "Deep Dive — Jay, second look" in panel.summary.toPlainText()


def test_a_learning_theme_on_a_stage_is_undone_in_the_runner(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, session_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None
    services, runner = window.services, run_selected(qtbot, window)
    qtbot.keyClicks(runner.themes.line, "Endings planned early")
    qtbot.keyClick(runner.themes.line, Qt.Key.Key_Return)
    assert runner.themes.theme_names() == ["Endings planned early"]
    assert step_text(runner.undo.undo_action) == "Undo Add theme “Endings planned early”"
    runner.undo.undo_action.trigger()
    assert runner.themes.theme_names() == []
    assert services.themes.response_themes(session_id, "opening") == []
    assert services.themes.find("Endings planned early") is None  # a theme made by that step goes
    runner.undo.redo_action.trigger()
    assert runner.themes.theme_names() == ["Endings planned early"]
    runner.close()


def test_a_deleted_session_comes_back_whole_and_a_new_one_goes_again(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    window, new_id, _other = open_new_session(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    services, panel = window.services, window.view.sessions
    case_id = services.sessions.get(new_id).case_id
    done = next(s.id for s in services.sessions.list_sessions(case_id) if s.id != new_id)
    services.themes.apply_to_response(done, "learning", "Endings planned early")

    def whole(session_id: int) -> tuple[object, ...]:
        links = [link for link in services.sessions.event_links(case_id)]
        return (
            services.sessions.get(session_id),
            services.sessions.responses(session_id),
            [link for link in links if link.session_id == session_id],
            services.sessions.list_actions(case_id, session_id),
            services.themes.response_themes(session_id, "learning"),
        )

    before = whole(done)
    assert before[2] and before[3]  # the demo session links events and agreed actions
    prompter.confirm_answers.append(True)
    assert panel.select_session(done) and panel.delete_selected()
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo Delete session “Deep Dive — Jay”"
    undo.trigger()
    assert whole(done) == before
    assert panel.model.row_of(done) >= 0
    edit_action(window, "Redo").trigger()
    assert panel.model.row_of(done) < 0

    def plan(dialog: QDialog) -> None:
        assert isinstance(dialog, SessionDialog)
        dialog.title.setText("Gibbs after the review")
        dialog.save_button.click()

    answer_next_dialog(plan)
    created = panel.new_session()
    assert created is not None
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo New session “Gibbs after the review”"
    undo.trigger()
    assert panel.model.row_of(created) < 0
    edit_action(window, "Redo").trigger()
    assert services.sessions.get(created).title == "Gibbs after the review"
