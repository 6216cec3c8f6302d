"""The Learning view: theme counts with the items behind them, charts, filters, export."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import shiboken6
from learning_workspace import build
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QInputDialog
from pytestqt.qtbot import QtBot
from ui_helpers import (
    ScriptedPrompter,
    WindowFactory,
    answer_next_dialog,
    edit_action,
    open_learning_view,
    step_text,
)

from deepdive.services import Services
from deepdive.services.learning_charts import learning_charts
from deepdive.ui.learning.chart_painter import SERIES_COLOURS
from deepdive.ui.learning.chart_picture import chart_svg, render_chart
from deepdive.ui.learning.theme_manager import ManageThemesDialog
from deepdive.ui.learning.view import LearningView


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return build(services)


def open_view(qtbot: QtBot, services: Services, *, hide_small: bool = False) -> LearningView:
    """The view; by default with every count shown (it opens with small numbers hidden)."""
    view = LearningView(services)
    qtbot.addWidget(view)
    view.show()
    view.hide_small.setChecked(hide_small)
    return view


def _rows(view: LearningView) -> list[list[str]]:
    model = view.theme_table.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_view_opens_with_counts_and_headline_figures(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    assert _rows(view) == [
        ["Consistent worker", "6", "5", "4"],
        ["CAMHS waiting times", "2", "2", "0"],
    ]
    headline = view.headline.text()
    assert "6 cases" in headline
    assert "80% stayed at home or with family (4 of 5)" in headline
    assert "23 before hub support, 10 since" in headline
    assert view.chart_tabs.count() == 4
    assert view.chart_tabs.tabText(1) == "Where they live"


def test_a_count_opens_onto_the_cases_and_episodes_behind_it(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    view.theme_table.selectRow(0)
    model = view.occurrence_table.model()
    cases = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert cases == [
        "C1 · YP C1",
        "C1 · YP C1",
        "C2 · YP C2",
        "C3 · YP C3",
        "C4 · YP C4",
        "C5 · YP C5",
    ]
    assert model.index(0, 2).data() == "Key practice episode"
    assert "6 items in 5 cases" in view.behind_label.text()
    with qtbot.waitSignal(view.case_requested) as opened:
        view.occurrence_table.selectRow(2)
        view.occurrence_table.doubleClicked.emit(model.index(2, 0))
    assert opened.args == [ids["C2"]]


def test_filters_change_the_counts_and_a_bad_date_is_explained(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    bar = view.filter_bar
    bar.from_edit.setText("2020")
    bar.to_edit.setText("2021-12")
    bar.to_edit.editingFinished.emit()
    assert _rows(view) == [
        ["Consistent worker", "2", "2", "0"],
        ["CAMHS waiting times", "1", "1", "0"],
    ]
    bar.from_edit.setText("")
    bar.to_edit.setText("")
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("final"))
    assert _rows(view)[0] == ["Consistent worker", "5", "4", "4"]
    bar.from_edit.setText("someday")
    bar.from_edit.editingFinished.emit()
    assert "'someday' is not a date" in view.problem_label.text()
    assert "summer term 2016" in view.problem_label.text()  # the forms it takes
    assert _rows(view)[0] == ["Consistent worker", "5", "4", "4"]  # figures kept
    # The forms the chronology takes: a school year runs September to August.
    bar.status_combo.setCurrentIndex(0)
    bar.from_edit.setText("2019/20")
    bar.to_edit.setText("summer term 2021")
    bar.to_edit.editingFinished.emit()
    assert view.problem_label.isHidden()
    assert (view.summary.filter.start, view.summary.filter.end) == (
        date(2019, 9, 1),
        date(2021, 7, 31),
    )


def test_the_view_follows_changes_made_elsewhere(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    event = services.events.list_events(ids["C7"])[0]
    services.themes.apply_to_event(event.id, "Life coach")
    qtbot.waitUntil(lambda: any(row[0] == "Life coach" for row in _rows(view)))


def test_a_chart_renders_offscreen_with_one_bar_per_value(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    placements = learning_charts(services.learning.summary(), None)[1]
    assert placements.categories == (
        "family home",
        "foster care",
        "hub residential",
        "independent residential",
    )
    image, bars = render_chart(placements, 1600)
    assert len(bars) == 8  # four kinds of place, at the start and now
    start, now = QColor(SERIES_COLOURS[0]), QColor(SERIES_COLOURS[1])
    # "At the start" bars alternate with "Now" bars; a bar of 0 has no height.
    heights = [round(b.height()) for b in bars]
    assert [h > 0 for h in heights] == [False, True, True, True, True, True, True, False]
    assert heights[6] == 2 * heights[2]  # 2 started in independent residential, 1 in foster care
    for index, bar in enumerate(bars):
        if bar.height() > 4:
            pixel = image.pixelColor(round(bar.center().x()), round(bar.center().y()))
            assert pixel == (start if index % 2 == 0 else now)


def test_suppressed_bars_are_stubs_in_exported_charts(
    qtbot: QtBot, services: Services, ids: dict[str, int], tmp_path: Path
) -> None:
    view = open_view(qtbot, services)
    view.chart_tabs.setCurrentIndex(2)  # edge of care: 4 stayed, 1 did not
    on_screen = view.current_chart(for_export=False)
    exported = view.current_chart()
    assert on_screen is not None and exported is not None
    assert on_screen.series[0].values == (4, 1)
    assert exported.series[0].values == (None, None)
    _image, bars = render_chart(exported)
    assert len(bars) == 2 and bars[0].height() == bars[1].height()  # equal stubs, no heights
    view.export_chart(tmp_path / "edge.png")
    view.export_chart(tmp_path / "edge.svg")
    png = QImage(str(tmp_path / "edge.png"))
    assert (png.width(), png.height()) == (1600, 896)
    svg = (tmp_path / "edge.svg").read_text(encoding="utf-8")
    assert "<title>Edge of care: did the young person stay at home?</title>" in svg
    assert "who came into care are not shown (one of them is fewer than 5)" in svg
    assert "fewer than 5" in chart_svg(exported).decode("utf-8")


def test_menu_opens_the_view_and_exports_the_report(
    make_window: WindowFactory,
    prompter: ScriptedPrompter,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    assert window.services is not None
    ids = build(window.services)
    window.learning.update_enabled()
    assert window.learning.learning_action.isEnabled()
    assert window.learning.learning_action.text().replace("&", "") == "Learning across cases"
    window.learning.learning_action.trigger()
    view = window.learning.view
    assert isinstance(view, LearningView) and view.isVisible()
    view.case_requested.emit(ids["C3"])
    assert window.view is not None and window.view.selected_case_id() == ids["C3"]

    out = tmp_path / "programme.docx"
    window.learning.choose_path = lambda _parent, _start: out
    window.learning.report_action.trigger()
    assert out.exists()
    assert any("programme report was saved" in q for q in prompter.questions)
    assert [r.kind for r in window.services.audit.list_exports()][-1] == "report"
    # Opening another workspace closes the view that read the old one.
    assert window.open_workspace(tmp_path / "other.deepdive")
    # (Closed: hidden, or already deleted if the closing workspace's events ran.)
    assert window.learning.view is None
    assert not shiboken6.isValid(view) or not view.isVisible()


def test_themes_are_renamed_and_merged_from_the_table(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    view.theme_table.selectRow(1)  # CAMHS waiting times

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Waiting for CAMHS")
        dialog.accept()

    answer_next_dialog(rename)
    view.theme_actions.rename_action.trigger()
    assert [row[0] for row in _rows(view)] == ["Consistent worker", "Waiting for CAMHS"]

    view.theme_table.selectRow(1)

    def merge(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.comboBoxItems() == ["Consistent worker"]
        dialog.setTextValue("Consistent worker")
        dialog.accept()

    answer_next_dialog(merge)
    view.theme_actions.merge_action.trigger()
    # C3 already had the theme; C7's session response joins it: 8 uses in 6 cases.
    assert _rows(view) == [["Consistent worker", "8", "6", "4"]]
    view.theme_table.selectRow(0)
    view.theme_actions.merge_action.trigger()  # nothing left to merge into: said, not asked
    assert view.problem_label.text() == "There is no other theme to merge into."


def test_small_numbers_are_hidden_on_screen_until_unticked(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services, hide_small=True)
    assert view.hide_small.isChecked()
    assert _rows(view) == [
        ["Consistent worker", "6", "5", "4"],
        ["CAMHS waiting times", "fewer than 5", "fewer than 5", "fewer than 5"],
    ]
    headline = view.headline.text()
    assert "6 cases" in headline
    # 4 of 5 stayed: the share would give away the one who did not.
    assert (
        "edge of care: 5 young people, too few either way to say how many stayed at home"
        in headline
    )
    assert "4 of 5" not in headline
    assert "23 before hub support, 10 since (5 young people)" in headline
    view.chart_tabs.setCurrentIndex(2)
    shown = view.current_chart(for_export=False)
    assert shown is not None and shown.series[0].values == (None, None)

    view.hide_small.setChecked(False)
    assert _rows(view)[1] == ["CAMHS waiting times", "2", "2", "0"]
    assert "80% stayed at home or with family (4 of 5)" in view.headline.text()
    shown = view.current_chart(for_export=False)
    assert shown is not None and shown.series[0].values == (4, 1)


def test_the_tags_filter_and_archived_cases(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    bar = view.filter_bar
    bar.tags_edit.setText("hub")  # C1, C2 and C4 ("Hub"); C6 is archived
    bar.tags_edit.editingFinished.emit()
    assert _rows(view) == [["Consistent worker", "4", "3", "3"]]
    assert view.headline.text().startswith("3 cases")
    bar.archived_check.setChecked(True)
    assert _rows(view) == [["Consistent worker", "5", "4", "4"]]
    bar.tags_edit.setText("")
    bar.tags_edit.editingFinished.emit()
    assert _rows(view)[0] == ["Consistent worker", "7", "6", "5"]


def test_rename_and_merge_buttons_act_on_the_selected_theme(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    assert not view.rename_button.isEnabled() and not view.merge_button.isEnabled()
    view.theme_table.selectRow(1)
    assert view.rename_button.isEnabled() and view.merge_button.isEnabled()

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("consistent WORKER")  # taken by the other theme
        dialog.accept()

    answer_next_dialog(rename)
    view.rename_button.click()
    assert "already a theme called Consistent worker; merge the two instead" in (
        view.problem_label.text()
    )
    assert view.problem_label.isVisible()
    assert [row[0] for row in _rows(view)] == ["Consistent worker", "CAMHS waiting times"]


def test_manage_themes_lists_every_theme_and_deletes_only_unused_ones(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    services.themes.create("Famliy network")  # a typo nobody used
    view = open_view(qtbot, services)
    view.theme_table.selectRow(1)  # CAMHS waiting times
    dialog = view.manage_themes()
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["CAMHS waiting times", "Consistent worker", "Famliy network"]
    assert dialog.selected() == (dialog.model.row_value(0).id, "CAMHS waiting times")
    assert not dialog.delete_button.isEnabled()  # used: merge it instead
    dialog.table.selectRow(2)
    assert dialog.delete_button.isEnabled()
    assert dialog.delete_selected()
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["CAMHS waiting times", "Consistent worker"]
    assert services.themes.find("Famliy network") is None

    dialog.table.selectRow(0)

    def merge(chooser: QDialog) -> None:
        assert isinstance(chooser, QInputDialog)
        chooser.setTextValue("Consistent worker")
        chooser.accept()

    answer_next_dialog(merge)
    dialog.merge_button.click()
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert names == ["Consistent worker"]
    dialog.reject()
    qtbot.waitUntil(lambda: _rows(view) == [["Consistent worker", "8", "6", "4"]])


def test_the_view_follows_outcomes_entered_elsewhere_and_keeps_the_selection(
    qtbot: QtBot, services: Services, ids: dict[str, int]
) -> None:
    view = open_view(qtbot, services)
    view.theme_table.selectRow(0)
    assert view.occurrences.rowCount() == 6
    services.outcomes.set_edge_of_care(ids["C7"], True, True)
    qtbot.waitUntil(lambda: "(5 of 6)" in view.headline.text())
    assert view.selected_theme() is not None
    assert view.selected_theme().name == "Consistent worker"  # type: ignore[union-attr]
    assert view.occurrences.rowCount() == 6
    services.outcomes.set_outcome(ids["C7"], "missing", start_value="5", latest_value="0")
    qtbot.waitUntil(
        lambda: "28 before hub support, 10 since (6 young people)" in view.headline.text()
    )


def test_a_theme_rename_and_merge_are_undone_from_the_main_window_while_the_view_is_open(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    assert window.services is not None
    build(window.services)
    view = open_learning_view(window)
    before = _rows(view)
    camhs = next(r for r, row in enumerate(before) if row[0] == "CAMHS waiting times")

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Waiting for CAMHS")
        dialog.accept()

    view.theme_table.selectRow(camhs)
    answer_next_dialog(rename)
    view.theme_actions.rename_action.trigger()
    renamed = next(r for r, row in enumerate(_rows(view)) if row[0] == "Waiting for CAMHS")

    def merge(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Consistent worker")
        dialog.accept()

    view.theme_table.selectRow(renamed)
    answer_next_dialog(merge)
    view.theme_actions.merge_action.trigger()
    assert [row[0] for row in _rows(view)] == ["Consistent worker"]

    undo = next(a for a in window.edit_menu.actions() if a.text().startswith("&Undo"))
    assert undo.text() == "&Undo Merge “Waiting for CAMHS” into “Consistent worker”"
    undo.trigger()  # from the main window; the Learning view follows
    qtbot.waitUntil(lambda: len(_rows(view)) == 2)
    undo.trigger()
    qtbot.waitUntil(lambda: _rows(view) == before)


def test_deleting_an_unused_theme_is_undone_from_the_main_window(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    assert window.services is not None
    build(window.services)
    typo = window.services.themes.create("Famliy network")  # a typo nobody used
    view = open_learning_view(window)
    dialog = view.manage_themes()
    assert isinstance(dialog, ManageThemesDialog)

    def names() -> list[str]:
        return [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]

    dialog.select_theme("Famliy network")
    assert dialog.delete_selected()
    assert "Famliy network" not in names()
    undo = edit_action(window, "Undo")
    assert step_text(undo) == "Undo Delete theme “Famliy network”"
    undo.trigger()
    assert "Famliy network" in names()  # the open dialog follows
    assert window.services.themes.find("famliy network") == typo  # the same theme, same id
    edit_action(window, "Redo").trigger()
    assert "Famliy network" not in names()
    assert window.services.themes.find("Famliy network") is None
    dialog.reject()


def test_ctrl_z_in_the_learning_window_and_the_manage_themes_dialog_undoes_their_changes(
    make_window: WindowFactory, qtbot: QtBot, tmp_path: Path
) -> None:
    """Both are windows of their own, which the main window's Ctrl+Z never reached."""
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    services = window.services
    assert services is not None
    build(services)
    services.themes.create("Famliy network")  # a typo nobody used
    view = open_learning_view(window)
    before = _rows(view)

    def rename(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Waiting for CAMHS")
        dialog.accept()

    view.theme_table.selectRow(
        next(r for r, row in enumerate(before) if row[0] == "CAMHS waiting times")
    )
    answer_next_dialog(rename)
    view.theme_actions.rename_action.trigger()
    assert services.themes.find("Waiting for CAMHS") is not None
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.theme_table.setFocus()
    qtbot.keyClick(view.theme_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _rows(view) == before)
    assert services.themes.find("Waiting for CAMHS") is None

    dialog = view.manage_themes()
    assert isinstance(dialog, ManageThemesDialog)
    dialog.select_theme("Famliy network")
    assert dialog.delete_selected()
    assert services.themes.find("Famliy network") is None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.themes.find("Famliy network") is not None
    names = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert "Famliy network" in names  # the open dialog shows it back
    qtbot.keyClick(
        dialog.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert services.themes.find("Famliy network") is None
    dialog.reject()
