"""Dates as an export shows them: real, shifted by the case's secret shift, or relative.

    dates = ExportDates.shifted(vault.case(code).date_shift_days)
    dates.show(FuzzyDate.parse("2016-03-14"))          # "28 Jun 2016" (say)

- ``real``: as recorded.
- ``shifted``: every date moved by the case's secret number of days, which stays in
  the vault. Intervals are kept exactly at each date's precision: two days stay the
  same number of days apart, two months the same number of months, two seasons the
  same number of seasons, two years the same number of years (a month, season or
  year moves by the whole months, seasons or years nearest to the shift).
- ``relative``: the young person's age at the event ("age 14y 3m") when the birth
  month is known, or the months from a reference event ("3 months after",
  "month 0", "5 months before").
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import DateSpan, FuzzyDate, Precision, Season

DAYS_PER_MONTH = 365.2425 / 12


class DateMode(StrEnum):
    """How an export shows dates (``deepdive export --dates``)."""

    REAL = "real"
    SHIFTED = "shifted"
    RELATIVE = "relative"


def shift_date(when: FuzzyDate, days: int) -> FuzzyDate:
    """``when`` moved by ``days`` at its own precision (see the module docstring)."""
    match when.precision:
        case Precision.DAY:
            return when.shifted(days)
        case Precision.MONTH:
            assert when.month is not None
            months = round(days / DAYS_PER_MONTH)
            year, month = divmod(when.year * 12 + when.month - 1 + months, 12)
            return FuzzyDate(year, month + 1, approximate=when.approximate)
        case Precision.SEASON:
            assert when.season is not None
            seasons = round(days / (3 * DAYS_PER_MONTH))
            order = list(Season)
            index = when.year * 4 + order.index(when.season) + seasons
            year, position = divmod(index, 4)
            return FuzzyDate(year, season=order[position], approximate=when.approximate)
        case Precision.YEAR:
            years = round(days / 365.2425)
            return FuzzyDate(when.year + years, approximate=when.approximate)


def months_between(start: FuzzyDate, end: FuzzyDate) -> int:
    """Whole months from the month ``start`` begins in to the month ``end`` begins in."""
    first, second = start.earliest(), end.earliest()
    return (second.year - first.year) * 12 + second.month - first.month


@dataclass(frozen=True)
class ExportDates:
    """One way of showing a case's dates in an export."""

    mode: DateMode
    shift_days: int = 0
    birth: BirthMonth | None = None
    reference: FuzzyDate | None = None

    @classmethod
    def real(cls) -> ExportDates:
        """Dates as recorded."""
        return cls(DateMode.REAL)

    @classmethod
    def shifted(cls, shift_days: int) -> ExportDates:
        """Every date moved by the case's secret shift."""
        return cls(DateMode.SHIFTED, shift_days=shift_days)

    @classmethod
    def relative(
        cls, birth: BirthMonth | None = None, reference: FuzzyDate | None = None
    ) -> ExportDates:
        """Ages at events (when ``birth`` is known), else months from ``reference``."""
        if birth is None and reference is None:
            raise ValueError("relative dates need a birth month or a reference event")
        return cls(DateMode.RELATIVE, birth=birth, reference=reference)

    def date(self, when: FuzzyDate) -> FuzzyDate:
        """The date to show for ``when`` (shifted, or as it is)."""
        return shift_date(when, self.shift_days) if self.mode is DateMode.SHIFTED else when

    def show(self, when: FuzzyDate) -> str:
        """The text for one date: "14 Mar 2016", or "age 14y 3m", or "3 months after"."""
        if self.mode is not DateMode.RELATIVE:
            return self.date(when).display()
        if self.birth is not None:
            return f"age {age_at(self.birth, when).display()}"
        assert self.reference is not None
        months = months_between(self.reference, when)
        about = "about " if when.precision not in (Precision.DAY, Precision.MONTH) else ""
        if months == 0:
            return f"{about}month 0"
        unit = "month" if abs(months) == 1 else "months"
        side = "after" if months > 0 else "before"
        return f"{about}{abs(months)} {unit} {side}"

    def show_span(self, span: DateSpan) -> str:
        """An event's date or period in this form ("… – …" for a period)."""
        if span.end is None:
            return self.show(span.start)
        return f"{self.show(span.start)} – {self.show(span.end)}"

    def describe(self) -> str:
        """A note for the document, saying how its dates are shown."""
        if self.mode is DateMode.REAL:
            return "Dates are as recorded."
        if self.mode is DateMode.SHIFTED:
            return (
                "Every date has been moved by the same secret number of days; the intervals "
                "between events are as they were."
            )
        if self.birth is not None:
            return "Dates are shown as the young person's age at each event."
        return "Dates are shown as months before or after a reference event."
