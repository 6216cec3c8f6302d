"""Programme measures: the lead's figures for the programme as a whole, over time."""

from __future__ import annotations

from datetime import date

import pytest
from workspace_helpers import reopen, workspace_rows

from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.guard import IdentifierRefused
from deepdive.services.measures import format_figure


def test_a_measure_and_its_figures_are_kept_in_date_order(services: Services) -> None:
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    measure = services.measures.create(
        "Residential placements commissioned", "placements", "Independent homes only."
    )
    later = services.measures.add_value(
        measure.id, "September 2019", "24", "Commissioning returns", "Half of 2017."
    )
    earlier = services.measures.add_value(measure.id, "Jul 2017", 48, "Commissioning returns")
    services = reopen(services)
    [kept] = services.measures.list_measures()
    assert (kept.name, kept.unit, kept.note) == (
        "Residential placements commissioned",
        "placements",
        "Independent homes only.",
    )
    assert [(v.when.long_display(), v.figure, v.source) for v in kept.values] == [
        ("July 2017", "48", "Commissioning returns"),
        ("September 2019", "24", "Commissioning returns"),
    ]
    assert [v.id for v in kept.values] == [earlier.id, later.id]
    assert kept.values[1].note == "Half of 2017."
    assert {c.entity for c in seen} == {Entity.MEASURE}
    assert all(c.case_id is None for c in seen)
    services.close()


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("2019-09", "2019-09"),
        ("Sept 2019", "2019-09"),
        ("2018", "2018"),
        ("about Mar 2020", "about 2020-03"),
    ],
)
def test_dates_are_read_as_records_give_them(services: Services, typed: str, kept: str) -> None:
    measure = services.measures.create("Hub referrals")
    value = services.measures.add_value(measure.id, typed, "12")
    assert str(value.when) == kept


@pytest.mark.parametrize(
    ("when", "value", "field", "message"),
    [
        ("", "4", "when", "Give the month"),
        ("next summer", "4", "when", "is not a date DeepDive recognises"),
        ("31/02/2019", "4", "when", "is not a real date"),
        ("Jul 2017", "48 placements", "value", "write the figure alone"),
        ("Jul 2017", "", "value", "Give the figure"),
        ("Jul 2017", "1e400", "value", "is not a number"),
    ],
)
def test_a_bad_date_or_figure_is_refused_and_nothing_is_written(
    services: Services, when: str, value: str, field: str, message: str
) -> None:
    measure = services.measures.create("Hub referrals")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=message) as refused:
        services.measures.add_value(measure.id, when, value)
    assert refused.value.field == field
    assert workspace_rows(services) == before


def test_one_figure_per_date_and_one_measure_per_name(services: Services) -> None:
    measure = services.measures.create("Hub referrals")
    first = services.measures.add_value(measure.id, "Jul 2017", "10")
    with pytest.raises(DuplicateError, match="already has a figure for July 2017"):
        services.measures.add_value(measure.id, "2017-07", "11")
    other = services.measures.add_value(measure.id, "Aug 2017", "11")
    with pytest.raises(DuplicateError, match="July 2017"):
        services.measures.update_value(other.id, when="July 2017")
    assert services.measures.update_value(first.id, when="Jul 2017", value="9.5").figure == "9.5"
    with pytest.raises(DuplicateError, match="already a measure called Hub referrals"):
        services.measures.create("hub  REFERRALS")
    renamed = services.measures.create("Children in care")
    with pytest.raises(DuplicateError):
        services.measures.update(renamed.id, name="Hub referrals")


def test_a_measure_name_holding_an_identifier_is_refused(services: Services) -> None:
    with pytest.raises(IdentifierRefused, match="a measure's name cannot hold it"):
        services.measures.create("Referrals from SW1 on 0114 496 0123")
    assert services.measures.list_measures() == []


def test_deleting_and_restoring_a_measure_keeps_its_figures(services: Services) -> None:
    measure = services.measures.create("Edge-of-care young people supported", "young people")
    services.measures.add_value(measure.id, "2019", "40", "Hub annual report", "Demo figure.")
    services.measures.add_value(measure.id, "2020", "52", "Hub annual report")
    removed = services.measures.snapshot(measure.id)
    services.measures.delete(measure.id)
    assert services.measures.list_measures() == []
    with pytest.raises(NotFoundError):
        services.measures.get(measure.id)
    back = services.measures.restore(removed)
    assert back == removed.info  # the same id, and the figures with their ids
    assert [(str(v.when), v.value, v.source, v.note) for v in back.values] == [
        ("2019", 40.0, "Hub annual report", "Demo figure."),
        ("2020", 52.0, "Hub annual report", ""),
    ]
    gone = services.measures.remove_value(back.values[0].id)
    assert gone.value == 40.0
    assert [v.value for v in services.measures.get(back.id).values] == [52.0]


@pytest.mark.parametrize(
    ("value", "shown"), [(48.0, "48"), (1250.0, "1,250"), (2.5, "2.5"), (0.125, "0.12")]
)
def test_figures_are_written_as_people_write_them(value: float, shown: str) -> None:
    assert format_figure(value) == shown


def test_the_date_kept_sorts_like_an_event(services: Services) -> None:
    measure = services.measures.create("Hub referrals")
    for when in ("2020", "Mar 2019", "spring 2019", "1 Mar 2019"):
        services.measures.add_value(measure.id, when, "1")
    values = services.measures.get(measure.id).values
    assert [v.when.display() for v in values] == ["1 Mar 2019", "Mar 2019", "spring 2019", "2020"]
    assert values[0].when.earliest() == date(2019, 3, 1)
