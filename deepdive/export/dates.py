"""Dates as an export shows them: real, shifted by the case's secret interval, or relative.

Ages are always worked out from the real dates, so they are true in every mode; only
what is printed as a date changes.
"""

from __future__ import annotations

from datetime import date, timedelta

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import MONTH_NAMES, DateError, DateSpan, FuzzyDate
from deepdive.export.errors import ExportError
from deepdive.export.options import DateMode
from deepdive.services.results import CaseDetail


def long_date(day: date) -> str:
    """ "26 November 2025" (no leading zero, British order)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    """ "26 Nov 2025"."""
    return FuzzyDate.from_date(day).display()


def _months(total: int) -> str:
    years, months = divmod(abs(total), 12)
    if years and months:
        text = f"{years}y {months}m"
    elif years:
        text = f"{years}y"
    else:
        text = f"{months}m"
    return text


class DatePresenter:
    """Turns event spans, session days and due dates into text for one export."""

    def __init__(
        self,
        case: CaseDetail,
        mode: DateMode,
        shift_days: int | None,
        first_event: FuzzyDate | None,
    ) -> None:
        if mode is DateMode.SHIFTED and shift_days is None:
            raise ExportError(
                "Shifted dates need the case's secret date shift from the key vault; "
                "unlock the vault, or export with real or relative dates."
            )
        self.mode = mode
        self._shift = shift_days or 0
        self._pseudonym = case.pseudonym
        self.birth = (
            BirthMonth(case.birth_year, case.birth_month) if case.birth_year is not None else None
        )
        self._origin = first_event.earliest() if first_event is not None else None

    @property
    def age_column(self) -> bool:
        """Whether the chronology has an Age column: the birth month is known and the
        dates are not already shown as ages."""
        return self.birth is not None and self.mode is not DateMode.RELATIVE

    # ------------------------------------------------------------------ events
    def span(self, span: DateSpan) -> str:
        """An event's date (or period) as this export prints it."""
        if self.mode is DateMode.REAL:
            return span.display()
        if self.mode is DateMode.SHIFTED:
            try:
                start = span.start.shifted(self._shift)
                end = span.end.shifted(self._shift) if span.end is not None else None
                return DateSpan(start, end).display()
            except DateError as exc:
                raise ExportError(f"A shifted date cannot be shown: {exc}.") from exc
        start_text = self._relative(span.start)
        if span.end is None:
            return start_text
        return f"{start_text} – {self._relative(span.end)}"

    def age(self, span: DateSpan) -> str:
        """The young person's age when the event began ("14y 3m", "about 14"), or ""."""
        if self.birth is None:
            return ""
        return age_at(self.birth, span.start).display()

    def _relative(self, when: FuzzyDate) -> str:
        if self.birth is not None:
            age = age_at(self.birth, when).display()
            return age if age in ("before birth",) else f"age {age}"
        if self._origin is None:
            return ""
        days = (when.earliest() - self._origin).days
        months = round(days / 30.4375)
        return "start" if months == 0 else f"+{_months(months)}"

    # -------------------------------------------------------------- plain days
    def day(self, day: date | None) -> str:
        """A session date or due date."""
        if day is None:
            return ""
        if self.mode is DateMode.REAL:
            return short_date(day)
        if self.mode is DateMode.SHIFTED:
            return short_date(day + timedelta(days=self._shift))
        return self._relative(FuzzyDate.from_date(day))

    def birth_text(self) -> str:
        """The approximate birth as this export may show it ("" when it must not)."""
        if self.birth is None:
            return ""
        if self.mode is DateMode.REAL:
            return self.birth.display()
        if self.mode is DateMode.SHIFTED:
            month = FuzzyDate(self.birth.year, self.birth.month) if self.birth.month else None
            if month is None:
                return ""
            moved = month.shifted(self._shift)
            return moved.display()
        return ""

    def explanation(self) -> str:
        """One sentence for the reader saying how dates are shown."""
        if self.mode is DateMode.REAL:
            return "Dates are shown as recorded."
        if self.mode is DateMode.SHIFTED:
            return (
                "Every date has been moved by the same undisclosed interval, so the time "
                "between events is true but no date is real. Ages are true."
            )
        if self.birth is not None:
            return f"Dates are shown as {self._pseudonym}'s age at the time."
        return "Dates are shown as time since the first event in the chronology."
