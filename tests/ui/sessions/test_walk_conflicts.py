"""Marking key practice episodes in the walk while a colleague (a second Services on
the same workspace, on both engines) saves the same event: the mark never writes
over their change, their version is shown, and the facilitator is told what became
of the mark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from session_ui_helpers import demo_session_runner, press

from deepdive.services import Services
from deepdive.services.events import EventInfo
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.sessions.walk_panel import WalkPanel

WALK_STAGE = 2  # "Walk the chronology" in the Deep Dive case study template


@pytest.fixture
def services(services_on_each_engine: Services) -> Services:
    """This screen on both engines: a workspace file, and a team workspace on the
    test cluster (the colleague is a second connection to the same one)."""
    return services_on_each_engine


@pytest.fixture
def runner(qtbot, services: Services) -> Iterator[SessionRunner]:  # type: ignore[no-untyped-def]
    window = demo_session_runner(qtbot, services)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    yield window
    window.close()


def _walk_at_unmarked(runner: SessionRunner) -> tuple[WalkPanel, EventInfo]:
    runner.go_to(WALK_STAGE)
    editor = runner.current_editor()
    assert isinstance(editor, EventsResponse) and editor.walking
    walk = editor.walk
    walk.focus_walk()
    event = next(e for e in walk.model.events() if not e.key_episode)
    walk.model.go_to_event(event.id)
    return walk, event


def test_marking_an_event_a_colleague_reworded_keeps_their_words_and_the_mark(
    runner: SessionRunner, services: Services, colleague: Services
) -> None:
    walk, event = _walk_at_unmarked(runner)
    colleague.events.update(event.id, outcome="Nan took Jay in that night.")
    press(Qt.Key.Key_K)
    stored = services.events.get(event.id)
    assert stored.key_episode and stored.outcome == "Nan took Jay in that night."
    assert walk.message.isVisible()
    assert "their change and yours are kept" in walk.message.text()
    assert walk.key_box.isChecked()
    press(Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # the mark only is taken back
    stored = services.events.get(event.id)
    assert not stored.key_episode and stored.outcome == "Nan took Jay in that night."


def test_marking_what_a_colleague_just_marked_writes_nothing_and_says_so(
    runner: SessionRunner, services: Services, colleague: Services
) -> None:
    walk, event = _walk_at_unmarked(runner)
    colleague.events.update(event.id, key_episode=True, outcome="Marked in the other room.")
    before = services.events.version(event.id)
    press(Qt.Key.Key_K)
    assert services.events.version(event.id) == before  # nothing written over theirs
    assert "marked this key practice episode first" in walk.message.text()
    current = walk.model.current_event()
    assert current is not None and current.id == event.id and current.key_episode
    assert walk.key_box.isChecked()
