"""The stage timer and the presentation view, driven by a clock the test moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from session_ui_helpers import FakeClock, demo_session_runner

from deepdive.services import Services
from deepdive.templates import builtin_template
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.sessions.timer import StageTimer
from deepdive.ui.timeline.view import TimelineView


@pytest.fixture
def runner(qtbot, services: Services) -> SessionRunner:  # type: ignore[no-untyped-def]
    window = demo_session_runner(qtbot, services)
    return window


def clock_of(runner: SessionRunner) -> FakeClock:
    clock = runner.timer._clock
    assert isinstance(clock, FakeClock)
    return clock


def test_the_countdown_starts_pauses_extends_and_runs_over_calmly(qtbot) -> None:  # type: ignore[no-untyped-def]
    clock = FakeClock()
    timer = StageTimer(clock)
    timer.load(10, 0, running=False)
    assert (timer.reading().remaining, timer.running) == (600, False)
    timer.start()
    clock.advance(minutes=7, seconds=5)
    assert timer.reading().remaining == 175
    timer.pause()
    clock.advance(minutes=30)  # a break: the paused timer does not count it
    assert timer.reading().elapsed == 425
    timer.start()
    clock.advance(minutes=4)
    reading = timer.reading()
    assert (reading.is_over, reading.overrun, reading.remaining) == (True, 65, 0)
    timer.extend(5)
    reading = timer.reading()
    assert (reading.is_over, reading.remaining, reading.planned) == (False, 235, 900)


def test_the_runner_and_presentation_show_the_same_time(runner: SessionRunner) -> None:
    clock = clock_of(runner)
    presentation = runner.show_presentation()
    assert runner.timer_panel.time.text() == "10:00"
    assert runner.timer_panel.caption.text() == "10 min planned — timer not started"
    runner.toggle_timer()
    clock.advance(minutes=7, seconds=5)
    runner.timer.refresh()
    assert runner.timer_panel.time.text() == "2:55"
    assert runner.timer_panel.caption.text() == "left of 10 min"
    assert presentation.timer.text() == "2:55"
    clock.advance(minutes=4)
    runner.timer.refresh()
    assert runner.timer_panel.time.text() == "+1:05"
    assert runner.timer_panel.caption.text() == "over the 10 min planned"
    assert presentation.timer_caption.text() == "over the 10 min planned"
    runner.extend_stage()
    assert runner.timer_panel.time.text() == "3:55"
    assert runner.timer_panel.toggle_button.text() == "Pause timer"
    runner.toggle_timer()
    assert runner.timer_panel.caption.text() == "left of 15 min · paused"
    runner.close()
    assert presentation.isHidden()


def test_each_stage_keeps_its_own_time_and_the_time_is_recorded(
    runner: SessionRunner, services: Services
) -> None:
    clock = clock_of(runner)
    runner.toggle_timer()
    clock.advance(minutes=12)
    runner.next_stage()  # the timer keeps running on the next stage
    assert runner.timer.running
    clock.advance(minutes=5)
    runner.timer.refresh()
    assert runner.timer_panel.time.text() == "10:00"
    runner.previous_stage()
    assert runner.timer_panel.time.text() == "+2:00"
    runner.close()
    assert services.sessions.get(runner.session_id).minutes_used == {
        "opening": 12,
        "who-is-the-young-person": 5,
    }


def test_switching_stages_in_the_runner_switches_the_presentation(
    runner: SessionRunner,
) -> None:
    presentation = runner.show_presentation()
    assert presentation.where.text() == (
        "Stage 1 of 9 · Opening: why we are here and how we will work"
    )
    assert presentation.prompt.text() == runner.stages[0].prompts[0]
    runner.brief.step_prompt(1)
    assert presentation.prompt.text() == runner.stages[0].prompts[1]
    assert presentation.prompt_count.text() == "Question 2 of 4"
    assert presentation.events.isHidden()

    runner.go_to(2)  # walk the chronology: the room sees the young person's timeline
    assert presentation.where.text() == "Stage 3 of 9 · Walk the chronology"
    timeline = presentation.timeline_widget
    assert isinstance(timeline, TimelineView)
    assert timeline.isVisible() and presentation.events.isHidden()
    assert {e.id for e in timeline.events} == {e.id for e in runner.chronology.events}
    editor = runner.current_editor()
    assert isinstance(editor, EventsResponse)
    editor.model.setData(
        editor.model.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole
    )
    marked_id = editor.model.picked()[0]
    assert timeline.selected == marked_id  # the moment the room just marked is ringed
    row = presentation.events_model.row_of(marked_id)
    assert presentation.events_model.data(presentation.events_model.index(row)).startswith("● ")

    # The presentation window drives the runner too (a clicker sends Page Down).
    presentation.next_stage_requested.emit()
    assert runner.index == 3
    assert presentation.where.text() == "Stage 4 of 9 · What helped, what did not, what was missing"
    runner.close()


def test_a_timeline_widget_can_take_the_place_of_the_event_list(
    qtbot, runner: SessionRunner
) -> None:  # type: ignore[no-untyped-def]
    presentation = runner.show_presentation()
    timeline = QLabel("timeline")
    presentation.set_timeline_widget(timeline)
    assert presentation.timeline_widget is timeline
    runner.go_to(2)
    assert timeline.isVisible()
    assert presentation.events.isHidden()
    runner.go_to(3)
    assert not timeline.isVisible()
    runner.close()


def test_the_presentation_works_alone_on_one_screen(qtbot) -> None:  # type: ignore[no-untyped-def]
    window = PresentationWindow("Deep Dive — Jay")
    qtbot.addWidget(window)
    window.show_stage(builtin_template("deep-dive-case-study").stages[4], 5, 9, False)
    window.show()
    assert (
        window.prompt.text() == "Would this have been good enough for my child? Where would it not?"
    )
    big = window.prompt.font().pointSizeF()
    assert big > 2 * window.where.font().pointSizeF() * 0.9
    window.toggle_full_screen()
    window.leave_full_screen()
    assert not window.isFullScreen()


def test_the_room_finds_events_by_words_or_key_episodes_only(runner: SessionRunner) -> None:
    runner.go_to(2)
    picker = runner.current_editor()
    assert isinstance(picker, EventsResponse)
    everything = picker.model.rowCount()
    assert everything == len(runner.chronology.events)
    picker.search.setText("CAMHS wait")
    shown = [e.description for e in picker.model.events()]
    assert shown and all("camhs" in d.casefold() and "wait" in d.casefold() for d in shown)
    picker.search.clear()
    picker.key_only.setChecked(True)
    assert 0 < picker.model.rowCount() < everything
    assert all(e.key_episode for e in picker.model.events())
    first = picker.model.index(0)
    ticked = picker.model.events()[0].id
    picker.model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    picker.key_only.setChecked(False)
    # A ticked event stays ticked whatever the filter shows.
    assert picker.value()["event_ids"] == [ticked]
    # The list runs in date order from the earliest entry: key episodes are not put first.
    order = [e.span.sort_key() for e in picker.model.events()]
    assert order == sorted(order) and not picker.model.events()[0].key_episode
    runner.close()


def test_every_control_in_the_runner_has_a_name_a_screen_reader_can_say(
    runner: SessionRunner,
) -> None:
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractItemView, QAbstractButton)
    for index in range(len(runner.stages)):
        runner.go_to(index)
        unnamed = [
            f"{type(w).__name__} on stage {index + 1}"
            for w in runner.findChildren(QWidget)
            if isinstance(w, kinds)
            and w.isVisible()
            and w.focusPolicy() != Qt.FocusPolicy.NoFocus
            and not isinstance(w.parent(), QComboBox)
            and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
        ]
        assert unnamed == []
    runner.close()
