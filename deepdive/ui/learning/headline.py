"""The Learning view's headline figures in one line, with small numbers hidden on request."""

from __future__ import annotations

from deepdive.services.learning import LearningSummary
from deepdive.services.suppression import is_suppressed, share, suppress


def plural(text: str, one: str, many: str) -> str:
    """``text`` followed by the word for one or for many."""
    return f"{text} {one if text == '1' else many}"


def summary_text(summary: LearningSummary, threshold: int | None = None, stories: int = 0) -> str:
    """The headline figures in one line, starting with a capital letter.

    With a ``threshold``, figures from fewer cases read "fewer than N", as in exports.
    """

    def shown(count: int, cases: int) -> str:
        return str(count) if threshold is None else suppress(str(count), cases, threshold)

    cases = summary.cases
    parts = [
        plural(shown(cases, cases), "case", "cases"),
        plural(str(len(summary.themes)), "theme in use", "themes in use"),
    ]
    known = summary.edge_of_care_cases
    if known:
        stayed = summary.stayed_with_family
        percent = f"{round(100 * stayed / known)}%"
        if threshold is not None:
            percent = share(stayed, known, threshold)
        stayed_small = threshold is not None and is_suppressed(stayed, threshold)
        went_small = threshold is not None and is_suppressed(known - stayed, threshold)
        if percent.endswith("%"):
            parts.append(
                f"edge of care: {percent} stayed at home or with family "
                f"({shown(stayed, stayed)} of {shown(known, known)})"
            )
        elif stayed_small != went_small:
            # Neither side exactly (one is small), but the reader still learns which way.
            most = "all but fewer than" if went_small else "fewer than"
            parts.append(
                f"edge of care: {most} {threshold} of {known} stayed at home or with family"
            )
        else:
            parts.append(f"edge of care: {percent}")
    n = summary.missing_cases
    if n:
        people = plural(shown(n, n), "young person", "young people")
        parts.append(
            f"missing episodes: {shown(summary.missing_before, n)} before hub support, "
            f"{shown(summary.missing_after, n)} since ({people})"
        )
    if stories:  # told one by one in the report: a count of them names nobody
        parts.append(plural(str(stories), "story of a life changed", "stories of lives changed"))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]  # a sentence: "Fewer than 5 cases · …"
