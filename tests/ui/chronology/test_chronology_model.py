"""The chronology table model and its filters: what a user sees in each row and column."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt

from deepdive.domain.ages import BirthMonth
from deepdive.services import Services
from deepdive.services.events import EventInput, EventRow
from deepdive.ui.chronology.event_filter import NO_AGENCY, EventFilter
from deepdive.ui.chronology.table_model import ChronologyModel, Column


@pytest.fixture
def rows(services: Services) -> list[EventRow]:
    case = services.cases.create("DD-1", "Jay", birth="2004-05")
    nan = services.people.add(case.id, "Nan", "grandparent").id
    services.events.add_many(
        case.id,
        [
            EventInput(
                "2018-05-01",
                "placement",
                "Moved to **Nan's**",
                agency="Police",
                people=(nan,),
                tags=("finding family",),
                key_episode=True,
            ),
            EventInput(
                "2018-04-30",
                "education",
                "Excluded from school",
                agency="Education",
                significance="Lost his place on the football team",
            ),
            EventInput("about 2016", "family", "Dad left", voice="“I didn't care”"),
            EventInput("2016-02-29", "health", "Leap day check-up", end="2016-06"),
        ],
    )
    return services.events.list_rows(case.id)


def shown(model: ChronologyModel, column: Column) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_model_passes_the_model_tester(qtmodeltester, rows: list[EventRow]) -> None:  # type: ignore[no-untyped-def]
    model = ChronologyModel()
    model.set_rows(rows, BirthMonth(2004, 5), {})
    qtmodeltester.check(model, force_py=True)
    model.set_filter(EventFilter(text="nan"))
    model.sort(Column.CATEGORY, Qt.SortOrder.DescendingOrder)
    model.apply_changes([], [rows[0].id])
    qtmodeltester.check(model, force_py=True)


def test_rows_show_dates_ages_and_the_first_line_without_markup(rows: list[EventRow]) -> None:
    model = ChronologyModel()
    model.set_rows(rows, BirthMonth(2004, 5), {rows[3].people[0]: "Nan"} if rows[3].people else {})
    assert shown(model, Column.DATE) == [
        "about 2016",
        "29 Feb 2016 – Jun 2016",
        "30 Apr 2018",
        "1 May 2018",
    ]
    # The birthday month counts as the new age; the day before is still 13y 11m.
    assert shown(model, Column.AGE) == ["about 12", "11y 9m", "13y 11m", "14y 0m"]
    assert shown(model, Column.KEY) == ["", "", "", "◆"]
    assert shown(model, Column.DESCRIPTION)[3] == "Moved to Nan's"
    assert model.index(3, Column.PEOPLE).data() == "Nan"
    assert model.index(3, Column.DATE).data(Qt.ItemDataRole.AccessibleTextRole) is None
    assert model.index(3, Column.KEY).data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Key practice episode"
    )


def test_every_filter_narrows_and_they_combine(rows: list[EventRow]) -> None:
    model = ChronologyModel()
    model.set_rows(rows, None, {rows[3].people[0]: "Nan"})
    nan = rows[3].people[0]

    def descriptions(**kwargs: object) -> list[str]:
        model.set_filter(EventFilter(**kwargs))  # type: ignore[arg-type]
        return shown(model, Column.DESCRIPTION)

    assert descriptions(text="FOOTBALL team") == ["Excluded from school"]
    assert descriptions(text="didn't care") == ["Dad left"]
    assert descriptions(text="nan family") == ["Moved to Nan's"]  # words in any field
    assert descriptions(categories={"health"}) == ["Leap day check-up"]
    assert descriptions(agencies={"Police"}) == ["Moved to Nan's"]
    assert descriptions(agencies={NO_AGENCY}) == ["Dad left", "Leap day check-up"]
    assert descriptions(people={nan}) == ["Moved to Nan's"]
    assert descriptions(tags={"Finding Family"}) == ["Moved to Nan's"]
    # Several choices in one filter: any of them will do.
    assert descriptions(categories={"health", "family"}) == ["Dad left", "Leap day check-up"]
    assert descriptions(agencies={"Police", "Education"}) == [
        "Excluded from school",
        "Moved to Nan's",
    ]
    # Different filters must all pass.
    assert descriptions(categories={"health", "placement"}, agencies={"Police"}) == [
        "Moved to Nan's"
    ]
    assert descriptions(tags={"finding family", "unused"}, people={nan}) == ["Moved to Nan's"]
    assert descriptions(key_only=True) == ["Moved to Nan's"]
    # A date range keeps events that could have happened in it (periods overlap it).
    assert descriptions(date_from=date(2016, 5, 1), date_to=date(2016, 12, 31)) == [
        "Dad left",
        "Leap day check-up",
    ]
    assert descriptions(date_from=date(2018, 1, 1), text="school") == ["Excluded from school"]
    assert descriptions(date_from=date(2018, 1, 1), categories={"family"}) == []
    assert len(descriptions()) == 4


def test_sorting_by_a_column_keeps_the_selected_event(rows: list[EventRow]) -> None:
    model = ChronologyModel()
    model.set_rows(rows, None, {})
    chosen = QPersistentModelIndex(model.index(3, Column.DESCRIPTION))
    model.sort(Column.DESCRIPTION, Qt.SortOrder.AscendingOrder)
    assert shown(model, Column.DESCRIPTION) == [
        "Dad left",
        "Excluded from school",
        "Leap day check-up",
        "Moved to Nan's",
    ]
    assert chosen.data() == "Moved to Nan's"
    model.sort(Column.DATE, Qt.SortOrder.DescendingOrder)
    assert shown(model, Column.DESCRIPTION)[0] == "Moved to Nan's"


def test_an_edited_event_moves_to_its_new_date_and_stays_selected(
    services: Services, rows: list[EventRow]
) -> None:
    model = ChronologyModel()
    model.set_rows(rows, None, {})
    chosen = QPersistentModelIndex(model.index(0, Column.DESCRIPTION))
    assert chosen.data() == "Dad left"
    services.events.update(rows[0].id, date="2019")
    model.apply_changes(services.events.rows(rows[0].case_id, [rows[0].id]), [])
    assert shown(model, Column.DESCRIPTION)[-1] == "Dad left"
    assert chosen.row() == 3
