"""Dates typed in the event editor as records state them: thirds of a year, open-ended
dates and periods ("summer term 2016", "2015/16"), and one clear line when refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot
from workspace_helpers import workspace_rows

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology import ChronologyPanel


@pytest.fixture
def panel(qtbot: QtBot, services: Services, tmp_path: Path) -> ChronologyPanel:
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    settings = QSettings(str(tmp_path / "chronology.ini"), QSettings.Format.IniFormat)
    shown = ChronologyPanel(services, QUndoStack(), settings=settings)
    qtbot.addWidget(shown)
    shown.resize(1366, 700)
    shown.show()
    shown.show_case(services.cases.get(case.id))
    return shown


def retype(qtbot: QtBot, panel: ChronologyPanel, text: str) -> None:
    date = panel.editor.date
    date.setFocus()
    date.selectAll()
    qtbot.keyClicks(date, text)
    qtbot.keyClick(date, Qt.Key.Key_Tab)  # leaving the field saves


def dates(services: Services) -> list[tuple[str, str | None, str]]:
    case_id = services.cases.list_cases()[0].id
    events = services.events.list_events(case_id)
    return [(str(e.span.start), e.span.end and str(e.span.end), e.description) for e in events]


def test_a_period_typed_as_the_date_sets_its_end_and_a_single_date_clears_it(
    qtbot: QtBot, panel: ChronologyPanel, services: Services
) -> None:
    case_id = services.cases.list_cases()[0].id
    saved = services.events.add(case_id, EventInput("2016", "education", "Exclusions"))
    panel.select_event(saved.id)

    retype(qtbot, panel, "summer term 2016")
    assert dates(services) == [("2016-04", "2016-07", "Exclusions")]
    assert panel.editor.read_as.text() == "Read as Apr 2016 – Jul 2016 · age 11y 11m"
    retype(qtbot, panel, "2015/16")
    assert dates(services) == [("2015-09", "2016-08", "Exclusions")]
    retype(qtbot, panel, "early 2016")
    assert dates(services) == [("early 2016", None, "Exclusions")]
    assert panel.editor.read_as.text() == "Read as early 2016 · age about 11"
    assert panel.model.index(0, 0).data() == "early 2016"


def test_a_new_event_dated_before_a_year_is_added_and_sorted_just_before_it(
    qtbot: QtBot, panel: ChronologyPanel, services: Services
) -> None:
    case_id = services.cases.list_cases()[0].id
    services.events.add(case_id, EventInput("2013-02", "family", "Moved house"))
    services.events.add(case_id, EventInput("2014-01", "health", "GP referral"))
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)
    editor = panel.editor
    qtbot.keyClicks(editor.date, "before 2014")
    assert editor.read_as.text() == "Read as before 2014 · age about 9"
    editor.texts["description"].editor.setFocus()
    qtbot.keyClicks(editor.texts["description"].editor, "Dad left")
    qtbot.keyClick(
        editor.texts["description"].editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
    )
    assert [d for _, _, d in dates(services)] == ["Moved house", "Dad left", "GP referral"]
    assert dates(services)[1] == ("before 2014", None, "Dad left")


def test_a_refused_date_is_said_once_in_one_line_listing_the_forms(
    qtbot: QtBot, panel: ChronologyPanel, services: Services
) -> None:
    case_id = services.cases.list_cases()[0].id
    saved = services.events.add(case_id, EventInput("2016", "education", "Exclusions"))
    panel.select_event(saved.id)
    before = workspace_rows(services)
    retype(qtbot, panel, "summer trm 2016")
    editor = panel.editor
    message = editor.messages["date"].text()
    assert message.startswith("'summer trm 2016' is not a date DeepDive recognises — use a form")
    assert "early 2016, summer term 2016, 2015/16, 2014 to 2015, c. 2015" in message
    assert "\n" not in message
    assert editor.messages["date"].isVisible()
    assert message not in editor.read_as.text()  # said once, not again under the field
    assert workspace_rows(services) == before


def test_the_date_filter_takes_a_school_year_or_a_term_as_its_range(
    qtbot: QtBot, panel: ChronologyPanel, services: Services
) -> None:
    case_id = services.cases.list_cases()[0].id
    for when, text in (
        ("2015-08", "Summer before"),
        ("2015-10", "Year 7 starts"),
        ("2016-06", "Year 7 ends"),
        ("2016-09", "Year 8"),
    ):
        services.events.add(case_id, EventInput(when, "education", text))
    panel.show_case(services.cases.get(case_id))
    bar = panel.filters
    qtbot.keyClicks(bar.date_from, "2015/16")
    qtbot.keyClicks(bar.date_to, "2015/16")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    shown = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert shown == ["Oct 2015", "Jun 2016"]
    assert not bar.date_message.isVisible()
    bar.date_to.clear()
    qtbot.keyClicks(bar.date_to, "summer trm 2016")
    qtbot.waitUntil(bar.date_message.isVisible)
    assert "summer term 2016" in bar.date_message.text()
