"""Programme measures in the Learning view: a chart tab each, recorded in their dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, edit_action, open_learning_view, step_text

from deepdive.services import Services
from deepdive.ui.learning.measures_dialog import MeasuresDialog
from deepdive.ui.learning.view import LearningView


def _view(qtbot: QtBot, services: Services) -> LearningView:
    view = LearningView(services)
    qtbot.addWidget(view)
    view.show()
    return view


def _tabs(view: LearningView) -> list[str]:
    return [view.chart_tabs.tabText(i) for i in range(view.chart_tabs.count())]


def test_a_measure_has_its_own_chart_tab_with_every_figure(
    qtbot: QtBot, services: Services
) -> None:
    measure = services.measures.create("Residential placements commissioned", "placements")
    services.measures.add_value(measure.id, "Jul 2017", "48", "Monthly return")
    services.measures.add_value(measure.id, "Sep 2019", "24", "Monthly return")
    view = _view(qtbot, services)
    assert _tabs(view)[-1] == "Residential placements commissioned"
    view.chart_tabs.setCurrentIndex(view.chart_tabs.count() - 1)
    chart = view.current_chart()
    assert chart is not None
    assert chart.categories == ("Jul 2017", "Sep 2019")
    assert chart.series[0].values == (48, 24)  # the programme's own figures: never hidden
    assert "July 2017: 48; September 2019: 24" in chart.alt


def test_figures_typed_in_the_dialog_are_recorded_and_charted(
    qtbot: QtBot, services: Services
) -> None:
    view = _view(qtbot, services)
    dialog = view.edit_measures()
    assert isinstance(dialog, MeasuresDialog)
    qtbot.keyClicks(dialog.new_name, "Residential placements commissioned")
    qtbot.keyClicks(dialog.new_unit, "placements")
    qtbot.keyClicks(dialog.new_note, "Paid for on the last day of the month.")
    qtbot.mouseClick(dialog.add_measure_button, Qt.MouseButton.LeftButton)
    for when, figure in (("Jul 2017", "48"), ("Sep 2019", "24")):
        qtbot.keyClicks(dialog.when, when)
        qtbot.keyClicks(dialog.figure, figure)
        dialog.source.setText("Commissioning team's monthly return")
        qtbot.mouseClick(dialog.add_value_button, Qt.MouseButton.LeftButton)
    assert dialog.values.rowCount() == 2
    assert dialog.sentence.text().startswith(
        "Residential placements commissioned fell from 48 in July 2017 to 24 placements "
        "in September 2019, down 50%."
    )
    [measure] = services.measures.list_measures()
    assert [v.figure for v in measure.values] == ["48", "24"]
    assert measure.note == "Paid for on the last day of the month."
    qtbot.waitUntil(lambda: "Residential placements commissioned" in _tabs(view))


def test_a_figure_that_is_not_a_number_is_explained_and_kept(
    qtbot: QtBot, services: Services
) -> None:
    services.measures.create("Young people supported by the hub")
    dialog = MeasuresDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.when, "Jan 2018")
    qtbot.keyClicks(dialog.figure, "about forty")
    qtbot.mouseClick(dialog.add_value_button, Qt.MouseButton.LeftButton)
    assert not dialog.problem.isHidden()
    assert "'about forty' is not a number" in dialog.problem.text()
    assert dialog.figure.text() == "about forty"
    assert services.measures.list_measures()[0].values == ()


def test_a_deleted_measure_loses_its_chart_tab(qtbot: QtBot, services: Services) -> None:
    measure = services.measures.create("Young people supported by the hub")
    services.measures.add_value(measure.id, "Jan 2018", 34)
    view = _view(qtbot, services)
    assert "Young people supported by the hub" in _tabs(view)
    services.measures.delete(measure.id)
    view.refresh()
    assert "Young people supported by the hub" not in _tabs(view)
    assert view.chart_tabs.count() == 4


def test_the_headline_says_which_way_edge_of_care_went_without_a_small_number(
    qtbot: QtBot, services: Services
) -> None:
    for n in range(8):
        case = services.cases.create(f"C{n}", f"YP {n}")
        services.outcomes.set_edge_of_care(case.id, True, n < 7)  # 7 stayed, 1 did not
    view = _view(qtbot, services)
    assert view.hide_small.isChecked()
    headline = view.headline.text()
    assert "edge of care: all but fewer than 5 of 8 stayed at home or with family" in headline
    assert "7" not in headline and "88%" not in headline
    view.hide_small.setChecked(False)
    assert "88% stayed at home or with family (7 of 8)" in view.headline.text()


def test_the_headline_counts_the_stories_of_lives_changed(qtbot: QtBot, services: Services) -> None:
    first = services.cases.create("C1", "YP 1")
    second = services.cases.create("C2", "YP 2")
    services.stories.set(first.id, "YP 1 is back at school.")
    view = _view(qtbot, services)
    # Two cases: with small numbers hidden, a count of stories could count them.
    assert view.headline.text().endswith("· stories of lives changed (Stories…)")
    view.hide_small.setChecked(False)
    assert "1 story of a life changed" in view.headline.text()
    services.stories.set(second.id, "YP 2 lives with Nan.")
    qtbot.waitUntil(lambda: "2 stories of lives changed" in view.headline.text())


def test_the_stories_of_the_cases_in_view_are_read_and_open_their_case(
    qtbot: QtBot, services: Services
) -> None:
    first = services.cases.create("C1", "YP 1", tags=["hub"])
    second = services.cases.create("C2", "YP 2")
    services.stories.set(first.id, "YP 1 is **back at school**.")
    services.stories.set(second.id, "YP 2 lives with Nan.")
    view = _view(qtbot, services)
    dialog = view.read_stories()
    assert [dialog.story_list.item(r).text() for r in range(dialog.story_list.count())] == [
        "YP 1 (C1)",
        "YP 2 (C2)",
    ]
    assert "YP 1 is back at school." in dialog.story_text.toPlainText()
    # Two cases: their number is hidden, as everywhere while small numbers are.
    assert dialog.intro.text().startswith(
        "2 of the cases in view tell a story of a life changed (there are fewer than 5 "
    )
    view.hide_small.setChecked(False)
    assert dialog.intro.text().startswith("2 of the 2 cases in view")
    dialog.story_list.setCurrentRow(1)
    with qtbot.waitSignal(view.case_requested) as opened:
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert opened.args == [second.id]
    # The view's filter narrows the stories too.
    view.filter_bar.tags_edit.setText("hub")
    view.refresh()
    assert dialog.story_list.count() == 1 and "back at school" in dialog.story_text.toPlainText()


def test_a_figure_chosen_in_the_table_is_changed_in_the_row_beneath(
    qtbot: QtBot, services: Services
) -> None:
    measure = services.measures.create("Residential placements commissioned")
    services.measures.add_value(measure.id, "Jul 2017", 48, "Monthly return", "Before the hub")
    services.measures.add_value(measure.id, "Sep 2019", 24, "Monthly return")
    dialog = MeasuresDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.table.selectRow(0)
    assert (dialog.when.text(), dialog.figure.text(), dialog.note.text()) == (
        "Jul 2017",
        "48",
        "Before the hub",
    )
    dialog.figure.clear()
    qtbot.keyClicks(dialog.figure, "46")
    qtbot.mouseClick(dialog.add_value_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.isHidden()
    [stored] = services.measures.list_measures()
    assert [(str(v.when), v.figure, v.note) for v in stored.values] == [
        ("2017-07", "46", "Before the hub"),
        ("2019-09", "24", ""),
    ]


def test_adding_changing_and_removing_measures_and_figures_is_undone_from_the_edit_menu(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    assert window.services is not None
    services = window.services
    view = open_learning_view(window)
    dialog = view.edit_measures()
    assert isinstance(dialog, MeasuresDialog)
    qtbot.keyClicks(dialog.new_name, "Residential placements commissioned")
    qtbot.mouseClick(dialog.add_measure_button, Qt.MouseButton.LeftButton)
    for when, figure in (("Jul 2017", "48"), ("Jul 2017", "46"), ("Sep 2019", "24")):
        qtbot.keyClicks(dialog.when, when)
        qtbot.keyClicks(dialog.figure, figure)
        qtbot.mouseClick(dialog.add_value_button, Qt.MouseButton.LeftButton)
    [measure] = services.measures.list_measures()
    first = measure.values[0]
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove_value_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.delete_measure_button, Qt.MouseButton.LeftButton)
    assert services.measures.list_measures() == []

    def figures() -> list[str]:
        return [dialog.values.row_value(r).figure for r in range(dialog.values.rowCount())]

    steps = []
    for _step in range(3):
        undo = edit_action(window, "Undo")
        steps.append(step_text(undo))
        undo.trigger()
    assert steps == [
        "Undo Delete measure “Residential placements commissioned”",
        "Undo Remove figure",
        "Undo Add figure",
    ]
    assert figures() == ["46"]  # the open dialog follows
    back = services.measures.get(measure.id)  # the same measure, its figure the same row
    assert [(v.id, v.figure) for v in back.values] == [(first.id, "46")]
    assert step_text(edit_action(window, "Undo")) == "Undo Change figure"
    edit_action(window, "Undo").trigger()
    assert figures() == ["48"]
    edit_action(window, "Undo").trigger()
    edit_action(window, "Undo").trigger()  # the measure itself
    assert services.measures.list_measures() == []
    for _step in range(6):
        edit_action(window, "Redo").trigger()
    assert services.measures.list_measures() == []  # deleted again at the end
    edit_action(window, "Undo").trigger()
    assert [m.id for m in services.measures.list_measures()] == [measure.id]
    assert figures() == ["24"]
    qtbot.waitUntil(lambda: "Residential placements commissioned" in _tabs(view))
    dialog.reject()


def test_ctrl_z_in_the_measures_dialog_undoes_its_last_change(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """The dialog is a window of its own: the main window's Ctrl+Z never reached it."""
    window = make_window()
    assert window.open_workspace(tmp_path / "w.deepdive")
    assert window.services is not None
    services = window.services
    view = open_learning_view(window)
    dialog = view.edit_measures()
    assert isinstance(dialog, MeasuresDialog)
    qtbot.keyClicks(dialog.new_name, "Residential placements commissioned")
    qtbot.mouseClick(dialog.add_measure_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.when, "Jul 2017")
    qtbot.keyClicks(dialog.figure, "48")
    qtbot.mouseClick(dialog.add_value_button, Qt.MouseButton.LeftButton)
    [measure] = services.measures.list_measures()
    assert [v.figure for v in measure.values] == ["48"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()  # not a text field, whose own Ctrl+Z undoes typing
    qtbot.keyClick(dialog.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert services.measures.get(measure.id).values == ()
    assert dialog.values.rowCount() == 0
    qtbot.keyClick(dialog.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert [v.figure for v in services.measures.get(measure.id).values] == ["48"]
    dialog.reject()
