"""A date written in free text (:class:`TextDate`): where it is, what it means, and its
wording, so that another value can be written in the same style ("26 February 2018" →
"3 March 2019", "Feb 2018" → "Mar 2019", "2/1/2019" → "8/3/2020"). The dates are found
by :func:`~deepdive.export.textdates.find_dates`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from deepdive.domain.dates import MONTH_ABBR, MONTH_NAMES, Season

_FULL_NAMES = frozenset(name.lower() for name in MONTH_NAMES)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DateKind(Enum):
    """How much a date in text says."""

    FULL = "full"
    """Day, month and year."""
    MONTH_YEAR = "month-year"
    SEASON = "season"
    YEAR = "year"
    """A year, or a year pair ("2015/16") with :attr:`TextDate.year2`."""
    DAY_MONTH = "day-month"
    """A day and month with no year."""
    MONTH = "month"
    """A month with no year."""
    NAMED_DAY = "named-day"
    """A day known by its name ("Christmas Day"), with or without a year."""
    HOLIDAY = "holiday"
    """A holiday or festival that is a time ("Easter", "half term"), maybe with a year."""
    TERM = "term"
    """A school term ("the spring term"), maybe with a year."""
    WEEKDAY = "weekday"
    """A weekday on its own ("on a Friday"); :attr:`TextDate.day` is its index (0: Monday)."""
    QUARTER = "quarter"
    """A quarter and its year ("Q1 2016"); :attr:`TextDate.month` is its first month."""
    DECADE = "decade"
    """A decade ("the 2010s"); :attr:`TextDate.year` is its first year."""
    EVENT = "event"
    """Words that date a note by themselves ("lockdown", "the pandemic")."""


@dataclass(frozen=True)
class Part:
    """One worded piece of a date in text (its day, month, year, weekday, …)."""

    start: int
    end: int
    role: str  # weekday, day, suffix, month, month-number, year, year2, season, name
    text: str


@dataclass(frozen=True)
class TextDate:
    """One date written in a text: where, what it means, and how it is worded."""

    start: int
    end: int
    kind: DateKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    season: Season | None = None
    year2: int | None = None
    parts: tuple[Part, ...] = ()
    leans_on: TextDate | None = None
    """For the start of a range that takes its month or year from the date after it
    ("14" in "14-16 March 2016"): that date."""

    @property
    def full_date(self) -> date:
        """The day a full date means."""
        assert self.year is not None and self.month is not None and self.day is not None
        return date(self.year, self.month, self.day)

    @property
    def has_weekday(self) -> bool:
        """Whether a weekday is written with the date ("Monday 26 February 2018")."""
        return any(p.role == "weekday" for p in self.parts)

    def reworded(
        self,
        text: str,
        *,
        year: int | None = None,
        month: int | None = None,
        day: int | None = None,
        season: Season | None = None,
        year2: int | None = None,
        name: str | None = None,
        quarter: int | None = None,
    ) -> str:
        """This date's wording in ``text``, with the values given put in its place
        (``name``: what replaces a named day, holiday or term)."""
        values: dict[str, int | Season | None] = {
            "year": year,
            "year2": year2,
            "month": month,
            "month-number": month,
            "day": day,
            "season": season,
        }
        # "26/02/2018" is written with leading zeros, "2/1/2019" and "26 February" without.
        numbers = [p.text for p in self.parts if p.role in ("day", "month-number")]
        padded = any(n.startswith("0") for n in numbers) or (
            len(numbers) > 1 and all(len(n) == 2 for n in numbers)
        )
        out, position = [], self.start
        for part in self.parts:
            out.append(text[position : part.start])
            position = part.end
            if part.role == "weekday":
                assert year is not None and month is not None and day is not None
                out.append(_weekday(date(year, month, day).weekday(), part.text))
            elif part.role == "suffix":
                assert day is not None
                out.append(_cased(ordinal(day), part.text))
            elif part.role == "name":
                assert name is not None
                out.append(name)
            elif part.role == "quarter":
                assert quarter is not None
                out.append(f"{part.text[0]}{quarter}")
            elif part.role == "year2" and year2 is None:
                out[-1] = out[-1].rstrip("/-–")  # "winter 2016/17" moved to a spring
            else:
                value = values[part.role]
                assert value is not None
                out.append(_worded(part, value, padded))
        out.append(text[position : self.end])
        return "".join(out)


def long_date(day: date) -> str:
    """ "26 November 2025" (no leading zero, British order)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def ordinal(day: int) -> str:
    """A day's ordinal suffix ("st", "nd", "rd", "th")."""
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _cased(new: str, like: str) -> str:
    """``new`` in the letter case of ``like`` (all capitals, capitalised, lower)."""
    if len(like) > 1 and like.isupper():
        return new.upper()
    if like[:1].isupper():
        return new[:1].upper() + new[1:].lower()
    return new.lower()


def _worded(part: Part, value: int | Season, padded: bool) -> str:
    if isinstance(value, Season):
        return _cased(value.value, part.text)
    if part.role in ("year", "year2"):
        return f"{value % 100:02d}" if len(part.text) == 2 else f"{value:04d}"
    if part.role in ("day", "month-number"):
        return f"{value:02d}" if padded else str(value)
    # A month name: written out ("May" counts), three letters, or "Sept", as it was.
    original = part.text.lower()
    if original in _FULL_NAMES:
        name = MONTH_NAMES[value - 1]
    elif original == "sept" and value == 9:
        name = "Sept"
    else:
        name = MONTH_ABBR[value - 1]
    return _cased(name, part.text)


def _weekday(index: int, like: str) -> str:
    name = WEEKDAYS[index]
    if len(like) <= 5 and not like.lower().endswith("day"):
        name = name[: len(like)] if len(like) in (3, 4) else name[:3]
    return _cased(name, like)
