"""Two people editing the same cast member in the app: a colleague (a second Services
on the same workspace, on both engines) saves a person while the cast table still
shows the older read. The save shows both versions when both changed the same field,
keeps both changes when they changed different fields, and undo never writes over
the colleague."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import answer_conflict

from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.ui.cases.cast_panel import CastPanel
from deepdive.ui.cases.people_model import PeopleColumn
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog
from deepdive.ui.conflicts.set_aside import set_aside_folder


@pytest.fixture
def services(services_on_each_engine: Services) -> Services:
    """This screen on both engines: a workspace file, and a team workspace on the
    test cluster (the colleague is a second connection to the same one)."""
    return services_on_each_engine


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay")
    services.people.add(case.id, "Nan", "grandparent", notes="Lives nearby.")
    return case.id


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(qtbot: QtBot, services: Services, case_id: int, stack: QUndoStack) -> CastPanel:
    made = CastPanel(services, undo_stack=stack)
    qtbot.addWidget(made)
    made.resize(800, 300)
    made.show()
    made.show_case(services.cases.get(case_id))
    return made


def _person(services: Services, case_id: int) -> tuple[str, str, str]:
    [nan] = services.people.list_people(case_id)
    return nan.pseudonym, nan.role, nan.notes


def test_both_changed_the_notes_keep_mine_saves_mine_and_undo_gives_theirs_back(
    panel: CastPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [nan] = colleague.people.list_people(case_id)
    colleague.people.update(nan.id, notes="Moved in with Jay.")
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "notes", seen=seen)
    assert panel.model.setData(panel.model.index(0, PeopleColumn.NOTES), "Visits on Sundays.")
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.theirs, row.field.mine, row.field.both_changed) == (
        "Moved in with Jay.",
        "Visits on Sundays.",
        True,
    )
    assert _person(services, case_id)[2] == "Visits on Sundays."
    assert panel.model.person_at(0).notes == "Visits on Sundays."
    stack.undo()
    assert _person(services, case_id)[2] == "Moved in with Jay."
    assert panel.model.person_at(0).notes == "Moved in with Jay."


def test_take_theirs_keeps_theirs_shows_it_and_sets_mine_aside(
    panel: CastPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [nan] = colleague.people.list_people(case_id)
    colleague.people.update(nan.id, notes="Moved in with Jay.")
    answer_conflict(Choice.TAKE_THEIRS, "notes")
    assert panel.model.setData(panel.model.index(0, PeopleColumn.NOTES), "Visits on Sundays.")
    assert _person(services, case_id)[2] == "Moved in with Jay."
    assert panel.model.person_at(0).notes == "Moved in with Jay."
    assert "Their version is kept" in panel.conflict_note.text()
    assert stack.count() == 0  # nothing of mine was saved: no step to undo


def test_a_colleagues_change_to_another_field_is_kept_with_mine_without_asking(
    panel: CastPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    [nan] = colleague.people.list_people(case_id)
    colleague.people.update(nan.id, role="great-aunt")
    assert panel.model.setData(panel.model.index(0, PeopleColumn.NOTES), "Visits on Sundays.")
    assert _person(services, case_id) == ("Nan", "great-aunt", "Visits on Sundays.")
    assert "both kept" in panel.conflict_note.text()
    # Undo takes back mine only; a later change of theirs makes it refuse, not overwrite.
    told: list[str] = []
    panel.edit_failed.connect(told.append)
    colleague.people.update(nan.id, notes="Their later note.")
    stack.undo()
    assert _person(services, case_id) == ("Nan", "great-aunt", "Their later note.")
    assert panel.model.person_at(0).notes == "Their later note."
    assert [t for t in told if t.startswith("Not undone: someone else changed this person")]


def test_two_steps_of_ones_own_on_one_person_are_both_undone(
    panel: CastPanel, services: Services, case_id: int, stack: QUndoStack
) -> None:
    assert panel.model.setData(panel.model.index(0, PeopleColumn.PSEUDONYM), "Gran")
    assert panel.model.setData(panel.model.index(0, PeopleColumn.NOTES), "Visits on Sundays.")
    stack.undo()
    stack.undo()
    assert _person(services, case_id) == ("Nan", "grandparent", "Lives nearby.")
    stack.redo()
    stack.redo()
    assert _person(services, case_id) == ("Gran", "grandparent", "Visits on Sundays.")


def test_a_colleagues_save_reaching_the_window_is_shown_and_then_built_on(
    panel: CastPanel, services: Services, colleague: Services, case_id: int
) -> None:
    [nan] = colleague.people.list_people(case_id)
    colleague.people.update(nan.id, notes="Moved in with Jay.")
    # As a team workspace's LISTEN/NOTIFY relay brings it into this window's bus.
    services.changes.publish(Change(Entity.PERSON, ChangeKind.UPDATED, (nan.id,), case_id))
    assert panel.model.person_at(0).notes == "Moved in with Jay."
    assert panel.model.setData(panel.model.index(0, PeopleColumn.ROLE), "great-aunt")
    assert _person(services, case_id) == ("Nan", "great-aunt", "Moved in with Jay.")
    assert panel.conflict_note.isHidden()  # built on their version: nothing to resolve


def test_undoing_an_added_person_a_colleague_has_written_about_since_is_refused(
    panel: CastPanel, services: Services, colleague: Services, case_id: int, stack: QUndoStack
) -> None:
    added = panel.add_person()
    assert added is not None
    panel.table.closePersistentEditor(panel.table.currentIndex())
    colleague.people.update(added.id, notes="Mum's partner; new to the family.")
    told: list[str] = []
    panel.edit_failed.connect(told.append)
    stack.undo()
    assert [p.notes for p in services.people.list_people(case_id)][-1] == (
        "Mum's partner; new to the family."
    )
    assert [t for t in told if t.startswith("Not undone: someone else changed this person")]


def test_notes_typed_for_someone_a_colleague_removed_are_set_aside_not_lost(
    qtbot: QtBot, panel: CastPanel, services: Services, colleague: Services, case_id: int
) -> None:
    [nan] = colleague.people.list_people(case_id)
    colleague.people.remove(nan.id)
    typed = "Visits on Sundays; ask about the school run."
    panel.model.setData(panel.model.index(0, PeopleColumn.NOTES), typed)
    note = panel.conflict_note.text()
    assert "someone else removed Nan in the cast" in note
    assert QApplication.clipboard().text().count(typed) == 1
    [kept] = set_aside_folder().glob("*.md")
    assert str(kept) in note
    assert typed in kept.read_text(encoding="utf-8")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 0)  # the row goes: she is not there
    assert services.people.list_people(case_id) == []


def test_a_colleagues_change_heard_while_typing_keeps_the_cell_open_and_shows_after(
    qtbot: QtBot, panel: CastPanel, services: Services, colleague: Services, case_id: int
) -> None:
    index = panel.model.index(0, PeopleColumn.NOTES)
    panel.table.setCurrentIndex(index)
    panel.table.edit(index)
    editor = QApplication.focusWidget()
    assert editor is not None
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.keyClicks(editor, " Visits on Sundays.")
    [nan] = colleague.people.list_people(case_id)
    colleague.people.update(nan.id, role="great-aunt")
    services.changes.publish(Change(Entity.PERSON, ChangeKind.UPDATED, (nan.id,), case_id))
    assert QApplication.focusWidget() is editor  # still typing: nothing closed under them
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # saved (Qt commits it soon after)
    qtbot.waitUntil(lambda: _person(services, case_id)[2] != "Lives nearby.")
    assert _person(services, case_id) == ("Nan", "great-aunt", "Lives nearby. Visits on Sundays.")
    assert "both kept" in panel.conflict_note.text()
    qtbot.waitUntil(lambda: panel.model.person_at(0).role == "great-aunt")
    assert panel.model.person_at(0).notes == "Lives nearby. Visits on Sundays."
