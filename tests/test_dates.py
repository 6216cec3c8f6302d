"""Fuzzy chronology dates, agency date import and ages (deepdive.domain)."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest

from deepdive.domain.ages import Age, BirthMonth, age_at
from deepdive.domain.dates import DateError, DateSpan, FuzzyDate, Precision, Season
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.errors import DeepDiveError

CANONICAL_HINT = "use a form like 2016-03-14, 2016-03, 2016 or spring 2016"
UK_HINT = "use a form like 14/03/2016, Mar 2016 or 2016"


# --- canonical forms ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("2016-03-14", FuzzyDate(2016, 3, 14), Precision.DAY),
        ("2016-03", FuzzyDate(2016, 3), Precision.MONTH),
        ("2016", FuzzyDate(2016), Precision.YEAR),
        ("spring 2016", FuzzyDate(2016, season=Season.SPRING), Precision.SEASON),
        ("summer 2016", FuzzyDate(2016, season=Season.SUMMER), Precision.SEASON),
        ("autumn 2016", FuzzyDate(2016, season=Season.AUTUMN), Precision.SEASON),
        ("winter 2016", FuzzyDate(2016, season=Season.WINTER), Precision.SEASON),
        ("about 2016-03-14", FuzzyDate(2016, 3, 14, approximate=True), Precision.DAY),
        ("about 2016-03", FuzzyDate(2016, 3, approximate=True), Precision.MONTH),
        ("about 2016", FuzzyDate(2016, approximate=True), Precision.YEAR),
        ("about spring 2016", FuzzyDate(2016, None, None, Season.SPRING, True), Precision.SEASON),
    ],
)
def test_parse_canonical_and_round_trip(
    text: str, expected: FuzzyDate, precision: Precision
) -> None:
    parsed = FuzzyDate.parse(text)
    assert parsed == expected
    assert parsed.precision is precision
    assert str(parsed) == text
    assert FuzzyDate.parse(str(parsed)) == parsed


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("  2016-03-14\t", "2016-03-14"),
        ("ABOUT Spring 2016", "about spring 2016"),
        ("About   2016-03", "about 2016-03"),
        ("2016-3-4", "2016-03-04"),
        ("\n winter 2019 ", "winter 2019"),
    ],
)
def test_parse_tolerates_case_and_whitespace(text: str, canonical: str) -> None:
    assert str(FuzzyDate.parse(text)) == canonical


def every_kind_of_date() -> list[FuzzyDate]:
    """Every day, month, season and year of 2015-2017 (incl. a leap year), exact and about."""
    dates: list[FuzzyDate] = []
    for approximate in (False, True):
        day = date(2015, 1, 1)
        while day.year < 2018:
            dates.append(FuzzyDate.from_date(day, approximate))
            day += timedelta(days=1)
        for year in (2015, 2016, 2017):
            dates.append(FuzzyDate(year, approximate=approximate))
            dates.extend(FuzzyDate(year, m, approximate=approximate) for m in range(1, 13))
            dates.extend(FuzzyDate(year, season=s, approximate=approximate) for s in Season)
    return dates


def test_round_trip_and_span_for_every_kind_of_date() -> None:
    for fuzzy in every_kind_of_date():
        assert FuzzyDate.parse(str(fuzzy)) == fuzzy
        assert fuzzy.earliest() <= fuzzy.latest()
        assert fuzzy.display().startswith("about ") == fuzzy.approximate


# --- display -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("2016-03-14", "14 Mar 2016"),
        ("2016-03-04", "4 Mar 2016"),
        ("2016-03", "Mar 2016"),
        ("2016-09", "Sep 2016"),
        ("2016", "2016"),
        ("spring 2016", "spring 2016"),
        ("autumn 2016", "autumn 2016"),
        ("winter 2016", "winter 2016/17"),
        ("winter 1999", "winter 1999/00"),
        ("about 2016-03", "about Mar 2016"),
        ("about 2016-03-14", "about 14 Mar 2016"),
        ("about 2016", "about 2016"),
        ("about summer 2016", "about summer 2016"),
    ],
)
def test_display(text: str, shown: str) -> None:
    assert FuzzyDate.parse(text).display() == shown


def test_long_display_spells_months_out() -> None:
    assert FuzzyDate.parse("2016-03-14").long_display() == "14 March 2016"
    assert FuzzyDate.parse("about 2016-09").long_display() == "about September 2016"


# --- earliest / latest ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "earliest", "latest"),
    [
        ("2016-03-14", date(2016, 3, 14), date(2016, 3, 14)),
        ("2016-03", date(2016, 3, 1), date(2016, 3, 31)),
        ("2016-04", date(2016, 4, 1), date(2016, 4, 30)),
        ("2016-02", date(2016, 2, 1), date(2016, 2, 29)),
        ("2017-02", date(2017, 2, 1), date(2017, 2, 28)),
        ("2000-02", date(2000, 2, 1), date(2000, 2, 29)),  # divisible by 400: leap
        ("1900-02", date(1900, 2, 1), date(1900, 2, 28)),  # divisible by 100: not leap
        ("2016-12", date(2016, 12, 1), date(2016, 12, 31)),
        ("2016", date(2016, 1, 1), date(2016, 12, 31)),
        ("spring 2016", date(2016, 3, 1), date(2016, 5, 31)),
        ("summer 2016", date(2016, 6, 1), date(2016, 8, 31)),
        ("autumn 2016", date(2016, 9, 1), date(2016, 11, 30)),
        ("winter 2015", date(2015, 12, 1), date(2016, 2, 29)),  # into a leap February
        ("winter 2016", date(2016, 12, 1), date(2017, 2, 28)),
        ("about 2016-03", date(2016, 3, 1), date(2016, 3, 31)),
    ],
)
def test_earliest_and_latest(text: str, earliest: date, latest: date) -> None:
    fuzzy = FuzzyDate.parse(text)
    assert fuzzy.earliest() == earliest
    assert fuzzy.latest() == latest


# --- ordering ------------------------------------------------------------------------

# Worked out by hand from the rule: by the first day a date could mean; on the same first
# day the shorter span (more precise date) first; "about" makes no difference.
HAND_ORDER = [
    "2015",  # 1 Jan 2015
    "2015-12-01",  # 1 Dec 2015: day before month before season, all starting that day
    "2015-12",
    "winter 2015",
    "2016-01-01",  # 1 Jan 2016: day, then month, then year
    "2016-01",
    "2016",
    "about 2016-01-02",  # the year sorts at its start, so a 2 Jan event comes after it
    "2016-02-29",
    "2016-03-01",  # 1 Mar 2016: day, month, season
    "about 2016-03",
    "spring 2016",
    "2016-03-02",
    "2016-06",  # 1 Jun 2016: month before season
    "summer 2016",
    "winter 2016",  # starts 1 Dec 2016, before the last day of 2016
    "2016-12-31",
    "2017-01",
]


def test_sort_order_matches_the_hand_worked_order() -> None:
    shuffled = [FuzzyDate.parse(text) for text in HAND_ORDER]
    random.Random(20160314).shuffle(shuffled)
    assert [str(d) for d in shuffled] != HAND_ORDER  # the shuffle really shuffled
    ordered = sorted(shuffled, key=FuzzyDate.sort_key)
    assert [str(d) for d in ordered] == HAND_ORDER


def test_about_sorts_like_exact_and_ties_keep_insertion_order() -> None:
    inserted = ["about 2016-01", "2016-01", "2016", "about 2016"]
    keyed = sorted(
        enumerate(FuzzyDate.parse(t) for t in inserted), key=lambda p: (p[1].sort_key(), p[0])
    )
    assert [str(d) for _, d in keyed] == inserted
    assert FuzzyDate.parse("about 2016-03").sort_key() == FuzzyDate.parse("2016-03").sort_key()


def test_sort_key_fits_the_stored_column() -> None:
    assert max(len(d.sort_key()) for d in every_kind_of_date()) <= 40


# --- invalid canonical input -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2017-02-31", "31 February 2017 is not a real date"),
        ("2019-02-29", "29 February 2019 is not a real date (2019 is not a leap year)"),
        ("2017-04-31", "31 April 2017 is not a real date"),
        ("2016-13", f"'2016-13' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("2016-00", f"'2016-00' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("2016-01-32", f"'2016-01-32' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("garbage", f"'garbage' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("14/03/2016", f"'14/03/2016' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("", f"'' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("about", f"'about' is not a date DeepDive recognises — {CANONICAL_HINT}"),
        ("1850", "the year 1850 is outside the years DeepDive accepts (1900–2099)"),
    ],
)
def test_parse_rejects_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        FuzzyDate.parse(text)
    assert str(caught.value) == message
    assert isinstance(caught.value, DeepDiveError)


def test_messages_quote_long_or_multiline_text_on_one_line() -> None:
    with pytest.raises(DateError) as caught:
        FuzzyDate.parse("not\na date\x00" + "x" * 200)
    message = str(caught.value)
    assert "\n" not in message and "\x00" not in message
    assert message.startswith("'not a date xxxx") and "…'" in message
    assert len(message) < 140


def test_constructor_checks_fields() -> None:
    with pytest.raises(DateError, match=r"^there is no month 13$"):
        FuzzyDate(2016, 13)
    with pytest.raises(DateError, match=r"^31 February 2017 is not a real date$"):
        FuzzyDate(2017, 2, 31)
    with pytest.raises(DateError):
        FuzzyDate(2016, None, 3)
    with pytest.raises(DateError):
        FuzzyDate(2016, 3, season=Season.SPRING)
    assert FuzzyDate(2016, season="winter").latest() == date(2017, 2, 28)  # type: ignore[arg-type]


# --- periods -------------------------------------------------------------------------


def test_span_display_and_period() -> None:
    span = DateSpan.parse("2016-03", "2016-09")
    assert span.is_period
    assert span.display() == "Mar 2016 – Sep 2016"
    single = DateSpan.parse("about 2016-03-14")
    assert not single.is_period and single.end is None
    assert single.display() == "about 14 Mar 2016"
    assert DateSpan.parse("2016-03", "  ").end is None
    assert span.sort_key() == FuzzyDate.parse("2016-03").sort_key()


def test_span_end_before_start_is_refused() -> None:
    with pytest.raises(DateError) as caught:
        DateSpan.parse("2016-06", "2016-03")
    assert str(caught.value) == "the end (March 2016) is before the start (June 2016)"
    with pytest.raises(DateError, match=r"^the end \(14 March 2016\) is before the start"):
        DateSpan.parse("2016-03-15", "2016-03-14")


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("2016-03-14", "2016-03-14"),  # a one-day period
        ("2016", "2016-03"),  # the end may overlap the start's span
        ("2016-03-31", "2016-03"),
        ("spring 2016", "2016-03"),
        ("winter 2016", "2017-02-28"),
    ],
)
def test_span_overlapping_ends_are_allowed(start: str, end: str) -> None:
    assert DateSpan.parse(start, end).is_period


# --- UK forms on import ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("01/02/2017", "2017-02-01"),
        ("1/2/17", "2017-02-01"),
        ("01-02-2017", "2017-02-01"),
        ("01.02.2017", "2017-02-01"),
        ("31/12/1999", "1999-12-31"),
        ("1 Feb 2017", "2017-02-01"),
        ("1st February 2017", "2017-02-01"),
        ("22nd Mar 2016", "2016-03-22"),
        ("3rd of March 2016", "2016-03-03"),
        ("1-Feb-17", "2017-02-01"),
        ("February 2017", "2017-02"),
        ("Feb 2017", "2017-02"),
        ("Feb-17", "2017-02"),
        ("Sept 2016", "2016-09"),
        ("02/2017", "2017-02"),
        ("2017", "2017"),
        ("?/03/2016", "about 2016-03"),
        ("??/03/2016", "about 2016-03"),
        ("xx/03/2016", "about 2016-03"),
        ("XX/03/2016", "about 2016-03"),
        ("??/??/2016", "about 2016"),
        ("c. 2015", "about 2015"),
        ("c.2015", "about 2015"),
        ("circa 2015", "about 2015"),
        ("approx. March 2016", "about 2016-03"),
        ("approximately 14/03/2016", "about 2016-03-14"),
        ("about 2016", "about 2016"),
        ("Spring 2017", "spring 2017"),
        ("Winter 2016/17", "winter 2016"),
        ("2016-03-14", "2016-03-14"),
        ("2016-03", "2016-03"),
        ("about spring 2016", "about spring 2016"),
        ("2017-02-01T00:00:00", "2017-02-01"),
        ("01/02/2017 00:00", "2017-02-01"),
        ("  14/03/2016  ", "2016-03-14"),
    ],
)
def test_parse_uk_date(text: str, canonical: str) -> None:
    assert str(parse_uk_date(text)) == canonical


@pytest.mark.parametrize(
    ("text", "year"),
    [("1/2/00", 2000), ("1/2/17", 2017), ("1/2/69", 2069), ("1/2/70", 1970), ("1/2/99", 1999)],
)
def test_two_digit_years_pivot_at_70(text: str, year: int) -> None:
    assert parse_uk_date(text).year == year


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("31/02/2017", "31 February 2017 is not a real date"),
        ("29/02/2019", "29 February 2019 is not a real date (2019 is not a leap year)"),
        ("29 Feb 2019", "29 February 2019 is not a real date (2019 is not a leap year)"),
        ("31/04/16", "31 April 2016 is not a real date"),
        ("32/01/2017", f"'32/01/2017' is not a date DeepDive recognises — {UK_HINT}"),
        ("01/13/2017", f"'01/13/2017' is not a date DeepDive recognises — {UK_HINT}"),
        ("13/2017", f"'13/2017' is not a date DeepDive recognises — {UK_HINT}"),
        ("garbage", f"'garbage' is not a date DeepDive recognises — {UK_HINT}"),
        ("01/02-2017", f"'01/02-2017' is not a date DeepDive recognises — {UK_HINT}"),
        ("1/??/2016", f"'1/??/2016' is not a date DeepDive recognises — {UK_HINT}"),
        ("Foo 2017", f"'Foo 2017' is not a date DeepDive recognises — {UK_HINT}"),
        ("02/17", f"'02/17' is not a date DeepDive recognises — {UK_HINT}"),
        ("spring 2016/17", f"'spring 2016/17' is not a date DeepDive recognises — {UK_HINT}"),
        ("", f"the date is empty — {UK_HINT}"),
        ("1/2/1850", "the year 1850 is outside the years DeepDive accepts (1900–2099)"),
    ],
)
def test_parse_uk_date_rejects_with_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_uk_date(text)
    assert str(caught.value) == message


def test_uk_and_canonical_agree_on_every_canonical_form() -> None:
    for fuzzy in every_kind_of_date():
        assert parse_uk_date(str(fuzzy)) == fuzzy


# --- ages ----------------------------------------------------------------------------


def age(birth: str, when: str) -> str:
    return age_at(BirthMonth.parse(birth), FuzzyDate.parse(when)).display()


@pytest.mark.parametrize(
    ("birth", "when", "shown"),
    [
        ("2004-05", "2018-05-01", "14y 0m"),  # the birthday month counts as the new age
        ("2004-05", "2018-05-31", "14y 0m"),
        ("2004-05", "2018-04-30", "13y 11m"),  # the month before
        ("2004-05", "2018-06", "14y 1m"),
        ("2004-05", "2018-08-14", "14y 3m"),
        ("2004-05", "2004-05-01", "0y 0m"),  # the birth month itself
        ("2004-02", "2016-02-29", "12y 0m"),  # a leap-day event is an event in February
        ("2004-03", "2016-02-29", "11y 11m"),
        ("2004-12", "2005-01-15", "0y 1m"),  # December to January
        ("2004-12", "2004-12-25", "0y 0m"),
        ("2004-12", "2005-11-30", "0y 11m"),
        ("2004-12", "2005-12-01", "1y 0m"),
        ("2004-01", "2018-12", "14y 11m"),
    ],
)
def test_exact_ages(birth: str, when: str, shown: str) -> None:
    assert age(birth, when) == shown


@pytest.mark.parametrize(
    ("birth", "when", "shown"),
    [
        ("2004-05", "about 2018-05", "about 14"),  # the event is uncertain
        ("2004-05", "about 2018-04-30", "about 13"),
        ("2004-05", "2018", "about 14"),  # mid-2018 they are 14
        ("2004-11", "2018", "about 13"),  # for most of 2018 they are still 13
        ("2004", "2018-03", "about 13"),  # birth taken at mid-2004
        ("2004", "2018", "about 14"),
        ("2004-05", "spring 2018", "about 13"),  # mid-April, just before the birthday
        ("2004-05", "summer 2018", "about 14"),
        ("2004-05", "winter 2017", "about 13"),  # Dec 2017-Feb 2018
        ("2004-05", "2004", "under 1"),
        ("2004-11", "2004", "under 1"),  # could be after the birth, so not "before birth"
        ("2004", "2004-02", "under 1"),
    ],
)
def test_approximate_ages(birth: str, when: str, shown: str) -> None:
    assert age(birth, when) == shown


@pytest.mark.parametrize(
    ("birth", "when"),
    [
        ("2004-05", "2004-04-30"),
        ("2004-05", "2004-04"),
        ("2004-05", "about 2004-03"),
        ("2004-06", "spring 2004"),
        ("2004-05", "2003"),
        ("2004", "2003-12-31"),
    ],
)
def test_before_birth(birth: str, when: str) -> None:
    result = age_at(BirthMonth.parse(birth), FuzzyDate.parse(when))
    assert result.before_birth
    assert result.display() == "before birth"


def test_age_fields() -> None:
    assert age_at(BirthMonth(2004, 5), FuzzyDate(2018, 8, 14)) == Age(14, 3)
    assert age_at(BirthMonth(2004), FuzzyDate(2018)) == Age(14, 0, approximate=True)


def test_birth_month_parse_and_text() -> None:
    assert BirthMonth.parse(" 2004-05 ") == BirthMonth(2004, 5)
    assert BirthMonth.parse("2004") == BirthMonth(2004, None)
    assert str(BirthMonth(2004, 5)) == "2004-05" and str(BirthMonth(2004)) == "2004"
    assert BirthMonth(2004, 5).display() == "May 2004"
    for bad in ("2004-13", "May 2004", "", "04"):
        with pytest.raises(DateError, match="is not a birth month DeepDive recognises"):
            BirthMonth.parse(bad)


# --- shifting ------------------------------------------------------------------------


@pytest.mark.parametrize("days", [-4000, -366, -365, -1, 0, 1, 29, 365, 366, 1461, 5000])
def test_shifting_keeps_the_interval_between_exact_dates(days: int) -> None:
    pairs = [("2016-02-28", "2016-03-01"), ("2015-12-31", "2016-01-01"), ("2004-05-01", "2019")]
    for first_text, second_text in pairs:
        first = FuzzyDate.parse(first_text)
        second = FuzzyDate.parse(second_text)
        if second.precision is not Precision.DAY:
            second = FuzzyDate.from_date(second.latest())
        gap = second.earliest() - first.earliest()
        a, b = first.shifted(days), second.shifted(days)
        assert b.earliest() - a.earliest() == gap
        assert a.precision is b.precision is Precision.DAY
        assert a.shifted(-days) == first


@pytest.mark.parametrize(
    ("text", "days", "expected"),
    [
        ("2016-02-28", 1, "2016-02-29"),
        ("about 2016-02-28", 2, "about 2016-03-01"),
        ("2016-03", 20, "2016-04"),  # never unchanged: at least one whole month
        ("2016-03", 31, "2016-04"),
        ("2016-03", 45, "2016-04"),
        ("2016-03", 46, "2016-05"),  # the nearest whole number of months
        ("2016-03", -1, "2016-02"),
        ("about 2016-03", 31, "about 2016-04"),
        ("2016", 1, "2017"),
        ("2016", 364, "2017"),
        ("2016", 366, "2017"),
        ("2016", 600, "2018"),
        ("2016", -1, "2015"),
        ("about 2013", 100, "about 2014"),
        ("spring 2016", 1, "summer 2016"),
        ("spring 2016", 91, "summer 2016"),
        ("spring 2016", -1, "winter 2015"),
        ("spring 2016", 365, "spring 2017"),
        ("winter 2016", 31, "spring 2017"),
        ("winter 2016", -200, "summer 2016"),
    ],
)
def test_shifting_coarse_dates_moves_them_by_whole_cycles(
    text: str, days: int, expected: str
) -> None:
    assert str(FuzzyDate.parse(text).shifted(days)) == expected


@pytest.mark.parametrize("days", [-1900, -700, -400, -61, -1, 1, 17, 60, 183, 400, 1861])
def test_no_shifted_date_keeps_its_value_and_each_precision_keeps_its_intervals(
    days: int,
) -> None:
    dates = [
        FuzzyDate.parse(text)
        for text in (
            "2012-02-11",
            "2016-02-29",
            "about 2020-06",
            "2014-01",
            "2016-12",
            "about summer 2012",
            "winter 2016",
            "spring 2017",
            "about 2013",
            "2016",
            "2019",
        )
    ]
    for when in dates:
        moved = when.shifted(days)
        assert str(moved) != str(when) and moved.display() != when.display()
        assert moved.precision is when.precision and moved.approximate == when.approximate
    for a, b in itertools.combinations(dates, 2):
        if a.precision is not b.precision:
            continue
        if a.precision is Precision.DAY:
            assert b.shifted(days).earliest() - a.shifted(days).earliest() == (
                b.earliest() - a.earliest()
            )
        else:
            assert _months_apart(a.shifted(days), b.shifted(days)) == _months_apart(a, b)


def _months_apart(a: FuzzyDate, b: FuzzyDate) -> int:
    first, second = a.earliest(), b.earliest()
    return (second.year - first.year) * 12 + second.month - first.month


def test_shifting_out_of_range_is_a_date_error() -> None:
    with pytest.raises(DateError):
        FuzzyDate.parse("2099-12-31").shifted(1)
    with pytest.raises(DateError):
        FuzzyDate.parse("2016").shifted(10**9)


def test_a_canonical_date_is_read_from_the_start_of_a_longer_text() -> None:
    assert FuzzyDate.split_leading("2016-03 social care") == (FuzzyDate(2016, 3), "social care")
    assert FuzzyDate.split_leading("about winter 2016 family") == (
        FuzzyDate(2016, season=Season.WINTER, approximate=True),
        "family",
    )
    assert FuzzyDate.split_leading("2016") == (FuzzyDate(2016), "")
    for text in ("20161 police", "2016-02-30 health", "soon", "2016-03x"):
        assert FuzzyDate.split_leading(text) is None
