"""Two facilitators writing up the same session: a colleague (a second Services on the
same workspace file) saves a stage's response while the runner holds typed text. The
save shows both versions; each choice does what it says, read back from the workspace."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot
from session_ui_helpers import FakeClock, type_text
from ui_helpers import ScriptedPrompter, answer_conflict

from deepdive.services import Services
from deepdive.templates import builtin_template
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog
from deepdive.ui.sessions.runner import SessionRunner

MINE = "Curiosity, not blame."
THEIRS = "Ground rules: roles only, no names."


@pytest.fixture
def session_id(services: Services) -> int:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    return services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="",
        participants=[],
    ).id


@pytest.fixture
def runner(qtbot: QtBot, services: Services, session_id: int) -> SessionRunner:
    made = SessionRunner(services, session_id, ScriptedPrompter(), clock=FakeClock())
    qtbot.addWidget(made)
    made.show()
    made.activateWindow()
    qtbot.waitUntil(made.isActiveWindow)
    editor = made.current_editor().findChild(QPlainTextEdit)
    assert editor is not None
    editor.setFocus()
    return made


@pytest.mark.parametrize(
    ("choice", "stored"),
    [
        (Choice.KEEP_MINE, MINE),
        (Choice.TAKE_THEIRS, THEIRS),
        (Choice.MERGED, f"{THEIRS} {MINE}"),
    ],
)
def test_a_colleagues_save_of_the_same_stage_shows_both_and_the_choice_is_saved(
    runner: SessionRunner,
    services: Services,
    colleague: Services,
    session_id: int,
    choice: Choice,
    stored: str,
) -> None:
    type_text(MINE)
    colleague.sessions.save_response(session_id, "opening", {"text": THEIRS}, expected_version=1)
    seen: list[ConflictDialog] = []
    answer_conflict(choice, "text", f"{THEIRS} {MINE}", seen)
    assert runner.flush()
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.theirs, row.field.mine, row.field.both_changed) == (THEIRS, MINE, True)
    assert services.sessions.responses(session_id)["opening"] == {"text": stored}
    assert runner.current_editor().value() == {"text": stored}
    if choice is Choice.TAKE_THEIRS:
        assert MINE in QGuiApplication.clipboard().text()
