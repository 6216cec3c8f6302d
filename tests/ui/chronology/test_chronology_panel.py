"""The Chronology tab as a user drives it: keyboard entry, editing, undo, import, duplicates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from workspace_helpers import content_rows, workspace_rows

from deepdive.demo import add_demo_case
from deepdive.importing import Field
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.chronology.duplicates_dialog import DuplicatesDialog
from deepdive.ui.chronology.import_dialog import ImportDialog
from deepdive.ui.chronology.table_model import Column

Make = Callable[..., ChronologyPanel]


@pytest.fixture
def make_panel(qtbot: QtBot, services: Services, tmp_path: Path) -> Make:
    settings = QSettings(str(tmp_path / "chronology.ini"), QSettings.Format.IniFormat)

    def make(case_id: int | None = None, stack: QUndoStack | None = None) -> ChronologyPanel:
        panel = ChronologyPanel(services, stack or QUndoStack(), settings=settings)
        qtbot.addWidget(panel)
        panel.resize(1100, 800)
        panel.show()
        qtbot.waitExposed(panel)
        panel.activateWindow()
        qtbot.waitUntil(panel.isActiveWindow)
        if case_id is not None:
            panel.show_case(services.cases.get(case_id))
        return panel

    return make


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    services.people.add(case.id, "Jay", "young person")
    services.people.add(case.id, "Nan", "grandparent")
    return case.id


def descriptions(services: Services, case_id: int) -> list[str]:
    return [e.description for e in services.events.list_events(case_id)]


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    qtbot.keyClicks(widget, text)


def test_two_events_are_added_from_the_keyboard_alone(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    stack = QUndoStack()
    panel = make_panel(case_id, stack)
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
    editor = panel.editor
    assert editor.is_draft and QApplication.focusWidget() is editor.date
    qtbot.keyClicks(editor.date, "14/03/2016")
    assert editor.read_as.text() == "Read as 14 Mar 2016 · age 11y 10m"
    focused = QApplication.focusWidget()
    assert focused is not None
    for _ in range(4):  # Tab: end, domain, source, people
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is editor.people
    qtbot.keyClicks(editor.people, "nan")
    type_into(qtbot, editor.texts["description"].editor, "Moved to Nan's")
    qtbot.keyClick(
        editor.texts["description"].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert descriptions(services, case_id) == ["Moved to Nan's"]
    assert editor.is_draft and QApplication.focusWidget() is editor.date  # the next one
    qtbot.keyClicks(editor.date, "spring 2017")
    type_into(qtbot, editor.texts["description"].editor, "Started college")
    qtbot.keyClick(
        editor.texts["description"].editor, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier
    )
    events = services.events.list_events(case_id)
    assert [(str(e.span.start), e.description) for e in events] == [
        ("2016-03-14", "Moved to Nan's"),
        ("spring 2017", "Started college"),
    ]
    nan = next(p.id for p in services.people.list_people(case_id) if p.pseudonym == "Nan")
    assert events[0].people == (nan,)
    assert [stack.text(i) for i in range(stack.count())] == ["Add event", "Add event"]
    assert panel.model.rowCount() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)  # an untouched draft goes
    assert not editor.is_draft


def test_a_wrong_date_is_explained_beside_the_field_and_nothing_is_saved(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    saved = services.events.add(case_id, EventInput("2018-06", "family", "Moved"))
    panel = make_panel(case_id)
    panel.select_event(saved.id)
    before = workspace_rows(services)
    editor = panel.editor
    editor.date.selectAll()
    type_into(qtbot, editor.date, "31/02/2018")
    assert editor.read_as.text().startswith("Not readable yet: 31 February 2018 is not a real date")
    qtbot.keyClick(editor.date, Qt.Key.Key_Tab)  # leaving the field saves
    assert editor.messages["date"].text() == "31 February 2018 is not a real date"
    assert editor.messages["date"].isVisible()
    assert workspace_rows(services) == before


def test_every_kind_of_change_is_undone_and_redone_exactly(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int, tmp_path: Path
) -> None:
    stack = QUndoStack()
    panel = make_panel(case_id, stack)
    states = [content_rows(services)]

    def step(change: Callable[[], object]) -> None:
        change()
        states.append(content_rows(services))
        assert states[-1] != states[-2]

    def add() -> None:
        panel.table.setFocus()
        qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
        qtbot.keyClicks(panel.editor.date, "2017")
        type_into(qtbot, panel.editor.texts["description"].editor, "First")
        assert panel.editor.flush()

    step(add)
    first = services.events.list_events(case_id)[0].id

    def edit_text() -> None:
        type_into(qtbot, panel.editor.texts["significance"].editor, "It mattered")
        assert panel.editor.flush()

    step(edit_text)
    step(lambda: panel.editor.key_episode.setChecked(True))

    def edit_tags() -> None:
        type_into(qtbot, panel.editor.tags, "new tag, another")
        assert panel.editor.flush()

    step(edit_tags)
    csv = tmp_path / "agency.csv"
    csv.write_text("Date,Event\n01/01/2018,Imported one\n02/01/2018,Imported two\n", "utf-8")

    def import_file() -> None:
        dialog = panel.import_file(csv)
        assert isinstance(dialog, ImportDialog)
        assert dialog.run_import()

    step(import_file)
    step(lambda: (panel.select_event(first), panel.delete_selected()))

    def bulk_delete() -> None:
        panel.table.selectAll()
        assert panel.delete_selected() == 2

    step(bulk_delete)
    assert panel.model.rowCount() == 0
    assert [stack.text(i) for i in range(stack.count())] == [
        "Add event",
        "Edit significance / impact",
        "Edit key practice episode",
        "Edit tags",
        "Import 2 events from agency.csv",
        "Delete event",
        "Delete 2 events",
    ]
    for state in reversed(states[:-1]):
        stack.undo()
        assert content_rows(services) == state
    assert panel.model.rowCount() == 0 and stack.index() == 0
    for state in states[1:]:
        stack.redo()
        assert content_rows(services) == state


def test_typing_in_one_field_is_one_undo_step_and_the_editor_follows_undo(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    saved = services.events.add(case_id, EventInput("2018-06", "family", "Moved"))
    stack = QUndoStack()
    panel = make_panel(case_id, stack)
    panel.select_event(saved.id)
    outcome = panel.editor.texts["outcome"]
    for word in ("Plan ", "agreed ", "with Nan"):
        type_into(qtbot, outcome.editor, word)
        assert panel.editor.flush()
    assert services.events.get(saved.id).outcome == "Plan agreed with Nan"
    assert stack.count() == 1
    stack.undo()
    assert services.events.get(saved.id).outcome == ""
    assert outcome.markdown() == ""


def test_table_and_timeline_select_the_same_event(
    qtbot: QtBot, make_panel: Make, services: Services
) -> None:
    demo = add_demo_case(services)
    panel = make_panel(demo.id)
    qtbot.waitUntil(lambda: len(panel.timeline.view.events) == 56)
    rows = panel.model.all_rows()
    panel.table.selectRow(10)
    assert panel.timeline.view.selected == panel.model.event_at(10).id
    layout = panel.timeline.view.current_layout()
    target = next(m for m in layout.marks if m.kind == "point" and m.event.id != rows[10].id)
    with qtbot.waitSignal(panel.timeline.event_clicked):
        panel.timeline.view.click_at(QPointF(target.x, target.y))
    assert panel.selected_ids() == [target.event.id]
    assert panel.editor.event_id == target.event.id
    panel.filters.key_only.setChecked(True)
    qtbot.waitUntil(lambda: all(e.key for e in panel.timeline.view.events))
    assert panel.filters.count.text() == f"{panel.model.rowCount()} of 56 events"


def test_import_dialog_maps_columns_previews_rows_and_lists_problems(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int, tmp_path: Path
) -> None:
    csv = tmp_path / "health.csv"
    csv.write_text(
        "When it happened,Notes,Clinic\n01/02/2017,Seen by CAMHS,Health\n31/02/2017,Oops,x\n",
        encoding="utf-8",
    )
    panel = make_panel(case_id)
    dialog = panel.import_file(csv)
    assert isinstance(dialog, ImportDialog)
    assert dialog.mapping() == {0: Field.DATE, 1: Field.DESCRIPTION}
    assert not dialog.import_button.isEnabled()
    assert (
        dialog.problems.toPlainText()
        == "row 3: 'When it happened': 31 February 2017 is not a real date"
    )
    assert dialog.preview_model.rowCount() == 2
    assert dialog.preview_model.item(0, 1).text() == "1 Feb 2017"
    dialog.set_field(2, Field.AGENCY)
    assert dialog.agencies.names() == ["x"]  # the mapping step asks about the new name
    assert dialog.preview_model.item(0, 3).text() == "Health/CAMHS"
    dialog.set_field(2, None)
    assert not dialog.agencies.isVisible()
    assert services.events.list_events(case_id) == []
    dialog.reject()


def test_duplicates_are_listed_and_merged_as_one_undo_step(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    services.events.add_many(
        case_id,
        [
            EventInput(
                "2018-05-26", "missing", "Jay reported missing; found at 6am", agency="Police"
            ),
            EventInput(
                "2018-05-26",
                "missing",
                "Jay reported missing, found at 6am.",
                agency="Children's Social Care",
            ),
            EventInput("2018-06-01", "family", "Family meeting"),
        ],
    )
    stack = QUndoStack()
    panel = make_panel(case_id, stack)
    before = content_rows(services)
    dialog = panel.find_duplicates()
    assert isinstance(dialog, DuplicatesDialog)
    assert dialog.group_count() == 1
    assert dialog.merge_current()
    assert dialog.group_count() == 0
    assert len(services.events.list_events(case_id)) == 2
    assert panel.model.rowCount() == 2
    assert stack.text(0) == "Merge 2 events"
    stack.undo()
    assert content_rows(services) == before
    assert panel.model.rowCount() == 3
    dialog.reject()


def test_hidden_columns_and_lanes_are_remembered(
    qtbot: QtBot, make_panel: Make, case_id: int
) -> None:
    panel = make_panel(case_id)
    assert panel.table.isColumnHidden(Column.SIGNIFICANCE)
    panel.table.set_column_shown(Column.SIGNIFICANCE, True)
    panel.table.set_column_shown(Column.CATEGORY, False)
    panel.timeline.set_mode("agency")
    again = make_panel(case_id)
    assert not again.table.isColumnHidden(Column.SIGNIFICANCE)
    assert again.table.isColumnHidden(Column.CATEGORY)
    assert again.timeline.view.mode == "agency"


def test_the_main_window_has_the_tab_the_menu_and_undo_in_the_edit_menu(
    qtbot: QtBot, make_window: Callable[[], Any], tmp_path: Path
) -> None:
    window = make_window()
    window.show()
    workspace = tmp_path / "w.deepdive"
    assert window.open_workspace(workspace)
    case = window.services.cases.create("DD-1", "Jay", birth="2004-05")
    window.view.select_case(case.id)
    tabs = window.view.case_tabs
    assert "Chronology" in [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    file_menu = window.menuBar().actions()[0].menu()
    assert "Import chronology…" in [a.text().replace("&", "") for a in file_menu.actions()]
    window.chronology_actions.new_event_action.trigger()
    panel = window.view.chronology
    assert tabs.currentWidget() is panel and panel.editor.is_draft
    qtbot.keyClicks(panel.editor.date, "2019")
    type_into(qtbot, panel.editor.texts["description"].editor, "Met the hub worker")
    assert panel.flush()
    undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo Add event"
    undo.trigger()
    assert window.services.events.list_events(case.id) == []
