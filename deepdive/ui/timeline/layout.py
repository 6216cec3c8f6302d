"""Where everything on the visual timeline goes: pure geometry, no Qt.

Time runs left to right; each lane is one domain (or one source agency). An event
known to a day is a dot; one known only to a month, season or year is a dot in the
middle of what it could mean, with a thin line across that range; a period is a bar
from its first to its last possible day (overlapping bars stack in tracks). Key
practice episodes are diamonds with a dark outline and, where there is room, a label:
they stand out by shape and label, not by colour alone. The young person's age runs
along the top, the years along the bottom.

The same layout serves the interactive view (which caches the drawing and hit-tests
the mouse through :meth:`TimelineLayout.hit`) and the saved PNG/SVG pictures.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from deepdive.domain.ages import BirthMonth
from deepdive.domain.vocabulary import CATEGORIES

Measure = Callable[[str, str], float]  # (text, font role) -> width in pixels
GivenTick = tuple[float, str, bool]  # where (a day), text, major
LANES_BY_CATEGORY = "category"
LANES_BY_AGENCY = "agency"
NO_SOURCE = "No source recorded"
UNCERTAIN_DAYS = 20  # a point whose date spans more days than this shows its range
LANE_MIN_LINES = 1.3  # a squeezed lane stays this many lines of its title's font tall
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class TimelineEvent(NamedTuple):
    """One event as the timeline needs it (days as ordinals, for fast arithmetic)."""

    id: int
    first: int
    last: int
    is_period: bool
    category: str
    agency: str | None
    key: bool
    label: str  # short text for a key episode's label

    @property
    def middle(self) -> float:
        """Where a point event's marker goes."""
        return (self.first + self.last + 1) / 2


@dataclass(frozen=True)
class Metrics:
    """Sizes in pixels; everything scales with ``scale`` (1 on screen, more on a projector)."""

    scale: float = 1.0
    text_height: float = 15.0
    small_height: float = 13.0

    def px(self, value: float) -> float:
        """A size at this scale."""
        return value * self.scale


@dataclass
class Lane:
    """One horizontal band of the timeline."""

    key: str
    title: str
    colour_index: int
    top: float = 0.0
    height: float = 0.0
    tracks: int = 0
    count: int = 0

    compact: bool = False
    dots_at: float = 0.0  # below the label row, above the period tracks

    @property
    def middle(self) -> float:
        """Where dots sit (in the middle of the band when it is squeezed)."""
        return self.top + self.height * 0.5 if self.compact else self.dots_at


@dataclass(slots=True)
class Mark:
    """One drawn event: a dot, a dot with its uncertain range, a bar, a key diamond."""

    event: TimelineEvent
    lane: int
    x: float
    y: float
    x1: float = 0.0
    x2: float = 0.0
    kind: str = "point"  # point, period


@dataclass
class Label:
    """A key practice episode's label."""

    x: float
    y: float
    width: float
    text: str
    event_id: int


@dataclass
class Tick:
    """A gridline with its label."""

    x: float
    label: str
    major: bool = True


