"""Filling in the Outcomes tab: saved as typed, kept on reopening, bad input explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.outcomes import OutcomeDomain, OutcomeInfo
from deepdive.storage.workspace import open_workspace
from deepdive.ui.outcomes.panel import OutcomesPanel


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay").id


def open_panel(qtbot: QtBot, services: Services, case_id: int | None) -> OutcomesPanel:
    panel = OutcomesPanel(services)
    qtbot.addWidget(panel)
    panel.resize(1000, 800)
    panel.show()
    qtbot.waitExposed(panel)
    panel.show_case(services.cases.get(case_id) if case_id else None)
    return panel


def type_into(qtbot: QtBot, box: QLineEdit, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)


def choose(combo: QComboBox | None, data: object) -> None:
    assert combo is not None
    combo.setCurrentIndex(combo.findData(data))
    combo.activated.emit(combo.currentIndex())  # as a click in the list does


def stored(services: Services, case_id: int) -> dict[OutcomeDomain, OutcomeInfo]:
    return {o.domain: o for o in services.outcomes.list_for_case(case_id)}


def test_typed_outcomes_are_saved_and_there_after_reopening(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    panel = open_panel(qtbot, services, case_id)
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.start.line is not None and missing.latest.line is not None
    type_into(qtbot, missing.start.line, "12")
    type_into(qtbot, missing.start_on, "01/04/2021")
    type_into(qtbot, missing.latest.line, "1")
    type_into(qtbot, missing.latest_on, "31 March 2023")
    home = panel.rows[OutcomeDomain.ACCOMMODATION]
    choose(home.start.combo, "independent residential")
    choose(home.latest.combo, "family home")  # a choice is saved at once
    moves = panel.rows[OutcomeDomain.MOVES]
    assert moves.start.line is not None
    type_into(qtbot, moves.start.line, "4")
    assert panel.flush()
    assert panel.save_state.text() == "All changes saved"

    reopened = reopen(services)
    try:
        found = stored(reopened, case_id)
        assert found[OutcomeDomain.MISSING].start_value == "12"
        assert found[OutcomeDomain.MISSING].latest_value == "1"
        assert found[OutcomeDomain.MISSING].start_measured_on == date(2021, 4, 1)
        assert found[OutcomeDomain.MISSING].latest_measured_on == date(2023, 3, 31)
        assert found[OutcomeDomain.ACCOMMODATION].start_value == "independent residential"
        assert found[OutcomeDomain.ACCOMMODATION].latest_value == "family home"
        assert found[OutcomeDomain.MOVES].start_value == "4"
        # And the tab shows them again in a fresh window.
        again = open_panel(qtbot, reopened, case_id)
        row = again.rows[OutcomeDomain.MISSING]
        assert row.start.text() == "12" and row.latest.text() == "1"
        assert row.start_on.text() == "01/04/2021" and row.latest_on.text() == "31/03/2023"
        assert again.rows[OutcomeDomain.ACCOMMODATION].latest.combo is not None
        assert again.rows[OutcomeDomain.ACCOMMODATION].latest.combo.currentText() == "Family home"
    finally:
        reopened.close()


def test_a_bad_value_is_explained_under_its_row_and_that_row_is_not_half_saved(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    services.outcomes.set_outcome(case_id, "offending", start_value="3", latest_value="1")
    panel = open_panel(qtbot, services, case_id)
    offending = panel.rows[OutcomeDomain.OFFENDING]
    assert offending.start.line is not None and offending.latest.line is not None
    type_into(qtbot, offending.latest.line, "0")
    type_into(qtbot, offending.start.line, "lots")
    assert not panel.flush()
    assert offending.message.isVisibleTo(panel)
    assert "'lots' is not a whole number of offences" in offending.message.text()
    assert offending.start.text() == "lots"  # the typing stays, to put right
    kept = stored(services, case_id)[OutcomeDomain.OFFENDING]
    assert (kept.start_value, kept.latest_value) == ("3", "1")  # neither half of the row
    # Another row still saves, and the refused value is not retried as a disk problem.
    wellbeing = panel.rows[OutcomeDomain.WELLBEING]
    assert wellbeing.latest.line is not None
    type_into(qtbot, wellbeing.latest.line, "7")
    assert panel.flush()
    assert stored(services, case_id)[OutcomeDomain.WELLBEING].latest_value == "7"

    type_into(qtbot, offending.start.line, "5")
    assert panel.flush()
    assert not offending.message.isVisibleTo(panel)
    kept = stored(services, case_id)[OutcomeDomain.OFFENDING]
    assert (kept.start_value, kept.latest_value) == ("5", "0")


@pytest.mark.parametrize(
    ("start_on", "latest_on", "expected"),
    [
        ("31/02/2021", "", "not a real date"),
        ("someday", "", "not a date DeepDive recognises"),
        ("01/06/2023", "01/01/2022", "is before the start"),
    ],
)
def test_a_bad_measurement_date_is_explained_and_nothing_is_saved(
    qtbot: QtBot, services: Services, case_id: int, start_on: str, latest_on: str, expected: str
) -> None:
    panel = open_panel(qtbot, services, case_id)
    score = panel.rows[OutcomeDomain.WELLBEING]
    assert score.start.line is not None
    type_into(qtbot, score.start.line, "4")
    type_into(qtbot, score.start_on, start_on)
    if latest_on:
        type_into(qtbot, score.latest_on, latest_on)
    assert not panel.flush()
    assert expected in score.message.text()
    assert score.message.text().startswith("Emotional wellbeing and resilience")
    assert services.outcomes.list_for_case(case_id) == []
    assert score.start_on.text() == start_on


def test_a_score_above_ten_is_refused(qtbot: QtBot, services: Services, case_id: int) -> None:
    panel = open_panel(qtbot, services, case_id)
    score = panel.rows[OutcomeDomain.WELLBEING]
    assert score.latest.line is not None
    type_into(qtbot, score.latest.line, "11")
    assert not panel.flush()
    assert "is not a score from 0 to 10" in score.message.text()
    assert services.outcomes.list_for_case(case_id) == []


def test_emptying_a_row_forgets_that_outcome(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    services.outcomes.set_outcome(case_id, "missing", start_value="6")
    panel = open_panel(qtbot, services, case_id)
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.start.line is not None
    missing.start.line.setFocus()
    missing.start.line.selectAll()
    qtbot.keyClick(missing.start.line, Qt.Key.Key_Delete)
    assert panel.flush()
    assert services.outcomes.list_for_case(case_id) == []


def test_edge_of_care_and_whether_they_stayed_at_home(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    panel = open_panel(qtbot, services, case_id)
    assert not panel.edge_of_care.isChecked() and not panel.stayed.isEnabled()
    panel.edge_of_care.click()
    assert panel.stayed.isEnabled()
    assert services.outcomes.edge_of_care(case_id).edge_of_care is True
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is None
    choose(panel.stayed, True)
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is True
    panel.edge_of_care.click()  # not edge of care after all: no result either
    assert services.outcomes.edge_of_care(case_id).edge_of_care is False
    assert services.outcomes.edge_of_care(case_id).stayed_with_family is None
    assert not panel.stayed.isEnabled()


def test_changes_made_elsewhere_show_without_overwriting_typing(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    panel = open_panel(qtbot, services, case_id)
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.start.line is not None
    type_into(qtbot, missing.start.line, "9")  # not saved yet
    services.outcomes.set_outcome(case_id, "cse_risk", start_value="high", latest_value="low")
    services.outcomes.set_edge_of_care(case_id, True, False)
    risk = panel.rows[OutcomeDomain.CSE_RISK]
    qtbot.waitUntil(lambda: risk.latest.text() == "low")
    assert panel.edge_of_care.isChecked() and panel.stayed.currentData() is False
    assert missing.start.text() == "9"
    assert panel.flush()
    assert stored(services, case_id)[OutcomeDomain.MISSING].start_value == "9"


def test_typing_goes_to_the_case_it_was_typed_for(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    other = services.cases.create("DD-2020-002", "Sam").id
    panel = open_panel(qtbot, services, case_id)
    missing = panel.rows[OutcomeDomain.MISSING]
    assert missing.start.line is not None
    type_into(qtbot, missing.start.line, "14")
    panel.show_case(services.cases.get(other))  # before the pause is over
    assert missing.start.text() == ""
    assert stored(services, case_id)[OutcomeDomain.MISSING].start_value == "14"
    assert services.outcomes.list_for_case(other) == []


def test_the_outcomes_tab_is_in_the_case_area(make_window: WindowFactory, tmp_path: Path) -> None:
    path = tmp_path / "w.deepdive"
    with_case = open_workspace(path)
    seed = Services.for_workspace(with_case)
    case_id = seed.cases.create("DD-2019-014", "Jay").id
    seed.outcomes.set_outcome(case_id, "missing", start_value="8", latest_value="2")
    seed.close()
    window = make_window()
    assert window.open_workspace(path)
    assert window.view is not None
    tabs = window.view.case_tabs
    titles = [tabs.tabText(i).replace("&", "") for i in range(tabs.count())]
    assert "Outcomes" in titles
    window.view.select_case(case_id)
    tabs.setCurrentIndex(titles.index("Outcomes"))
    panel = tabs.currentWidget()
    assert isinstance(panel, OutcomesPanel)
    assert panel.rows[OutcomeDomain.MISSING].latest.text() == "2"


def test_each_saved_row_is_an_undo_step_and_undo_puts_back_what_was_there(
    qtbot: QtBot, services: Services, case_id: int
) -> None:
    from PySide6.QtGui import QUndoStack

    stack = QUndoStack()
    panel = OutcomesPanel(services, None, stack)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_case(services.cases.get(case_id))
    moves = panel.rows[OutcomeDomain.MOVES]
    assert moves.start.line is not None
    type_into(qtbot, moves.start.line, "4")
    assert panel.flush()
    type_into(qtbot, moves.start.line, "6")
    assert panel.flush()
    assert stored(services, case_id)[OutcomeDomain.MOVES].start_value == "6"
    assert stack.undoText().startswith("Edit ")

    stack.undo()  # back to 4, and the box shows it
    assert stored(services, case_id)[OutcomeDomain.MOVES].start_value == "4"
    qtbot.waitUntil(lambda: moves.start.line is not None and moves.start.line.text() == "4")
    stack.undo()  # nothing was recorded before: cleared again
    assert OutcomeDomain.MOVES not in stored(services, case_id)
    stack.redo()
    assert stored(services, case_id)[OutcomeDomain.MOVES].start_value == "4"
