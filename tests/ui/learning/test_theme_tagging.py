"""Tagging chronology events and session responses with learning themes, as a user does."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QToolButton
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.templates import builtin_template
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.learning.theme_tags_editor import ThemeTagsEditor
from deepdive.ui.sessions.runner import SessionRunner


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay")
    services.events.add_many(
        case.id,
        [
            EventInput("2018-05-26", "missing", "Missing overnight; found at a friend's"),
            EventInput("2018-06-02", "placement", "Moved to a third placement", key_episode=True),
        ],
    )
    return case.id


def open_panel(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path, stack: QUndoStack
) -> ChronologyPanel:
    settings = QSettings(str(tmp_path / "chronology.ini"), QSettings.Format.IniFormat)
    panel = ChronologyPanel(services, stack, settings=settings)
    qtbot.addWidget(panel)
    panel.resize(1100, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_case(services.cases.get(case_id))
    return panel


def chip_texts(tags: ThemeTagsEditor) -> list[str]:
    """The theme on each chip (a long one is shortened on the chip; its tip says it whole)."""
    return [chip.findChild(QLabel).toolTip() for chip in tags.chips()]  # type: ignore[union-attr]


def type_theme(qtbot: QtBot, tags: ThemeTagsEditor, text: str) -> None:
    tags.line.setFocus()
    qtbot.keyClicks(tags.line, text)
    qtbot.keyClick(tags.line, Qt.Key.Key_Return)


def test_a_new_theme_typed_on_an_event_is_created_and_undone_like_any_edit(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    stack = QUndoStack()
    panel = open_panel(qtbot, services, case_id, tmp_path, stack)
    moved = services.events.list_events(case_id)[1]
    panel.select_event(moved.id)
    tags = panel.editor.themes
    assert tags.isVisibleTo(panel) and tags.line.isEnabled()
    assert tags.none_label.isVisibleTo(panel)

    type_theme(qtbot, tags, "Missing episodes preceded placement moves")
    assert chip_texts(tags) == ["Missing episodes preceded placement moves"]
    shown = tags.chips()[0].findChild(QLabel)
    assert shown is not None and shown.text().startswith("Missing episodes")
    assert shown.text().endswith("…")  # shortened to fit the pane beside the table
    assert tags.line.text() == ""
    assert [t.name for t in services.themes.event_themes(moved.id)] == [
        "Missing episodes preceded placement moves"
    ]
    # The key practice episode counts in the Learning figures.
    counted = services.learning.summary().themes
    assert [(t.name, t.key_episodes) for t in counted] == [
        ("Missing episodes preceded placement moves", 1)
    ]
    assert stack.undoText() == "Add theme “Missing episodes preceded placement moves”"

    stack.undo()
    qtbot.waitUntil(lambda: chip_texts(tags) == [])
    assert services.themes.event_themes(moved.id) == []
    assert services.themes.names() == []  # a theme made by the undone tagging goes too
    stack.redo()
    qtbot.waitUntil(lambda: chip_texts(tags) == ["Missing episodes preceded placement moves"])
    reopened = reopen(services)
    try:
        assert [t.name for t in reopened.themes.event_themes(moved.id)] == [
            "Missing episodes preceded placement moves"
        ]
    finally:
        reopened.close()


def test_existing_themes_are_offered_while_typing_and_reused_ignoring_case(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    other = services.cases.create("DD-2020-002", "Sam")
    elsewhere = services.events.add(other.id, EventInput("2020-01-01", "family", "Nan steps in"))
    services.themes.apply_to_event(elsewhere.id, "Consistent worker")
    panel = open_panel(qtbot, services, case_id, tmp_path, QUndoStack())
    first = services.events.list_events(case_id)[0]
    panel.select_event(first.id)
    tags = panel.editor.themes
    tags.line.setFocus()
    qtbot.keyClicks(tags.line, "worker")  # any part of the name
    offered = tags.completer.completionModel()
    assert [offered.index(r, 0).data() for r in range(offered.rowCount())] == ["Consistent worker"]
    tags.line.clear()
    type_theme(qtbot, tags, "CONSISTENT WORKER")
    assert chip_texts(tags) == ["Consistent worker"]  # the existing theme, not a new one
    assert services.themes.names() == ["Consistent worker"]
    assert services.themes.get(services.themes.list_themes()[0].id).cases == 2


def test_a_theme_is_taken_off_with_its_chip_and_put_back_by_undo(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    stack = QUndoStack()
    first = services.events.list_events(case_id)[0]
    services.themes.apply_to_event(first.id, "CAMHS waiting times")
    services.themes.apply_to_event(first.id, "Consistent worker")
    panel = open_panel(qtbot, services, case_id, tmp_path, stack)
    panel.select_event(first.id)
    tags = panel.editor.themes
    assert chip_texts(tags) == ["CAMHS waiting times", "Consistent worker"]
    remove = [
        b
        for b in tags.chip_area.findChildren(QToolButton)
        if b.accessibleName() == "Remove theme “CAMHS waiting times”"
    ]
    assert len(remove) == 1
    remove[0].click()
    assert chip_texts(tags) == ["Consistent worker"]
    assert [t.name for t in services.themes.event_themes(first.id)] == ["Consistent worker"]
    assert "CAMHS waiting times" in services.themes.names()  # still in the vocabulary
    stack.undo()
    qtbot.waitUntil(lambda: chip_texts(tags) == ["CAMHS waiting times", "Consistent worker"])


def test_a_rename_elsewhere_shows_on_the_chip(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    first = services.events.list_events(case_id)[0]
    theme = services.themes.apply_to_event(first.id, "CAMHS waits")
    panel = open_panel(qtbot, services, case_id, tmp_path, QUndoStack())
    panel.select_event(first.id)
    services.themes.rename(theme.id, "CAMHS waiting times")
    qtbot.waitUntil(lambda: chip_texts(panel.editor.themes) == ["CAMHS waiting times"])


def test_a_name_too_long_is_explained_and_nothing_is_saved(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    stack = QUndoStack()
    panel = open_panel(qtbot, services, case_id, tmp_path, stack)
    first = services.events.list_events(case_id)[0]
    panel.select_event(first.id)
    tags = panel.editor.themes
    long_name = "x" * 161
    type_theme(qtbot, tags, long_name)
    assert tags.message.isVisibleTo(panel)
    assert "160" in tags.message.text()
    assert tags.line.text() == long_name  # the typing is kept to shorten
    assert services.themes.names() == [] and services.themes.event_themes(first.id) == []
    assert stack.count() == 0
    tags.line.setText("Short name")
    qtbot.keyClick(tags.line, Qt.Key.Key_Return)
    assert not tags.message.isVisibleTo(panel)
    assert chip_texts(tags) == ["Short name"]


def test_a_new_event_gets_themes_once_it_is_saved(
    qtbot: QtBot, services: Services, case_id: int, tmp_path: Path
) -> None:
    panel = open_panel(qtbot, services, case_id, tmp_path, QUndoStack())
    panel.new_event()
    tags = panel.editor.themes
    assert not tags.line.isEnabled()
    assert "once the event is saved" in tags.line.placeholderText()


def test_each_stage_of_a_session_has_its_own_themes_kept_after_reopening(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    template = builtin_template("deep-dive-case-study")
    session_id = services.sessions.start(
        case_id, template, title="Deep Dive", held_on=None, facilitator_role="", participants=[]
    ).id
    runner = SessionRunner(services, session_id, ScriptedPrompter())
    qtbot.addWidget(runner)
    runner.show()
    first_stage, second_stage = template.stage_ids[0], template.stage_ids[1]
    type_theme(qtbot, runner.themes, "Would this be good enough for my child?")
    assert chip_texts(runner.themes) == ["Would this be good enough for my child?"]
    runner.go_to(1)
    assert chip_texts(runner.themes) == []
    type_theme(qtbot, runner.themes, "Consistent worker")
    runner.go_to(0)
    assert chip_texts(runner.themes) == ["Would this be good enough for my child?"]
    runner.close()
    reopened = reopen(services)
    try:
        assert [t.name for t in reopened.themes.response_themes(session_id, first_stage)] == [
            "Would this be good enough for my child?"
        ]
        assert [t.name for t in reopened.themes.response_themes(session_id, second_stage)] == [
            "Consistent worker"
        ]
    finally:
        reopened.close()
