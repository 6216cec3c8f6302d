"""Record-style dates ("early 2016", "summer term 2016", "2015/16", "c. 2015", "before
2014"): read as the records mean them, kept through sorting, ages, display and date
shifting, and imported from a real agency file on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_helpers import run_deepdive

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import DateError, FuzzyDate, Precision
from deepdive.domain.record_dates import RECORD_HINT, parse_record_span
from deepdive.export.dates import DatePresenter
from deepdive.export.options import DateMode
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.reading import open_for_reading


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("early 2016", "early 2016"),
        ("Mid-2016", "mid 2016"),
        ("late 2016", "late 2016"),
        ("2015/16", "Sep 2015 – Aug 2016"),
        ("academic year 2015/16", "Sep 2015 – Aug 2016"),
        ("financial year 2015/16", "Apr 2015 – Mar 2016"),
        ("FY 2015/16", "Apr 2015 – Mar 2016"),
        ("2014-2015", "2014 – 2015"),
        ("2014 to 2015", "2014 – 2015"),
        ("Mar 2016 to Jun 2016", "Mar 2016 – Jun 2016"),
        ("summer term 2016", "Apr 2016 – Jul 2016"),
        ("autumn term 2017", "Sep 2017 – Dec 2017"),
        ("spring term 2016", "Jan 2016 – Mar 2016"),
        ("Easter 2016", "Mar 2016 – Apr 2016"),
        ("before 2014", "before 2014"),
        ("pre-2014", "before 2014"),
        ("after March 2016", "after Mar 2016"),
        ("c. 2015", "about 2015"),
        ("circa 2015", "about 2015"),
        # Forms that look alike keep their old meaning.
        ("summer 2019", "summer 2019"),
        ("2016/03", "Mar 2016"),
        ("01-02-2017", "1 Feb 2017"),
        ("Feb-17", "Feb 2017"),
        ("winter 2016/17", "winter 2016/17"),
    ],
)
def test_record_forms_are_read_as_the_records_mean_them(typed: str, shown: str) -> None:
    assert parse_record_span(typed).display() == shown


def test_new_forms_are_stored_in_a_canonical_text_that_reads_back_the_same() -> None:
    for text in ("early 2016", "mid 2016", "late 2016", "before 2014", "after 2016-03"):
        when = FuzzyDate.parse(text)
        assert str(when) == text
        assert FuzzyDate.parse(str(when)) == when
    assert FuzzyDate.parse("late 2016").precision is Precision.THIRD


def test_new_forms_sort_where_a_reader_expects_them() -> None:
    texts = [
        "2016-05-02",
        "2014-01",
        "early 2016",
        "before 2014",
        "2013",
        "mid 2016",
        "after 2016",
        "late 2016",
        "2016-01-01",
        "2017-03-01",
    ]
    ordered = sorted(texts, key=lambda t: FuzzyDate.parse(t).sort_key())
    assert ordered == [
        "2013",
        "before 2014",
        "2014-01",
        "2016-01-01",
        "early 2016",
        "mid 2016",
        "2016-05-02",
        "late 2016",
        "after 2016",
        "2017-03-01",
    ]


def test_ages_for_new_forms_are_approximate_and_true() -> None:
    born = BirthMonth(2004, 5)
    assert age_at(born, FuzzyDate.parse("early 2016")).display() == "about 11"
    assert age_at(born, FuzzyDate.parse("late 2016")).display() == "about 12"
    assert age_at(born, FuzzyDate.parse("before 2014")).display() == "about 9"
    assert age_at(born, FuzzyDate.parse("after 2016-03")).display() == "about 11"


def months_between(first: FuzzyDate, second: FuzzyDate) -> int:
    a, b = first.earliest(), second.earliest()
    return (b.year - a.year) * 12 + b.month - a.month


@pytest.mark.parametrize(
    "text", ["early 2016", "mid 2016", "late 2016", "before 2014", "after 2016-03"]
)
@pytest.mark.parametrize("days", [-900, -120, 61, 800])
def test_shifting_keeps_the_form_and_never_the_real_value(text: str, days: int) -> None:
    when = FuzzyDate.parse(text)
    moved = when.shifted(days)
    assert moved.precision is when.precision and moved.bound == when.bound
    assert moved != when
    # Two dates of the same form keep their distance exactly.
    later = FuzzyDate.parse(text.replace("2016", "2017").replace("2014", "2015"))
    assert months_between(moved, later.shifted(days)) == months_between(when, later) == 12


def test_an_export_shows_shifted_and_relative_forms(services: Services) -> None:
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    detail = services.cases.get(case.id)
    first = FuzzyDate.parse("before 2014")
    shifted = DatePresenter(detail, DateMode.SHIFTED, 100, first)
    real = DatePresenter(detail, DateMode.REAL, None, first)
    relative = DatePresenter(detail, DateMode.RELATIVE, None, first)
    early = FuzzyDate.parse("early 2016")
    assert real.show(early) == "early 2016"
    assert shifted.show(early).split()[0] in ("early", "mid", "late")
    assert shifted.show(early) != "early 2016"
    assert shifted.show(first).startswith("before ") and shifted.show(first) != "before 2014"
    assert relative.show(early) == "age about 11"


def test_a_misspelt_form_is_refused_in_one_line_listing_the_forms() -> None:
    with pytest.raises(DateError) as refused:
        parse_record_span("summer trm 2016")
    assert (
        str(refused.value) == f"'summer trm 2016' is not a date DeepDive recognises — {RECORD_HINT}"
    )
    with pytest.raises(DateError, match="the end \\(2014\\) is before the start \\(2016\\)"):
        parse_record_span("2016 to 2014")


def test_an_agency_file_written_with_record_dates_is_imported_in_order(
    services: Services, workspace_path: Path, tmp_path: Path
) -> None:
    workspace = workspace_path
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    services.events.add(case.id, EventInput("2016-03-14", "education", "First exclusion"))
    services.close()
    csv = tmp_path / "school.csv"
    csv.write_text(
        "Date;Agency;Event\n"
        "summer term 2016;School;Attendance fell\n"
        "c. 2015;School;Moved school\n"
        "early 2016;School;Isolation booth\n"
        "2015/16;School;Year 7\n"
        "before 2014;School;Dad left\n",
        encoding="cp1252",
    )
    result = run_deepdive(
        "import-chronology", "DD-2019-014", csv, "--workspace", workspace, data_dir=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported 5 events into DD-2019-014 from school.csv.")
    reader = Services.for_workspace(open_for_reading(workspace))
    try:
        events = reader.events.list_events(case.id)
    finally:
        reader.close()
    assert [(e.span.display(), e.description) for e in events] == [
        ("before 2014", "Dad left"),
        ("about 2015", "Moved school"),
        ("Sep 2015 – Aug 2016", "Year 7"),
        ("early 2016", "Isolation booth"),
        ("14 Mar 2016", "First exclusion"),
        ("Apr 2016 – Jul 2016", "Attendance fell"),
    ]
