"""Dates as case records state them, periods included: the one reader of a typed or
imported event date.

A single date is read by :func:`deepdive.domain.uk_dates.parse_uk_date` (``14/03/2016``,
``Mar 2016``, ``early 2016``, ``c. 2015``, ``before 2014``, …). Some record wordings name
a stretch of time, and are read as a period, month to month:

- a school year ``2015/16``, ``2015-16``, ``2015/2016``, ``academic year 2015/16`` or
  ``school year 2015/16``: September 2015 to August 2016 (a child's records count in
  school years far more often than in council budgets);
- a financial year ``financial year 2015/16``, ``FY 2015/16``, ``2015/16 financial
  year``: April 2015 to March 2016;
- an English school term: ``autumn term 2017`` September to December, ``spring term
  2016`` January to March, ``summer term 2016`` April to July; and ``Easter 2016``
  (the Easter holidays) March to April, ``summer holidays 2016`` July to August;
- a range written with a dash or "to": ``2014-2015``, ``2014 – 2015``, ``Mar 2016 to
  Jun 2016``, ``autumn term 2016 to summer term 2017`` (from the start of the first to
  the end of the second).
"""

from __future__ import annotations

import re

from deepdive.domain.dates import DateError, DateSpan, FuzzyDate
from deepdive.domain.uk_dates import parse_uk_date

RECORD_HINT = (
    "use a form like 14/03/2016, Mar 2016, early 2016, summer term 2016, 2015/16, "
    "2014 to 2015, c. 2015 or before 2014"
)

# "2015/16", "2015/2016" or "2015-16"; "2014-2015" is a range of two years instead.
_YEAR_PAIR = r"(?P<y>[0-9]{4})\s*(?:/\s*(?P<y2>[0-9]{4}|[0-9]{2})|[-–]\s*(?P<s2>[0-9]{2}))"
_SCHOOL = r"(?:academic|school)\s+year"
_FINANCIAL = r"(?:financial|fin\.?)\s+year|FY"
_SCHOOL_YEAR = re.compile(rf"(?:{_SCHOOL}\s+)?{_YEAR_PAIR}(?:\s+{_SCHOOL})?", re.IGNORECASE)
_YEAR_PAIR_AFTER = _YEAR_PAIR.replace("?P<", "?P<f")  # the same groups, named apart
_FINANCIAL_YEAR = re.compile(
    rf"(?:{_FINANCIAL})\s*{_YEAR_PAIR}|{_YEAR_PAIR_AFTER}\s+(?:{_FINANCIAL})", re.IGNORECASE
)
_TERM = re.compile(
    r"(?P<t>autumn|spring|summer)\s+term[\s,]+(?P<y>[0-9]{4})"
    r"|(?P<h>easter(?:\s+(?:holidays?|hols))?|summer\s+(?:holidays?|hols))[\s,]+(?P<hy>[0-9]{4})",
    re.IGNORECASE,
)
_YEARS_RANGE = re.compile(r"(?P<a>[0-9]{4})\s*[-–—]\s*(?P<b>[0-9]{4})")
# A dash between spaces, an en or em dash anywhere, or a word: never the dash inside
# "01-02-2017" or "Feb-17".
_RANGE = re.compile(r"\s*[–—]\s*|\s+-\s+|\s+(?:to|until|till)\s+", re.IGNORECASE)

_TERM_MONTHS = {"autumn": (9, 12), "spring": (1, 3), "summer": (4, 7)}
_HOLIDAY_MONTHS = {"easter": (3, 4), "summer": (7, 8)}


def parse_record_span(text: str) -> DateSpan:
    """Read an event date as records state it: one date, or a period (see the module).

    Raises DateError with one line naming the text and the forms accepted, or saying
    what is wrong with a real-looking date.
    """
    typed = " ".join(text.split())
    if not typed:
        raise DateError(f"the date is empty — {RECORD_HINT}")
    period = _period(typed)
    if period is not None:
        return period
    halves = _YEARS_RANGE.fullmatch(typed)
    if halves is not None:
        first, second = halves["a"], halves["b"]
    else:
        parts = _RANGE.split(typed, maxsplit=1)
        if len(parts) != 2:
            return DateSpan(parse_uk_date(typed, RECORD_HINT))
        first, second = parts
    start, end = _one(first), _one(second)
    return DateSpan(start.start, end.end or end.start)


def _one(text: str) -> DateSpan:
    """One side of a range: a date or a period of its own."""
    return _period(text) or DateSpan(parse_uk_date(text, RECORD_HINT))


def _months(year: int, first: int, end_year: int, last: int) -> DateSpan:
    return DateSpan(FuzzyDate(year, first), FuzzyDate(end_year, last))


def _period(text: str) -> DateSpan | None:
    """A wording that names a stretch of time, or None."""
    match = _FINANCIAL_YEAR.fullmatch(text)
    year = None if match is None else _first_year(match)
    if year is not None:
        return _months(year, 4, year + 1, 3)
    match = _SCHOOL_YEAR.fullmatch(text)
    year = None if match is None else _first_year(match)
    if year is not None:
        return _months(year, 9, year + 1, 8)
    match = _TERM.fullmatch(text)
    if match is not None:
        if match["t"] is not None:
            first, last = _TERM_MONTHS[match["t"].lower()]
            year = int(match["y"])
        else:
            first, last = _HOLIDAY_MONTHS[match["h"].split()[0].lower()]
            year = int(match["hy"])
        return _months(year, first, year, last)
    return None


def _first_year(match: re.Match[str]) -> int | None:
    """The first year of "2015/16", or None when the second does not follow it
    ("2016/03" is March 2016)."""
    groups = {k.removeprefix("f"): v for k, v in match.groupdict().items() if v is not None}
    year, second = int(groups["y"]), groups.get("y2") or groups["s2"]
    if len(second) == 4:
        return year if int(second) == year + 1 else None
    return year if int(second) == (year + 1) % 100 else None
