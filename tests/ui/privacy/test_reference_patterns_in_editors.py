"""The workspace's own case-record reference patterns are underlined in the editors and
counted by the case list's marker, and both follow the patterns as they change."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, underlines

from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR

CAREFIRST = r"CF\d{6}"


def test_a_reference_pattern_added_or_removed_is_underlined_or_not_at_once(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    services, view = window.services, window.view
    assert services is not None and view is not None
    case = services.cases.create("DD-1", "Jay")
    view.select_case(case.id)
    summary = view.overview.summary
    summary.set_markdown("Jay's record CF204881 was sent to the panel.")
    assert underlines(summary) == []  # no system named: an ordinary code

    services.reference_patterns.add("CareFirst numbers", CAREFIRST)
    assert underlines(summary) == [("CF204881", BLOCKING_COLOUR.name())]
    services.reference_patterns.remove("CareFirst numbers")
    assert underlines(summary) == []


def test_the_case_marker_counts_numbers_in_the_workspaces_patterns(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    services, view = window.services, window.view
    assert services is not None and view is not None
    case = services.cases.create("DD-1", "Jay", summary="Record CF204881 went to panel.")
    model = view.case_list.model
    view.tally.count_all()
    qtbot.waitUntil(lambda: case.id in view.tally.counts)
    assert model.flag(case.id) == 0

    services.reference_patterns.add("CareFirst numbers", CAREFIRST)
    qtbot.waitUntil(lambda: model.flag(case.id) == 1)


def test_a_workspace_opened_with_patterns_uses_them_and_the_next_one_does_not(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    other_path = tmp_path / "other.deepdive"
    other = Services.for_workspace(open_workspace(other_path))
    other.reference_patterns.add("CareFirst numbers", CAREFIRST)
    other.close()

    window = make_window()
    window.show()
    assert window.open_workspace(other_path)
    context = window.privacy_menu.context
    assert context.reference_patterns() == (CAREFIRST,)
    assert [f.text for f in context.detector().detect("Ref CF204881.")] == ["CF204881"]
    assert window.open_workspace(workspace_path)
    assert context.reference_patterns() == ()
    assert context.detector().detect("Ref CF204881.") == []
