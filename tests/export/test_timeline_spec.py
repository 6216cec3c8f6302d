"""The timeline picture's spec: what the core hands the drawer, with no calendar behind its
numbers and every string written by the export's date presenter."""

from __future__ import annotations

import re
from datetime import datetime

from deepdive.domain.dates import DateSpan
from deepdive.export.dates import DatePresenter, export_offset
from deepdive.export.options import DateMode
from deepdive.export.timeline_spec import TimelineSpec, timeline_spec
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail

NOW = datetime(2025, 11, 26)


def _case(birth: bool) -> CaseDetail:
    year, month = (2004, 5) if birth else (None, None)
    return CaseDetail(1, "DD-1", "Jay", year, month, "draft", False, False, "", (), (), NOW, NOW)


def _event(
    n: int,
    start: str,
    end: str | None = None,
    key: bool = False,
    words: str = "Event number {n} with a long description that is cut",
) -> EventInfo:
    return EventInfo(
        n,
        1,
        DateSpan.parse(start, end),
        "education",
        "Education",
        (),
        words.format(n=n),
        "",
        "",
        "",
        key,
        (),
    )


EVENTS = [
    _event(1, "2012-02-11", key=True),
    _event(2, "2014-01"),
    _event(3, "about 2016"),
    _event(4, "2017-09", "2017-12", key=True),
    _event(5, "2018-05-26"),
]


def _spec(mode: DateMode, secret: int | None = None, birth: bool = True) -> TimelineSpec:
    case = _case(birth)
    dates = DatePresenter(case, mode, secret, EVENTS[0].span.start)
    return timeline_spec(case, EVENTS, dates)


def _years(texts: list[str]) -> set[int]:
    return {int(y) for t in texts for y in re.findall(r"(?:19|20)[0-9]{2}", t)}


def test_a_shifted_picture_is_drawn_on_the_shifted_calendar() -> None:
    spec = _spec(DateMode.SHIFTED, 100)
    offset = export_offset(100)
    real = _spec(DateMode.REAL)
    # Exact dates keep their distances to the day; the line starts at the picture's edge.
    first, last = spec.events[0], spec.events[4]
    assert last.first - first.first == real.events[4].first - real.events[0].first
    assert 0 < first.first < 100 and 0 <= spec.start < 1
    assert [t.text for t in spec.axis] == [str(y + offset // 365) for y in range(2013, 2019)]
    assert spec.events[0].label == "21 May 2014 · Event number 1 with…"
    assert real.events[0].label == "11 Feb 2012 · Event number 1 with…"
    assert [t.text for t in spec.top_axis][:2] == ["8", "9"]  # ages are true


def test_a_relative_picture_shows_ages_and_no_calendar() -> None:
    spec = _spec(DateMode.RELATIVE)
    assert [t.text for t in spec.axis][:3] == ["age 8", "age 9", "age 10"]
    assert spec.top_axis == ()
    assert spec.events[0].label == "age 7y 9m · Event number 1 with a…"
    assert _years(spec.strings()) == set()
    about = spec.events[2]  # "about 2016" is drawn as its whole year of age, 11 to 12
    assert about.last - about.first == 364
    since = _spec(DateMode.RELATIVE, birth=False)
    assert [t.text for t in since.axis][:3] == ["start", "+1y", "+2y"]
    assert _years(since.strings()) == set()


def test_the_alt_text_holds_every_string_the_drawer_gets() -> None:
    spec = _spec(DateMode.SHIFTED, 100)
    alt = spec.describe("Jay")
    assert all(s.replace(" · ", ": ") in alt for s in spec.strings())
    assert "2 key practice episodes are highlighted" in alt


def test_a_label_is_cut_after_a_whole_word_and_never_inside_a_name() -> None:
    case = _case(True)
    dates = DatePresenter(case, DateMode.REAL, None, EVENTS[0].span.start)
    said = [
        "Jay met Jason Smithers at the park.",
        "Mum, Dad and Nan went to the park together",
        "Jason Smithers met Jay at the park today",
        "Supercalifragilisticexpialidociousness all day",
    ]
    events = [_event(n, "2019-05-02", key=True, words=w) for n, w in enumerate(said)]
    labels = [e.label for e in timeline_spec(case, events, dates).events]
    assert labels == [
        "2 May 2019 · Jay met…",  # not "Jay met Jason…": half a name is still a name
        "2 May 2019 · Mum, Dad and Nan…",
        "2 May 2019 · Jason Smithers met…",
        "2 May 2019 · Supercalifragilistic…",  # no whole word fits
    ]
