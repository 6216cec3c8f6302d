"""The story of a life changed on the Outcomes tab: written, drafted, saved, refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from test_outcomes_panel import open_panel
from ui_helpers import WindowFactory
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.outcomes import OutcomeDomain
from deepdive.ui.privacy.report_dialogs import FindingsDialog


@pytest.fixture
def case_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay")
    services.cases.update(
        case.id,
        summary="**Jay** is 15 and lives with his Nan.\n\nHe moved there in the autumn.",
    )
    services.outcomes.set_outcome(
        case.id,
        OutcomeDomain.ACCOMMODATION,
        start_value="foster care",
        latest_value="with wider family",
    )
    return case.id


def test_a_typed_story_is_saved_and_there_after_reopening(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    panel = open_panel(qtbot, services, case_id)
    box = panel.story_box
    assert box.text() == "" and box.draft_button.isEnabled()
    box.editor.editor.setFocus()
    qtbot.keyClicks(box.editor.editor, "Jay lives with his Nan now and goes to college.")
    assert not box.draft_button.isEnabled()  # a draft never replaces what was written
    assert panel.flush()
    reopened = reopen(services)
    try:
        assert reopened.stories.get(case_id).text == (
            "Jay lives with his Nan now and goes to college."
        )
    finally:
        reopened.close()


def test_the_draft_starts_from_the_summary_and_what_changed(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    panel = open_panel(qtbot, services, case_id)
    qtbot.mouseClick(panel.story_box.draft_button, Qt.MouseButton.LeftButton)
    text = panel.story_box.text()
    assert text.startswith("**Jay** is 15 and lives with his Nan.")
    assert "Since then Jay lives with wider family (at the start: foster care)." in text
    assert services.stories.get(case_id).text == text  # saved at once
    assert not panel.story_box.draft_button.isEnabled()


def test_a_story_with_no_summary_to_start_from_says_so(qtbot: QtBot, services: Services) -> None:
    empty = services.cases.create("DD-2020-001", "Sam").id
    panel = open_panel(qtbot, services, empty)
    qtbot.mouseClick(panel.story_box.draft_button, Qt.MouseButton.LeftButton)
    assert "write the case's summary first" in panel.story_box.message.text()
    assert panel.story_box.text() == ""


def test_each_case_shows_its_own_story(qtbot: QtBot, services: Services, case_id: int) -> None:
    other = services.cases.create("DD-2020-001", "Sam").id
    services.stories.set(case_id, "Jay's story.")
    services.stories.set(other, "Sam's story.")
    panel = open_panel(qtbot, services, case_id)
    assert panel.story_box.text() == "Jay's story."
    panel.show_case(services.cases.get(other))
    assert panel.story_box.text() == "Sam's story."


def test_an_identifier_in_the_story_is_found_and_gone_to_on_the_outcomes_tab(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jay is 14.")
    window.services.stories.set(case.id, "Jay's NHS number 943 476 5919 was on the letter.")
    window.view.select_case(case.id)
    dialog = window.privacy_menu.check_case()
    assert isinstance(dialog, FindingsDialog)
    where = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert where == ["case › outcomes › story of a life changed"]
    assert dialog.go_to_selected()
    outcomes = window.view.outcomes
    assert window.view.case_tabs.currentWidget() is outcomes
    assert outcomes.story_box.editor.editor.textCursor().selectedText() == "943 476 5919"
    dialog.close()
