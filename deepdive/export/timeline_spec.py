"""What the timeline picture of an export shows, worked out here so that the drawer never
sees a case date.

The core cannot draw (drawing is Qt, in the app); it hands a picture drawer a
:class:`TimelineSpec` and gets PNG bytes back (:data:`TimelineDrawer`). The spec holds
only numbers on a plain line of days, with no calendar behind them, and strings that
the export's :class:`~deepdive.export.dates.DatePresenter` has already written: the
key episodes' labels, the axis ticks (years, shifted years or ages) and the title. The
positions are the presented dates too: a shifted export's picture is drawn on the
shifted calendar, a relative one's on the young person's age. Every string is also in
the picture's alt text, so the leak check reads what the picture shows.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from deepdive.domain.ages import BirthMonth, age_at
from deepdive.domain.dates import DAYS_PER_MONTH, MONTH_ABBR, DateSpan, FuzzyDate, add_months
from deepdive.domain.episode_labels import episode_label
from deepdive.export.dates import DatePresenter
from deepdive.export.options import DateMode
from deepdive.export.presented import present_event
from deepdive.services.events import EventInfo
from deepdive.services.results import CaseDetail

LABEL_JOIN = " · "
PICTURE_WIDTH = 1800
_DAYS_PER_YEAR = 12 * DAYS_PER_MONTH
# The drawer's sizes are made for 1,200 pixels and grow with the picture; its axis text
# is 12 pixels at that size. These estimate how much room a tick's text needs.
_DESIGN_WIDTH = 1200
_CHAR_WIDTH = 0.62 * 12
_PLOT_SHARE = 0.85


@dataclass(frozen=True)
class SpecEvent:
    """One event on the picture: its first and last day on the picture's line."""

    id: int
    first: int
    last: int
    is_period: bool
    category: str
    agency: str | None
    key: bool
    label: str
    """A key episode's label ("" for other events), written by the date presenter."""


@dataclass(frozen=True)
class SpecTick:
    """A gridline at a day on the picture's line, with its text."""

    at: float
    text: str
    major: bool = True


@dataclass(frozen=True)
class TimelineSpec:
    """Everything a timeline picture shows, in plain numbers and presented strings."""

    title: str
    start: float
    end: float
    """The days the picture spans (events plus a little room either side)."""
    events: tuple[SpecEvent, ...]
    axis: tuple[SpecTick, ...]
    """Along the bottom: years (real or shifted), or ages in a relative export."""
    top_axis: tuple[SpecTick, ...] = ()
    """Along the top: the young person's age, when the bottom shows dates."""
    top_title: str = "Age"
    width_px: int = PICTURE_WIDTH
    lanes: str = "category"
    key_in_picture: bool = True
    """List the key episodes not labelled in full under the chart (a document lists
    them in a table instead)."""
    text_scale: float = 1.0
    """How much larger than usual the text is drawn (so it prints at 8 pt or more)."""
    max_height_px: int = 0
    """The tallest the picture may be (0: as tall as it needs); lanes are squeezed to
    fit, their key episodes keeping their numbers."""

    def numbered(self) -> list[tuple[int, SpecEvent]]:
        """The key practice episodes with the numbers the picture gives them."""
        keys = sorted((e for e in self.events if e.key), key=lambda e: (e.first, e.id))
        return list(enumerate(keys, start=1))

    def strings(self) -> list[str]:
        """Every text the drawer is given, once each, as it is drawn (what the leak check
        must read; the alt text holds each of them, its " · " written as ": ")."""
        texts = [self.title, self.top_title if self.top_axis else ""]
        texts += [f"{n}{LABEL_JOIN}{e.label}" for n, e in self.numbered() if e.label]
        texts += [t.text for t in (*self.axis, *self.top_axis)]
        return [t for t in dict.fromkeys(texts) if t]

    def describe(self, pseudonym: str) -> str:
        """The picture's alt text: what it shows, with every text it holds."""
        keys = [f"{n}{LABEL_JOIN}{e.label}" for n, e in self.numbered() if e.label]
        axis = ", ".join(dict.fromkeys(t.text for t in self.axis))
        text = (
            f"{self.title}. Timeline of {pseudonym}'s chronology: {len(self.events)} events "
            f"along a time axis marked {axis or 'without marks'}, in one lane per "
            f"{'source agency' if self.lanes == 'agency' else 'category'}"
        )
        if self.top_axis:
            ages = ", ".join(dict.fromkeys(t.text for t in self.top_axis))
            text += f"; along the top edge: {self.top_title} {ages}"
        text += f". {sum(1 for e in self.events if e.key)} key practice episodes are highlighted"
        if keys:
            # "1: 30 Sep 2019: Stopped by police" reads better aloud than the drawn "·".
            text += ", numbered and labelled: " + "; ".join(
                k.replace(LABEL_JOIN, ": ") for k in keys
            )
        return text + "."


