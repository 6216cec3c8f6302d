"""The pieces a timeline is laid out from, and the finished layout (no Qt)."""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass, field
from typing import NamedTuple


@dataclass(frozen=True)
class KeyEntry:
    """One line of the numbered key: an episode whose label is not shown in full."""

    number: int
    text: str
    lines: tuple[str, ...]
    x: float
    y: float


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
    """A key practice episode's label: its number, or its whole text where that fits."""

    x: float
    y: float
    width: float
    text: str
    event_id: int
    number: int = 0
    full: bool = True
    anchor: tuple[float, float] | None = None
    """Where a leader line goes (the mark), when the label had to move aside."""


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
    legend_y: float = 0.0
    """The middle of the legend's line (0: near the bottom edge)."""
    key: list[KeyEntry] = field(default_factory=list)
    """The numbered key under the chart (a picture that stands alone)."""
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
