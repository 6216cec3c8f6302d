"""Runs a walk through the demo chronology on a real two-screen X display: by keyboard
on the laptop, marking a key practice episode and saying something about it, then
reopens the workspace and exports the case study to find both.

Started by ``test_two_screens.py`` under Xvfb with two screens (a 1366×768 laptop and
a 1920×1080 projector); prints what it saw as one line of JSON. Usage:
``python two_screens_driver.py WORKSPACE`` (with QT_QPA_PLATFORM=xcb and DISPLAY set).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import docx
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from deepdive.demo import add_demo_case
from deepdive.export import export_case_study
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
from deepdive.templates import builtin_template
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.widgets.prompts import Prompter


def main(path: Path) -> None:
    app = QApplication(sys.argv[:1])
    services = Services.for_workspace(open_workspace(path))
    case = add_demo_case(services)
    session_id = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="",
        participants=[],
    ).id
    laptop = app.primaryScreen()
    runner = SessionRunner(services, session_id, Prompter())
    runner.setScreen(laptop)
    runner.setGeometry(laptop.availableGeometry())
    runner.show()
    QTest.qWaitForWindowExposed(runner)
    runner.activateWindow()
    QTest.qWaitForWindowActive(runner)
    runner.go_to(2)
    editor = runner.current_editor()
    assert isinstance(editor, EventsResponse)
    room = runner.show_presentation()
    QTest.qWaitForWindowExposed(room)
    QTest.qWait(200)
    app.processEvents()
    seen: dict[str, object] = {
        "screens": len(app.screens()),
        "room_screen": room.screen().name(),
        "laptop_screen": runner.screen().name(),
        "room_full_screen": room.isFullScreen(),
        "room_size": [room.width(), room.height()],
        "active_is_runner": app.activeWindow() is runner,
        "focus_in_walk": app.focusWidget() is editor.walk.view,
        "first_date": room.slide.date.text(),
    }
    # The facilitator's keys, pressed on the laptop, move the room on.
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Right):
        focus = app.focusWidget()
        assert focus is not None
        QTest.keyClick(focus, key)
    app.processEvents()
    seen["fourth_date"] = room.slide.date.text()
    seen["expected_fourth"] = editor.walk.model.events()[3].span.display()
    seen["position"] = room.slide.position.text()
    focus = app.focusWidget()
    assert focus is not None
    QTest.keyClick(focus, Qt.Key.Key_B)
    seen["blanked"] = room.blanked
    QTest.keyClick(focus, Qt.Key.Key_B)
    # Mark the fourth event a key practice episode and say something about it.
    fourth = editor.walk.model.current_event()
    assert fourth is not None
    QTest.keyClick(focus, Qt.Key.Key_K)
    seen["room_sees_key"] = room.slide.key.isVisible()
    editor.walk.reflection.editor.setFocus()
    QTest.keyClicks(editor.walk.reflection.editor, "Nan was there all along.")
    room.grab().save(str(path.with_name("projector.png")))
    runner.grab().save(str(path.with_name("laptop.png")))
    runner.close()
    services.close()
    # Reopened: the mark and the words are there, and in the exported case study.
    again = Services.for_workspace(open_workspace(path))
    seen["marked_after_reopening"] = again.events.get(fourth.id).key_episode
    answer = again.sessions.responses(session_id)["walk-the-chronology"]
    seen["reflection_after_reopening"] = answer.get("reflections", {}).get(str(fourth.id))
    out = path.with_name("study.docx")
    export_case_study(again, case.code, out)
    rows = [
        [cell.text for cell in row.cells]
        for table in docx.Document(str(out)).tables
        for row in table.rows
        if len(row.cells) == 3
    ]
    seen["in_document"] = [r for r in rows if r[2] == "Nan was there all along."]
    seen["fourth_display"] = fourth.span.display()
    again.close()
    print(json.dumps(seen))


if __name__ == "__main__":
    main(Path(sys.argv[1]))