TimelineDrawer = Callable[[TimelineSpec], bytes]
"""Draws a :class:`TimelineSpec` as PNG bytes (the app's Qt code; the core cannot draw)."""


def timeline_spec(
    case: CaseDetail,
    events: Sequence[EventInfo],
    dates: DatePresenter,
    *,
    width_px: int = PICTURE_WIDTH,
    lanes: str = "category",
    window: tuple[date, date] | None = None,
) -> TimelineSpec:
    """The picture of ``events`` (their texts already presented) as ``dates`` shows them;
    with a ``window`` (real days, first and last), only that stretch and its events."""
    line = _Line(dates)
    if window is not None:
        events = [e for e in events if _meets(e.span, window)]
    placed = []
    for event in events:
        first, last = line.span(event.span)
        label = _label(dates.show(event.span.start), event.description) if event.key_episode else ""
        placed.append(
            (first, last, event, label),
        )
    if placed:
        low = min(p[0] for p in placed)
        high = max(p[1] + 1 for p in placed)
    else:
        low, high = 0, 365
    margin = max(30.0, (high - low) * 0.03)
    start, end = low - margin, high + margin
    if window is not None:
        start, end = line.day(window[0]), line.day(window[1]) + 1.0
    # The line is shown to the drawer from its own start: no calendar behind it.
    base = math.floor(start)
    spec_events = tuple(
        SpecEvent(
            e.id,
            first - base,
            last - base,
            e.span.end is not None,
            e.category,
            e.agency,
            e.key_episode,
            label,
        )
        for first, last, e, label in placed
    )
    scale = max(0.75, width_px / _DESIGN_WIDTH)
    per_year = width_px * _PLOT_SHARE * _DAYS_PER_YEAR / (end - start)
    axis = tuple(_shifted(t, base) for t in line.axis(start, end, per_year, scale))
    top = tuple(_shifted(t, base) for t in line.ages(start, end, per_year, scale))
    return TimelineSpec(
        title=f"{case.pseudonym} ({case.code}) — chronology",
        start=start - base,
        end=end - base,
        events=spec_events,
        axis=axis,
        top_axis=top,
        width_px=width_px,
        lanes=lanes,
    )


def _meets(span: DateSpan, window: tuple[date, date]) -> bool:
    """Whether an event's span reaches into the window."""
    first, last = window
    return span.start.earliest() <= last and (span.end or span.start).latest() >= first


def _shifted(tick: SpecTick, base: int) -> SpecTick:
    return SpecTick(tick.at - base, tick.text, tick.major)


def _label(when: str, description: str) -> str:
    """A key episode's label: "Mar 2016 · Moved to Nan's." — the whole first sentence,
    never cut (a cut word could read as something else, half a name is still a name);
    a picture with no room for it shows the episode's number and lists it in its key."""
    return episode_label(when, description)


def _step(per_year: float, label_px: float, steps: Sequence[int]) -> int:
    return next((s for s in steps if per_year * s >= label_px), steps[-1] * 2)


