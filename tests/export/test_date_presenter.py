"""The export's date presenter: how shifted dates move at every precision, relative dates,
and the sentence that tells the reader."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest

from deepdive.domain.dates import DateSpan, FuzzyDate, Precision, whole_cycles
from deepdive.export.dates import NOT_SHOWN, DatePresenter, export_offset
from deepdive.export.options import DateMode
from deepdive.privacy.vault_model import MAX_SHIFT_DAYS, MIN_SHIFT_DAYS
from deepdive.services.results import CaseDetail, PersonInfo

NOW = datetime(2025, 11, 26)
# Every precision, "about" too, across year, leap-day and winter boundaries.
DATES = [
    FuzzyDate.parse(text)
    for text in (
        "2012-02-11",
        "2015-12-31",
        "2016-02-29",
        "about 2018-07-01",
        "2014-01",
        "2016-12",
        "about 2020-06",
        "about summer 2012",
        "autumn 2014",
        "winter 2016",
        "spring 2017",
        "about 2013",
        "2016",
        "2019",
    )
]
SECRETS = range(MIN_SHIFT_DAYS, MAX_SHIFT_DAYS + 1)


def _case(birth: tuple[int, int | None] | None = (2004, 5)) -> CaseDetail:
    people = (PersonInfo(1, 1, "June", "parent", None, ""),)
    return CaseDetail(
        1,
        "DD-1",
        "Jay",
        birth[0] if birth else None,
        birth[1] if birth else None,
        "draft",
        False,
        False,
        "",
        (),
        people,
        NOW,
        NOW,
    )


def _shifted(secret: int) -> DatePresenter:
    return DatePresenter(_case(), DateMode.SHIFTED, secret, None)


def _months_apart(a: FuzzyDate, b: FuzzyDate) -> int:
    first, second = a.earliest(), b.earliest()
    return (second.year - first.year) * 12 + second.month - first.month


def test_every_export_offset_is_two_years_or_more_and_changes_every_precision() -> None:
    for secret in (*SECRETS, *(-s for s in SECRETS), 0, 1, -1, 3000, -5000):
        offset = export_offset(secret)
        assert abs(offset) >= 730 and (offset > 0) == (secret >= 0)
        assert export_offset(secret) == offset  # the same for every export of the case
        dates = _shifted(secret)
        for when in DATES:
            moved = dates.moved(when)
            assert moved.display() != when.display(), f"{when} unchanged by {secret}"
            assert moved.precision is when.precision and moved.approximate == when.approximate
            # Each date lands within half of its own unit of where its days moved to, so
            # events of different precision stay in (nearly) the right order.
            drift = abs((moved.earliest() - when.earliest()).days - offset)
            assert drift <= when.precision.cycle_months * 16 + 3, (when, secret, drift)


@pytest.mark.parametrize("secret", [60, 100, 137, -61, -400])
def test_time_between_events_is_true_at_each_precision(secret: int) -> None:
    dates = _shifted(secret)
    offset = export_offset(secret)
    for a, b in itertools.combinations(DATES, 2):
        if a.precision is not b.precision:
            continue
        moved_a, moved_b = dates.moved(a), dates.moved(b)
        if a.precision is Precision.DAY:
            assert (moved_a.earliest() - a.earliest()).days == offset
            assert moved_b.earliest() - moved_a.earliest() == b.earliest() - a.earliest()
        else:
            assert _months_apart(moved_a, moved_b) == _months_apart(a, b)


def test_a_known_coarse_date_does_not_give_the_day_shift_away() -> None:
    """An intruder who knows one real year, season or month and sees it shifted learns how
    many whole years, seasons or months it moved: never which of many day shifts it was."""
    for cycle, fewest in ((12, 30), (3, 15), (1, 4)):
        offsets: dict[int, set[int]] = {}
        for secret in SECRETS:
            offset = export_offset(secret)
            offsets.setdefault(whole_cycles(offset, cycle), set()).add(offset)
        assert min(len(found) for found in offsets.values()) >= fewest, cycle


def test_the_issues_example_a_100_day_shift_moves_about_2013_and_2016() -> None:
    dates = _shifted(100)
    assert export_offset(100) == 830  # 100 days and two years
    assert dates.show(FuzzyDate.parse("about 2013")) == "about 2015"
    assert dates.show(FuzzyDate.parse("2016")) == "2018"
    assert dates.show(FuzzyDate.parse("2012-02-11")) == "21 May 2014"
    assert dates.show(FuzzyDate.parse("2012-03")) == "Jun 2014"  # 27 months: 830 days
    assert dates.show(FuzzyDate.parse("about summer 2012")) == "about autumn 2014"
    assert dates.day(date(2022, 3, 17)) == "24 Jun 2024"
    assert dates.birth_text() == "Aug 2006"  # the birth month moves as months do
    assert dates.age(DateSpan.parse("2012-02-11")) == "7y 9m"  # ages stay true


def test_the_explanation_says_what_was_done_truthfully() -> None:
    sentence = _shifted(100).explanation()
    assert "more than a year" in sentence and "whole months, seasons or years" in sentence
    assert "no date is real" in sentence and "ages are true" in sentence
    assert "[holiday], [school term] and [national event]" in sentence
    relative = DatePresenter(_case(), DateMode.RELATIVE, None, None)
    assert relative.explanation() == "Dates are shown as Jay's age at the time."


def test_relative_dates_are_ages_or_time_since_the_first_event() -> None:
    ages = DatePresenter(_case(), DateMode.RELATIVE, None, None)
    assert ages.show(FuzzyDate.parse("2018-08-02")) == "age 14y 3m"
    assert ages.show(FuzzyDate.parse("summer 2018")) == "age about 14"
    assert ages.show(FuzzyDate.parse("1998")) == "before birth"
    assert ages.day(date(2022, 3, 17)) == "age 17y 10m"
    assert ages.birth_text() == "" and not ages.age_column
    first = FuzzyDate.parse("2016-03-14")
    since = DatePresenter(_case(None), DateMode.RELATIVE, None, first)
    assert since.show(FuzzyDate.parse("2016-03-30")) == "start"
    assert since.show(FuzzyDate.parse("2017-05")) == "+1y 2m"
    assert since.show(FuzzyDate.parse("2019")) == "about +3y"
    assert since.show(FuzzyDate.parse("2015-10-02")) == "before the first event"
    assert DatePresenter(_case(None), DateMode.RELATIVE, None, None).show(first) == NOT_SHOWN


def test_shifted_dates_need_the_secret() -> None:
    from deepdive.export.errors import ExportError

    with pytest.raises(ExportError, match="secret date shift"):
        DatePresenter(_case(), DateMode.SHIFTED, None, None)
