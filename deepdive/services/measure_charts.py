"""Programme measures as charts and sentences, for the Learning view and the report.

A measure is the programme's own figure (not counted from cases), so nothing here is
suppressed: the lead recorded it for publication.
"""

from __future__ import annotations

from deepdive.services.learning_charts import BarChart, BarSeries
from deepdive.services.measures import MeasureInfo


def _with_unit(measure: MeasureInfo, figure: str) -> str:
    return f"{figure} {measure.unit}" if measure.unit else figure


def measure_chart(measure: MeasureInfo) -> BarChart:
    """One bar per recorded date, oldest first (bars are whole numbers; alt text is exact)."""
    values = measure.values
    listed = "; ".join(f"{v.when.long_display()}: {v.figure}" for v in values)
    alt = (
        f"Bar chart of {measure.name.lower()} over time"
        f"{f' ({measure.unit})' if measure.unit else ''}. {listed}."
        if values
        else f"No figures have been recorded for {measure.name.lower()}."
    )
    return BarChart(
        f"measure-{measure.id}",
        measure.name,
        tuple(v.when.display() for v in values),
        (BarSeries(measure.unit or measure.name, tuple(round(v.value) for v in values)),),
        measure.unit,
        alt,
        0,
    )


def measure_sentence(measure: MeasureInfo) -> str:
    """The measure's change in words, with its sources: "Residential placements commissioned
    fell from 46 in July 2017 to 25 placements in September 2019, down 46%. Source: …"."""
    values = measure.values
    if not values:
        return f"No figures have been recorded yet for {measure.name.lower()}."
    last = values[-1]
    sources = list(dict.fromkeys(v.source for v in values if v.source))
    cited = f" Source: {'; '.join(sources)}." if sources else ""
    if len(values) == 1:
        return (
            f"{measure.name}: {_with_unit(measure, last.figure)} in "
            f"{last.when.long_display()}.{cited}"
        )
    first = values[0]
    if last.value == first.value:
        moved = f"stayed at {first.figure}"
        since = f" from {first.when.long_display()} to {last.when.long_display()}"
        return f"{measure.name} {moved}{since}.{cited}"
    verb = "fell" if last.value < first.value else "rose"
    change = abs(last.value - first.value)
    way = "down" if last.value < first.value else "up"
    percent = f", {way} {round(100 * change / abs(first.value))}%" if first.value else ""
    return (
        f"{measure.name} {verb} from {first.figure} in {first.when.long_display()} to "
        f"{_with_unit(measure, last.figure)} in {last.when.long_display()}{percent}.{cited}"
    )
