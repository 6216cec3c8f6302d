"""The chronology's choice filters as a user drives them: several choices per filter,
from the keyboard or the mouse, combined with the other filters."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.events import EventInfo
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.chronology.choice_filter import ChoiceFilter
from deepdive.ui.chronology.table_model import EVENT_ID_ROLE


@pytest.fixture
def panel(qtbot: QtBot, services: Services, tmp_path: Path) -> Iterator[ChronologyPanel]:
    settings = QSettings(str(tmp_path / "chronology.ini"), QSettings.Format.IniFormat)
    case = add_demo_case(services)
    shown = ChronologyPanel(services, QUndoStack(), settings=settings)
    qtbot.addWidget(shown)
    shown.resize(1200, 800)
    shown.show()
    qtbot.waitExposed(shown)
    shown.show_case(services.cases.get(case.id))
    yield shown


def shown_events(panel: ChronologyPanel) -> list[EventInfo]:
    ids = [panel.model.index(row, 0).data(EVENT_ID_ROLE) for row in range(panel.model.rowCount())]
    return [panel.services.events.get(event_id) for event_id in ids]


def all_events(panel: ChronologyPanel) -> list[EventInfo]:
    assert panel.case is not None
    return panel.services.events.list_events(panel.case.id)


def tick(choices: ChoiceFilter, text: str) -> None:
    """Tick one item of the list, as a click on it would."""
    action = next(a for a in choices.menu_list.actions() if a.text() == text)
    action.trigger()


def while_menu_open(choices: ChoiceFilter, steps: Callable[[], None]) -> list[bool]:
    """Run ``steps`` once the filter's list has opened (it opens modally); the list
    returned gets an item when they have run."""

    def run() -> None:
        if not choices.menu_list.isVisible():
            QTimer.singleShot(10, run)
            return
        try:
            steps()
        finally:
            choices.menu_list.close()
            done.append(True)

    done: list[bool] = []
    QTimer.singleShot(0, run)
    return done


def test_two_domains_chosen_from_the_keyboard_show_events_of_either(
    qtbot: QtBot, panel: ChronologyPanel
) -> None:
    domains = panel.filters.category
    menu = domains.menu_list
    seen_open: list[bool] = []

    def choose() -> None:
        # Down past "Any" to Placement, tick it; Down to Education (two further on), tick.
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Space):
            qtbot.keyClick(menu, key)
        seen_open.append(menu.isVisible())  # the list stays open for another choice
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Space):
            qtbot.keyClick(menu, key)
        qtbot.keyClick(menu, Qt.Key.Key_Escape)

    domains.setFocus()
    done = while_menu_open(domains, choose)
    qtbot.keyClick(domains, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: bool(done))

    assert seen_open == [True]
    chosen = {a.text() for a in menu.actions() if a.isChecked()}
    assert len(chosen) == 2
    wanted = {text.casefold() for text in chosen}
    expected = [e.id for e in all_events(panel) if e.category in wanted]
    assert [e.id for e in shown_events(panel)] == expected
    assert len(expected) > 3
    assert panel.filters.count.text() == f"{len(expected)} of 56 events"
    # The button says what is chosen, and so does what a screen reader reads.
    assert domains.text().startswith("Domain: ")
    assert domains.text().endswith("+1")
    assert set(domains.accessibleDescription().split(", ")) == chosen
    assert domains.accessibleName() == "Filter by domain"


def test_a_click_ticks_an_item_without_closing_the_list(
    qtbot: QtBot, panel: ChronologyPanel
) -> None:
    sources = panel.filters.agency
    menu = sources.menu_list
    still_open: list[bool] = []

    def click_two() -> None:
        for name in ("Police", "Education"):
            action = next(a for a in menu.actions() if a.text() == name)
            qtbot.mouseClick(
                menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center()
            )
            still_open.append(menu.isVisible())

    done = while_menu_open(sources, click_two)
    qtbot.mouseClick(sources, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(done))

    assert still_open == [True, True]
    shown = shown_events(panel)
    assert {e.agency for e in shown} == {"Police", "Education"}
    assert len(shown) == len([e for e in all_events(panel) if e.agency in {"Police", "Education"}])


def test_filters_combine_and_any_or_clear_shows_everything_again(
    qtbot: QtBot, panel: ChronologyPanel
) -> None:
    filters = panel.filters
    tick(filters.agency, "Police")
    tick(filters.agency, "No Wrong Door hub")
    nan = next(p for p in panel.case.people if p.pseudonym == "Nan")  # type: ignore[union-attr]
    jay = next(p for p in panel.case.people if p.pseudonym == "Ellie")  # type: ignore[union-attr]
    tick(filters.person, "Nan (grandparent)")
    tick(filters.person, "Ellie (sibling)")
    expected = [
        e.id
        for e in all_events(panel)
        if e.agency in {"Police", "No Wrong Door hub"} and {nan.id, jay.id} & set(e.people)
    ]
    assert [e.id for e in shown_events(panel)] == expected
    assert 0 < len(expected) < 21

    # Ticking "Any" drops that filter's choices; the others stay.
    tick(filters.person, "Anyone")
    assert filters.person.chosen() == frozenset()
    assert filters.person.text() == "Person: Anyone"
    assert {e.agency for e in shown_events(panel)} == {"Police", "No Wrong Door hub"}
    assert len(shown_events(panel)) == 21

    tick(filters.tag, "turning point")
    filters.clear_button.click()
    assert panel.model.rowCount() == 56
    assert all(not c.chosen() for c in filters.choice_filters())
    assert filters.agency.text() == "Source: Any"


def test_a_choice_of_a_person_no_longer_in_the_cast_is_dropped(
    qtbot: QtBot, panel: ChronologyPanel, services: Services
) -> None:
    assert panel.case is not None
    extra = services.people.add(panel.case.id, "Uncle", "relative")
    assert ("Uncle (relative)", extra.id) in panel.filters.person.choices()
    tick(panel.filters.person, "Uncle (relative)")
    assert panel.model.rowCount() == 0
    services.people.remove(extra.id)
    assert panel.filters.person.chosen() == frozenset()
    assert panel.model.rowCount() == 56


def test_every_choice_filter_is_reachable_with_tab_and_named(panel: ChronologyPanel) -> None:
    names = []
    for choices in panel.filters.choice_filters():
        assert choices.focusPolicy() & Qt.FocusPolicy.TabFocus
        names.append(choices.accessibleName())
        assert choices.menu_list.accessibleName() == choices.accessibleName()
    assert names == [
        "Filter by domain",
        "Filter by source agency",
        "Filter by person involved",
        "Filter by tag",
    ]
    assert QApplication.instance() is not None
