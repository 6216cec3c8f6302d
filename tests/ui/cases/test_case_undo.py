"""Edit ▸ Undo takes back what was typed in a case's overview, one field and pause at
a time, names the step, survives switching case, and never holds a refused value."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory

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


def _action(window: MainWindow, name: str):  # type: ignore[no-untyped-def]
    return next(a for a in window.edit_menu.actions() if a.text().replace("&", "").startswith(name))


def test_typing_in_the_overview_is_undone_and_redone_from_the_edit_menu(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    overview = window.view.overview
    assert _type_pseudonym(qtbot, window, "Jayden")  # and the pause in typing

    undo = _action(window, "Undo")
    assert undo.isEnabled() and undo.text().replace("&", "") == "Undo Edit pseudonym"
    undo.trigger()
    assert window.services.cases.get(case_id).pseudonym == "Jay"
    assert overview.pseudonym.text() == "Jay"  # the field follows
    redo = _action(window, "Redo")
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
    window.edit_menu.aboutToShow.emit()  # the Edit menu opened, before the autosave's pause
    undo = _action(window, "Undo")
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
    window.view.select_case(other_id)
    _action(window, "Undo").trigger()
    assert window.services.cases.get(case_id).tags == ()
    window.view.select_case(case_id)
    assert overview.tags.text() == ""


def test_a_refused_value_never_becomes_an_undo_step(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _other = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    assert not _type_pseudonym(qtbot, window, "943 476 5919")  # an NHS number
    assert window.services.cases.get(case_id).pseudonym == "Jay"
    assert not _action(window, "Undo").isEnabled()


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

    undo = _action(window, "Undo")
    assert undo.text().replace("&", "") == "Undo Remove Gran"
    undo.trigger()  # Gran is back, named in the event again
    assert _cast(window) == ["Gran", "Person 1"]
    assert services.events.list_events(case_id)[0].people == (nan.id,)
    assert event.id == services.events.list_events(case_id)[0].id
    _action(window, "Undo").trigger()  # the rename
    assert _cast(window) == ["Nan", "Person 1"]
    _action(window, "Undo").trigger()  # the added person
    assert _cast(window) == ["Nan"]
    _action(window, "Redo").trigger()
    assert _cast(window) == ["Nan", "Person 1"]
