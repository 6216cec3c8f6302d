"""The charts of the Learning view and the programme report, as plain data.

The UI draws them with Qt; the report embeds the drawing with the alt text written
here. A value of ``None`` is a suppressed figure (drawn from too few cases): it is
drawn as a stub labelled "fewer than N", never as its true height.
"""

from __future__ import annotations

from dataclasses import dataclass

from deepdive.services.learning import LearningSummary, is_suppressed, suppress
from deepdive.services.suppression import share

TOP_THEMES = 10


@dataclass(frozen=True)
class BarSeries:
    """One set of bars (one colour), a value per category."""

    name: str
    values: tuple[int | None, ...]


@dataclass(frozen=True)
class BarChart:
    """A grouped bar chart: categories along the axis, one bar per series in each."""

    key: str
    title: str
    categories: tuple[str, ...]
    series: tuple[BarSeries, ...]
    unit: str
    alt: str
    threshold: int

    @property
    def bar_count(self) -> int:
        """How many bars are drawn (suppressed ones included, as stubs)."""
        return len(self.categories) * len(self.series)

    @property
    def empty(self) -> bool:
        """Nothing to draw."""
        return not self.categories


def _value(count: int, cases: int, threshold: int | None) -> int | None:
    if threshold is None:
        return count
    return None if is_suppressed(cases, threshold) else count


def _shown(count: int, cases: int, threshold: int | None) -> str:
    return str(count) if threshold is None else suppress(str(count), cases, threshold)


def learning_charts(summary: LearningSummary, threshold: int | None) -> list[BarChart]:
    """The four charts; with a ``threshold`` small figures are suppressed (for export)."""
    limit = threshold or 0
    return [
        _themes_chart(summary, threshold, limit),
        _placements_chart(summary, threshold, limit),
        _edge_chart(summary, threshold, limit),
        _missing_chart(summary, threshold, limit),
    ]


def _themes_chart(summary: LearningSummary, threshold: int | None, limit: int) -> BarChart:
    top = summary.themes[:TOP_THEMES]
    values = tuple(_value(t.cases, t.cases, threshold) for t in top)
    listed = "; ".join(f"{t.name}: {_shown(t.cases, t.cases, threshold)}" for t in top)
    alt = (
        f"Bar chart of the {len(top)} most common learning themes by the number of cases "
        f"they appear in. {listed}."
        if top
        else "No learning themes have been recorded."
    )
    return BarChart(
        "themes",
        "Learning themes: cases each appears in",
        tuple(t.name for t in top),
        (BarSeries("Cases", values),),
        "cases",
        alt,
        limit,
    )


def _placements_chart(summary: LearningSummary, threshold: int | None, limit: int) -> BarChart:
    rows = summary.placements
    start = tuple(_value(r.at_start, r.at_start, threshold) for r in rows)
    now = tuple(_value(r.now, r.now, threshold) for r in rows)
    listed = "; ".join(
        f"{r.place}: {_shown(r.at_start, r.at_start, threshold)} at the start, "
        f"{_shown(r.now, r.now, threshold)} now"
        for r in rows
    )
    alt = (
        f"Grouped bar chart of where young people lived at the start and now, by kind of "
        f"place. {listed}."
        if rows
        else "No accommodation outcomes have been recorded."
    )
    return BarChart(
        "placements",
        "Where young people live: at the start and now",
        tuple(r.place for r in rows),
        (BarSeries("At the start", start), BarSeries("Now", now)),
        "cases",
        alt,
        limit,
    )


def _edge_chart(summary: LearningSummary, threshold: int | None, limit: int) -> BarChart:
    known = summary.edge_of_care_cases
    stayed = summary.stayed_with_family
    went = known - stayed
    categories = ("Stayed at home or with family", "Came into care") if known else ()
    # One side small hides both: the other side and the total would give it away.
    small = threshold is not None and (
        is_suppressed(stayed, threshold) or is_suppressed(went, threshold)
    )
    values: tuple[int | None, ...] = ()
    if known:
        values = (None, None) if small else (stayed, went)
    stayed_share = share(stayed, known, threshold or 1)
    both = (
        f"the numbers who stayed at home or with family and who came into care are not "
        f"shown (one of them is fewer than {threshold})"
        if small
        else f"{_shown(stayed, stayed, threshold)} stayed at home or with family and "
        f"{_shown(went, went, threshold)} came into care (share who stayed: {stayed_share})"
    )
    alt = (
        f"Bar chart of edge-of-care young people: {both}."
        if known
        else "No edge-of-care results have been recorded."
    )
    return BarChart(
        "edge_of_care",
        "Edge of care: did the young person stay at home?",
        categories,
        (BarSeries("Young people", values),),
        "young people",
        alt,
        limit,
    )


def _missing_chart(summary: LearningSummary, threshold: int | None, limit: int) -> BarChart:
    n = summary.missing_cases
    categories = ("Before hub support", "Since hub support") if n else ()
    values = (
        (_value(summary.missing_before, n, threshold), _value(summary.missing_after, n, threshold))
        if n
        else ()
    )
    alt = (
        f"Bar chart of missing episodes across {_shown(n, n, threshold)} young people: "
        f"{_shown(summary.missing_before, n, threshold)} before hub support and "
        f"{_shown(summary.missing_after, n, threshold)} since."
        if n
        else "No missing-episode outcomes have been recorded."
    )
    return BarChart(
        "missing",
        "Missing episodes before and since hub support",
        categories,
        (BarSeries("Episodes", values),),
        "episodes",
        alt,
        limit,
    )
