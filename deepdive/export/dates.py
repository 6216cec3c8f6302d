"""Dates as an export shows them: real, shifted, or relative — the one source of every
date an export writes (tables, free text, captions, the timeline picture).

Shifted dates move by the **export offset**, drawn from the case's secret shift in the key
vault by :func:`export_offset`: at least two years either way, the same for
every export of the case. A date known to the day moves by exactly that many days; a month,
season or year moves by the whole number of months, seasons or years nearest to it
(:meth:`FuzzyDate.shifted`), so no date keeps its real value at its own precision and
dates of one precision keep their distances exactly. Dates written inside free text are
found (:mod:`deepdive.export.textdates`) and moved by the same rule, in the same wording.

Relative dates are the young person's age ("age 14y 3m"; "age about 14" for a season, a
year or an "about" date), or, with no birth month, the time since the first event
("+1y 2m"). No calendar date of the case is left in a relative export.

Ages are always worked out from the real dates, so they are true in every mode.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import (
    DateError,
    DateSpan,
    FuzzyDate,
)
from deepdive.export.date_leftovers import DatesLeft, LeftDate, context_of, leftover_dates
from deepdive.export.errors import ExportError
from deepdive.export.model import CaseStudy
from deepdive.export.options import DateMode, ExportOptions
from deepdive.export.relative_words import NOT_SHOWN, relative_words
from deepdive.export.shifted_text import fuzzy_of, shifted_text
from deepdive.export.textdates import DateKind, TextDate, find_dates
from deepdive.services.results import CaseDetail

DAYS_PER_YEAR = 365.2425
# Words that tie a note to the real calendar by themselves, and what an export writes
# instead (a term or holiday: see deepdive.export.shifted_text).
_WORDS_OUT = {DateKind.EVENT: "[national event]"}


def short_date(day: date) -> str:
    """ "26 Nov 2025"."""
    return FuzzyDate.from_date(day).display()


def export_offset(secret_days: int) -> int:
    """The number of days a shifted export moves the case's dates by.

    The key vault keeps a secret shift per case (60–400 days either way for new cases;
    older vaults may hold any number). A shift under a year would leave many years,
    seasons and months where they were, so exports add two to five whole years to it,
    chosen by the secret itself. The result is the same for every export of a case (two
    exports cannot be compared to narrow it down), keeps the secret's direction, and is
    never less than 730 days: 790–2,226 days for a new case.
    """
    size = abs(secret_days)
    offset = size + round((2 + size % 4) * DAYS_PER_YEAR)
    return -offset if secret_days < 0 else offset


def _months(total: int) -> str:
    years, months = divmod(abs(total), 12)
    if years and months:
        return f"{years}y {months}m"
    return f"{years}y" if years else f"{months}m"


class DatePresenter:
    """Turns every date of one export into text: event spans, plain days, free text."""

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
        self.offset = export_offset(shift_days or 0) if mode is DateMode.SHIFTED else 0
        self._pseudonym = case.pseudonym
        self._names = frozenset([case.pseudonym, *(p.pseudonym for p in case.people)])
        self.birth = (
            BirthMonth(case.birth_year, case.birth_month) if case.birth_year is not None else None
        )
        # With no birth month, relative dates count from the first event's month.
        start = first_event.earliest() if first_event is not None else None
        self.origin = BirthMonth(start.year, start.month) if start is not None else None
        self.leftovers: list[LeftDate] = []
        """Dates this export could not move, kept as written (see :meth:`text`)."""
        self.checked: set[str] = set()
        """Every text :meth:`text` has shown, so a sweep does not read it twice."""

    @classmethod
    def for_study(cls, study: CaseStudy, options: ExportOptions) -> DatePresenter:
        """The presenter for one export of ``study`` with ``options``."""
        first = study.events[0].span.start if study.events else None
        return cls(study.case, options.date_mode, options.date_shift_days, first)

    @property
    def age_column(self) -> bool:
        """Whether the chronology has an Age column: the birth month is known and the
        dates are not already shown as ages."""
        return self.birth is not None and self.mode is not DateMode.RELATIVE

    # ------------------------------------------------------------------ events
    def moved(self, when: FuzzyDate) -> FuzzyDate:
        """The date as a shifted export shows it (as it is in the other modes)."""
        if self.mode is not DateMode.SHIFTED:
            return when
        try:
            return when.shifted(self.offset)
        except DateError as exc:
            raise ExportError(f"A shifted date cannot be shown: {exc}.") from exc

    def show(self, when: FuzzyDate) -> str:
        """One date as this export prints it ("14 Mar 2016", "age 11y 10m")."""
        if self.mode is DateMode.RELATIVE:
            return self.relative(when)
        return self.moved(when).display()

    def span(self, span: DateSpan) -> str:
        """An event's date (or period) as this export prints it."""
        if span.end is None:
            return self.show(span.start)
        return f"{self.show(span.start)} – {self.show(span.end)}"

    def age(self, span: DateSpan) -> str:
        """The young person's age when the event began ("14y 3m", "about 14"), or ""."""
        if self.birth is None:
            return ""
        return age_at(self.birth, span.start).display()

    def relative(self, when: FuzzyDate) -> str:
        """The age at ``when`` ("age 14y 3m"), or the time since the first event ("+1y
        2m"); :data:`NOT_SHOWN` when there is nothing to count from."""
        if self.birth is not None:
            age = age_at(self.birth, when)
            return age.display() if age.before_birth else f"age {age.display()}"
        if self.origin is None:
            return NOT_SHOWN
        since = age_at(self.origin, when)
        if since.before_birth:
            return "before the first event"
        if since.approximate:
            return f"about +{since.years}y" if since.years else "about the start"
        total = since.years * 12 + since.months
        return "start" if total == 0 else f"+{_months(total)}"

    # -------------------------------------------------------------- plain days
    def day(self, day: date | None) -> str:
        """A session date or due date."""
        if day is None:
            return ""
        return self.show(FuzzyDate.from_date(day))

    def birth_text(self) -> str:
        """The approximate birth as this export may show it ("" when it must not)."""
        if self.birth is None or self.mode is DateMode.RELATIVE:
            return ""
        if self.mode is DateMode.REAL:
            return self.birth.display()
        if self.birth.month is None:
            return self.moved(FuzzyDate(self.birth.year)).display()
        return self.moved(FuzzyDate(self.birth.year, self.birth.month)).display()

    def explanation(self) -> str:
        """One sentence for the reader saying how dates are shown."""
        if self.mode is DateMode.REAL:
            return "Dates are shown as recorded."
        if self.mode is DateMode.SHIFTED:
            return (
                "Every date has been moved by the same undisclosed interval of more than a "
                "year; dates known only to the month, season or year have been moved by whole "
                "months, seasons or years, so no date is real. The time between events is "
                "true to the precision each date is known to, and ages are true. Weekdays "
                "move with the dates; names of holidays, school terms and national events "
                "that would date the text are shown as [holiday], [school term] and "
                "[national event]."
            )
        if self.birth is not None:
            return f"Dates are shown as {self._pseudonym}'s age at the time."
        return "Dates are shown as time since the first event in the chronology."

    # --------------------------------------------------------------- free text
    def text(self, text: str, context: FuzzyDate | None = None, where: str = "") -> str:
        """``text`` with every date in it shown as this export shows dates.

        ``context`` is when the text is about (an event's date): a relative export uses
        it to place "in December" or "26 February" in a year. What the presenter could
        not move is kept in :attr:`leftovers` under ``where`` (see
        :meth:`check_leftovers`).
        """
        if self.mode is DateMode.REAL or not text:
            return text
        found = [self._as_shown(text, item) for item in find_dates(text, self._names)]
        out: list[str] = []
        kept: list[tuple[int, int]] = []  # what is shown as it was written
        position = 0
        for item in found:
            if item is None or item.start < position:  # inside a relative date's words
                continue
            if item.kind in _WORDS_OUT:
                start, end, new = item.start, item.end, _WORDS_OUT[item.kind]
            elif item.leans_on is not None and self.mode is DateMode.RELATIVE:
                # "14-16 March 2016": the range becomes the one age its end is shown as.
                start, end, new = item.start, item.leans_on.start, ""
            elif self.mode is DateMode.SHIFTED:
                start, end = item.start, item.end
                new = shifted_text(text, item, self.offset, context)
            else:
                words = partial(self._in_words, item, context=context)
                start, end, new = relative_words(text, item, position, words)
            kept.append((position, start))
            out.append(text[position:start])
            out.append(new)
            position = end
        kept.append((position, len(text)))
        out.append(text[position:])
        self._note_leftovers(text, kept, where)
        shown = "".join(out)
        self.checked.add(shown)
        return shown

    def check_leftovers(self, *, real_dates_allowed: bool = True) -> None:
        """Raise :class:`DatesLeft` if any text shown so far keeps a date as written
        (``real_dates_allowed``: whether the message may offer real dates instead)."""
        if self.leftovers:
            raise DatesLeft(list(self.leftovers), real_dates_allowed=real_dates_allowed)

    def note_unchecked(self, text: str, where: str) -> None:
        """Look for dates in a text this export shows without moving its dates."""
        if self.mode is not DateMode.REAL and text not in self.checked:
            self._note_leftovers(text, [(0, len(text))], where)

    def _note_leftovers(self, text: str, kept: list[tuple[int, int]], where: str) -> None:
        """Keep what could be a date in the stretches of ``text`` shown as written."""
        for left, right in leftover_dates(text, self._names):
            if any(start <= left and right <= end for start, end in kept):
                context = context_of(text, left, right)
                self.leftovers.append(LeftDate(where or "text", text[left:right], context))

    def _as_shown(self, text: str, item: TextDate) -> TextDate | None:
        """The date as this mode moves it (None: kept as written). A relative export
        keeps a term, a holiday or a weekday (none is a calendar date) and shows a named
        day as an age; the year after a term or holiday becomes an age on its own; an
        age takes in letters glued to the date ("FY2015/16", "2016ish", "the 2010s")."""
        if self.mode is DateMode.SHIFTED:
            return item
        if item.leans_on is not None:
            return item  # dropped up to the date it leans on (see text)
        start, end = item.start, item.end
        while start > 0 and text[start - 1].isalpha():
            start -= 1
        time_after = text[end : end + 1] == "T" and text[end + 1 : end + 2].isdigit()
        while end < len(text) and text[end].isalpha() and not time_after:
            end += 1
        item = replace(item, start=start, end=end)
        match item.kind:
            case DateKind.NAMED_DAY:
                return replace(item, kind=DateKind.FULL if item.year else DateKind.DAY_MONTH)
            case DateKind.HOLIDAY | DateKind.TERM:
                years = [p for p in item.parts if p.role == "year"]
                if item.year is None or not years:
                    return None
                year = years[0]
                return TextDate(year.start, year.end, DateKind.YEAR, item.year, parts=(year,))
            case DateKind.WEEKDAY:
                return None
        return item

    def _in_words(self, item: TextDate, approximate: bool, *, context: FuzzyDate | None) -> str:
        """A date in text as an age that reads in a sentence ("about age 14", "age 13y
        9m", "about age 11 to 12", "before birth")."""
        try:
            when = fuzzy_of(item, approximate, context)
        except (DateError, ValueError):
            return NOT_SHOWN
        if when is None:
            return NOT_SHOWN
        shown = _about_first(self.relative(when))
        if item.year2 is not None and item.kind is DateKind.YEAR:
            until = _about_first(self.relative(FuzzyDate(item.year2, approximate=approximate)))
            if shown.startswith("about age ") and until.startswith("about age "):
                return f"{shown} to {until.removeprefix('about age ')}"
            shown += f" to {until}"
        return shown


def _about_first(shown: str) -> str:
    """ "age about 14" (a table's wording) as a sentence says it: "about age 14"."""
    return (
        "about age " + shown.removeprefix("age about ") if shown.startswith("age about ") else shown
    )
