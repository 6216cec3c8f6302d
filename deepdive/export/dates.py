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
from datetime import date, timedelta
from functools import partial

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import (
    MONTH_NAMES,
    DateError,
    DateSpan,
    FuzzyDate,
    Season,
    whole_cycles,
)
from deepdive.export.date_leftovers import DatesLeft, LeftDate, context_of, leftover_dates
from deepdive.export.date_wording import WEEKDAYS
from deepdive.export.errors import ExportError
from deepdive.export.model import CaseStudy
from deepdive.export.options import DateMode, ExportOptions
from deepdive.export.relative_words import NOT_SHOWN, relative_words
from deepdive.export.textdates import DateKind, TextDate, find_dates
from deepdive.services.results import CaseDetail

DAYS_PER_YEAR = 365.2425
# Words that tie a note to the real calendar by themselves, and what an export writes
# instead: a term or holiday keeps its year (moved), not its name.
_NEUTRAL_NAME = {DateKind.HOLIDAY: "[holiday]", DateKind.TERM: "[school term]"}
_WORDS_OUT = {DateKind.EVENT: "[national event]"}


def long_date(day: date) -> str:
    """ "26 November 2025" (no leading zero, British order)."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


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
                new = self._shifted_text(text, item, context)
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

    def _shifted_text(self, text: str, item: TextDate, context: FuzzyDate | None) -> str:
        offset = self.offset
        try:
            match item.kind:
                case DateKind.FULL:
                    new = item.full_date + timedelta(days=offset)
                    shown = item.reworded(text, year=new.year, month=new.month, day=new.day)
                    return shown + self._month_if_apart(item, new, context)
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
                    return self._shifted_day(text, item, context)
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

    def _month_if_apart(self, item: TextDate, new: date, context: FuzzyDate | None) -> str:
        """For a range's first day written without its month ("14" in "14-16 March"):
        the month, when the range now starts in another month than it ends."""
        end = item.leans_on
        if end is None or any(p.role in ("month", "month-number") for p in item.parts):
            return ""
        when = _fuzzy_of(end, False, context)
        if when is None:
            return ""
        ends = when.earliest() + timedelta(days=self.offset)
        return "" if ends.month == new.month else f" {MONTH_NAMES[new.month - 1]}"

    def _shifted_day(self, text: str, item: TextDate, context: FuzzyDate | None) -> str:
        """A day and month, or a named day ("Christmas Day 2016" → "3 June 2019")."""
        assert item.month is not None and item.day is not None
        if item.kind is DateKind.NAMED_DAY and item.year is not None:
            return long_date(item.full_date + timedelta(days=self.offset))
        # In the year the text is about, else a leap year only for 29 February.
        placed = _fuzzy_of(replace(item, kind=DateKind.DAY_MONTH), False, context)
        year = 2000 if (item.month, item.day) == (2, 29) else 2001
        when = placed.earliest() if placed else date(year, item.month, item.day)
        new = when + timedelta(days=self.offset)
        if item.kind is DateKind.NAMED_DAY:
            return f"{new.day} {MONTH_NAMES[new.month - 1]}"
        return item.reworded(text, month=new.month, day=new.day)

    def _in_words(self, item: TextDate, approximate: bool, *, context: FuzzyDate | None) -> str:
        """A date in text as an age that reads in a sentence ("about age 14", "age 13y
        9m", "about age 11 to 12", "before birth")."""
        try:
            when = _fuzzy_of(item, approximate, context)
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


def _fuzzy_of(item: TextDate, approximate: bool, context: FuzzyDate | None) -> FuzzyDate | None:
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
