"""A reader who knows the small-number policy and tries to work out hidden figures.

Import as ``from suppression_reader import pinned``: given the parts of a total as shown
("7", "fewer than 5", "not shown") and the total, it lists every set of values the
hidden parts could take, and names the small parts that can take only one value.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

THRESHOLD = 5


def _ways(bounds: Sequence[tuple[int, int]], total: int) -> Iterator[tuple[int, ...]]:
    if not bounds:
        if total == 0:
            yield ()
        return
    (low, high), rest = bounds[0], bounds[1:]
    for value in range(low, min(high, total) + 1):
        for tail in _ways(rest, total - value):
            yield (value, *tail)


def pinned(texts: Sequence[str], total: int, threshold: int = THRESHOLD) -> list[int]:
    """The indexes of "fewer than N" parts a reader can work out exactly.

    The reader knows the total, that "fewer than N" is 1 to N-1, and that a part "not
    shown" or "hidden" is at least N and (the smallest being hidden first) no larger
    than any part still shown.
    """
    shown = [int(t) for t in texts if t.isdigit()]
    ceiling = min((n for n in shown if n >= threshold), default=total)
    hidden = [i for i, t in enumerate(texts) if not t.isdigit()]
    bounds = [
        (1, threshold - 1) if texts[i].startswith("fewer than") else (threshold, ceiling)
        for i in hidden
    ]
    seen: dict[int, set[int]] = {i: set() for i in hidden}
    for values in _ways(bounds, total - sum(shown)):
        for i, value in zip(hidden, values, strict=True):
            seen[i].add(value)
    return [i for i in hidden if texts[i].startswith("fewer than") and len(seen[i]) == 1]
