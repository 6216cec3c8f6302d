"""Fuzzy chronology dates: a day, a month, a season or a year, perhaps only "about".

Canonical text forms (stored in the workspace and the demo files; see
docs/demo-format.md, DATES): ``2016-03-14``, ``2016-03``, ``2016``, ``spring 2016``,
each optionally prefixed ``about ``.

Seasons are the UK meteorological ones: spring is March-May, summer June-August,
autumn September-November, and winter is December of its year to February of the
next, so ``winter 2016`` runs from 1 December 2016 to 28 February 2017. Naming winter by
the year it starts in keeps every season's year equal to the year of its first day.

Dates from agency chronologies in other forms (``01/02/2017``, ``Feb-17``, ``c. 2015``)
are read by :func:`deepdive.domain.uk_dates.parse_uk_date`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
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


_SEASON_FIRST_MONTH = {Season.SPRING: 3, Season.SUMMER: 6, Season.AUTUMN: 9, Season.WINTER: 12}
_CYCLE_MONTHS = {Precision.DAY: 0, Precision.MONTH: 1, Precision.SEASON: 3, Precision.YEAR: 12}
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


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def check_real_day(year: int, month: int, day: int) -> None:
    """Raise DateError unless the day exists ("31 February 2017 is not a real date")."""
    if 1 <= day <= _last_day(year, month):
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


_CANONICAL = re.compile(
    r"(?:(?P<about>about)\s+)?"
    r"(?:(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{1,2})(?:-(?P<day>[0-9]{1,2}))?)?"
    r"|(?P<season>spring|summer|autumn|winter)\s+(?P<syear>[0-9]{4}))",
    re.IGNORECASE,
)


def quote_for_message(text: str) -> str:
    """The text quoted for a one-line message: whitespace collapsed, long text cut short."""
    flat = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
    if len(flat) > 40:
        flat = flat[:39] + "…"
    return f"'{flat}'"


@dataclass(frozen=True)
class FuzzyDate:
    """A chronology date known to the day, month, season or year, perhaps only "about".

    ``month`` and ``day`` are set only for day/month precision; ``season`` only for
    season precision. The constructor checks the date is real and raises DateError.
    """

    year: int
    month: int | None = None
    day: int | None = None
    season: Season | None = None
    approximate: bool = False

    def __post_init__(self) -> None:
        if self.season is not None and not isinstance(self.season, Season):
            # Callers may pass "spring"; keep the enum so `is Season.WINTER` holds.
            if self.season not in set(Season):
                raise DateError(f"there is no season called {self.season!r}")
            object.__setattr__(self, "season", Season(self.season))
        check_year(self.year)
        if self.season is not None and (self.month is not None or self.day is not None):
            raise DateError("a season date cannot also have a month or day")
        if self.day is not None and self.month is None:
            raise DateError("a date with a day needs a month too")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"there is no month {self.month}")
        if self.day is not None and self.month is not None:
            check_real_day(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, day: date, approximate: bool = False) -> FuzzyDate:
        """An exact (day-precision) date."""
        return cls(day.year, day.month, day.day, approximate=approximate)

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Read a canonical form: ``2016-03-14``, ``2016-03``, ``2016``, ``spring 2016``,
        each optionally prefixed ``about ``. Raises DateError naming the text."""
        match = _CANONICAL.fullmatch(text.strip())
        if match is None:
            raise DateError(
                f"{quote_for_message(text)} is not a date DeepDive recognises — {CANONICAL_HINT}"
            )
        approximate = match["about"] is not None
        if match["season"] is not None:
            season = Season(match["season"].lower())
            return cls(int(match["syear"]), season=season, approximate=approximate)
        month = None if match["month"] is None else int(match["month"])
        day = None if match["day"] is None else int(match["day"])
        # Month 13 or day 32 is a malformed text, not an unreal date: say what forms work.
        if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
            raise DateError(
                f"{quote_for_message(text)} is not a date DeepDive recognises — {CANONICAL_HINT}"
            )
        return cls(int(match["year"]), month, day, approximate=approximate)

    @classmethod
    def split_leading(cls, text: str) -> tuple[FuzzyDate, str] | None:
        """A canonical date at the start of ``text`` and what follows it, or None."""
        match = _CANONICAL.match(text)
        if match is None or text[match.end() : match.end() + 1] not in ("", " "):
            return None
        try:
            return cls.parse(match.group()), text[match.end() :].lstrip(" ")
        except DateError:
            return None

    @property
    def precision(self) -> Precision:
        """How much of the date is known."""
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        if self.season is not None:
            return Precision.SEASON
        return Precision.YEAR

    def __str__(self) -> str:
        """The canonical form, which :meth:`parse` reads back to an equal date."""
        if self.season is not None:
            core = f"{self.season.value} {self.year:04d}"
        elif self.month is None:
            core = f"{self.year:04d}"
        elif self.day is None:
            core = f"{self.year:04d}-{self.month:02d}"
        else:
            core = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return f"about {core}" if self.approximate else core

    def _human(self, months: tuple[str, ...]) -> str:
        if self.season is Season.WINTER:
            # "winter 2016" alone reads as early 2016 to many people; name both years.
            core = f"winter {self.year}/{(self.year + 1) % 100:02d}"
        elif self.season is not None:
            core = f"{self.season.value} {self.year}"
        elif self.month is None:
            core = str(self.year)
        elif self.day is None:
            core = f"{months[self.month - 1]} {self.year}"
        else:
            core = f"{self.day} {months[self.month - 1]} {self.year}"
        return f"about {core}" if self.approximate else core

    def display(self) -> str:
        """The human form: "14 Mar 2016", "Mar 2016", "2016", "spring 2016",
        "winter 2016/17", "about Mar 2016"."""
        return self._human(MONTH_ABBR)

    def long_display(self) -> str:
        """The human form with full month names, for sentences: "14 March 2016"."""
        return self._human(MONTH_NAMES)

    def earliest(self) -> date:
        """The first day the date could mean."""
        if self.season is not None:
            return date(self.year, self.season.first_month, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day the date could mean (winter ends in February of the next year)."""
        if self.season is not None:
            first = self.season.first_month
            year, month = (self.year + 1, 2) if first == 12 else (self.year, first + 2)
            return date(year, month, _last_day(year, month))
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, self.day or _last_day(self.year, self.month))

    def sort_key(self) -> str:
        """A string whose order is chronology order (ties: keep insertion order).

        The rule: a date sorts at the START of the span it could mean, and among dates
        that start on the same day the shorter span (the more precise date) comes first.
        So 1 Mar 2016 < Mar 2016 < spring 2016 < 2 Mar 2016, and 1 Jan 2016 < Jan 2016 <
        2016 < 2 Jan 2016. "about" does not change the order.
        The key is "<earliest>/<latest>" in ISO form, which sorts correctly as text.
        """
        return f"{self.earliest().isoformat()}/{self.latest().isoformat()}"

    def shifted(self, days: int) -> FuzzyDate:
        """The date moved by ``days``, keeping its precision and "about".

        A day moves by exactly ``days``. A coarser date moves by the whole number of its
        own cycles (:attr:`Precision.cycle_months`) nearest to ``days``, and never by
        none unless ``days`` is 0: its first day moves by that many months and the date
        of the same precision that starts there is the result. So no date shifted by a
        non-zero number of days keeps its real value at its own precision, and two
        dates of the same precision keep their distance exactly (two years stay two
        years apart, two seasons two seasons). A date form added later needs only its
        cycle and a way to rebuild itself from its moved first day.

        Raises DateError if the result falls outside the accepted years.
        """
        precision = self.precision
        try:
            if precision is Precision.DAY:
                return FuzzyDate.from_date(self.earliest() + timedelta(days=days), self.approximate)
            cycle = precision.cycle_months
            moved = add_months(self.earliest(), whole_cycles(days, cycle) * cycle)
        except (OverflowError, ValueError):
            raise DateError("the shifted date is outside the dates DeepDive accepts") from None
        return self._same_precision_at(moved)

    def _same_precision_at(self, first: date) -> FuzzyDate:
        """The date of this one's precision (and "about") that starts on ``first``."""
        match self.precision:
            case Precision.MONTH:
                return FuzzyDate(first.year, first.month, approximate=self.approximate)
            case Precision.SEASON:
                season, year = Season.containing(first)
                return FuzzyDate(year, season=season, approximate=self.approximate)
            case _:
                return FuzzyDate(first.year, approximate=self.approximate)


@dataclass(frozen=True)
class DateSpan:
    """An event's date: one fuzzy date, or a period from ``start`` to ``end``.

    The end may overlap the start's span ("2016" to "Mar 2016") but not lie wholly before it.
    """

    start: FuzzyDate
    end: FuzzyDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.latest() < self.start.earliest():
            raise DateError(
                f"the end ({self.end.long_display()}) is before "
                f"the start ({self.start.long_display()})"
            )

    @classmethod
    def parse(cls, start_text: str, end_text: str | None = None) -> DateSpan:
        """Read canonical start and optional end texts; a blank end means no end."""
        start = FuzzyDate.parse(start_text)
        if end_text is None or not end_text.strip():
            return cls(start)
        return cls(start, FuzzyDate.parse(end_text))

    @property
    def is_period(self) -> bool:
        """True when the event has an end date."""
        return self.end is not None

    def display(self) -> str:
        """The human form: "Mar 2016 – Sep 2016" for a period, else the start's."""
        if self.end is None:
            return self.start.display()
        return f"{self.start.display()} – {self.end.display()}"

    def sort_key(self) -> str:
        """The start's sort key: a period sorts where it begins."""
        return self.start.sort_key()
