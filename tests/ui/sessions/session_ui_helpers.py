"""Helpers for the session UI tests: a clock moved by hand, keys, a demo workspace."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from ui_helpers import ScriptedPrompter, WindowFactory

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.session_results import Participant
from deepdive.templates import builtin_template
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.shell.main_window import MainWindow


class FakeClock:
    """Seconds that pass only when the test says so."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, minutes: float = 0, seconds: float = 0) -> None:
        self.now += minutes * 60 + seconds


def focused() -> QWidget:
    """The widget with the keyboard focus."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(text: str) -> None:
    """Type into whatever has the focus, as a person would."""
    QTest.keyClicks(focused(), text)


def press(key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press one key (with modifiers) in whatever has the focus."""
    QTest.keyClick(focused(), key, modifiers)


def tab_to(target: QWidget, limit: int = 40) -> None:
    """Press Tab until ``target`` has the focus (fails if it never does)."""
    for _ in range(limit):
        if focused() is target:
            return
        press(Qt.Key.Key_Tab)
    assert focused() is target, f"Tab never reached {target.accessibleName()!r}"


def demo_session_runner(qtbot, services: Services) -> SessionRunner:  # type: ignore[no-untyped-def]
    """The runner, shown, on a Deep Dive case study session about the demo case."""
    case = add_demo_case(services)
    session_id = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive — Jay",
        held_on=None,
        facilitator_role="Innovation coach",
        participants=[],
    ).id
    window = SessionRunner(services, session_id, ScriptedPrompter(), clock=FakeClock())
    qtbot.addWidget(window)
    window.show()
    return window


def open_new_session(make_window: WindowFactory, path: Path) -> tuple[MainWindow, int, int]:
    """The main window on the demo case's Sessions tab, a new session selected; the
    ids of the session and of a second case."""
    window = make_window()
    window.show()
    assert window.open_workspace(path)
    assert window.services is not None and window.view is not None
    services = window.services
    case = add_demo_case(services)
    other = services.cases.create("DD-2", "Sam")
    session_id = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive — Jay",
        held_on=None,
        facilitator_role="Innovation coach",
        participants=[Participant("social worker")],
    ).id
    window.view.select_case(case.id)
    panel = window.view.sessions
    window.view.case_tabs.setCurrentWidget(panel)
    panel.runner_clock = FakeClock()
    assert panel.select_session(session_id)
    return window, session_id, other.id


def run_selected(qtbot, window: MainWindow) -> SessionRunner:  # type: ignore[no-untyped-def]
    """The runner of the session selected in the Sessions tab, open and active."""
    assert window.view is not None
    runner = window.view.sessions.run_selected()
    assert runner is not None
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    return runner
