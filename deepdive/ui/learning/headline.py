"""The Learning view's headline figures in one line, with small numbers hidden on request.

Which figures may be shown is decided once, in :mod:`deepdive.services.shown_figures`;
this module only words them.
"""

from __future__ import annotations

from deepdive.services.learning import LearningSummary
from deepdive.services.shown_figures import EdgeOfCare, shown_figures


def plural(text: str, one: str, many: str) -> str:
    """``text`` followed by the word for one or for many."""
    return f"{text} {one if text == '1' else many}"


def _edge_of_care(edge: EdgeOfCare, threshold: int | None) -> str:
    if edge.too_few:
        # "Fewer than 5 of 1 stayed" would say nothing well: the group is too small.
        return f"edge of care: fewer than {threshold} young people, too few to report"
    group = "" if edge.known.hidden else f" of {edge.known.text}"
    stayed, went = edge.stayed, edge.went
    if not stayed.hidden:
        return f"edge of care: {edge.share} stayed at home or with family ({stayed.text}{group})"
    if stayed.small and went.small:  # not "fewer than 5 of 5": neither side can be given
        people = "" if edge.known.hidden else f"{edge.known.text} young people, "
        return f"edge of care: {people}too few either way to say how many stayed at home"
    # One side is small: the reader still learns which way most went.
    most = "all but fewer than" if went.small else "fewer than"
    return f"edge of care: {most} {threshold}{group} stayed at home or with family"


def summary_text(summary: LearningSummary, threshold: int | None = None, stories: int = 0) -> str:
    """The headline figures in one line, starting with a capital letter.

    With a ``threshold``, figures from fewer cases read "fewer than N", as in exports.
    """
    shown = shown_figures(summary, threshold)
    parts = [
        plural(shown.cases.text, "case", "cases"),
        plural(str(len(summary.themes)), "theme in use", "themes in use"),
    ]
    if shown.edge_of_care is not None:
        parts.append(_edge_of_care(shown.edge_of_care, threshold))
    missing = shown.missing
    if missing is not None:
        if missing.people.small:
            parts.append(
                f"missing episodes: measured for fewer than {threshold} young people, "
                "too few to report"
            )
        else:
            people = plural(missing.people.text, "young person", "young people")
            parts.append(
                f"missing episodes: {missing.before.text} before hub support, "
                f"{missing.after.text} since ({people})"
            )
    if stories and shown.cases.small:  # a story a case: their count could be the cases'
        parts.append("stories of lives changed (Stories…)")
    elif stories:  # told one by one in the report: a count of them names nobody
        parts.append(plural(str(stories), "story of a life changed", "stories of lives changed"))
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]  # a sentence: "Fewer than 5 cases · …"
