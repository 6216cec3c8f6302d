"""A new event typed only in part is never dropped: not by a click, a case, or a crash."""

from __future__ import annotations

import stat

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from test_chronology_panel import Make, case_id, make_panel, type_into

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology.drafts import DraftStore

__all__ = ["case_id", "make_panel"]  # fixtures shared with the panel's tests

QUOTE = "I just want to stay at Nan's"


def click_row(qtbot: QtBot, panel: object, row: int) -> None:
    table = panel.table  # type: ignore[attr-defined]
    centre = table.visualRect(panel.model.index(row, 5)).center()  # type: ignore[attr-defined]
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)


def start_a_quote(qtbot: QtBot, panel: object) -> None:
    """Insert, then only the young person's words: no date, nothing about what happened."""
    panel.table.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(panel.table, Qt.Key.Key_Insert)  # type: ignore[attr-defined]
    type_into(qtbot, panel.editor.texts["voice"].editor, QUOTE)  # type: ignore[attr-defined]


def test_a_half_typed_event_stays_in_the_editor_when_another_row_is_clicked(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    for n, when in enumerate(("2016", "2017", "2018")):
        services.events.add(case_id, EventInput(when, "family", f"Event {n}"))
    panel = make_panel(case_id)
    start_a_quote(qtbot, panel)
    click_row(qtbot, panel, 1)
    editor = panel.editor
    assert editor.is_draft
    assert editor.texts["voice"].markdown() == QUOTE
    assert "not added yet" in editor.messages["general"].text()
    assert editor.messages["general"].isVisible()
    assert editor.messages["date"].isVisible()  # what it still needs, beside the field
    assert panel.selected_ids() == []  # the table does not pretend another event is open
    assert len(services.events.list_events(case_id)) == 3

    # Finished, it is added; the next click then opens the row.
    type_into(qtbot, editor.date, "2019")
    type_into(qtbot, editor.texts["description"].editor, "Asked to live with Nan")
    click_row(qtbot, panel, 0)
    events = services.events.list_events(case_id)
    assert [e.voice for e in events if e.voice] == [QUOTE]
    assert editor.event_id == panel.model.event_at(0).id


def test_an_unfinished_event_survives_a_crash_and_returns_with_its_case(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    panel = make_panel(case_id)
    start_a_quote(qtbot, panel)
    QApplication.focusWidget().clearFocus()  # leaving the field keeps what was typed
    kept = DraftStore(services.workspace.path)
    assert kept.load(case_id) is not None
    draft_files = list(kept._folder.iterdir())
    assert len(draft_files) == 1
    assert stat.S_IMODE(draft_files[0].stat().st_mode) == 0o600
    assert QUOTE not in draft_files[0].name

    # The process dies here: a new panel (a new run) finds the draft with its case.
    again = make_panel(case_id)
    assert again.editor.is_draft
    assert again.editor.texts["voice"].markdown() == QUOTE
    assert "kept" in again.editor.messages["general"].text()

    # Another case and back: still there. Discarded: gone for good.
    other = services.cases.create("DD-2", "Sam")
    again.show_case(services.cases.get(other.id))
    assert not again.editor.is_draft
    again.show_case(services.cases.get(case_id))
    assert again.editor.texts["voice"].markdown() == QUOTE
    again.editor.discard.click()
    assert not again.editor.is_draft
    assert DraftStore(services.workspace.path).load(case_id) is None
    assert services.events.list_events(case_id) == []


def test_closing_with_a_half_typed_event_is_not_refused_and_keeps_it(
    qtbot: QtBot, make_panel: Make, services: Services, case_id: int
) -> None:
    panel = make_panel(case_id)
    start_a_quote(qtbot, panel)
    assert panel.flush()  # closing the workspace is not held up …
    assert DraftStore(services.workspace.path).load(case_id) is not None  # … nothing is lost
