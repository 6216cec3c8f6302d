"""Walking the chronology in the room: one event at a time on the projector."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel
from session_ui_helpers import demo_session_runner, focused, press, type_text
from ui_helpers import ScriptedPrompter
from workspace_helpers import reopen

from deepdive.demo import add_demo_case
from deepdive.export import export_case_study
from deepdive.services import Services
from deepdive.ui.sessions.chronology_walk import ChronologyWalkWindow
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.timeline.view import TimelineView

WALK_STAGE = 2  # "Walk the chronology" in the Deep Dive case study template


@pytest.fixture
def runner(qtbot, services: Services) -> SessionRunner:  # type: ignore[no-untyped-def]
    window = demo_session_runner(qtbot, services)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def walk_of(runner: SessionRunner) -> EventsResponse:
    runner.go_to(WALK_STAGE)
    editor = runner.current_editor()
    assert isinstance(editor, EventsResponse) and editor.walking
    return editor


def test_the_room_reads_each_event_on_the_projector_as_the_laptop_walks_it(
    runner: SessionRunner,
) -> None:
    walk = walk_of(runner).walk
    room = runner.show_presentation()
    runner.activateWindow()
    first = walk.model.current_event()
    assert first is not None
    # The earliest entry first, in large type: date, age, domain and source, what happened.
    assert room.walking and room.slide.isVisible() and room.prompt.isHidden()
    assert room.slide.date.text() == first.span.display()
    assert room.slide.age.text().startswith("Age ")
    assert first.category.capitalize() in room.slide.where.text()
    assert room.slide.position.text() == f"Event 1 of {walk.model.rowCount()}"
    assert room.slide.date.font().pointSizeF() >= 2 * runner.font().pointSizeF()
    # The laptop keeps the keyboard: Down goes on, and the laptop shows what comes next.
    assert focused() is walk.view
    coming = walk.model.next_event()
    assert coming is not None and coming.span.display() in walk.coming.text()
    press(Qt.Key.Key_Down)
    assert room.slide.date.text() == coming.span.display()
    timeline = room.timeline_widget
    assert isinstance(timeline, TimelineView) and timeline.selected == coming.id
    assert timeline.walked is not None
    # A clicker's Page Down goes on even while the facilitator is typing a reflection.
    walk.reflection.editor.setFocus()
    press(Qt.Key.Key_PageDown)
    third = walk.model.events()[2]
    assert room.slide.date.text() == third.span.display()
    press(Qt.Key.Key_PageUp)
    assert walk.model.current_event() == coming
    runner.close()


def test_the_young_persons_own_words_have_their_own_place(runner: SessionRunner) -> None:
    walk = walk_of(runner).walk
    room = runner.show_presentation()
    voiced = next(e for e in walk.model.events() if e.voice.strip())
    assert walk.model.go_to_event(voiced.id)
    assert room.slide.voice_box.isVisible()
    assert room.slide.voice.text() == f"“{voiced.voice.strip()}”"
    assert room.slide.voice.font().italic()
    assert room.slide.voice_caption.text() == "In Jay's words"
    silent = next(e for e in walk.model.events() if not e.voice.strip())
    walk.model.go_to_event(silent.id)
    assert room.slide.voice_box.isHidden()
    runner.close()


def test_b_on_the_laptop_blanks_the_projector_and_brings_it_back(runner: SessionRunner) -> None:
    walk = walk_of(runner).walk
    room = runner.show_presentation()
    runner.activateWindow()
    walk.focus_walk()
    press(Qt.Key.Key_B)
    assert room.blanked and room.blank.geometry() == room.rect()
    press(Qt.Key.Key_B)
    assert not room.blanked
    runner.close()


def test_the_projector_window_steps_blanks_and_leaves_by_its_own_keys(qtbot) -> None:  # type: ignore[no-untyped-def]
    room = PresentationWindow("Deep Dive — Jay")
    qtbot.addWidget(room)
    room.show()
    room.activateWindow()
    qtbot.waitUntil(room.isActiveWindow)
    room.set_walking(True)
    steps: list[int] = []
    room.next_event_requested.connect(lambda: steps.append(1))
    room.previous_event_requested.connect(lambda: steps.append(-1))
    room.next_stage_requested.connect(lambda: steps.append(100))
    for key in (Qt.Key.Key_Right, Qt.Key.Key_PageDown, Qt.Key.Key_Space, Qt.Key.Key_PageUp):
        QTest.keyClick(room, key)
    assert steps == [1, 1, 1, -1]  # while walking, the clicker moves through events
    QTest.keyClick(room, Qt.Key.Key_B)
    assert room.blanked
    QTest.keyClick(room, Qt.Key.Key_Right)  # the first key brings the picture back
    assert not room.blanked and steps == [1, 1, 1, -1]
    room.set_walking(False)
    QTest.keyClick(room, Qt.Key.Key_PageDown)
    assert steps[-1] == 100  # otherwise it moves through stages
    with qtbot.waitSignal(room.closed):
        QTest.keyClick(room, Qt.Key.Key_Escape)  # Escape leaves the presentation


def test_walking_only_key_episodes_or_a_stretch_of_dates_and_jumping_to_a_date(
    runner: SessionRunner,
) -> None:
    walk = walk_of(runner).walk
    everything = walk.model.rowCount()
    walk.key_only.setChecked(True)
    assert 0 < walk.model.rowCount() < everything
    assert all(e.key_episode for e in walk.model.events())
    walk.key_only.setChecked(False)
    walk.from_date.setText("2016")
    walk.to_date.setText("2017")
    QTest.keyClick(walk.to_date, Qt.Key.Key_Return)
    years = {e.span.start.earliest().year for e in walk.model.events()}
    assert years and years <= {2015, 2016, 2017}
    walk.from_date.clear()
    walk.to_date.clear()
    QTest.keyClick(walk.to_date, Qt.Key.Key_Return)
    walk.jump.setText("Jan 2018")
    QTest.keyClick(walk.jump, Qt.Key.Key_Return)
    event = walk.model.current_event()
    assert event is not None and (event.span.end or event.span.start).latest().year >= 2018
    assert walk.model.events()[walk.model.current_row - 1].span.start.earliest().year <= 2018
    walk.jump.setText("31/02/2018")
    QTest.keyClick(walk.jump, Qt.Key.Key_Return)
    assert walk.message.isVisible() and "not a real date" in walk.message.text()
    runner.close()


def test_marking_a_key_episode_in_the_walk_can_be_undone(
    runner: SessionRunner, services: Services
) -> None:
    walk = walk_of(runner).walk
    walk.focus_walk()
    event = next(e for e in walk.model.events() if not e.key_episode)
    walk.model.go_to_event(event.id)
    press(Qt.Key.Key_K)
    assert services.events.get(event.id).key_episode
    assert walk.key_box.isChecked()
    assert walk.model.current_event() is not None
    assert walk.model.current_event().id == event.id  # type: ignore[union-attr]
    assert event.id in walk_of(runner).model.picked()  # marking it is the room choosing it
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one step takes back both
    assert not services.events.get(event.id).key_episode
    assert not walk.key_box.isChecked()
    assert event.id not in walk_of(runner).model.picked()
    stored = services.sessions.responses(runner.session_id)[runner.stages[WALK_STAGE].id]
    assert stored["event_ids"] == []
    runner.close()


def test_a_reflection_typed_in_the_walk_is_there_after_reopening(
    runner: SessionRunner, services: Services
) -> None:
    walk = walk_of(runner).walk
    walk.step(4)
    event = walk.model.current_event()
    assert event is not None
    walk.reflection.editor.setFocus()
    type_text("School knew about Nan; social care did not.")
    runner.flush()  # as the autosave does after a pause (a laptop that dies loses nothing)
    again = reopen(services)
    try:
        stored = again.sessions.responses(runner.session_id)["walk-the-chronology"]
        assert stored["reflections"] == {
            str(event.id): "School knew about Nan; social care did not."
        }
        linked = {link.event_id for link in again.sessions.event_links(event.case_id)}
        assert event.id in linked
    finally:
        again.close()
    runner.close()


def test_what_the_room_said_about_an_event_is_beside_it_in_the_exported_case_study(
    runner: SessionRunner, services: Services, tmp_path: Path
) -> None:
    walk = walk_of(runner).walk
    walk.focus_walk()
    event = next(e for e in walk.model.events() if not e.key_episode)
    walk.model.go_to_event(event.id)
    press(Qt.Key.Key_K)
    walk.reflection.editor.setFocus()
    type_text("Nobody asked Jay what he wanted here.")
    runner.close()
    again = reopen(services)
    try:
        out = tmp_path / "study.docx"
        export_case_study(again, event.case_id, out)
        document = docx.Document(str(out))
        rows = [
            [cell.text for cell in row.cells]
            for table in document.tables
            for row in table.rows
            if len(row.cells) == 3
        ]
        assert ["Date", "Event", "What the room said"] in rows
        [row] = [r for r in rows if r[2] == "Nobody asked Jay what he wanted here."]
        assert row[0] == event.span.display()
        assert row[1].startswith("★ Key practice episode.")  # marked in the room
    finally:
        again.close()


def test_finishing_names_every_stage_and_question_not_answered_yet(
    runner: SessionRunner, services: Services
) -> None:
    prompter = runner._prompter
    assert isinstance(prompter, ScriptedPrompter)
    prompter.confirm_answers = [False]
    walk = walk_of(runner).walk
    walk.reflection.editor.setFocus()
    type_text("Nobody asked Nan.")
    assert not runner.finish()  # the facilitator goes back to the room
    question = prompter.questions[-1]
    assert "The room has not answered 8 of 9 stages yet:" in question
    for stage in runner.stages:
        if stage.id == "walk-the-chronology":
            assert stage.title not in question
        else:
            assert f". {stage.title}" in question
            assert all(prompt in question for prompt in stage.prompts)
    assert services.sessions.get(runner.session_id).status != "complete"
    runner.close()


def test_the_progress_words_sit_beside_the_bar_not_across_it(runner: SessionRunner) -> None:
    walk = walk_of(runner).walk
    walk.reflection.editor.setFocus()
    type_text("Said in the room")
    assert runner.progress_label.text() == "1 of 9 stages answered"
    assert not runner.progress.isTextVisible() and runner.progress.value() == 1
    runner.close()


def test_learning_themes_tagged_in_the_session_are_in_the_exported_case_study(
    runner: SessionRunner, services: Services, tmp_path: Path
) -> None:
    walk = walk_of(runner).walk
    walk.step(2)
    event = walk.model.current_event()
    assert event is not None
    # The demo case has learning themes of its own already; these two are new.
    on_events, on_answers = services.themes.case_themes(event.case_id)
    already = {name for names in (*on_events.values(), *on_answers.values()) for name in names}
    assert not already & {"Family finding", "Transitions"}
    walk.themes.line.setFocus()
    type_text("Family finding")
    press(Qt.Key.Key_Return)
    assert [t.name for t in services.themes.event_themes(event.id)] == ["Family finding"]
    runner.themes.line.setFocus()  # the stage's answer as a whole
    type_text("Transitions")
    press(Qt.Key.Key_Return)
    runner.close()
    out = tmp_path / "study.docx"
    export_case_study(services, event.case_id, out)
    document = docx.Document(str(out))
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "Learning theme")
    rows = {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}
    assert set(rows) - already == {"Family finding", "Transitions"}
    assert rows["Family finding"].startswith(event.span.display())
    assert rows["Transitions"] == "Deep Dive — Jay · Walk the chronology"
    markdown = tmp_path / "study.md"
    export_case_study(services, event.case_id, markdown)
    text = markdown.read_text(encoding="utf-8")
    assert "- **Transitions**: Deep Dive — Jay · Walk the chronology" in text
    assert f"- **Family finding**: {event.span.display()}" in text


def test_the_chronology_can_be_walked_on_the_projector_outside_a_session(
    qtbot,
    services: Services,  # type: ignore[no-untyped-def]
) -> None:
    case = add_demo_case(services)
    window = ChronologyWalkWindow(services, case.id)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    room = window.show_presentation()
    window.walk.focus_walk()
    events = services.events.list_events(case.id)
    assert room.walking and room.where.text() == "Jay's chronology"
    assert room.slide.date.text() == events[0].span.display()
    press(Qt.Key.Key_PageDown)
    assert room.slide.date.text() == events[1].span.display()
    assert window.walk.reflection.isHidden()  # reflections belong to a session
    press(Qt.Key.Key_K)
    assert services.events.get(events[1].id).key_episode
    assert room.slide.key.isVisible()  # the room sees it marked at once
    window.close()
    assert window.presentation is None


def test_the_chronology_tab_walks_its_case_event_by_event(
    make_window,
    workspace_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = add_demo_case(window.services)
    window.view.select_case(case.id)
    window.view.case_tabs.setCurrentWidget(window.view.chronology)
    pane = window.view.chronology.timeline
    qtbot.waitUntil(lambda: len(pane.view.events) == 56)
    pane.walk_button.click()
    walk = window.sessions_menu.walk_window
    assert isinstance(walk, ChronologyWalkWindow) and walk.isVisible()
    assert walk.walk.model.rowCount() == 56
    assert walk.windowTitle() == "Walk the chronology — DEMO-001"
    walk.close()


def test_typing_a_reflection_is_not_interrupted_when_the_chronology_changes_elsewhere(
    runner: SessionRunner, services: Services
) -> None:
    walk = walk_of(runner).walk
    walk.step(3)
    current = walk.model.current_event()
    assert current is not None
    walk.reflection.editor.setFocus()
    type_text("The school knew")
    other = walk.model.events()[10]
    services.events.update(other.id, outcome="Added by the chronology's author meanwhile")
    type_text(" first.")
    assert walk.reflection.markdown() == "The school knew first."
    assert walk.model.current_event() is not None
    assert walk.model.current_event().id == current.id  # type: ignore[union-attr]
    runner.close()


def test_every_demo_event_fits_the_wall_at_1366_by_768_without_cutting_a_line(
    runner: SessionRunner,
) -> None:
    walk = walk_of(runner).walk
    room = runner.show_presentation()
    room.resize(1366, 768)
    app = QApplication.instance()
    assert app is not None
    smallest = 100.0
    for row in range(walk.model.rowCount()):
        walk.model.set_current_row(row)
        for _ in range(3):  # the window lays out again after the type is fitted
            app.processEvents()
        slide = room.slide
        for label in slide.findChildren(QLabel):
            if label.isVisible() and label.wordWrap():
                assert label.height() >= label.heightForWidth(label.width()) - 1, (
                    f"event {row + 1}: {label.objectName()} is cut short"
                )
        smallest = min(smallest, slide.what.font().pointSizeF())
    assert smallest >= 11  # the longest entries still read from the back of the room
    runner.close()
