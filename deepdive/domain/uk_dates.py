"""Reading dates as agencies write them in the chronologies DeepDive imports.

Day first, as in the UK: ``01/02/2017`` and ``1/2/17`` are 1 February 2017. Accepted:

- numeric ``01/02/2017``, ``1/2/17``, ``01-02-2017``, ``01.02.2017`` (one separator kind);
- an unknown day ``?/03/2016``, ``??/03/2016``, ``xx/03/2016`` → about March 2016, and
  an unknown day and month ``??/??/2016`` → about 2016;
- month and year ``02/2017`` (four-digit year only: ``02/17`` could be a day and month);
- ISO ``2017-02-01``, ``2017-02``, ``2017/02/01``, and a year ``2017``;
- named months ``1 Feb 2017``, ``1st February 2017``, ``1-Feb-17``, ``February 2017``,
  ``Feb 2017``, ``Feb-17`` (any start of a month name of 3+ letters: ``Sept``);
- seasons ``Spring 2017``, ``winter 2016/17`` (see :mod:`deepdive.domain.dates`);
- thirds of a year ``early 2016``, ``mid-2016``, ``late 2016``;
- any of these after ``about``, ``approx.``, ``approximately``, ``around``, ``c.``,
  ``ca.`` or ``circa`` (→ "about"), or after ``before``, ``after``, ``pre-``,
  ``post-`` or ``prior to`` (open-ended), and a trailing time of day as spreadsheets
  export it (``01/02/2017 00:00``), which is ignored.

Periods as records write them (``summer term 2016``, ``2015/16``, ``2014 to 2015``)
are read by :mod:`deepdive.domain.record_dates`.

Two-digit years 00-69 are 2000-2069 and 70-99 are 1970-1999: children's chronologies are
about this century, while parents' histories reach back to the 1970s.
"""

from __future__ import annotations

import re

from deepdive.domain.dates import (
    MONTH_NAMES,
    Bound,
    DateError,
    FuzzyDate,
    Part,
    Season,
    quote_for_message,
)

UK_HINT = "use a form like 14/03/2016, Mar 2016 or 2016"

_APPROX = re.compile(
    r"(?:c|ca|circa|approx|approximately|about|around)(?:\.\s*|\s+)|(?:c|ca)(?=[0-9])|~\s*",
    re.IGNORECASE,
)
_BOUND = re.compile(
    r"(?P<b>before|after|pre|post|prior\s+to)(?:\s*-\s*|\s+|(?=[0-9]))", re.IGNORECASE
)
_BOUNDS = {"before": Bound.BEFORE, "pre": Bound.BEFORE, "after": Bound.AFTER, "post": Bound.AFTER}
_TIME = re.compile(r"(?:\s+|T)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?$", re.IGNORECASE)
_UNKNOWN = r"\?{1,2}|x{1,2}"
_Y = r"(?P<y>[0-9]{4}|[0-9]{2})"
_FORMS = [
    re.compile(
        r"(?P<y>[0-9]{4})(?:(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?:(?P=sep)(?P<d>[0-9]{1,2}))?)?"
    ),
    re.compile(
        rf"(?P<d>[0-9]{{1,2}}|{_UNKNOWN})(?P<sep>[-/.])(?P<m>[0-9]{{1,2}}|{_UNKNOWN})(?P=sep){_Y}",
        re.IGNORECASE,
    ),
    re.compile(r"(?P<m>[0-9]{1,2})[-/.](?P<y>[0-9]{4})"),
    re.compile(
        rf"(?P<s>spring|summer|autumn|winter)[\s-]+{_Y}(?:[/-](?P<y2>[0-9]{{4}}|[0-9]{{2}}))?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?P<p>early|mid|late)(?:[\s-]+in)?[\s-]+{_Y}", re.IGNORECASE),
    re.compile(
        r"(?:(?P<d>[0-9]{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s/-]*)?"  # "1st of", "1-", optional
        rf"(?P<mn>[a-z]{{3,}})\.?,?[\s/-]*{_Y}",  # "February 2017", "Feb-17", "Sept. 16"
        re.IGNORECASE,
    ),
]


