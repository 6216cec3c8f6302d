"""Start-up: the case list appears at once and becomes the workspace's own list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from ui_helpers import ScriptedPrompter, WindowFactory

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
from deepdive.ui.cases.case_list_panel import CaseListPanel
from deepdive.ui.cases.case_table_model import CASE_ID_ROLE


def _make_workspace(path: Path) -> dict[str, int]:
    services = Services.for_workspace(open_workspace(path))
    try:
        add_demo_case(services)
        services.cases.create("DD-2024-001", "Robin")
        return {c.code: c.id for c in services.cases.list_cases()}
    finally:
        services.close()


def _shown_codes(panel: CaseListPanel) -> set[str]:
    model = panel.model
    return {model.summary_at(row).code for row in range(model.rowCount())}


def test_cases_are_listed_before_the_workspace_has_opened_and_a_choice_is_kept(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    ids = _make_workspace(workspace_path)
    window = make_window()
    window.show()
    window.begin_opening(workspace_path)

    # At once, without the database layer: the list is there, nothing is open yet.
    early = window.findChild(CaseListPanel)
    assert early is not None and window.view is None
    assert _shown_codes(early) == {"DEMO-001", "DD-2024-001"}
    early.select_case(ids["DEMO-001"])

    qtbot.waitUntil(lambda: window.view is not None, timeout=20000)
    assert window.view is not None
    assert window.view.case_list is early  # the same list, with the user's choice
    assert window.view.selected_case_id() == ids["DEMO-001"]
    assert window.view.overview.title.text() == "Jay"
    assert window.services is not None
    assert window.case_menu.rename_case_action.isEnabled()


def test_a_search_typed_while_opening_still_filters_the_opened_list(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    _make_workspace(workspace_path)
    window = make_window()
    window.begin_opening(workspace_path)
    early = window.findChild(CaseListPanel)
    assert early is not None
    early.search.setText("robin")
    qtbot.waitUntil(lambda: window.view is not None, timeout=20000)
    assert window.view is not None
    proxy = window.view.case_list.proxy
    assert window.view.case_list.search.text() == "robin"
    assert proxy.rowCount() == 1
    assert proxy.index(0, 0).data() == "DD-2024-001"
    assert isinstance(proxy.index(0, 0).data(CASE_ID_ROLE), int)


def test_a_first_start_creates_the_workspace_without_a_list_first(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.begin_opening(workspace_path)
    assert window.findChild(CaseListPanel) is None  # nothing to list yet
    qtbot.waitUntil(lambda: window.view is not None, timeout=20000)
    assert workspace_path.exists()
    assert window.view is not None and window.view.banner.isVisibleTo(window.view)


def test_a_file_that_is_not_a_workspace_shows_no_list_and_is_explained(
    qtbot, make_window: WindowFactory, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.deepdive"
    notes.write_text("Not a workspace\n", encoding="utf-8")
    window = make_window()
    window.begin_opening(notes)
    assert window.findChild(CaseListPanel) is None
    qtbot.waitUntil(lambda: bool(prompter.warnings), timeout=20000)
    QCoreApplication.processEvents()
    assert "is not a DeepDive workspace" in prompter.warnings[-1]
    assert window.view is None
    assert notes.read_text(encoding="utf-8") == "Not a workspace\n"


def test_each_tab_is_built_when_first_shown_and_shows_the_chosen_case(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    ids = _make_workspace(workspace_path)
    window = make_window()
    assert window.open_workspace(workspace_path)
    view = window.view
    assert view is not None
    assert view.case_tabs.built_panels() == [view.overview]  # only what is on screen
    view.select_case(ids["DEMO-001"])
    tabs = view.case_tabs
    tabs.setCurrentIndex(1)
    assert tabs.currentWidget() is view.chronology
    assert view.chronology.model.rowCount() == 56
    assert tabs.tabText(1).replace("&", "") == "Chronology"
