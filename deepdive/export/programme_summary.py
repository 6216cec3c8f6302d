"""The programme report's headline figures in words, before any table.

"Of the 9 young people on the edge of care, 8 stayed at home or with family": a
director reads these sentences first; the tables and charts after them give the
detail. Every count obeys the same small-number rule as the tables (a share is not
given when either side of it is small, since it would give away the other).
"""

from __future__ import annotations

from deepdive.services.learning import LearningSummary, is_suppressed, suppress
from deepdive.services.measure_charts import measure_sentence
from deepdive.services.measures import MeasureInfo
from deepdive.services.outcomes import OutcomeDomain

HEADLINE_THEMES = 3


def _people(count: str) -> str:
    return f"{count} young {'person' if count == '1' else 'people'}"


def edge_of_care_sentence(summary: LearningSummary, threshold: int) -> str:
    """What became of the young people on the edge of care ("" when none is recorded)."""
    known = summary.edge_of_care_cases
    if not known:
        return ""
    if is_suppressed(known, threshold):
        return (
            f"Fewer than {threshold} of these young people were on the edge of care with a "
            "known result: too few to say how many stayed at home."
        )
    stayed = summary.stayed_with_family
    went = known - stayed
    opening = f"Of the {known} young people on the edge of care, "
    if is_suppressed(went, threshold) and is_suppressed(stayed, threshold):
        return (
            opening + "the numbers who stayed at home and who came into care are each "
            f"fewer than {threshold}, so neither is shown."
        )
    if is_suppressed(went, threshold):
        return (
            opening + f"all but fewer than {threshold} stayed at home or with family "
            "rather than coming into care."
        )
    if is_suppressed(stayed, threshold):
        return opening + f"fewer than {threshold} stayed at home or with family."
    return (
        opening + f"{stayed} ({round(100 * stayed / known)}%) stayed at home or with family "
        f"and {went} came into care."
    )


def missing_sentence(summary: LearningSummary, threshold: int) -> str:
    """Missing episodes before and since hub support ("" when not measured)."""
    n = summary.missing_cases
    if not n:
        return ""
    if is_suppressed(n, threshold):
        return (
            f"Missing episodes were measured before and since hub support for fewer than "
            f"{threshold} young people: too few to report."
        )
    before, after = summary.missing_before, summary.missing_after
    measured = f"across the {_people(str(n))} whose missing episodes were measured"
    if after == before:
        return f"Missing episodes stayed at {before} since hub support, {measured}."
    verb = "fell" if after < before else "rose"
    return f"Missing episodes {verb} from {before} before hub support to {after} since, {measured}."


def _improved(improved: int, cases: int, threshold: int) -> str:
    """ "all 13", "all but fewer than 5 of the 13", "6 of the 13" (never a small complement)."""
    if improved == cases:
        return f"all {cases} young people measured"
    if is_suppressed(cases - improved, threshold):
        return f"all but fewer than {threshold} of the {cases} measured"
    return f"{suppress(str(improved), improved, threshold)} of the {cases} measured"


def outcome_sentence(summary: LearningSummary, threshold: int) -> str:
    """The outcome domains where most young people got better ("" when none did)."""
    better = [
        c
        for c in sorted(summary.changes, key=lambda c: (-c.improved, c.domain.label))
        if c.improved and not is_suppressed(c.cases, threshold)
    ][:2]
    if not better:
        return ""
    parts = [
        f"{_lower_first(OutcomeDomain(c.domain).label)} improved for "
        f"{_improved(c.improved, c.cases, threshold)}"
        for c in better
    ]
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def themes_sentence(summary: LearningSummary, threshold: int) -> str:
    """The learning themes recorded in most young people's case studies."""
    top = [t for t in summary.themes if not is_suppressed(t.cases, threshold)][:HEADLINE_THEMES]
    if not top:
        return ""
    listed = "; ".join(f"{t.name} ({t.cases} cases)" for t in top)
    return f"The learning that came up in most case studies: {listed}."


def headline_sentences(
    summary: LearningSummary,
    threshold: int,
    measures: list[MeasureInfo],
    stories: int,
) -> list[str]:
    """The report's opening figures in words, most telling first; empty parts left out."""
    cases = suppress(str(summary.cases), summary.cases, threshold)
    sentences = [
        f"This report draws on the case studies of {_people(cases)}."
        if summary.cases
        else "No case studies match this report's period and cases yet."
    ]
    sentences += [measure_sentence(m) for m in measures if m.values]
    sentences += [
        edge_of_care_sentence(summary, threshold),
        missing_sentence(summary, threshold),
        outcome_sentence(summary, threshold),
        themes_sentence(summary, threshold),
    ]
    if stories:
        told = "story of a life changed is" if stories == 1 else "stories of lives changed are"
        sentences.append(f"{stories} {told} told below.")
    return [s for s in sentences if s]