class _Line:
    """Where dates go on the picture's line, and its ticks, for one date mode."""

    def __init__(self, dates: DatePresenter) -> None:
        self.dates = dates
        self.relative = dates.mode is DateMode.RELATIVE
        self.reference: BirthMonth | None = dates.birth or dates.origin

    # ------------------------------------------------------------- positions
    def span(self, span: DateSpan) -> tuple[int, int]:
        """The first and last day of an event's marks."""
        if not self.relative:
            first = self.dates.moved(span.start).earliest().toordinal()
            last = self.dates.moved(span.end or span.start).latest().toordinal()
            return first, max(first, last)
        first = self._age_days(span.start)[0]
        last = self._age_days(span.end or span.start)[1]
        return first, max(first, last)

    def day(self, day: date) -> float:
        """Where a real day is on the line (a window's edge)."""
        when = FuzzyDate.from_date(day)
        if not self.relative:
            return float(self.dates.moved(when).earliest().toordinal())
        return float(self._age_days(when)[0])

    def _age_days(self, when: FuzzyDate) -> tuple[int, int]:
        """A date as days of age: exact ages to the month (and day), "about" ages as
        their whole year of age, so no calendar boundary shows through."""
        reference = self.reference
        assert reference is not None  # a relative picture has events, so an origin
        age = age_at(reference, when)
        if age.before_birth:
            start = date(reference.year, reference.month or 1, 1)
            years = math.ceil((start - when.latest()).days / _DAYS_PER_YEAR)
            first = round(-years * _DAYS_PER_YEAR)
            return first, first + 364
        if age.approximate:
            first = round(age.years * _DAYS_PER_YEAR)
            return first, first + 364
        first = round((age.years * 12 + age.months) * DAYS_PER_MONTH)
        if when.day is not None:
            return first + when.day - 1, first + when.day - 1
        return first, first + round(DAYS_PER_MONTH) - 1

    # ----------------------------------------------------------------- ticks
    def axis(self, start: float, end: float, per_year: float, scale: float) -> list[SpecTick]:
        """The bottom axis: years, months when there is room, or ages."""
        char = _CHAR_WIDTH * scale
        if self.relative:
            step = _step(per_year, 6 * char + 12 * scale, (1, 2, 5, 10))
            ticks = (
                SpecTick(years * _DAYS_PER_YEAR, self._since(years))
                for years in range(-100, 100, step)
            )
            return [t for t in ticks if start <= t.at <= end]
        first = date.fromordinal(max(1, math.floor(start))).year
        last = date.fromordinal(max(1, math.ceil(end))).year + 1
        if per_year > 12 * (3 * char + 8 * scale):
            ticks = (
                SpecTick(
                    date(year, month, 1).toordinal(),
                    f"{MONTH_ABBR[0]} {year}" if month == 1 else MONTH_ABBR[month - 1],
                    month == 1,
                )
                for year in range(first, last + 1)
                for month in range(1, 13)
            )
        else:
            step = _step(per_year, 4 * char + 12 * scale, (1, 2, 5, 10, 20, 50))
            ticks = (
                SpecTick(date(year, 1, 1).toordinal(), str(year))
                for year in range(first - first % step, last + 1, step)
            )
        return [t for t in ticks if start <= t.at <= end]

    def _since(self, years: int) -> str:
        """A relative tick's text: "age 14", or "+3y" from the first event."""
        if self.dates.birth is not None:
            return f"age {years}" if years >= 0 else "before birth"
        if years == 0:
            return "start"
        return f"+{years}y" if years > 0 else f"−{-years}y"

    def ages(self, start: float, end: float, per_year: float, scale: float) -> list[SpecTick]:
        """The top axis: the young person's age at each birthday (not in relative mode,
        where the bottom axis is the ages)."""
        birth = self.dates.birth
        if birth is None or self.relative:
            return []
        month = birth.month or 7  # a birth known to the year is taken at mid-year
        born = self.dates.moved(FuzzyDate(birth.year, month)).earliest()
        step = _step(per_year, 6 * _CHAR_WIDTH * scale + 10, (1, 2, 5, 10))
        ticks = []
        for age in range(0, 100, step):
            try:
                at = add_months(born, 12 * age).toordinal()
            except ValueError:
                break
            if start <= at <= end:
                about = "about " if birth.month is None and age == 0 else ""
                ticks.append(SpecTick(at, f"{about}{age}"))
        return ticks


def chronology_spec(
    case: CaseDetail,
    events: Sequence[EventInfo],
    dates: DatePresenter,
    *,
    lanes: str = "category",
    window: tuple[date, date] | None = None,
) -> TimelineSpec:
    """The picture of stored ``events`` (as the chronology holds them) as ``dates``
    shows them: the dates in their text are rewritten as an export's are, so the
    chronology's "Save picture…" never shows what an export in that mode would hide."""
    shown = [present_event(event, dates) for event in events]
    dates.check_leftovers()  # a date it cannot move stops the picture, as it stops exports
    return timeline_spec(case, shown, dates, lanes=lanes, window=window)
