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
from deepdive.services.shown_figures import ChangeRow, shown_figures

HEADLINE_THEMES = 3


def _people(count: str) -> str:
    return f"{count} young {'person' if count == '1' else 'people'}"


def edge_of_care_sentence(summary: LearningSummary, threshold: int) -> str:
    """What became of the young people on the edge of care ("" when none is recorded)."""
    edge = shown_figures(summary, threshold).edge_of_care
    if edge is None:
        return ""
    if edge.too_few:
        return (
            f"Fewer than {threshold} of these young people were on the edge of care with a "
            "known result: too few to say how many stayed at home."
        )
    # The group's size is left out when it, with "all but fewer than N", would give the
    # small number away (6 young people, all but fewer than 5 of them: 1).
    group = "young people" if edge.known.hidden else f"{edge.known.text} young people"
    opening = f"Of the {group} on the edge of care, "
    stayed, went = edge.stayed, edge.went
    if stayed.small and went.small:
        return (
            opening + "the numbers who stayed at home and who came into care are each "
            f"fewer than {threshold}, so neither is shown."
        )
    if went.small:
        return (
            opening + f"all but fewer than {threshold} stayed at home or with family "
            "rather than coming into care."
        )
    if stayed.small:
        return opening + f"fewer than {threshold} stayed at home or with family."
    return (
        opening + f"{stayed.text} ({edge.share}) stayed at home or with family "
        f"and {went.text} came into care."
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


def _improved(row: ChangeRow, improved: int, threshold: int) -> str:
    """ "all 13", "all but fewer than 5 of the 13", "6 of the 13" (never a small complement)."""
    cases = row.cases.text
    if row.same.value == 0 and row.worse.value == 0:
        return f"all {cases} young people measured"
    if row.improved.small:
        return f"{row.improved.text} of the {cases} measured"
    if row.improved.hidden:  # hidden with a small "the same" or "worse"
        return f"all but fewer than {threshold} of the {cases} measured"
    return f"{improved} of the {cases} measured"


def outcome_sentence(summary: LearningSummary, threshold: int) -> str:
    """The outcome domains where most young people got better ("" when none did)."""
    rows = zip(summary.changes, shown_figures(summary, threshold).changes, strict=True)
    better = [
        (change, row)
        for change, row in sorted(rows, key=lambda r: (-r[0].improved, r[0].domain.label))
        if change.improved and not row.cases.hidden
    ][:2]
    if not better:
        return ""
    parts = [
        f"{_lower_first(c.domain.label)} improved for {_improved(row, c.improved, threshold)}"
        for c, row in better
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
    if stories and is_suppressed(summary.cases, threshold):
        # A story a young person: their count would say how many cases there are.
        sentences.append("Stories of lives changed are told below.")
    elif stories:
        told = "story of a life changed is" if stories == 1 else "stories of lives changed are"
        sentences.append(f"{stories} {told} told below.")
    return [s for s in sentences if s]
