"""Small-number suppression: one pure rule for every figure that leaves the app.

Any figure drawn from fewer than the threshold of cases (default 5) is shown as
"fewer than 5" in exports, so that a reader cannot pick out a young person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

DEFAULT_THRESHOLD = 5
SUPPRESSION_NOTE = (
    "To protect the young people in this report, any figure drawn from fewer than "
    "{n} cases is shown as “fewer than {n}”."
)


def suppress(text: str, cases: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """``text`` as it may leave the app: "fewer than N" when drawn from 1 to N-1 cases.

    A figure drawn from no cases at all (a zero count) names nobody, so it is shown.
    """
    if threshold < 1:
        raise ValueError("the suppression threshold is at least 1")
    return f"fewer than {threshold}" if 0 < cases < threshold else text


def is_suppressed(cases: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether a figure drawn from ``cases`` cases is hidden in exports."""
    return suppress("shown", cases, threshold) != "shown"


def share(part: int, whole: int, threshold: int = DEFAULT_THRESHOLD) -> str:
    """``part`` of ``whole`` as a percentage, unless it would give away a small number.

    A share reveals its complement too (80% of 5 means 1 did not), so it is hidden
    when either side is drawn from fewer than ``threshold`` cases.
    """
    if whole <= 0:
        return "no cases"
    if is_suppressed(part, threshold) or is_suppressed(whole - part, threshold):
        return f"not shown (a group of fewer than {threshold})"
    return f"{round(100 * part / whole)}%"


NOT_SHOWN = "not shown"


@dataclass(frozen=True)
class HiddenParts:
    """Which parts of a known total are hidden, and how each may be written.

    ``small`` are the parts drawn from 1 to threshold-1 cases ("fewer than N");
    ``cover`` the larger ones hidden with them so that subtraction from the total cannot
    give a small one away ("not shown"). ``total_hidden``: even with every part hidden
    the total would give a small part away (4 and 4 of 8), so the total must not be
    shown either.
    """

    counts: tuple[int, ...]
    small: frozenset[int]
    cover: frozenset[int]
    total_hidden: bool
    threshold: int

    def text(self, index: int) -> str:
        """Part ``index`` as it may leave the app."""
        if index in self.small:
            return f"fewer than {self.threshold}"
        if index in self.cover:
            return NOT_SHOWN
        return str(self.counts[index])

    def value(self, index: int) -> int | None:
        """Part ``index``, or None when it is hidden (a chart draws a stub)."""
        return None if index in self.small or index in self.cover else self.counts[index]

    @property
    def texts(self) -> list[str]:
        """Every part as it may leave the app."""
        return [self.text(i) for i in range(len(self.counts))]


def hide_parts(counts: Sequence[int], threshold: int | None) -> HiddenParts:
    """Hide the small parts of a total the reader knows, and enough others with them.

    A reader who knows the total, that "fewer than N" means 1 to N-1 and that "not
    shown" covers a part of N or more (the smallest first, so no larger than any part
    still shown) can bound each hidden part. Larger parts are hidden, smallest first,
    until no small part can be pinned to one value; ``threshold`` None hides nothing.
    """
    known = tuple(counts)
    limit = threshold or 1
    small = frozenset(i for i, n in enumerate(known) if threshold and 0 < n < threshold)
    cover: set[int] = set()
    if small:
        spare = sorted((i for i, n in enumerate(known) if n >= limit), key=lambda i: known[i])
        while _pinned(known, small, cover, limit, spare):
            if not spare:
                return HiddenParts(known, small, frozenset(cover), True, limit)
            cover.add(spare.pop(0))
    return HiddenParts(known, small, frozenset(cover), False, limit)


def _pinned(
    counts: tuple[int, ...],
    small: frozenset[int],
    cover: set[int],
    threshold: int,
    still_shown: list[int],
) -> bool:
    """Whether a reader could work out one of the small parts exactly."""
    hidden = small | cover
    total = sum(counts[i] for i in hidden)
    # A covering part is at least the threshold and at most the smallest part shown.
    ceiling = min((counts[i] for i in still_shown), default=total)
    low = {i: 1 if i in small else threshold for i in hidden}
    high = {i: threshold - 1 if i in small else ceiling for i in hidden}
    for i in small:
        others = hidden - {i}
        least = max(low[i], total - sum(high[j] for j in others))
        most = min(high[i], total - sum(low[j] for j in others))
        if least >= most:
            return True
    return False


def suppress_parts(counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> list[str]:
    """The parts of a shown total ("better", "the same", "worse"), each as it may leave
    the app (see :func:`hide_parts`)."""
    return hide_parts(counts, threshold).texts
