"""Dates written in free text: found, moved by the case's shift in the same wording, or
shown as ages; and the numbers that are not dates left alone."""

from __future__ import annotations

from datetime import datetime

import pytest

from deepdive.domain.dates import FuzzyDate
from deepdive.export.dates import NOT_SHOWN, DatePresenter, export_offset
from deepdive.export.options import DateMode
from deepdive.export.textdates import DateKind, find_dates
from deepdive.services.results import CaseDetail, PersonInfo

NOW = datetime(2025, 11, 26)
SECRET = 100  # the export offset is 830 days: 27 months, 9 seasons, 2 years
CASE = CaseDetail(
    1,
    "DD-1",
    "Jay",
    2004,
    5,
    "draft",
    False,
    False,
    "",
    (),
    (PersonInfo(1, 1, "June", "aunt", None, ""),),
    NOW,
    NOW,
)
SHIFTED = DatePresenter(CASE, DateMode.SHIFTED, SECRET, None)
AGES = DatePresenter(CASE, DateMode.RELATIVE, None, None)


def test_the_offset_these_examples_use() -> None:
    assert export_offset(SECRET) == 830


@pytest.mark.parametrize(
    ("written", "shifted"),
    [
        # The examples, and every wording of a full date the finder reads.
        ("from 26 February 2018", "from 5 June 2020"),
        # A year with no date word before it moves too: left real, it would give the
        # shift away beside its moved self.
        ("2016 was a hard year for everyone.", "2018 was a hard year for everyone."),
        ("Moves: 2014, 2016 and 2018", "Moves: 2016, 2018 and 2020"),
        ("Mum said the year was 2016, she thinks", "Mum said the year was 2018, she thinks"),
        ("made by SW1 on 2 January 2019", "made by SW1 on 11 April 2021"),
        ("on 2/1/2019", "on 11/4/2021"),
        ("on 26/02/2018", "on 05/06/2020"),
        ("on 12/11/2016", "on 20/02/2019"),
        ("on 26-02-18", "on 05-06-20"),
        ("on 2018-02-26", "on 2020-06-05"),
        ("the 26th of Feb 2018", "the 5th of Jun 2020"),
        ("on February 26, 2018", "on June 5, 2020"),
        ("on 26 FEBRUARY 2018", "on 5 JUNE 2020"),
        ("on Monday 26 February 2018", "on Friday 5 June 2020"),
        ("on Mon 26 Feb 2018", "on Fri 5 Jun 2020"),
        # Months, seasons and years move by whole months, seasons and years.
        ("from Feb 2018", "from May 2020"),
        ("from February 2018", "from May 2020"),
        ("in Sept. 2018", "in Dec. 2020"),
        ("in 02/2018", "in 05/2020"),
        ("in 2018-02", "in 2020-05"),
        ("in summer 2016", "in autumn 2018"),
        ("in Winter 2016/17", "in Spring 2019"),
        ("in winter 2017/18", "in spring 2020"),  # nine seasons on
        ("the 2015/16 school year", "the 2017/18 school year"),
        ("between 2014-2015", "between 2016-2017"),
        ("during 2016", "during 2018"),
        ("in 2012, 2016 or 2018", "in 2014, 2018 or 2020"),
        ("from the 2018 assessment", "from the 2020 assessment"),
        ("a 2019 referral", "a 2021 referral"),  # a year describing a thing
        ("Jay's 2017 EHCP and her 2016 review", "Jay's 2019 EHCP and her 2018 review"),
        ("mid-2016", "mid-2018"),
        ("(2016)", "(2018)"),
        ("about 2013", "about 2015"),
        ("c. 2015", "c. 2017"),
        ("the spring term 2017", "the [school term] 2019"),
        # No year written: the day or month still moves.
        ("not reviewed until December", "not reviewed until March"),
        ("from September to December", "from December to March"),
        ("the December review and her May visit", "the March review and her August visit"),
        ("on 26 February", "on 6 June"),  # in an ordinary year: no 29 February between
        ("on the 3rd of March", "on the 11th of June"),
        ("on March 3rd", "on June 11th"),
    ],
)
def test_dates_in_text_move_in_the_same_wording(written: str, shifted: str) -> None:
    assert SHIFTED.text(written) == shifted


