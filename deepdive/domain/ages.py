"""The young person's age at a chronology event, from a birth known only to the month.

Ages are whole months from the birth month to the event month; the day is ignored on
both sides, because the birth day is never stored. So a child born in May 2004 is
"14y 0m" throughout May 2018 (the birthday month counts as the new age, although before
the birthday itself they were still 13), and "13y 11m" in April 2018. A 29 February
event is simply an event in February.

When the birth is known only to the year, or the event only to a season, a third or a
year, or the event is "about", "before" or "after" a date, the age is approximate and
shows as "about 14": each side is taken at the middle of what it could mean (a year at
1 July, a season at the middle of its second month, a month at its middle; "before 2014"
at the middle of 2013) and the whole years between them are counted.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from deepdive.domain.dates import MONTH_ABBR, DateError, FuzzyDate, Precision, check_year
from deepdive.domain.dates import quote_for_message as _quote

_BIRTH = re.compile(r"(?P<y>[0-9]{4})(?:-(?P<m>[0-9]{1,2}))?")


@dataclass(frozen=True)
class BirthMonth:
    """A birth known to the month ("2004-05") or only to the year ("2004")."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        check_year(self.year)
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"there is no month {self.month}")

    @classmethod
    def parse(cls, text: str) -> BirthMonth:
        """Read ``2004-05`` or ``2004``; raises DateError naming the text."""
        match = _BIRTH.fullmatch(text.strip())
        if match is None or (match["m"] is not None and not 1 <= int(match["m"]) <= 12):
            raise DateError(
                f"{_quote(text)} is not a birth month DeepDive recognises — "
                "use a form like 2004-05, or 2004 if only the year is known"
            )
        return cls(int(match["y"]), None if match["m"] is None else int(match["m"]))

    def __str__(self) -> str:
        """The canonical form ``2004-05`` or ``2004``."""
        return f"{self.year:04d}" if self.month is None else f"{self.year:04d}-{self.month:02d}"

    def display(self) -> str:
        """The human form: "May 2004" or "2004"."""
        return str(self.year) if self.month is None else f"{MONTH_ABBR[self.month - 1]} {self.year}"


@dataclass(frozen=True)
class Age:
    """An age in whole years and months; ``before_birth`` when the event precedes birth."""

    years: int
    months: int
    approximate: bool = False
    before_birth: bool = False

    def display(self) -> str:
        """The human form: "14y 3m", "about 14", "under 1" or "before birth"."""
        if self.before_birth:
            return "before birth"
        if not self.approximate:
            return f"{self.years}y {self.months}m"
        return "under 1" if self.years == 0 else f"about {self.years}"


def _month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _event_months(when: FuzzyDate) -> tuple[int, int, float]:
    """First and last month index the event could be in, and its middle in months."""
    first, last = when.earliest(), when.latest()
    lo, hi = _month_index(first.year, first.month), _month_index(last.year, last.month)
    # The middle of a span of whole months; +0.5 puts a single month at its middle.
    return lo, hi, (lo + hi) / 2 + 0.5


def age_at(birth: BirthMonth, when: FuzzyDate) -> Age:
    """The age at an event (see the module docstring for how it is counted)."""
    lo, hi, middle = _event_months(when)
    birth_middle: float
    if birth.month is None:
        birth_lo, birth_middle = _month_index(birth.year, 1), _month_index(birth.year, 7)
    else:
        birth_lo = _month_index(birth.year, birth.month)
        birth_middle = birth_lo + 0.5
    # Only an event that certainly ended before the birth month is "before birth".
    if hi < birth_lo:
        return Age(0, 0, approximate=False, before_birth=True)
    exact = (
        birth.month is not None
        and when.precision in (Precision.DAY, Precision.MONTH)
        and not when.approximate
        and when.bound is None
    )
    if exact:
        years, months = divmod(lo - birth_lo, 12)
        return Age(years, months)
    # An uncertain event that may fall after the birth is counted from no earlier than it.
    total = max(0, math.floor(middle - birth_middle))
    years, months = divmod(total, 12)
    return Age(years, months, approximate=True)
