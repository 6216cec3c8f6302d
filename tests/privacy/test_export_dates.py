"""Dates in exports: real, shifted by the case's secret shift (keeping every interval),
or relative (age at the event, or months from a reference event)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from deepdive.domain.ages import BirthMonth
from deepdive.domain.dates import DateSpan, FuzzyDate, Season
from deepdive.privacy.dates import DateMode, ExportDates, months_between, shift_date

DAYS = [
    FuzzyDate.from_date(date(2015, 12, 31)),
    FuzzyDate.from_date(date(2016, 2, 29)),
    FuzzyDate.from_date(date(2016, 3, 14)),
    FuzzyDate.from_date(date(2018, 7, 1), approximate=True),
]
MONTHS = [FuzzyDate(2015, 11), FuzzyDate(2016, 1), FuzzyDate(2016, 12), FuzzyDate(2019, 2)]
SEASONS = [FuzzyDate(2015, season=Season.WINTER), FuzzyDate(2016, season=Season.AUTUMN)]
YEARS = [FuzzyDate(2014), FuzzyDate(2016), FuzzyDate(2020)]


def _season_index(when: FuzzyDate) -> int:
    assert when.season is not None
    return when.year * 4 + list(Season).index(when.season)


@pytest.mark.parametrize("shift", [-400, -200, -61, 60, 137, 400])
def test_shifting_keeps_every_interval_at_each_precision(shift: int) -> None:
    for a, b in itertools.combinations(DAYS, 2):
        moved_a, moved_b = shift_date(a, shift), shift_date(b, shift)
        assert moved_a.earliest() - a.earliest() == timedelta(days=shift)
        assert moved_b.earliest() - moved_a.earliest() == b.earliest() - a.earliest()
        assert moved_a.approximate == a.approximate
    for a, b in itertools.combinations(MONTHS, 2):
        assert months_between(shift_date(a, shift), shift_date(b, shift)) == months_between(a, b)
    for a, b in itertools.combinations(SEASONS, 2):
        moved = _season_index(shift_date(b, shift)) - _season_index(shift_date(a, shift))
        assert moved == _season_index(b) - _season_index(a)
    for a, b in itertools.combinations(YEARS, 2):
        assert shift_date(b, shift).year - shift_date(a, shift).year == b.year - a.year


def test_shifted_dates_are_visibly_moved_and_keep_their_precision() -> None:
    dates = ExportDates.shifted(100)
    assert dates.show(FuzzyDate.from_date(date(2016, 3, 14))) == "22 Jun 2016"
    assert dates.show(FuzzyDate(2016, 3)) == "Jun 2016"  # 100 days: nearest 3 months
    assert dates.show(FuzzyDate(2016, season=Season.SPRING)) == "summer 2016"
    assert dates.show(FuzzyDate(2016, approximate=True)) == "about 2016"
    period = DateSpan(FuzzyDate.from_date(date(2016, 3, 14)), FuzzyDate.from_date(date(2016, 4, 1)))
    assert dates.show_span(period) == "22 Jun 2016 – 10 Jul 2016"
    assert dates.mode is DateMode.SHIFTED and "secret" in dates.describe()


def test_real_dates_are_as_recorded() -> None:
    assert ExportDates.real().show(FuzzyDate.from_date(date(2016, 3, 14))) == "14 Mar 2016"


def test_relative_dates_give_the_age_at_each_event() -> None:
    dates = ExportDates.relative(birth=BirthMonth(2004, 5))
    assert dates.show(FuzzyDate.from_date(date(2018, 8, 2))) == "age 14y 3m"
    assert dates.show(FuzzyDate(2018, season=Season.SUMMER)) == "age about 14"


def test_relative_dates_count_months_from_a_reference_event() -> None:
    dates = ExportDates.relative(reference=FuzzyDate.from_date(date(2016, 3, 14)))
    assert dates.show(FuzzyDate.from_date(date(2016, 3, 30))) == "month 0"
    assert dates.show(FuzzyDate(2016, 4)) == "1 month after"
    assert dates.show(FuzzyDate.from_date(date(2015, 10, 2))) == "5 months before"
    assert dates.show(FuzzyDate(2017)) == "about 10 months after"


def test_relative_dates_need_something_to_be_relative_to() -> None:
    with pytest.raises(ValueError, match="birth month or a reference"):
        ExportDates.relative()
