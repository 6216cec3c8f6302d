"""Small-number suppression: one pure rule for every figure that leaves the app.

Any figure drawn from fewer than the threshold of cases (default 5) is shown as
"fewer than 5" in exports, so that a reader cannot pick out a young person.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def suppress_parts(counts: Sequence[int], threshold: int = DEFAULT_THRESHOLD) -> list[str]:
    """The parts of a shown total ("better", "the same", "worse"), each as it may leave
    the app. When exactly one part is hidden, the total and the others would give it
    away by subtraction, so the smallest other part is hidden too ("not shown")."""
    texts = [suppress(str(n), n, threshold) for n in counts]
    hidden = [i for i, n in enumerate(counts) if is_suppressed(n, threshold)]
    shown = [i for i, n in enumerate(counts) if n >= threshold]
    if len(hidden) == 1 and shown:
        texts[min(shown, key=lambda i: counts[i])] = NOT_SHOWN
    return texts
