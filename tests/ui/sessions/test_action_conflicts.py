"""Two people editing the same agreed action in the app: a colleague (a second Services
on the same workspace, on both engines) saves the action while the table still shows
the older read. Both versions are shown when both changed the same field; a tick
from them and a reword from the user are both kept; undo never writes over the
colleague's later change."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import answer_conflict

from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog
from deepdive.ui.conflicts.set_aside import set_aside_folder
from deepdive.ui.sessions.actions_model import ActionColumn
from deepdive.ui.sessions.actions_panel import ActionsPanel

FIRST = "Ask school about a mentor"


@pytest.fixture
def services(services_on_each_engine: Services) -> Services:
    """This screen on both engines: a workspace file, and a team workspace on the
    test cluster (the colleague is a second connection to the same one)."""
    return services_on_each_engine


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay")
    services.actions.add(case.id, FIRST, owner_role="Designated teacher")
    return case.id


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(qtbot: QtBot, services: Services, case_id: int, stack: QUndoStack) -> ActionsPanel:
    made = ActionsPanel(services, undo_stack=stack)
    qtbot.addWidget(made)
    made.resize(900, 300)
    made.show()
    made.show_case(case_id)
    return made


def _stored(services: Services, case_id: int) -> tuple[str, bool]:
    [action] = services.actions.list_actions(case_id)
    return action.description, action.done


def test_both_reworded_it_merge_saves_the_merged_text_and_undo_gives_theirs_back(
    panel: ActionsPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.update(action.id, description=FIRST + " by June")
    seen: list[ConflictDialog] = []
    merged = "Ask school about a mentor by June, and tell Nan"
    answer_conflict(Choice.MERGED, "description", merged, seen=seen)
    index = panel.model.index(0, ActionColumn.ACTION)
    assert panel.model.setData(index, FIRST + ", and tell Nan")
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.theirs, row.field.mine) == (FIRST + " by June", FIRST + ", and tell Nan")
    assert _stored(services, case_id) == (merged, False)
    assert panel.model.action_at(0).description == merged
    stack.undo()
    assert _stored(services, case_id) == (FIRST + " by June", False)


def test_their_tick_and_my_reword_are_both_kept_and_their_later_reword_stops_the_undo(
    panel: ActionsPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.update(action.id, done=True)
    assert panel.model.setData(panel.model.index(0, ActionColumn.ACTION), FIRST + " by June")
    assert _stored(services, case_id) == (FIRST + " by June", True)
    assert "both kept" in panel.conflict_note.text()
    told: list[str] = []
    panel.message.connect(told.append)
    colleague.actions.update(action.id, description=FIRST + " by July")
    stack.undo()
    assert _stored(services, case_id) == (FIRST + " by July", True)
    assert [t for t in told if t.startswith("Not undone: someone else changed this action")]


def test_ticking_off_what_a_colleague_just_ticked_off_asks_nothing_and_adds_no_step(
    panel: ActionsPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.update(action.id, description=FIRST + " by June", done=True)
    index = panel.model.index(0, ActionColumn.DONE)
    assert panel.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert _stored(services, case_id) == (FIRST + " by June", True)
    assert panel.model.action_at(0).description == FIRST + " by June"
    assert "same change" in panel.conflict_note.text() and stack.count() == 0


def test_two_steps_of_ones_own_on_one_action_are_both_undone(
    panel: ActionsPanel, services: Services, case_id: int, stack: QUndoStack
) -> None:
    assert panel.model.setData(panel.model.index(0, ActionColumn.ACTION), FIRST + " by June")
    index = panel.model.index(0, ActionColumn.DONE)
    assert panel.model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    stack.undo()
    stack.undo()
    assert _stored(services, case_id) == (FIRST, False)
    stack.redo()
    stack.redo()
    assert _stored(services, case_id) == (FIRST + " by June", True)


def test_redoing_a_removal_after_a_colleague_changed_the_action_back_is_refused(
    panel: ActionsPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    panel.table.setCurrentIndex(panel.model.index(0, ActionColumn.ACTION))
    panel.remove_selected()
    stack.undo()  # back, as it was
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.update(action.id, done=True)
    told: list[str] = []
    panel.message.connect(told.append)
    stack.redo()  # would take their tick away with the action
    assert _stored(services, case_id) == (FIRST, True)
    assert [t for t in told if t.startswith("Not undone: someone else changed this action")]


def test_a_reword_of_an_action_a_colleague_removed_is_set_aside_not_lost(
    qtbot: QtBot, panel: ActionsPanel, services: Services, colleague: Services, case_id: int
) -> None:
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.delete(action.id)
    typed = "Ask school about a mentor before half term"
    panel.model.setData(panel.model.index(0, ActionColumn.ACTION), typed)
    note = panel.conflict_note.text()
    assert "someone else removed the action “Ask school about a mentor”" in note
    assert typed in QApplication.clipboard().text()
    [kept] = set_aside_folder().glob("*.md")
    assert str(kept) in note
    assert typed in kept.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
    assert services.actions.list_actions(case_id) == []


def test_a_colleagues_removal_heard_while_typing_leaves_the_typing_open_then_sets_it_aside(
    qtbot: QtBot, panel: ActionsPanel, services: Services, colleague: Services, case_id: int
) -> None:
    index = panel.model.index(0, ActionColumn.ACTION)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " by the end of term")
    QApplication.clipboard().clear()
    [action] = colleague.actions.list_actions(case_id)
    colleague.actions.delete(action.id)
    # Their removal reaches this window (as the server's notice does) mid-typing.
    services.changes.publish(Change(Entity.ACTION, ChangeKind.REMOVED, (action.id,), case_id))
    assert panel.table.state() == QAbstractItemView.State.EditingState
    assert QApplication.focusWidget() is editor
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # saved (Qt commits it soon after)
    qtbot.waitUntil(lambda: f"{FIRST} by the end of term" in QApplication.clipboard().text())
    assert "someone else removed the action" in panel.conflict_note.text()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)
