"""Words that tie a note to the real calendar, and the last check of a shifted or
relative export: what the presenter cannot move stops the export, named by its place.

The expected values are worked out by hand from the offset these examples use (830
days: 2 whole years, 27 months, 9 seasons, and 830 = 7 × 118 + 4, so a weekday moves
on by four days)."""

from __future__ import annotations

from datetime import datetime

import pytest

from deepdive.export.dates import DatePresenter, export_offset
from deepdive.export.options import DateMode
from deepdive.services.results import CaseDetail

NOW = datetime(2025, 11, 26)
CASE = CaseDetail(1, "DD-1", "Jay", 2004, 5, "draft", False, False, "", (), (), NOW, NOW)
SECRET = 100


def _shifted() -> DatePresenter:
    return DatePresenter(CASE, DateMode.SHIFTED, SECRET, None)


def _ages() -> DatePresenter:
    return DatePresenter(CASE, DateMode.RELATIVE, None, None)


def test_the_offset_these_examples_use() -> None:
    assert export_offset(SECRET) == 830


@pytest.mark.parametrize(
    ("written", "shifted"),
    [
        ("moved in Sept '16", "moved in Dec '18"),  # Sept 2016 + 27 months
        ("calmer by spring '16", "calmer by summer '18"),  # nine seasons on
        ("things were hard in '16", "things were hard in '18"),
        ("plan 2016/03 agreed", "plan 2018/06 agreed"),
        ("plan 03.2016 agreed", "plan 06.2018 agreed"),
        ("reviewed on 14.3.16", "reviewed on 22.6.18"),  # 14 Mar 2018 + 100 days
        ("file 20160314 opened", "file 20180622 opened"),
        ("the FY2015/16 budget", "the FY2017/18 budget"),
        ("2016ish, the booth", "2018ish, the booth"),
        ("seen c.2016", "seen c.2018"),
        ("ran off on Christmas Day 2016", "ran off on 4 April 2019"),  # 25 Dec 2018 + 100
        ("excluded late on a Friday", "excluded late on a Tuesday"),
        ("late on a Friday night", "late on a Tuesday night"),
        ("at Christmas he was quiet", "at [holiday] he was quiet"),
        ("over Easter 2016", "over [holiday] 2018"),
        ("in the spring term", "in the [school term]"),
        ("summer term '16 at home", "[school term] '18 at home"),
        ("calls stopped during lockdown", "calls stopped during [national event]"),
        ("National lockdown began", "[national event] began"),
        ("tested positive for Covid-19", "tested positive for [national event]"),
        ("Coach (from 2016)", "Coach (from 2018)"),
        ("the Mar-16 review", "the Jun-18 review"),
        ("seen 14-Mar-2016", "seen 22-Jun-2018"),
        ("seen 14 Mar '16", "seen 22 Jun '18"),
        ("March the 14th", "June the 22nd"),
        ("at 2016-03-14T10:00", "at 2018-06-22T10:00"),
        ("Q1 2016 figures", "Q2 2018 figures"),  # nine quarters on
        ("Mothering Sunday", "[holiday]"),
        # The first half of a range takes its month or year from the second.
        ("Jan-Mar 2016", "Apr-Jun 2018"),
        ("Spring/Summer 2016", "Summer/Autumn 2018"),
        ("14th-16th March 2016", "22nd-24th June 2018"),
        ("between 14 and 16 March 2016", "between 22 and 24 June 2018"),
        ("20-31 March 2016", "28 June-9 July 2018"),  # now across two months
    ],
)
def test_forms_notes_use_move_with_the_shift(written: str, shifted: str) -> None:
    dates = _shifted()
    assert dates.text(written) == shifted
    assert dates.leftovers == []


def test_a_named_day_with_no_year_moves_as_in_the_year_its_text_is_about() -> None:
    from deepdive.domain.dates import FuzzyDate

    in_2016 = FuzzyDate.parse("2016-12-20")
    assert _shifted().text("on Boxing Day", in_2016) == "on 5 April"  # 26 Dec 2018 + 100


@pytest.mark.parametrize(
    ("written", "relative"),
    [
        ("moved in Sept '16", "moved at age 12y 4m"),
        ("on Christmas Day 2016 he ran", "at age 12y 7m he ran"),
        ("the FY2015/16 budget", "the budget (at about age 11 to 12)"),
        ("2016ish, the booth", "about age 12, the booth"),
        ("during lockdown", "during [national event]"),
        ("at Christmas, late on a Friday", "at Christmas, late on a Friday"),  # no date
        ("the spring term", "the spring term"),
    ],
)
def test_relative_exports_show_no_calendar_date_but_keep_times_of_year(
    written: str, relative: str
) -> None:
    assert _ages().text(written) == relative


@pytest.mark.parametrize(
    "text",
    [
        "Version 1.2.10 and section 1.2.16 of the plan.",
        "The '16 Plus service; scored 3/5; Year 9; 2000 words; £2016 owed.",
        "Call 07700 900123 or 0114 272 1234.",
        "The school; a GP surgery; sunday best.",
        # How often, not when: nothing here dates the note.
        "On Mondays, Sunday dinners at Mum's, a Saturday job, every half term, each Friday.",
    ],
)
def test_numbers_and_words_that_are_not_dates_pass_the_last_check(text: str) -> None:
    dates = _shifted()
    assert dates.text(text, where="notes") == text
    dates.check_leftovers()  # nothing to stop for


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Letter ref/2016 was sent.", "2016"),
        ("Met in room 2018B.", "2018"),
        ("Case 2016/123 closed.", "2016"),
    ],
)
def test_a_year_the_presenter_cannot_move_stops_the_export(text: str, written: str) -> None:
    from deepdive.export.date_leftovers import DatesLeft

    dates = _shifted()
    dates.text(text, where="chronology › 5 Jun 2020 › What happened")
    with pytest.raises(DatesLeft) as stopped:
        dates.check_leftovers()
    message = str(stopped.value)
    assert f"chronology › 5 Jun 2020 › What happened: “{written}”" in message
    assert "nothing was written" in message and "export with real dates" in message
