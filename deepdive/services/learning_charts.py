"""The charts of the Learning view and the programme report, as plain data.

The UI draws them with Qt; the report embeds the drawing with the alt text written
here. The figures come from :func:`deepdive.services.shown_figures.shown_figures`, so
a chart hides exactly what the tables beside it hide: a value of ``None`` is drawn as
a stub with its label ("<5" for a figure from too few cases, "hidden" for one hidden
with it so that it cannot be worked out), never as its true height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deepdive.services.learning_results import LearningSummary
from deepdive.services.shown_figures import Figure, ShownFigures, shown_figures

TOP_THEMES = 10
HIDDEN_LABEL = "hidden"  # the stub of a bar hidden so that a small one cannot be worked out


@dataclass(frozen=True)
class BarSeries:
    """One set of bars (one colour), a value per category."""

    name: str
    values: tuple[int | None, ...]
    hidden: tuple[str, ...] = ()  # the label of each hidden bar ("" where shown)

    def label(self, index: int, threshold: int) -> str:
        """What a bar says above it: its value, or why it is not drawn."""
        value = self.values[index]
        if value is not None:
            return str(value)
        given = self.hidden[index] if index < len(self.hidden) else ""
        return given or f"<{threshold}"


def _series(name: str, figures: Sequence[Figure], threshold: int) -> BarSeries:
    return BarSeries(
        name,
        tuple(f.value for f in figures),
        tuple(
            "" if not f.hidden else (f"<{threshold}" if f.small else HIDDEN_LABEL) for f in figures
        ),
    )


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
    horizontal: bool = False  # bars across, for long category names shown in full

    @property
    def bar_count(self) -> int:
        """How many bars are drawn (suppressed ones included, as stubs)."""
        return len(self.categories) * len(self.series)

    @property
    def empty(self) -> bool:
        """Nothing to draw."""
        return not self.categories

    @property
    def covers(self) -> bool:
        """Whether a bar is hidden only so that a small one cannot be worked out."""
        return any(HIDDEN_LABEL in s.hidden for s in self.series)


def learning_charts(summary: LearningSummary, threshold: int | None) -> list[BarChart]:
    """The four charts; with a ``threshold`` small figures are suppressed."""
    shown = shown_figures(summary, threshold)
    limit = threshold or 0
    return [
        _themes_chart(shown, limit),
        _placements_chart(shown, limit),
        _edge_chart(shown, limit),
        _missing_chart(shown, limit),
    ]


def _themes_chart(shown: ShownFigures, limit: int) -> BarChart:
    top = shown.themes[:TOP_THEMES]
    listed = "; ".join(f"{t.theme.name}: {t.cases.text}" for t in top)
    alt = (
        f"Bar chart of the {len(top)} most common learning themes by the number of cases "
        f"they appear in. {listed}."
        if top
        else "No learning themes have been recorded."
    )
    return BarChart(
        "themes",
        "Learning themes: cases each appears in",
        tuple(t.theme.name for t in top),
        (_series("Cases", [t.cases for t in top], limit),),
        "cases",
        alt,
        limit,
        horizontal=True,  # theme names are long: each is read in full beside its bar
    )


def _placements_chart(shown: ShownFigures, limit: int) -> BarChart:
    rows = shown.placements
    listed = "; ".join(f"{r.place}: {r.at_start.text} at the start, {r.now.text} now" for r in rows)
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
        (
            _series("At the start", [r.at_start for r in rows], limit),
            _series("Now", [r.now for r in rows], limit),
        ),
        "cases",
        alt,
        limit,
    )


def _edge_chart(shown: ShownFigures, limit: int) -> BarChart:
    edge = shown.edge_of_care
    categories = ("Stayed at home or with family", "Came into care") if edge else ()
    figures = [edge.stayed, edge.went] if edge else []
    if edge is None:
        alt = "No edge-of-care results have been recorded."
    elif edge.too_few:
        alt = (
            f"Bar chart of edge-of-care young people: {edge.known.text} have a known result, "
            "too few to show how many stayed at home."
        )
    elif edge.stayed.hidden:
        alt = (
            "Bar chart of edge-of-care young people: the numbers who stayed at home or with "
            f"family and who came into care are not shown (one of them is fewer than {limit})."
        )
    else:
        alt = (
            f"Bar chart of edge-of-care young people: {edge.stayed.text} stayed at home or "
            f"with family and {edge.went.text} came into care (share who stayed: {edge.share})."
        )
    return BarChart(
        "edge_of_care",
        "Edge of care: did the young person stay at home?",
        categories,
        (_series("Young people", figures, limit),),
        "young people",
        alt,
        limit,
    )


def _missing_chart(shown: ShownFigures, limit: int) -> BarChart:
    missing = shown.missing
    categories = ("Before hub support", "Since hub support") if missing else ()
    figures = [missing.before, missing.after] if missing else []
    alt = (
        f"Bar chart of missing episodes across {missing.people.text} young people: "
        f"{missing.before.text} before hub support and {missing.after.text} since."
        if missing
        else "No missing-episode outcomes have been recorded."
    )
    return BarChart(
        "missing",
        "Missing episodes before and since hub support",
        categories,
        (_series("Episodes", figures, limit),),
        "episodes",
        alt,
        limit,
    )
