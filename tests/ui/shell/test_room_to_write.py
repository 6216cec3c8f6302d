"""Room to write on a laptop: the window fits the screen, the case list folds away,
focus mode, and an event editor whose fields are never cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter, WindowFactory

from deepdive.demo import add_demo_case
from deepdive.ui.editors.app_services import AppServices
from deepdive.ui.shell.app import open_services
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.widgets.screen_fit import fitted_geometry

LAPTOP = QRect(0, 0, 1366, 768 - 32)  # a 1366×768 screen less a 32-pixel panel
LARGE = QRect(0, 0, 1920, 1080 - 40)


@pytest.mark.parametrize("screen", [LAPTOP, LARGE])
def test_a_new_window_fits_the_screen_it_opens_on(screen: QRect) -> None:
    placed = fitted_geometry(screen)
    title_bar = 30
    assert screen.contains(placed)
    assert placed.height() + title_bar <= screen.height()
    assert placed.width() <= screen.width()
    assert placed.height() >= 640  # and is not needlessly small


def test_a_window_remembered_from_a_larger_screen_is_brought_within_this_one() -> None:
    remembered = QRect(300, 200, 1900, 1000)
    placed = fitted_geometry(LAPTOP, remembered)
    assert LAPTOP.contains(placed)
    assert placed.height() <= LAPTOP.height() - 30


def test_the_main_window_is_never_taller_than_the_screen(make_window: WindowFactory) -> None:
    window = make_window()
    available = window.screen().availableGeometry()
    assert window.height() < available.height()
    assert window.width() <= available.width()


def open_demo(qtbot: QtBot, window: MainWindow, folder: Path) -> None:
    window.resize(1366, 704)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.open_workspace(folder / "room.deepdive")
    add_demo_case(window.services)
    assert window.view is not None
    window.view.select_case(window.services.cases.find("DEMO-001").id)


def test_the_case_list_hides_and_shows_and_is_remembered(
    qtbot: QtBot,
    settings: QSettings,
    prompter: ScriptedPrompter,
    tmp_path: Path,
    app_services: AppServices,
) -> None:
    window = MainWindow(open_services, settings, prompter, app_services=app_services)
    qtbot.addWidget(window)
    open_demo(qtbot, window, tmp_path)
    view = window.view
    assert view is not None
    width_before = view.case_tabs.width()
    toggle = window.view_actions.case_list_action
    assert toggle.shortcut().toString() == "Ctrl+Shift+L"
    assert view.case_list.isVisible()
    qtbot.keyClick(
        window,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert not view.case_list.isVisible()
    qtbot.waitUntil(lambda: view.case_tabs.width() > width_before + 200)  # the case takes the room
    window.close()

    again = MainWindow(open_services, settings, prompter, app_services=app_services)
    qtbot.addWidget(again)
    open_demo(qtbot, again, tmp_path)
    assert again.view is not None
    assert not again.view.case_list.isVisible()  # remembered
    again.view_actions.case_list_action.trigger()
    assert again.view.case_list.isVisible()


def test_focus_mode_gives_the_chronology_and_its_editor_the_whole_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window, tmp_path)
    view = window.view
    assert view is not None
    focus = window.view_actions.focus_action
    assert focus.shortcut().toString() == "Ctrl+Shift+M"
    focus.trigger()
    panel = view.chronology
    assert view.case_tabs.currentWidget() is panel
    assert not view.case_list.isVisible() and not view.case_tabs.tabBar().isVisible()
    assert not panel.timeline.isVisible()
    assert panel.table.isVisible() and panel.editor.isVisible()
    qtbot.waitUntil(lambda: panel.width() >= window.width() - 40)
    focus.trigger()
    assert view.case_list.isVisible() and panel.timeline.isVisible()
    assert window.view_actions.case_list_action.isChecked()


def test_the_event_editor_shows_every_field_whole_and_what_happened_unscrolled(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window, tmp_path)
    assert window.view is not None
    view = window.view
    view.case_tabs.setCurrentWidget(view.chronology)
    panel = view.chronology
    panel.select_event(panel.model.event_at(5).id)
    qtbot.wait(10)
    editor = panel.editor
    viewport = editor.form_scroll.viewport()
    shown = viewport.rect()
    fields = [editor.date, editor.end, editor.category, editor.agency, editor.people, editor.tags]
    for field in fields:
        box = QRect(field.mapTo(viewport, field.rect().topLeft()), field.size())
        assert shown.contains(box), f"{field.accessibleName()} is cut short"
        assert field.width() >= field.fontMetrics().averageCharWidth() * 14
    writing = editor.texts["description"].editor
    top = writing.mapTo(viewport, writing.rect().topLeft())
    assert shown.contains(top) and top.y() + 60 < shown.height()  # lines of it, unscrolled


def test_tab_goes_through_every_field_and_alt_letters_scroll_to_theirs(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    open_demo(qtbot, window, tmp_path)
    assert window.view is not None
    window.view.case_tabs.setCurrentWidget(window.view.chronology)
    panel = window.view.chronology
    panel.select_event(panel.model.event_at(2).id)
    editor = panel.editor
    editor.date.setFocus()
    order = []
    for _ in range(14):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    texts = [e.editor for e in editor.texts.values()]
    assert order[:6] == [
        editor.date,
        editor.end,
        editor.category,
        editor.agency,
        editor.people,
        editor.tags,
    ]
    assert order[order.index(texts[0]) : order.index(texts[0]) + 4] == texts
    assert order[order.index(texts[-1]) + 1] is editor.add_next

    bar = editor.form_scroll.verticalScrollBar()
    assert bar.value() > 0  # Tab scrolled down to the last fields
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is editor.date
    viewport = editor.form_scroll.viewport()
    assert viewport.rect().contains(editor.date.mapTo(viewport, editor.date.rect().center()))
