"""Two people on one workspace editing the same case overview in the app: a colleague (a
second Services on the same file) saves the summary while the overview holds typed
text. The save shows both versions; each choice does what it says, read back from the
workspace; nothing typed is lost and undo never writes over the colleague."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication, QUndoStack
from pytestqt.qtbot import QtBot
from ui_helpers import answer_conflict

from deepdive.services import Services
from deepdive.ui.cases.case_overview_panel import CaseOverviewPanel
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog, ConflictField, Resolution
from deepdive.ui.conflicts.set_aside import set_aside_folder

FIRST = "Jay lives with Nan."
MINE = " Sees Dad on Sundays."
THEIRS = "Jay lives with Nan and her partner since 2019."


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", summary=FIRST).id


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(qtbot: QtBot, services: Services, case_id: int, stack: QUndoStack) -> CaseOverviewPanel:
    made = CaseOverviewPanel(services, undo_stack=stack)
    qtbot.addWidget(made)
    made.resize(900, 700)
    made.show()
    qtbot.waitExposed(made)
    made.show_case(services.cases.get(case_id))
    return made


def type_summary(qtbot: QtBot, panel: CaseOverviewPanel, text: str) -> None:
    editor = panel.summary.editor
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, text)


def test_keep_mine_saves_mine_over_theirs_and_undo_gives_theirs_back(
    qtbot: QtBot,
    panel: CaseOverviewPanel,
    services: Services,
    colleague: Services,
    case_id: int,
    stack: QUndoStack,
) -> None:
    type_summary(qtbot, panel, MINE)
    colleague.cases.update(case_id, summary=THEIRS)
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "summary", seen=seen)
    assert panel.flush()
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.name, row.field.theirs, row.field.mine) == ("summary", THEIRS, FIRST + MINE)
    assert services.cases.get(case_id).summary == FIRST + MINE
    stack.undo()
    assert services.cases.get(case_id).summary == THEIRS
    assert panel.summary.markdown() == THEIRS


def test_take_theirs_keeps_theirs_and_sets_mine_aside(
    qtbot: QtBot, panel: CaseOverviewPanel, services: Services, colleague: Services, case_id: int
) -> None:
    type_summary(qtbot, panel, MINE)
    colleague.cases.update(case_id, summary=THEIRS)
    answer_conflict(Choice.TAKE_THEIRS, "summary")
    assert panel.flush()
    assert services.cases.get(case_id).summary == THEIRS
    assert panel.summary.markdown() == THEIRS
    assert FIRST + MINE in QGuiApplication.clipboard().text()
    [kept] = set_aside_folder().glob("*.md")
    assert FIRST + MINE in kept.read_text(encoding="utf-8")
    assert str(kept) in panel.conflict_note.text()


def test_merge_by_editing_saves_the_merged_summary(
    qtbot: QtBot, panel: CaseOverviewPanel, services: Services, colleague: Services, case_id: int
) -> None:
    type_summary(qtbot, panel, MINE)
    colleague.cases.update(case_id, summary=THEIRS)
    answer_conflict(Choice.MERGED, "summary", merged=THEIRS + MINE)
    assert panel.flush()
    assert services.cases.get(case_id).summary == THEIRS + MINE
    assert panel.summary.markdown() == THEIRS + MINE


def test_a_colleagues_status_and_my_summary_are_both_kept_without_asking(
    qtbot: QtBot, panel: CaseOverviewPanel, services: Services, colleague: Services, case_id: int
) -> None:
    asked: list[list[ConflictField]] = []

    def ask(_parent: object, _what: str, fields: list[ConflictField]) -> Resolution:
        asked.append(fields)
        return Resolution(Choice.TAKE_THEIRS, {})

    panel.versions.ask = ask
    type_summary(qtbot, panel, MINE)
    colleague.cases.update(case_id, status="in_review")
    assert panel.flush()
    assert not asked
    stored = services.cases.get(case_id)
    assert (stored.summary, stored.status) == (FIRST + MINE, "in_review")
    assert panel.status.currentData() == "in_review"
    assert "both kept" in panel.conflict_note.text()


def test_an_undo_over_a_colleagues_later_summary_is_refused(
    qtbot: QtBot,
    panel: CaseOverviewPanel,
    services: Services,
    colleague: Services,
    case_id: int,
    stack: QUndoStack,
) -> None:
    type_summary(qtbot, panel, MINE)
    assert panel.flush()
    colleague.cases.update(case_id, summary=THEIRS)
    stack.undo()
    assert services.cases.get(case_id).summary == THEIRS
    assert stack.count() == 0


def test_a_colleagues_save_that_reaches_the_window_is_shown_before_more_typing(
    qtbot: QtBot, panel: CaseOverviewPanel, services: Services, colleague: Services, case_id: int
) -> None:
    """A change made elsewhere arrives (as the workspace view passes it on): the overview
    shows it, so what is typed next builds on their text, not over it."""
    colleague.cases.update(case_id, summary=THEIRS)
    panel.refresh_heading(services.cases.get(case_id))
    assert panel.summary.markdown() == THEIRS
    type_summary(qtbot, panel, MINE)
    assert panel.flush()
    assert services.cases.get(case_id).summary == THEIRS + MINE
