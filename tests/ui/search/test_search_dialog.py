"""Ctrl+K finds anything written and opens it in place."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from ui_helpers import WindowFactory, answer_next_dialog

from deepdive.demo import add_demo_case
from deepdive.services.search import SearchKind
from deepdive.ui.search.search_dialog import SearchDialog


def test_search_finds_the_demo_chronology_and_opens_the_case(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    other = window.services.cases.create("DD-9", "Sam", summary="Nothing in common")
    demo = add_demo_case(window.services)
    window.view.select_case(other.id)
    seen: dict[str, object] = {}

    def search_and_open(dialog: QDialog) -> None:
        assert isinstance(dialog, SearchDialog)
        qtbot.keyClicks(dialog.query, "boxing")
        hits = dialog.run_search(dialog.query.text())
        seen["kinds"] = {h.kind for h in hits}
        seen["codes"] = {h.case_code for h in hits}
        seen["groups"] = dialog.model.rowCount()
        qtbot.keyClick(dialog.query, Qt.Key.Key_Return)

    answer_next_dialog(search_and_open)
    window.search.action.trigger()
    assert seen["codes"] == {"DEMO-001"}
    assert SearchKind.EVENT in seen["kinds"]  # type: ignore[operator]
    assert seen["groups"] == 1
    assert window.view.selected_case_id() == demo.id


def test_an_empty_search_shows_nothing_and_says_so(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None
    dialog = SearchDialog(window.services.search, window)
    qtbot.addWidget(dialog)
    assert dialog.run_search("   ") == []
    assert dialog.summary.text() == "Type to search"
    assert dialog.run_search("nothing-like-this") == []
    assert dialog.summary.text() == "0 results"
