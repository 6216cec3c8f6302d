"""Edit ▸ Undo takes back what was typed in a case's overview, one field and pause at
a time, names the step, survives switching case, and never holds a refused value."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, edit_action, step_text

from deepdive.ui.learning.theme_undo import RenameThemeCommand
from deepdive.ui.shell.main_window import MainWindow


def _window(make_window: WindowFactory, workspace_path: Path) -> tuple[MainWindow, int, int]:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    first = window.services.cases.create("DD-1", "Jay", summary="Lives with Nan.")
    second = window.services.cases.create("DD-2", "Sam")
    window.view.select_case(first.id)
    return window, first.id, second.id


def _type_pseudonym(qtbot: QtBot, window: MainWindow, text: str) -> bool:
    """Type over the pseudonym, then pause; whether it was saved."""
    assert window.view is not None
    overview = window.view.overview
    overview.pseudonym.setFocus()
    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, text)
    return overview.flush()


def test_typing_in_the_overview_is_undone_and_redone_from_the_edit_menu(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    overview = window.view.overview
    assert _type_pseudonym(qtbot, window, "Jayden")  # and the pause in typing

    undo = edit_action(window, "Undo")
    assert undo.isEnabled() and undo.text().replace("&", "") == "Undo Edit pseudonym"
    undo.trigger()
    assert window.services.cases.get(case_id).pseudonym == "Jay"
    assert overview.pseudonym.text() == "Jay"  # the field follows
    redo = edit_action(window, "Redo")
    assert redo.text().replace("&", "") == "Redo Edit pseudonym"
    redo.trigger()
    assert window.services.cases.get(case_id).pseudonym == "Jayden"
    assert overview.pseudonym.text() == "Jayden"


def test_undo_before_the_pause_takes_back_what_was_just_typed(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    summary = window.view.overview.summary
    summary.editor.setFocus()
    summary.editor.moveCursor(summary.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(summary.editor, " Sees Dad on Sundays.")
    window.menus.edit.aboutToShow.emit()  # the Edit menu opened, before the autosave's pause
    undo = edit_action(window, "Undo")
    assert undo.text().replace("&", "") == "Undo Edit summary"
    undo.trigger()
    assert window.services.cases.get(case_id).summary == "Lives with Nan."
    assert summary.markdown() == "Lives with Nan."


def test_the_undo_history_survives_switching_case(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, other_id = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    overview = window.view.overview
    overview.tags.setFocus()
    qtbot.keyClicks(overview.tags, "missing, exploitation")
    assert overview.flush()
    # On another case, Undo never reaches back into a case the person cannot see.
    window.view.select_case(other_id)
    assert not edit_action(window, "Undo").isEnabled()
    assert window.services.cases.get(case_id).tags == ("exploitation", "missing")
    # Back on the first case, its history is still there.
    window.view.select_case(case_id)
    undo = edit_action(window, "Undo")
    assert undo.isEnabled() and step_text(undo) == "Undo Edit tags"
    undo.trigger()
    assert window.services.cases.get(case_id).tags == ()
    assert overview.tags.text() == ""


def test_each_case_undoes_its_own_steps_and_the_workspace_its_own(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    """Two cases edited one after the other: Undo on each takes back that case's step,
    whichever was made last; a step that belongs to no case (a theme renamed) is undone
    from any case, in the order the steps were made."""
    window, case_id, other_id = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    services = window.services
    theme = services.themes.create("Trusted adult")
    overview = window.view.overview
    overview.tags.setFocus()
    qtbot.keyClicks(overview.tags, "missing")
    assert overview.flush()
    window.view.select_case(other_id)
    overview.tags.setFocus()
    qtbot.keyClicks(overview.tags, "school")
    assert overview.flush()
    window.view.undo.workspace.push(RenameThemeCommand(services.themes, theme.id, "Trusted adults"))

    assert step_text(edit_action(window, "Undo")) == "Undo Rename theme “Trusted adult”"
    edit_action(window, "Undo").trigger()  # the workspace's step, made last
    assert services.themes.get(theme.id).name == "Trusted adult"
    edit_action(window, "Undo").trigger()  # then this case's
    assert services.cases.get(other_id).tags == ()
    assert services.cases.get(case_id).tags == ("missing",)  # the other case is untouched
    assert not edit_action(window, "Undo").isEnabled()
    window.view.select_case(case_id)
    edit_action(window, "Undo").trigger()
    assert services.cases.get(case_id).tags == ()
    assert step_text(edit_action(window, "Redo")) == "Redo Edit tags"


def test_a_refused_value_never_becomes_an_undo_step(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    assert not _type_pseudonym(qtbot, window, "943 476 5919")  # an NHS number
    assert window.services.cases.get(case_id).pseudonym == "Jay"
    assert not edit_action(window, "Undo").isEnabled()


def _cast(window: MainWindow) -> list[str]:
    assert window.view is not None
    model = window.view.overview.cast.model
    return [model.person_at(row).pseudonym for row in range(model.rowCount())]


def test_the_cast_is_added_to_renamed_and_removed_undoably(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    from deepdive.services.events import EventInput
    from deepdive.ui.cases.people_model import PeopleColumn

    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    services, cast = window.services, window.view.overview.cast
    nan = services.people.add(case_id, "Nan", "grandparent")
    event = services.events.add(case_id, EventInput("2019-05", "family", "Moved", people=(nan.id,)))
    cast.show_case(services.cases.get(case_id))

    qtbot.mouseClick(cast.add_button, Qt.MouseButton.LeftButton)
    assert _cast(window) == ["Nan", "Person 1"]
    assert cast.model.setData(cast.model.index(0, PeopleColumn.PSEUDONYM), "Gran")
    assert _cast(window) == ["Gran", "Person 1"]
    cast.table.selectRow(0)
    cast.remove_selected()
    assert _cast(window) == ["Person 1"]
    assert services.events.list_events(case_id)[0].people == ()

    undo = edit_action(window, "Undo")
    assert undo.text().replace("&", "") == "Undo Remove Gran"
    undo.trigger()  # Gran is back, named in the event again
    assert _cast(window) == ["Gran", "Person 1"]
    assert services.events.list_events(case_id)[0].people == (nan.id,)
    assert event.id == services.events.list_events(case_id)[0].id
    edit_action(window, "Undo").trigger()  # the rename
    assert _cast(window) == ["Nan", "Person 1"]
    edit_action(window, "Undo").trigger()  # the added person
    assert _cast(window) == ["Nan"]
    edit_action(window, "Redo").trigger()
    assert _cast(window) == ["Nan", "Person 1"]


def test_undo_waits_while_a_cast_cell_holds_typed_text(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    from PySide6.QtWidgets import QLineEdit

    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    cast = window.view.overview.cast
    qtbot.mouseClick(cast.add_button, Qt.MouseButton.LeftButton)  # its pseudonym is open
    assert edit_action(window, "Undo").isEnabled()  # nothing typed yet: Add person can go
    editor = cast.table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible()
    editor.selectAll()
    qtbot.keyClicks(editor, "Gran")
    undo = edit_action(window, "Undo")
    assert not undo.isEnabled() and not edit_action(window, "Redo").isEnabled()
    undo.trigger()  # (a shortcut that reached it anyway) does nothing
    assert _cast(window) == ["Person 1"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # saved (Qt commits it soon after): a step
    qtbot.waitUntil(lambda: _cast(window) == ["Gran"])
    undo = edit_action(window, "Undo")
    assert undo.isEnabled() and step_text(undo) == "Undo Rename Person 1"
    undo.trigger()
    assert _cast(window) == ["Person 1"]
    edit_action(window, "Redo").trigger()
    assert _cast(window) == ["Gran"]
    edit_action(window, "Undo").trigger()
    assert [p.pseudonym for p in window.services.people.list_people(case_id)] == ["Person 1"]
