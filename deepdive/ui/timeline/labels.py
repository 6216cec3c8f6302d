"""Labels for key practice episodes that never overlap and are never cut short.

Every key practice episode has a number (in date order, the same on screen, on the
projector, in a saved picture and in a document) shown beside its mark. Where the
whole label ("3 · 14 Mar 2016 · Three-day exclusion") fits in its lane without
touching another, it is shown in full; otherwise the number alone stays on the
chart and the whole label goes in the numbered key: under the picture in a saved
picture, in a table under it in a document. A number pushed sideways by its
neighbours keeps a thin leader line to its mark. Pure geometry, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from deepdive.ui.timeline.layout_types import KeyEntry, Label, Mark, TimelineEvent, TimelineLayout

Measure = Callable[[str, str], float]
LABEL_JOIN = " · "
_GAP = 6.0  # pixels (at scale 1) kept clear between two labels


def key_numbers(events: Sequence[TimelineEvent]) -> dict[int, int]:
    """Each key practice episode's number: 1, 2, … in date order (then by id)."""
    keys = sorted((e for e in events if e.key), key=lambda e: (e.first, e.id))
    return {e.id: n for n, e in enumerate(keys, start=1)}


def full_text(number: int, label: str) -> str:
    """A label as shown in full: its number, then its date and words."""
    return f"{number}{LABEL_JOIN}{label}" if label else str(number)


def place_labels(layout: TimelineLayout, measure: Measure, numbers: dict[int, int]) -> None:
    """Number every key episode in view (while its lane has room for the numbers side
    by side), and show whole labels where they fit."""
    m = layout.metrics
    gap = m.px(_GAP)
    by_lane: dict[int, list[Mark]] = {}
    for mark in sorted(layout.key_marks, key=lambda k: (k.x, k.event.id)):
        by_lane.setdefault(mark.lane, []).append(mark)
    for lane_index, marks in by_lane.items():
        lane = layout.lanes[lane_index]
        roomy = not lane.compact
        row: list[Label] = []
        for mark in marks:
            number = numbers.get(mark.event.id, 0)
            text = str(number)
            width = measure(text, "number") + m.px(10)
            if roomy:
                y, desired = lane.top + m.px(2), mark.x - width / 2
            else:  # a squeezed lane: the number sits beside its mark
                y, desired = lane.middle - m.text_height / 2, mark.x + m.px(7)
            x = _free_spot(row, desired, width, layout.left, layout.right, gap)
            if x is None:
                # More key episodes than a lane can number side by side (a hundred on
                # one line): this one keeps its diamond, and its words on hovering.
                continue
            label = Label(x, y, width, text, mark.event.id, number=number, full=False)
            if roomy and abs(x + width / 2 - mark.x) > width * 0.6:
                label.anchor = (mark.x, mark.y)
            row.append(label)
        if roomy:
            _widen(row, marks, measure, layout, gap)
        layout.labels.extend(row)


def _free_spot(
    row: Sequence[Label], desired: float, width: float, low: float, high: float, gap: float
) -> float | None:
    """The free x nearest ``desired`` where a label ``width`` wide touches no other."""
    taken = sorted((label.x - gap, label.x + label.width + gap) for label in row)
    candidates = [min(max(desired, low), high - width)]
    for a, b in taken:
        candidates += [b, a - width]
    best: float | None = None
    for x in sorted(candidates, key=lambda c: abs(c - desired)):
        if x < low or x + width > high:
            continue
        if all(x + width <= a or x >= b for a, b in taken):
            best = x
            break
    return best


def _widen(
    row: list[Label], marks: list[Mark], measure: Measure, layout: TimelineLayout, gap: float
) -> None:
    """Show labels in full, in number order, wherever the whole text fits."""
    events = {mark.event.id: mark for mark in marks}
    for label in sorted(row, key=lambda item: item.number):
        mark = events[label.event_id]
        text = full_text(label.number, mark.event.label)
        width = measure(text, "label") + gap
        others = [other for other in row if other is not label]
        for x in (mark.x - width / 2, mark.x - gap, mark.x - width + gap, label.x):
            x = min(max(x, layout.left), layout.right - width)
            if x < layout.left - 0.5:
                break
            clear = all(
                x + width + gap <= other.x or x >= other.x + other.width + gap for other in others
            )
            if clear and x <= mark.x <= x + width:
                label.x, label.width, label.text, label.full = x, width, text, True
                label.anchor = None
                break


def wrap(text: str, width: float, measure: Measure, role: str = "label") -> list[str]:
    """``text`` in lines no wider than ``width`` (a word longer than that has a line)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        trial = f"{line} {word}" if line else word
        if line and measure(trial, role) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    if line:
        lines.append(line)
    return lines or [""]


def key_entries(
    layout: TimelineLayout,
    measure: Measure,
    numbers: dict[int, int],
    events: Sequence[TimelineEvent],
    top: float,
    line_height: float,
) -> tuple[list[KeyEntry], float]:
    """The numbered key of every key episode not labelled in full, from ``top`` down in
    columns; returns the entries and the y under the last one."""
    shown = {label.event_id for label in layout.labels if label.full}
    waiting = sorted(
        (numbers[e.id], e.label) for e in events if e.key and e.id in numbers and e.id not in shown
    )
    if not waiting:
        return [], top
    m = layout.metrics
    columns = 2 if layout.width >= 1100 * m.scale else 1
    gutter = m.px(24)
    column_width = (layout.width - m.px(36) - gutter * (columns - 1)) / columns
    per_column = -(-len(waiting) // columns)
    entries: list[KeyEntry] = []
    bottom = top
    for index, (number, label) in enumerate(waiting):
        column, place = divmod(index, per_column)
        if place == 0:
            y = top
        x = m.px(18) + column * (column_width + gutter)
        text = full_text(number, label)
        lines = tuple(wrap(text, column_width, measure))
        entries.append(KeyEntry(number, text, lines, x, y))
        y += line_height * len(lines) + m.px(3)
        bottom = max(bottom, y)
    return entries, bottom