@dataclass
class TimelineLayout:
    """Everything placed for one size and one window of time."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float
    start: float
    end: float
    metrics: Metrics
    lanes: list[Lane] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    year_ticks: list[Tick] = field(default_factory=list)
    age_ticks: list[Tick] = field(default_factory=list)
    title: str = ""
    _by_lane: dict[int, tuple[list[float], list[Mark]]] = field(default_factory=dict)

    def x_of(self, day: float) -> float:
        """The x of a day (an ordinal, fractions allowed)."""
        return self.left + (day - self.start) * (self.right - self.left) / (self.end - self.start)

    def day_at(self, x: float) -> float:
        """The day (ordinal) at an x."""
        return self.start + (x - self.left) * (self.end - self.start) / (self.right - self.left)

    @property
    def key_marks(self) -> list[Mark]:
        """The marks of key practice episodes."""
        return [m for m in self.marks if m.event.key]

    def mark_of(self, event_id: int) -> Mark | None:
        """The mark drawn for an event, if it is in view."""
        return next((m for m in self.marks if m.event.id == event_id), None)

    def hit(self, x: float, y: float, radius: float = 6.0) -> Mark | None:
        """The event under the point (x, y), if any: the nearest within ``radius``."""
        lane = next((n for n, b in enumerate(self.lanes) if b.top <= y < b.top + b.height), None)
        if lane is None or x < self.left - radius or x > self.right + radius:
            return None
        if lane not in self._by_lane:
            marks = sorted((m for m in self.marks if m.lane == lane), key=lambda m: m.x)
            self._by_lane[lane] = ([m.x for m in marks], marks)
        xs, marks = self._by_lane[lane]
        best, best_distance = None, radius * self.metrics.scale
        for mark in marks[bisect.bisect_left(xs, x - 400) : bisect.bisect_right(xs, x + 400)]:
            if mark.kind == "period" and mark.x1 - 2 <= x <= mark.x2 + 2 and abs(y - mark.y) <= 8:
                return mark
            distance = math.hypot(mark.x - x, mark.y - y)
            if distance <= best_distance:
                best, best_distance = mark, distance
        return best


def make_lanes(events: Sequence[TimelineEvent], mode: str) -> list[Lane]:
    """The lanes the events need, in a stable order (domains as in the vocabulary)."""
    if mode == LANES_BY_AGENCY:
        names = sorted({e.agency or NO_SOURCE for e in events}, key=lambda n: (n == NO_SOURCE, n))
        return [Lane(name, name, n) for n, name in enumerate(names)]
    present = {e.category for e in events}
    return [
        Lane(name, name.capitalize(), CATEGORIES.index(name))
        for name in CATEGORIES
        if name in present
    ]


def default_window(events: Iterable[TimelineEvent]) -> tuple[float, float]:
    """The whole chronology with a little room either side."""
    days = [(e.first, e.last + 1) for e in events]
    if not days:
        today = date.today().toordinal()
        return today - 365, today + 1
    start, end = min(d[0] for d in days), max(d[1] for d in days)
    margin = max(30.0, (end - start) * 0.03)
    return start - margin, end + margin


def _year_ticks(layout: TimelineLayout, measure: Measure) -> list[Tick]:
    first = date.fromordinal(max(1, int(layout.start))).year
    last = date.fromordinal(max(1, int(layout.end))).year + 1
    per_year = layout.x_of(date(2001, 1, 1).toordinal()) - layout.x_of(date(2000, 1, 1).toordinal())
    label_width = measure("2016", "small") + layout.metrics.px(12)
    ticks: list[Tick] = []
    if per_year > 12 * (measure("May", "small") + layout.metrics.px(8)):
        for year in range(first, last + 1):
            for month in range(1, 13):
                x = layout.x_of(date(year, month, 1).toordinal())
                text = f"{MONTHS[month - 1]} {year}" if month == 1 else MONTHS[month - 1]
                ticks.append(Tick(x, text, month == 1))
        return [t for t in ticks if layout.left <= t.x <= layout.right]
    step = next((s for s in (1, 2, 5, 10, 20, 50) if per_year * s >= label_width), 100)
    for year in range(first - first % step, last + 1, step):
        x = layout.x_of(date(year, 1, 1).toordinal())
        if layout.left <= x <= layout.right:
            ticks.append(Tick(x, str(year)))
    return ticks


def _given_ticks(layout: TimelineLayout, given: Sequence[GivenTick]) -> list[Tick]:
    ticks = [Tick(layout.x_of(at), text, major) for at, text, major in given]
    return [t for t in ticks if layout.left <= t.x <= layout.right]


def _age_ticks(layout: TimelineLayout, birth: BirthMonth | None, measure: Measure) -> list[Tick]:
    if birth is None:
        return []
    month = birth.month or 7  # a birth known to the year is taken at mid-year
    per_year = layout.x_of(date(2001, 1, 1).toordinal()) - layout.x_of(date(2000, 1, 1).toordinal())
    step = next((s for s in (1, 2, 5, 10) if per_year * s >= measure("age 18", "small") + 10), 20)
    ticks = []
    for age in range(0, 100, step):
        year = birth.year + age
        if year > 2099:
            break
        x = layout.x_of(date(year, month, 1).toordinal())
        if layout.left <= x <= layout.right:
            ticks.append(Tick(x, f"{'about ' if birth.month is None and age == 0 else ''}{age}"))
    return ticks


def _stack_periods(periods: list[TimelineEvent]) -> dict[int, int]:
    """Track of each period in a lane, so overlapping bars sit one above the other."""
    ends: list[int] = []
    track_of: dict[int, int] = {}
    for event in sorted(periods, key=lambda e: (e.first, e.last)):
        for track, end in enumerate(ends):
            if end < event.first:
                ends[track] = event.last
                track_of[event.id] = track
                break
        else:
            ends.append(event.last)
            track_of[event.id] = len(ends) - 1
    return track_of


def build_layout(
    events: Sequence[TimelineEvent],
    *,
    width: float,
    height: float | None,
    window: tuple[float, float] | None,
    mode: str,
    birth: BirthMonth | None,
    metrics: Metrics,
    measure: Measure,
    title: str = "",
    ticks: tuple[Sequence[GivenTick], Sequence[GivenTick]] | None = None,
) -> TimelineLayout:
    """Place every event for a drawing ``width`` wide (``height`` None: as tall as needed).

    ``ticks`` gives the bottom and top axes' ticks (where, text, major) instead of the
    calendar years and ages worked out here: an export's picture is given them with
    its dates already shown as the export shows dates.
    """
    m = metrics
    lanes = make_lanes(events, mode)
    lane_of = {lane.key: n for n, lane in enumerate(lanes)}

    def lane_key(e: TimelineEvent) -> str:
        return (e.agency or NO_SOURCE) if mode == LANES_BY_AGENCY else e.category

    start, end = window or default_window(events)
    gutter = max([measure(lane.title, "lane") for lane in lanes] + [measure("Age", "small")])
    left = min(width * 0.3, gutter + m.px(24))
    title_height = m.text_height * 1.6 if title else 0.0
    top = m.px(10) + title_height + m.small_height + m.px(14)  # the age axis sits above
    axis = m.small_height + m.px(16)
    legend = m.small_height + m.px(18)
    in_view = [e for e in events if e.last + 1 >= start and e.first <= end]
    periods: dict[int, list[TimelineEvent]] = {n: [] for n in range(len(lanes))}
    for event in in_view:
        lane_index = lane_of[lane_key(event)]
        lanes[lane_index].count += 1
        if event.is_period:
            periods[lane_index].append(event)
    tracks = {n: _stack_periods(p) for n, p in periods.items()}
    bar = m.px(7)
    for n, lane in enumerate(lanes):
        lane.tracks = 1 + max(tracks[n].values(), default=-1)
    base = m.text_height * 2.6  # a label row and the dots
    needs = [base + lane.tracks * (bar + m.px(3)) + m.px(6) for lane in lanes]
    if height is None:
        height = top + sum(needs) + axis + legend + m.px(6)
    room = max(1.0, height - top - axis - legend)
    # Squeezed lanes never get thinner than their title: the drawing grows instead
    # (the view scrolls), so titles never touch or overlap at any font size.
    floor = m.text_height * LANE_MIN_LINES
    shrink = _shrink_to_fit(needs, room, floor)
    heights = [max(floor, need * shrink) for need in needs]
    height = max(height, top + sum(heights) + axis + legend + m.px(6))
    factors = [h / need for h, need in zip(heights, needs, strict=True)]
    if min(factors, default=1.0) < 1.0:
        bar = max(2.0, bar * min(factors))
    layout = TimelineLayout(
        width=width,
        height=height,
        left=left,
        right=width - m.px(18),
        top=top,
        bottom=top + sum(heights),
        start=start,
        end=end,
        metrics=m,
        lanes=lanes,
        title=title,
    )
    y = top
    for lane_height, factor, lane in zip(heights, factors, lanes, strict=True):
        lane.top, lane.height = y, lane_height
        lane.compact = lane.height < m.text_height * 2.3
        lane.dots_at = y + base * factor * 0.72
        y += lane.height
    if ticks is None:
        layout.year_ticks = _year_ticks(layout, measure)
        layout.age_ticks = _age_ticks(layout, birth, measure)
    else:
        layout.year_ticks, layout.age_ticks = (_given_ticks(layout, given) for given in ticks)
    scale_x = (layout.right - layout.left) / (end - start)
    for event in in_view:
        n = lane_of[lane_key(event)]
        lane = lanes[n]
        x1 = left + (event.first - start) * scale_x
        x2 = left + (event.last + 1 - start) * scale_x
        if event.is_period:
            track_y = (
                lane.top + base * factors[n] + tracks[n][event.id] * (bar + m.px(3) * factors[n])
            )
            layout.marks.append(Mark(event, n, x1, track_y, x1, max(x2, x1 + 2), "period"))
        else:
            x = (x1 + x2) / 2
            layout.marks.append(Mark(event, n, x, lane.middle, x1, x2, "point"))
    _place_labels(layout, measure)
    return layout


def _shrink_to_fit(needs: list[float], room: float, floor: float) -> float:
    """The factor (at most 1) that fits the lanes in ``room``, none thinner than ``floor``."""
    if sum(needs) <= room:
        return 1.0
    low, high = 0.0, 1.0
    for _ in range(30):  # bisection: the total height only grows with the factor
        middle = (low + high) / 2
        if sum(max(floor, need * middle) for need in needs) <= room:
            low = middle
        else:
            high = middle
    return low


def minimum_height(lane_count: int, metrics: Metrics, title: str = "") -> float:
    """The least height that shows ``lane_count`` lanes with room for their titles."""
    m = metrics
    title_height = m.text_height * 1.6 if title else 0.0
    top = m.px(10) + title_height + m.small_height + m.px(14)
    axis = m.small_height + m.px(16)
    legend = m.small_height + m.px(18)
    return top + lane_count * m.text_height * LANE_MIN_LINES + axis + legend + m.px(6)


def _place_labels(layout: TimelineLayout, measure: Measure) -> None:
    """Label key episodes above their marks where labels do not collide."""
    m = layout.metrics
    taken: dict[int, list[tuple[float, float]]] = {}
    for mark in sorted(layout.key_marks, key=lambda k: k.x):
        lane = layout.lanes[mark.lane]
        if lane.height < m.text_height * 2.3:
            continue  # squeezed lanes have no room for a label above their dots
        text = mark.event.label
        width = measure(text, "label") + m.px(4)
        x = min(max(mark.x - width / 2, layout.left), layout.right - width)
        y = lane.top + m.px(2)
        spans = taken.setdefault(mark.lane, [])
        if any(not (x + width + m.px(6) < a or x > b + m.px(6)) for a, b in spans):
            continue
        spans.append((x, x + width))
        layout.labels.append(Label(x, y, width, text, mark.event.id))