def expand_year(text: str) -> int:
    """A year from four digits, or two digits as 00-69 → 2000s, 70-99 → 1900s."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def month_from_name(name: str) -> int | None:
    """The month for a name or its start of 3+ letters ("Feb", "Sept", "february")."""
    lowered = name.lower()
    if len(lowered) < 3:
        return None
    for number, full in enumerate(MONTH_NAMES, start=1):
        if full.lower().startswith(lowered):
            return number
    return None


class _NotAForm(Exception):
    """The text is in none of the forms DeepDive reads (turned into a DateError)."""


def parse_uk_date(text: str, hint: str = UK_HINT) -> FuzzyDate:
    """Read a date as written in an agency chronology (see the module docstring).

    Raises DateError naming the text when the form is not recognised (ending with
    ``hint``, the forms to use), or saying the date is not real ("29 February 2019 is
    not a real date (2019 is not a leap year)").
    """
    rest = text.strip()
    if not rest:
        raise DateError(f"the date is empty — {hint}")
    try:
        bound, approximate, rest = _qualifiers(rest)
        parts = _form_parts(_TIME.sub("", rest))
        year = expand_year(str(parts["y"]))  # every form has a year
        part = parts.get("p")
        if part is not None:
            return FuzzyDate(year, part=Part(part.lower()), approximate=approximate, bound=bound)
        if parts.get("s") is not None:
            season = _season(parts, year)
            return FuzzyDate(year, season=season, approximate=approximate, bound=bound)
        return _day_month_date(parts, year, approximate, bound)
    except _NotAForm:
        raise DateError(
            f"{quote_for_message(text)} is not a date DeepDive recognises — {hint}"
        ) from None


def _qualifiers(text: str) -> tuple[Bound | None, bool, str]:
    """ "before", "after" and "about" in front of the date, and what follows them."""
    bound: Bound | None = None
    marked = _BOUND.match(text)
    if marked is not None:
        word = marked["b"].lower()
        bound = Bound.BEFORE if word.startswith("prior") else _BOUNDS[word]
        text = text[marked.end() :].strip()
    prefix = _APPROX.match(text)
    if prefix is None:
        return bound, False, text
    if bound is not None:  # "before about 2014" says no more than "before 2014"
        raise _NotAForm
    return bound, True, text[prefix.end() :].strip()


def _form_parts(text: str) -> dict[str, str | None]:
    """The named parts of the first form ``text`` is written in."""
    for form in _FORMS:
        match = form.fullmatch(text)
        if match is not None:
            return match.groupdict()
    raise _NotAForm


def _season(parts: dict[str, str | None], year: int) -> Season:
    season = Season(str(parts["s"]).lower())
    # Only winter spans two years ("winter 2016/17"), and the second follows the first.
    second = parts.get("y2")
    if second is not None and (
        season is not Season.WINTER or expand_year(second) % 100 != (year + 1) % 100
    ):
        raise _NotAForm
    return season


def _day_month_date(
    parts: dict[str, str | None], year: int, approximate: bool, bound: Bound | None
) -> FuzzyDate:
    """A date written with a month (a name or figures) and perhaps a day."""
    day_text, month_text, month_name = parts.get("d"), parts.get("m"), parts.get("mn")
    if month_name is not None:
        month: int | None = month_from_name(month_name)
        if month is None:
            raise _NotAForm
    elif month_text is None or not month_text.isdigit():
        month = None
        if month_text is not None:  # "??/??/2016": the day must be unknown too.
            if day_text is not None and day_text.isdigit():
                raise _NotAForm
            return FuzzyDate(year, approximate=bound is None, bound=bound)
    else:
        month = int(month_text)

    day: int | None = None
    if day_text is not None:
        if day_text.isdigit():
            day = int(day_text)
        else:
            approximate = True  # "?/03/2016": some day that month, not recorded

    # Day 32 or month 13 is not a date at all, so name the forms that work; day 31 in
    # a 30-day month is a real-looking date that does not exist, said plainly instead.
    if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
        raise _NotAForm
    if bound is not None and approximate:  # "before ?/03/2016": before March, then
        return FuzzyDate(year, month, bound=bound)
    return FuzzyDate(year, month, day, approximate=approximate, bound=bound)