@pytest.mark.parametrize(
    "text",
    [
        "Jay started Year 9 and then Year 10.",
        "She has 2 children and 3 dogs.",
        "14/3 of the class passed; 3/4 of them stayed.",
        "Call 07700 900123 or 0114 272 1234.",
        "It cost £2016 and took 2000 words, 1995 steps and 2012 miles.",
        "Version 1.2.10 at 20:16, room 2018B, case 2016/123, ref 2019-077.",
        "May need a review. Jan said so. He asked for June.",  # June is in the cast
        "Attendance was 88% and Level 1 was passed with 94% attendance.",
        "It was not until the march through town.",
        "She wrote a 2000 word essay on a 1500 calorie diet.",
    ],
)
def test_numbers_that_are_not_dates_are_left_alone(text: str) -> None:
    assert find_dates(text, ["June"]) == []
    assert SHIFTED.text(text) == text
    assert AGES.text(text, FuzzyDate.parse("2018-06")) == text


def test_a_day_with_no_year_moves_as_in_the_year_its_text_is_about() -> None:
    in_2018 = FuzzyDate.parse("2018-01-15")
    assert SHIFTED.text("from 26 February", in_2018) == "from 5 June"  # as 26 Feb 2018 does
    assert SHIFTED.text("from 26 February 2018") == "from 5 June 2020"


def test_what_each_date_means() -> None:
    found = find_dates("From Feb 2018 to winter 2016/17, on 26 February and in 2015/16.")
    assert [(d.kind, d.year, d.month, d.day, d.year2) for d in found] == [
        (DateKind.MONTH_YEAR, 2018, 2, None, None),
        (DateKind.SEASON, 2016, None, None, 2017),
        (DateKind.DAY_MONTH, None, 2, 26, None),
        (DateKind.YEAR, 2015, None, None, 2016),
    ]


@pytest.mark.parametrize(
    ("written", "relative"),
    [
        ("Managed move from 26 February 2018.", "Managed move from age 13y 9m."),
        ("Jay moved to Nan's in September 2019.", "Jay moved to Nan's at age 15y 4m."),
        ("On 2 January 2019 a referral was made.", "At age 14y 8m a referral was made."),
        (
            "Nan appears in 2012 and again in 2016.",
            "Nan appears at about age 8 and again at about age 12.",
        ),
        ("Mum was in care in 1990.", "Mum was in care before birth."),
        ("mid-2016 and pre-2016", "about age 12 and before about age 12"),
        ("Mid-2016 they moved.", "About age 12 they moved."),
        ("Early 2016 they moved; late 2016 too.", "About age 12 they moved; about age 12 too."),
        ("Dad left pre 2014.", "Dad left before about age 10."),
        (
            "Excluded in the summer term 2016; Easter 2017 at Nan's.",
            "Excluded in the summer term (about age 12); Easter (about age 13) at Nan's.",
        ),
        ("Ran off in the summer holidays 2016.", "Ran off in the summer holidays (about age 12)."),
        ("about 2013", "about age 9"),
        ("since 2016", "since about age 12"),
        # With no year written, the event's own date places the day or month.
        ("Extended in December.", "Extended at age 13y 7m."),
        ("from 26 February", "from age 13y 9m"),
    ],
)
def test_relative_exports_turn_dates_in_text_into_ages(written: str, relative: str) -> None:
    assert AGES.text(written, FuzzyDate.parse("2017-11")) == relative


@pytest.mark.parametrize(
    ("written", "relative"),
    [
        # A date used as an adjective moves behind the words it describes.
        ("From the 2018 assessment:", "From the assessment (at about age 14):"),
        ("the 2015/16 year", "the year (at about age 11 to 12)"),
        (
            "The 2016 strategy meeting was held at school.",
            "The strategy meeting (at about age 12) was held at school.",
        ),
        (
            "The 2018 child protection conference decided on a plan.",
            "The child protection conference (at about age 14) decided on a plan.",
        ),
        (
            "The 2018 assessment found Jay settled.",
            "The assessment (at about age 14) found Jay settled.",
        ),
        ("A 2019 referral went nowhere", "A referral (at about age 15) went nowhere"),
        ("Her March 2018 review", "Her review (at age 13y 10m)"),
        ("Jay's 2017 EHCP review notes", "Jay's EHCP review notes (at about age 13)"),
        ("the 2018 review took place", "the review (at about age 14) took place"),
        ("the 1990 conviction", "the conviction (before birth)"),
        ("the December review", "the review (at age 13y 7m)"),
    ],
)
def test_a_date_describing_a_thing_reads_as_an_age_after_it(written: str, relative: str) -> None:
    assert AGES.text(written, FuzzyDate.parse("2017-11")) == relative


def test_a_day_or_month_with_no_year_and_nothing_to_place_it_is_not_shown() -> None:
    assert AGES.text("Reviewed in December.") == f"Reviewed {NOT_SHOWN}."


def test_real_exports_leave_text_as_written() -> None:
    real = DatePresenter(CASE, DateMode.REAL, None, None)
    text = "Managed move from 26 February 2018, in 2016."
    assert real.text(text) == text
