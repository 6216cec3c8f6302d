"""The calendar that chronology dates are measured in: month names, precisions,
UK meteorological seasons, thirds of a year, "before"/"after" bounds, the years
DeepDive accepts, and whole cycles of months (how a shifted export moves a coarse
date). :mod:`deepdive.domain.dates` builds its fuzzy dates on these.
"""

from __future__ import annotations

import calendar
from datetime import date
from enum import StrEnum

from deepdive.errors import DeepDiveError

# Chronologies reach back to parents' and grandparents' histories but never to the
# 1800s; a year outside this range is almost always a typing slip ("2106", "0216").
MIN_YEAR = 1900
MAX_YEAR = 2099

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# Spelled out rather than taken from calendar.month_name, which follows the locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

CANONICAL_HINT = "use a form like 2016-03-14, 2016-03, 2016 or spring 2016"


class DateError(DeepDiveError):
    """A date that cannot be read or is not real; the message is one line for the user."""


class Precision(StrEnum):
    """How much of a date is known."""

    DAY = "day"
    MONTH = "month"
    SEASON = "season"
    THIRD = "third"  # early, mid or late in a year
    YEAR = "year"

    @property
    def cycle_months(self) -> int:
        """How many months a date of this precision repeats after (0 for a day): a month
        every month, a season every three, a year every twelve. Shifting moves a coarse
        date by whole cycles, so it keeps its kind and always lands on a real label."""
        return _CYCLE_MONTHS[self]


class Season(StrEnum):
    """A UK meteorological season (winter starts in December of its year)."""

    SPRING = "spring"
    SUMMER = "summer"
    AUTUMN = "autumn"
    WINTER = "winter"

    @property
    def first_month(self) -> int:
        """The month the season starts in (winter: December of its year)."""
        return _SEASON_FIRST_MONTH[self]

    @classmethod
    def containing(cls, day: date) -> tuple[Season, int]:
        """The season a day falls in, with the season's year (January 2017 → winter 2016)."""
        if day.month <= 2:
            return cls.WINTER, day.year - 1
        for season in (cls.WINTER, cls.AUTUMN, cls.SUMMER, cls.SPRING):
            if day.month >= season.first_month:
                return season, day.year
        raise AssertionError("unreachable")  # pragma: no cover


class Part(StrEnum):
    """A third of a year as records say it: early (Jan-Apr), mid (May-Aug), late (Sep-Dec)."""

    EARLY = "early"
    MID = "mid"
    LATE = "late"

    @property
    def first_month(self) -> int:
        """The month the third starts in."""
        return _PART_FIRST_MONTH[self]

    @classmethod
    def containing(cls, month: int) -> Part:
        """The third a month falls in."""
        return (cls.EARLY, cls.MID, cls.LATE)[(month - 1) // 4]


class Bound(StrEnum):
    """An open-ended date: only known to be before or after the date it names."""

    BEFORE = "before"
    AFTER = "after"


_SEASON_FIRST_MONTH = {Season.SPRING: 3, Season.SUMMER: 6, Season.AUTUMN: 9, Season.WINTER: 12}
_PART_FIRST_MONTH = {Part.EARLY: 1, Part.MID: 5, Part.LATE: 9}
_CYCLE_MONTHS = {
    Precision.DAY: 0,
    Precision.MONTH: 1,
    Precision.SEASON: 3,
    Precision.THIRD: 4,
    Precision.YEAR: 12,
}
# The mean length of a month in the Gregorian calendar (400 years have 146,097 days).
DAYS_PER_MONTH = 146097 / 4800


def whole_cycles(days: int, cycle_months: int) -> int:
    """The whole number of cycles of ``cycle_months`` months nearest to ``days`` days,
    never 0 unless ``days`` is 0 (so a shift always changes a coarse date)."""
    if days == 0:
        return 0
    cycles = round(days / (cycle_months * DAYS_PER_MONTH))
    if cycles == 0:
        cycles = 1 if days > 0 else -1
    return cycles


def add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, 1)


def last_day(year: int, month: int) -> int:
    """The last day of the month (28 to 31)."""
    return calendar.monthrange(year, month)[1]


def check_real_day(year: int, month: int, day: int) -> None:
    """Raise DateError unless the day exists ("31 February 2017 is not a real date")."""
    if 1 <= day <= last_day(year, month):
        return
    message = f"{day} {MONTH_NAMES[month - 1]} {year} is not a real date"
    if month == 2 and day == 29:
        message += f" ({year} is not a leap year)"
    raise DateError(message)


def check_year(year: int) -> None:
    """Raise DateError for a year DeepDive does not accept."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateError(
            f"the year {year} is outside the years DeepDive accepts ({MIN_YEAR}–{MAX_YEAR})"
        )
