"""Fuzzy chronology dates: a day, a month, a season, a third of a year or a year,
perhaps only "about", or only known to be before or after one of those.

Canonical text forms (stored in the workspace and the demo files; see
docs/demo-format.md, DATES): ``2016-03-14``, ``2016-03``, ``2016``, ``spring 2016``,
``early 2016``, each optionally prefixed ``about ``, ``before `` or ``after ``.

The thirds of a year are the ones records mean by "early", "mid" and "late": January to
April, May to August and September to December. "before 2014" and "after March 2016" are
open-ended: they sort just before (or after) the date they name, and the span they are
drawn with is one of its own cycles beyond it (the year before 2014, the month after
March 2016), since records rarely say how long before.

Seasons are the UK meteorological ones: spring is March-May, summer June-August,
autumn September-November, and winter is December of its year to February of the
next, so ``winter 2016`` runs from 1 December 2016 to 28 February 2017. Naming winter by
the year it starts in keeps every season's year equal to the year of its first day.

Dates from agency chronologies in other forms (``01/02/2017``, ``Feb-17``, ``c. 2015``)
are read by :func:`deepdive.domain.uk_dates.parse_uk_date`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from deepdive.domain.calendar_units import (  # re-exported: the one place to import dates from
    CANONICAL_HINT,
    DAYS_PER_MONTH,
    MAX_YEAR,
    MIN_YEAR,
    MONTH_ABBR,
    MONTH_NAMES,
    Bound,
    DateError,
    Part,
    Precision,
    Season,
    add_months,
    check_real_day,
    check_year,
    last_day,
    whole_cycles,
)

__all__ = [
    "CANONICAL_HINT",
    "DAYS_PER_MONTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "MONTH_ABBR",
    "MONTH_NAMES",
    "Bound",
    "DateError",
    "DateSpan",
    "FuzzyDate",
    "Part",
    "Precision",
    "Season",
    "add_months",
    "check_real_day",
    "check_year",
    "quote_for_message",
    "whole_cycles",
]

_CANONICAL = re.compile(
    r"(?:(?:(?P<about>about)|(?P<bound>before|after))\s+)?"
    r"(?:(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{1,2})(?:-(?P<day>[0-9]{1,2}))?)?"
    r"|(?P<season>spring|summer|autumn|winter)\s+(?P<syear>[0-9]{4})"
    r"|(?P<part>early|mid|late)\s+(?P<pyear>[0-9]{4}))",
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
    """A chronology date known to the day, month, season, third or year, perhaps only
    "about", or only "before" or "after" it (``bound``).

    ``month`` and ``day`` are set only for day/month precision; ``season`` only for
    season precision; ``part`` only for a third of a year. The constructor checks the
    date is real and raises DateError.
    """

    year: int
    month: int | None = None
    day: int | None = None
    season: Season | None = None
    approximate: bool = False
    part: Part | None = None
    bound: Bound | None = None

    def __post_init__(self) -> None:
        if self.season is not None and not isinstance(self.season, Season):
            # Callers may pass "spring"; keep the enum so `is Season.WINTER` holds.
            if self.season not in set(Season):
                raise DateError(f"there is no season called {self.season!r}")
            object.__setattr__(self, "season", Season(self.season))
        if self.part is not None and not isinstance(self.part, Part):
            object.__setattr__(self, "part", Part(self.part))
        if self.bound is not None and not isinstance(self.bound, Bound):
            object.__setattr__(self, "bound", Bound(self.bound))
        check_year(self.year)
        if self.season is not None and (self.month is not None or self.day is not None):
            raise DateError("a season date cannot also have a month or day")
        if self.part is not None and (self.season, self.month) != (None, None):
            raise DateError("early, mid or late in a year cannot also have a season or month")
        if self.bound is not None and self.approximate:
            raise DateError(f"a date cannot be both 'about' and '{self.bound.value}'")
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
        ``early 2016``, each optionally prefixed ``about ``, ``before `` or ``after ``.
        Raises DateError naming the text."""
        match = _CANONICAL.fullmatch(text.strip())
        if match is None:
            raise DateError(
                f"{quote_for_message(text)} is not a date DeepDive recognises — {CANONICAL_HINT}"
            )
        approximate = match["about"] is not None
        bound = None if match["bound"] is None else Bound(match["bound"].lower())
        if match["season"] is not None:
            season = Season(match["season"].lower())
            return cls(int(match["syear"]), season=season, approximate=approximate, bound=bound)
        if match["part"] is not None:
            part = Part(match["part"].lower())
            return cls(int(match["pyear"]), part=part, approximate=approximate, bound=bound)
        month = None if match["month"] is None else int(match["month"])
        day = None if match["day"] is None else int(match["day"])
        # Month 13 or day 32 is a malformed text, not an unreal date: say what forms work.
        if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
            raise DateError(
                f"{quote_for_message(text)} is not a date DeepDive recognises — {CANONICAL_HINT}"
            )
        return cls(int(match["year"]), month, day, approximate=approximate, bound=bound)

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
        if self.part is not None:
            return Precision.THIRD
        return Precision.YEAR

    def __str__(self) -> str:
        """The canonical form, which :meth:`parse` reads back to an equal date."""
        if self.season is not None:
            core = f"{self.season.value} {self.year:04d}"
        elif self.part is not None:
            core = f"{self.part.value} {self.year:04d}"
        elif self.month is None:
            core = f"{self.year:04d}"
        elif self.day is None:
            core = f"{self.year:04d}-{self.month:02d}"
        else:
            core = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        return self._qualified(core)

    def _qualified(self, core: str) -> str:
        if self.bound is not None:
            return f"{self.bound.value} {core}"
        return f"about {core}" if self.approximate else core

    def _human(self, months: tuple[str, ...]) -> str:
        if self.season is Season.WINTER:
            # "winter 2016" alone reads as early 2016 to many people; name both years.
            core = f"winter {self.year}/{(self.year + 1) % 100:02d}"
        elif self.season is not None:
            core = f"{self.season.value} {self.year}"
        elif self.part is not None:
            core = f"{self.part.value} {self.year}"
        elif self.month is None:
            core = str(self.year)
        elif self.day is None:
            core = f"{months[self.month - 1]} {self.year}"
        else:
            core = f"{self.day} {months[self.month - 1]} {self.year}"
        return self._qualified(core)

    def display(self) -> str:
        """The human form: "14 Mar 2016", "Mar 2016", "2016", "spring 2016",
        "winter 2016/17", "early 2016", "about Mar 2016", "before 2014"."""
        return self._human(MONTH_ABBR)

    def long_display(self) -> str:
        """The human form with full month names, for sentences: "14 March 2016"."""
        return self._human(MONTH_NAMES)

    def earliest(self) -> date:
        """The first day the date could mean (for "before" a date, one of its cycles
        before it: "before 2014" is drawn over 2013)."""
        if self.bound is Bound.BEFORE:
            return self._beyond(-1)
        if self.bound is Bound.AFTER:
            return self._named_latest() + timedelta(days=1)
        return self._named_earliest()

    def latest(self) -> date:
        """The last day the date could mean (winter ends in February of the next year;
        for "after" a date, the end of one of its cycles after it)."""
        if self.bound is Bound.BEFORE:
            return self._named_earliest() - timedelta(days=1)
        if self.bound is Bound.AFTER:
            return self._beyond(1)
        return self._named_latest()

    def _named_earliest(self) -> date:
        """The first day of the date named, before or after aside."""
        if self.season is not None:
            return date(self.year, self.season.first_month, 1)
        if self.part is not None:
            return date(self.year, self.part.first_month, 1)
        return date(self.year, self.month or 1, self.day or 1)

    def _named_latest(self) -> date:
        if self.season is not None or self.part is not None:
            first = self._named_earliest()
            last = add_months(first, self.precision.cycle_months) - timedelta(days=1)
            return last
        if self.month is None:
            return date(self.year, 12, 31)
        return date(self.year, self.month, self.day or last_day(self.year, self.month))

    def _beyond(self, direction: int) -> date:
        """The far end of one cycle of this date's precision (a month for a day) beyond
        the date named, in ``direction`` (-1 before, 1 after)."""
        months = max(1, self.precision.cycle_months)
        try:
            if direction < 0:
                return add_months(self._named_earliest(), -months)
            return add_months(self._named_latest(), months + 1) - timedelta(days=1)
        except ValueError:  # beyond year 1 or 9999: the date's own edge will do
            return self._named_earliest() if direction < 0 else self._named_latest()

    def sort_key(self) -> str:
        """A string whose order is chronology order (ties: keep insertion order).

        The rule: a date sorts at the START of the span it could mean, and among dates
        that start on the same day the shorter span (the more precise date) comes first.
        So 1 Mar 2016 < Mar 2016 < spring 2016 < 2 Mar 2016, and 1 Jan 2016 < Jan 2016 <
        2016 < 2 Jan 2016. "about" does not change the order. "before 2014" sorts just
        before 2014 (at the last day of 2013) and "after 2014" just after it.
        The key is "<earliest>/<latest>" in ISO form, which sorts correctly as text.
        """
        if self.bound is Bound.BEFORE:
            edge = self.latest().isoformat()
            return f"{edge}/{edge}"
        if self.bound is Bound.AFTER:
            edge = self.earliest().isoformat()
            return f"{edge}/{edge}"
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

        "before" and "after" move with the date they name.

        Raises DateError if the result falls outside the accepted years.
        """
        precision = self.precision
        try:
            if precision is Precision.DAY:
                moved_day = FuzzyDate.from_date(self._named_earliest() + timedelta(days=days))
                return replace(moved_day, approximate=self.approximate, bound=self.bound)
            cycle = precision.cycle_months
            moved = add_months(self._named_earliest(), whole_cycles(days, cycle) * cycle)
        except (OverflowError, ValueError):
            raise DateError("the shifted date is outside the dates DeepDive accepts") from None
        return replace(
            self._same_precision_at(moved), approximate=self.approximate, bound=self.bound
        )

    def _same_precision_at(self, first: date) -> FuzzyDate:
        """The date of this one's precision that starts on ``first``."""
        match self.precision:
            case Precision.MONTH:
                return FuzzyDate(first.year, first.month)
            case Precision.SEASON:
                season, year = Season.containing(first)
                return FuzzyDate(year, season=season)
            case Precision.THIRD:
                return FuzzyDate(first.year, part=Part.containing(first.month))
            case _:
                return FuzzyDate(first.year)


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
