"""Moving a date written in free text by the export offset, at its own precision and in
its own wording ("14 March 2016", "Sept '16", "spring 2016", "Q1 2016", "the 2010s",
"Christmas Day 2016", "a Friday"), for :class:`deepdive.export.dates.DatePresenter`."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from deepdive.domain.dates import MONTH_NAMES, DateError, FuzzyDate, Season, whole_cycles
from deepdive.export.date_wording import WEEKDAYS, long_date
from deepdive.export.relative_words import NOT_SHOWN
from deepdive.export.textdates import DateKind, TextDate

# A term or holiday keeps its year (moved), not its name.
_NEUTRAL_NAME = {DateKind.HOLIDAY: "[holiday]", DateKind.TERM: "[school term]"}


def shifted_text(text: str, item: TextDate, offset: int, context: FuzzyDate | None) -> str:
    """``item`` of ``text`` moved by ``offset`` days, at its own precision and in its
    own wording (NOT_SHOWN when it cannot be moved)."""
    try:
        match item.kind:
            case DateKind.FULL:
                new = item.full_date + timedelta(days=offset)
                shown = item.reworded(text, year=new.year, month=new.month, day=new.day)
                return shown + _month_if_apart(item, new, offset, context)
            case DateKind.MONTH_YEAR:
                assert item.year is not None
                moved = FuzzyDate(item.year, item.month).shifted(offset)
                return item.reworded(text, year=moved.year, month=moved.month)
            case DateKind.SEASON:
                assert item.year is not None and item.season is not None
                moved = FuzzyDate(item.year, season=item.season).shifted(offset)
                winter = moved.season is Season.WINTER
                second = moved.year + 1 if item.year2 is not None and winter else None
                return item.reworded(text, year=moved.year, season=moved.season, year2=second)
            case DateKind.YEAR:
                assert item.year is not None
                years = whole_cycles(offset, 12)
                second = item.year2 + years if item.year2 is not None else None
                return item.reworded(text, year=item.year + years, year2=second)
            case DateKind.QUARTER:
                assert item.year is not None and item.month is not None
                months = item.year * 12 + item.month - 1 + 3 * whole_cycles(offset, 3)
                year, month = divmod(months, 12)
                return item.reworded(text, year=year, quarter=month // 3 + 1)
            case DateKind.DECADE:
                assert item.year is not None
                return item.reworded(text, year=item.year + 10 * whole_cycles(offset, 120))
            case DateKind.DAY_MONTH | DateKind.NAMED_DAY:
                return _shifted_day(text, item, offset, context)
            case DateKind.MONTH:
                assert item.month is not None
                month = (item.month - 1 + whole_cycles(offset, 1)) % 12 + 1
                return item.reworded(text, month=month)
            case DateKind.HOLIDAY | DateKind.TERM:
                later = item.year + whole_cycles(offset, 12) if item.year else None
                return item.reworded(text, year=later, name=_NEUTRAL_NAME[item.kind])
            case DateKind.WEEKDAY:
                assert item.day is not None
                written = item.parts[0].text
                day = WEEKDAYS[(item.day + offset) % 7] + ("s" if written.endswith("s") else "")
                return day.upper() if written.isupper() else day
    except (DateError, ValueError, OverflowError):
        pass
    return NOT_SHOWN


def _month_if_apart(item: TextDate, new: date, offset: int, context: FuzzyDate | None) -> str:
    """For a range's first day written without its month ("14" in "14-16 March"):
    the month, when the range now starts in another month than it ends."""
    end = item.leans_on
    if end is None or any(p.role in ("month", "month-number") for p in item.parts):
        return ""
    when = fuzzy_of(end, False, context)
    if when is None:
        return ""
    ends = when.earliest() + timedelta(days=offset)
    return "" if ends.month == new.month else f" {MONTH_NAMES[new.month - 1]}"


def _shifted_day(text: str, item: TextDate, offset: int, context: FuzzyDate | None) -> str:
    """A day and month, or a named day ("Christmas Day 2016" → "3 June 2019")."""
    assert item.month is not None and item.day is not None
    if item.kind is DateKind.NAMED_DAY and item.year is not None:
        return long_date(item.full_date + timedelta(days=offset))
    # In the year the text is about, else a leap year only for 29 February.
    placed = fuzzy_of(replace(item, kind=DateKind.DAY_MONTH), False, context)
    year = 2000 if (item.month, item.day) == (2, 29) else 2001
    when = placed.earliest() if placed else date(year, item.month, item.day)
    new = when + timedelta(days=offset)
    if item.kind is DateKind.NAMED_DAY:
        return f"{new.day} {MONTH_NAMES[new.month - 1]}"
    return item.reworded(text, month=new.month, day=new.day)


def fuzzy_of(item: TextDate, approximate: bool, context: FuzzyDate | None) -> FuzzyDate | None:
    """What a date in text means as a chronology date (None: a day or month with no
    year and nothing to place it by)."""
    match item.kind:
        case DateKind.FULL:
            return FuzzyDate.from_date(item.full_date, approximate)
        case DateKind.MONTH_YEAR:
            assert item.year is not None
            return FuzzyDate(item.year, item.month, approximate=approximate)
        case DateKind.SEASON:
            assert item.year is not None
            return FuzzyDate(item.year, season=item.season, approximate=approximate)
        case DateKind.YEAR:
            assert item.year is not None
            return FuzzyDate(item.year, approximate=approximate)
        case DateKind.QUARTER:
            assert item.year is not None
            return FuzzyDate(item.year, item.month, approximate=True)
    if context is None:
        return None
    assert item.month is not None
    near = context.earliest()
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append(date(year, item.month, item.day or 1))
        except ValueError:
            continue
    nearest = min(options, key=lambda d: (abs((d - near).days), d < near))
    if item.kind is DateKind.DAY_MONTH:
        return FuzzyDate.from_date(nearest, approximate)
    return FuzzyDate(nearest.year, nearest.month, approximate=approximate)
