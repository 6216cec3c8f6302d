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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from deepdive.domain.ages import BirthMonth
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.ui.timeline.labels import key_entries, key_numbers, place_labels
from deepdive.ui.timeline.layout_types import (
    Label,
    Lane,
    Mark,
    Metrics,
    Tick,
    TimelineEvent,
    TimelineLayout,
)

__all__ = [
    "Label",
    "Lane",
    "Mark",
    "Metrics",
    "Tick",
    "TimelineEvent",
    "TimelineLayout",
    "build_layout",
    "default_window",
    "make_lanes",
    "minimum_height",
]

Measure = Callable[[str, str], float]  # (text, font role) -> width in pixels
GivenTick = tuple[float, str, bool]  # where (a day), text, major
LANES_BY_CATEGORY = "category"
LANES_BY_AGENCY = "agency"
ONE_LANE = "one"  # every event on one line: the strip beneath a walk through the chronology
NO_SOURCE = "No source recorded"
UNCERTAIN_DAYS = 20  # a point whose date spans more days than this shows its range
LANE_MIN_LINES = 1.3  # a squeezed lane stays this many lines of its title's font tall
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def make_lanes(events: Sequence[TimelineEvent], mode: str) -> list[Lane]:
    """The lanes the events need, in a stable order (domains as in the vocabulary)."""
    if mode == ONE_LANE:
        return [Lane(ONE_LANE, "Events", 0)] if events else []
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
    key_list: bool = False,
) -> TimelineLayout:
    """Place every event for a drawing ``width`` wide (``height`` None: as tall as needed).

    Key practice episodes are numbered and labelled in full where that fits (see
    :mod:`.labels`); with ``key_list`` (a picture that stands alone, as tall as needed)
    the labels not shown in full are listed under the legend.

    ``ticks`` gives the bottom and top axes' ticks (where, text, major) instead of the
    calendar years and ages worked out here: an export's picture is given them with
    its dates already shown as the export shows dates.
    """
    m = metrics
    lanes = make_lanes(events, mode)
    start, end = window or default_window(events)
    gutter = max([measure(lane.title, "lane") for lane in lanes] + [measure("Age", "small")])
    left = min(width * 0.3, gutter + m.px(24))
    title_height = m.text_height * 1.6 if title else 0.0
    top = m.px(10) + title_height + m.small_height + m.px(14)  # the age axis sits above
    in_view = [e for e in events if e.last + 1 >= start and e.first <= end]
    lane_index = _lane_indexer(lanes, mode)
    tracks = _count_into_lanes(lanes, in_view, lane_index)
    fit = _fit_lanes(lanes, m, top=top, height=height)
    layout = TimelineLayout(
        width=width,
        height=fit.height,
        left=left,
        right=width - m.px(18),
        top=top,
        bottom=top + sum(fit.heights),
        start=start,
        end=end,
        metrics=m,
        lanes=lanes,
        title=title,
    )
    if ticks is None:
        layout.year_ticks = _year_ticks(layout, measure)
        layout.age_ticks = _age_ticks(layout, birth, measure)
    else:
        layout.year_ticks, layout.age_ticks = (_given_ticks(layout, given) for given in ticks)
    _place_marks(layout, in_view, lane_index, tracks, fit)
    numbers = key_numbers(events)
    place_labels(layout, measure, numbers)
    layout.legend_y = layout.height - m.px(10) - m.small_height / 2
    if key_list:
        line = m.text_height * 1.05
        layout.key, bottom = key_entries(
            layout, measure, numbers, in_view, layout.height + m.px(6), line
        )
        if layout.key:
            layout.height = bottom + m.px(12)
    return layout


def _lane_indexer(lanes: list[Lane], mode: str) -> Callable[[TimelineEvent], int]:
    """Which lane (by index) an event belongs in, for the way the lanes are split."""
    lane_of = {lane.key: n for n, lane in enumerate(lanes)}

    def lane_index(e: TimelineEvent) -> int:
        if mode == ONE_LANE:
            return lane_of[ONE_LANE]
        return lane_of[(e.agency or NO_SOURCE) if mode == LANES_BY_AGENCY else e.category]

    return lane_index


def _count_into_lanes(
    lanes: list[Lane], in_view: list[TimelineEvent], lane_index: Callable[[TimelineEvent], int]
) -> dict[int, dict[int, int]]:
    """Count each lane's events and stack its periods into tracks; each lane's
    {event id: track} for its periods."""
    periods: dict[int, list[TimelineEvent]] = {n: [] for n in range(len(lanes))}
    for event in in_view:
        n = lane_index(event)
        lanes[n].count += 1
        if event.is_period:
            periods[n].append(event)
    tracks = {n: _stack_periods(p) for n, p in periods.items()}
    for n, lane in enumerate(lanes):
        lane.tracks = 1 + max(tracks[n].values(), default=-1)
    return tracks


@dataclass(frozen=True)
class _LaneFit:
    """The lanes' heights once fitted to the drawing, and how much each was squeezed."""

    height: float  # the whole drawing's
    heights: list[float]
    factors: list[float]  # each lane's height against what it needed (1: not squeezed)
    base: float  # a label row and the dots, unsqueezed
    bar: float  # a period's bar, thinner when lanes are squeezed
    gap: float  # between period tracks, unsqueezed


def _fit_lanes(lanes: list[Lane], m: Metrics, *, top: float, height: float | None) -> _LaneFit:
    """Give each lane its height (and position): what its tracks need, squeezed to fit
    ``height`` (None: as tall as needed) but never thinner than its title."""
    axis = m.small_height + m.px(16)
    legend = m.small_height + m.px(18)
    bar = m.px(7)
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
    y = top
    for lane_height, factor, lane in zip(heights, factors, lanes, strict=True):
        lane.top, lane.height = y, lane_height
        lane.compact = lane.height < m.text_height * 2.3
        lane.dots_at = y + base * factor * 0.72
        y += lane.height
    return _LaneFit(height, heights, factors, base, bar, m.px(3))


def _place_marks(
    layout: TimelineLayout,
    in_view: list[TimelineEvent],
    lane_index: Callable[[TimelineEvent], int],
    tracks: dict[int, dict[int, int]],
    fit: _LaneFit,
) -> None:
    """A dot for each single event and a bar on its track for each period."""
    scale_x = (layout.right - layout.left) / (layout.end - layout.start)
    for event in in_view:
        n = lane_index(event)
        lane = layout.lanes[n]
        x1 = layout.left + (event.first - layout.start) * scale_x
        x2 = layout.left + (event.last + 1 - layout.start) * scale_x
        if event.is_period:
            factor = fit.factors[n]
            track_y = (
                lane.top + fit.base * factor + tracks[n][event.id] * (fit.bar + fit.gap * factor)
            )
            layout.marks.append(Mark(event, n, x1, track_y, x1, max(x2, x1 + 2), "period"))
        else:
            x = (x1 + x2) / 2
            layout.marks.append(Mark(event, n, x, lane.middle, x1, x2, "point"))


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
