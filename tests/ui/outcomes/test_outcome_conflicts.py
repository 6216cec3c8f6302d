"""Two people on one case's Outcomes tab: a colleague (a second Services on the same
workspace, on both engines) saves the story or an outcome while the tab holds typing
built on an older read. The save shows both versions when both changed the same
thing, keeps both when they changed different boxes, and undo never writes over the
colleague."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from test_outcomes_panel import stored, type_into
from ui_helpers import answer_conflict

from deepdive.services import Services
from deepdive.services.outcomes import OutcomeDomain
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog
from deepdive.ui.outcomes.panel import OutcomesPanel

FIRST = "Jay lives with Nan."
THEIRS = "Jay lives with Nan, and goes to school again."
MINE = "Jay lives with Nan and found a mentor."


@pytest.fixture
def services(services_on_each_engine: Services) -> Services:
    """This screen on both engines: a workspace file, and a team workspace on the
    test cluster (the colleague is a second connection to the same one)."""
    return services_on_each_engine


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay")
    services.stories.set(case.id, FIRST)
    services.outcomes.set_outcome(case.id, OutcomeDomain.MISSING, start_value="6")
    return case.id


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(qtbot: QtBot, services: Services, case_id: int, stack: QUndoStack) -> OutcomesPanel:
    made = OutcomesPanel(services, None, stack)
    qtbot.addWidget(made)
    made.resize(1000, 800)
    made.show()
    qtbot.waitExposed(made)
    made.show_case(services.cases.get(case_id))
    return made


def type_story(panel: OutcomesPanel, text: str) -> None:
    panel.story_box.editor.set_markdown(text)
    panel.story_box.editor.text_edited.emit(text)  # as typing does


def test_both_changed_the_story_keep_mine_saves_it_and_undo_gives_theirs_back(
    panel: OutcomesPanel,
    services: Services,
    colleague: Services,
    case_id: int,
    stack: QUndoStack,
) -> None:
    type_story(panel, MINE)
    colleague.stories.set(case_id, THEIRS)
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "story", seen=seen)
    assert panel.flush()
    [dialog] = seen
    [row] = dialog.rows
    assert (row.field.theirs, row.field.mine, row.field.both_changed) == (THEIRS, MINE, True)
    assert services.stories.get(case_id).text == MINE
    assert "Saved your version" in panel.story_box.message.text()
    stack.undo()
    assert services.stories.get(case_id).text == THEIRS


def test_take_theirs_shows_their_story_and_sets_mine_aside(
    qtbot: QtBot, panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    type_story(panel, MINE)
    colleague.stories.set(case_id, THEIRS)
    answer_conflict(Choice.TAKE_THEIRS, "story")
    assert panel.flush()
    assert services.stories.get(case_id).text == THEIRS
    qtbot.waitUntil(lambda: panel.story_box.text().strip() == THEIRS)
    assert "Yours is on the clipboard" in panel.story_box.message.text()


def test_merging_the_story_saves_the_merged_text(
    panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    type_story(panel, MINE)
    colleague.stories.set(case_id, THEIRS)
    merged = "Jay lives with Nan, goes to school again and found a mentor."
    answer_conflict(Choice.MERGED, "story", merged)
    assert panel.flush()
    assert services.stories.get(case_id).text == merged


def test_their_latest_value_and_my_start_date_are_both_kept_without_asking(
    qtbot: QtBot,
    panel: OutcomesPanel,
    services: Services,
    colleague: Services,
    case_id: int,
    stack: QUndoStack,
) -> None:
    missing = panel.rows[OutcomeDomain.MISSING]
    type_into(qtbot, missing.start_on, "01/04/2021")
    colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="6", latest_value="1"
    )
    assert panel.flush()
    saved = stored(services, case_id)[OutcomeDomain.MISSING]
    assert (saved.start_value, saved.latest_value, f"{saved.start_measured_on:%d/%m/%Y}") == (
        "6",
        "1",
        "01/04/2021",
    )
    assert "both kept" in missing.message.text()
    assert missing.latest.text() == "1"  # their value is shown
    # Their later change to the row stops the undo of mine: refused, not written over.
    colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="7", latest_value="1"
    )
    stack.undo()
    assert stored(services, case_id)[OutcomeDomain.MISSING].start_value == "7"


def test_both_changed_the_same_count_keep_mine_saves_mine(
    qtbot: QtBot, panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.latest.line is not None
    type_into(qtbot, missing.latest.line, "2")
    colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="6", latest_value="3"
    )
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "latest", seen=seen)
    assert panel.flush()
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.name, row.field.theirs, row.field.mine) == ("latest", "3", "2")
    assert stored(services, case_id)[OutcomeDomain.MISSING].latest_value == "2"


def test_taking_their_count_shows_it_in_the_box_still_being_typed_in(
    qtbot: QtBot, panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.latest.line is not None
    type_into(qtbot, missing.latest.line, "2")
    assert missing.latest.line.hasFocus()
    colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="6", latest_value="3"
    )
    answer_conflict(Choice.TAKE_THEIRS, "latest")
    assert panel.flush()
    assert stored(services, case_id)[OutcomeDomain.MISSING].latest_value == "3"
    assert missing.latest.text() == "3"
    assert "Their version is kept" in missing.message.text()


def choose_stayed(panel: OutcomesPanel, answer: bool | None) -> None:
    index = panel.stayed.findData(answer)
    panel.stayed.setCurrentIndex(index)
    panel.stayed.activated.emit(index)  # as choosing it does


def test_ticking_edge_of_care_keeps_the_stayed_at_home_answer_a_colleague_gave_first(
    panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    assert not panel.edge_of_care.isChecked()
    colleague.outcomes.set_edge_of_care(case_id, True, True)
    panel.edge_of_care.click()  # saved at once, over the answer read before theirs
    stored_answer = services.outcomes.edge_of_care(case_id)
    assert (stored_answer.edge_of_care, stored_answer.stayed_with_family) == (True, True)
    assert panel.stayed.currentData() is True  # their answer is shown
    assert "Someone else made the same change first" in panel.edge_message.text()


def test_both_answered_stayed_at_home_differently_keep_mine_or_take_theirs(
    panel: OutcomesPanel, services: Services, colleague: Services, case_id: int
) -> None:
    panel.edge_of_care.click()
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is None
    colleague.outcomes.set_edge_of_care(case_id, True, True)
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "stayed", seen=seen)
    choose_stayed(panel, False)
    [dialog] = seen
    [row] = [r for r in dialog.rows if r.field.differs]
    assert (row.field.label, row.field.theirs, row.field.mine) == (
        "Stayed at home or with family",
        "Yes",
        "No",
    )
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is False
    colleague.outcomes.set_edge_of_care(case_id, True, True)
    answer_conflict(Choice.TAKE_THEIRS, "stayed")
    choose_stayed(panel, None)
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is True
    assert panel.stayed.currentData() is True
    assert "Their version is kept" in panel.edge_message.text()
