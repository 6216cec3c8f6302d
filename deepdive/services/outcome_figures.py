"""Outcome figures for the Learning view and the programme report: where young people
live, edge of care, missing episodes and change in each domain, from the rows the
learning service reads (no database here)."""

from __future__ import annotations

from collections import Counter

from deepdive.services.learning_results import (
    DomainChange,
    LearningFilter,
    LearningSummary,
    PlacementRow,
    ThemeCount,
)
from deepdive.services.outcomes import (
    ACCOMMODATION_TYPES,
    ETE_STATES,
    RISK_LEVELS,
    OutcomeDomain,
    ValueKind,
)

# A lower rank is better: risk levels run from none to high, and education states from
# in education, employment or training to not (both lists put the best first).
_ORDER = {
    ValueKind.LEVEL: {v: i for i, v in enumerate(RISK_LEVELS)},
    ValueKind.ETE: {v: i for i, v in enumerate(ETE_STATES)},
}


def _change(kind: ValueKind, start: str, latest: str) -> int | None:
    """+1 improved, 0 the same, -1 worse; None when it cannot be compared."""
    if not start or not latest:
        return None
    if kind is ValueKind.COUNT or kind is ValueKind.SCORE:
        a, b = int(start), int(latest)
        better = b > a if kind is ValueKind.SCORE else b < a
        return 0 if a == b else (1 if better else -1)
    if kind in _ORDER:
        order = _ORDER[kind]
        if start not in order or latest not in order:
            return None
        a, b = order[start], order[latest]
        return 0 if a == b else (1 if b < a else -1)
    return None


def learning_summary(
    wanted: LearningFilter,
    case_count: int,
    themes: list[ThemeCount],
    outcomes: list[tuple[str, str, str]],
    edge: dict[bool, int],
) -> LearningSummary:
    """The summary of ``case_count`` cases: ``themes`` as counted, and the outcome
    figures from each (domain, start, latest) row and the edge-of-care tally."""
    start_places: Counter[str] = Counter()
    now_places: Counter[str] = Counter()
    placement_cases = 0
    missing_cases = missing_before = missing_after = 0
    tally: dict[OutcomeDomain, Counter[int]] = {d: Counter() for d in OutcomeDomain}
    for domain_text, start, latest in outcomes:
        try:
            domain = OutcomeDomain(domain_text)
        except ValueError:
            continue
        if domain is OutcomeDomain.ACCOMMODATION:
            if start or latest:
                placement_cases += 1
            if start:
                start_places[start] += 1
            if latest:
                now_places[latest] += 1
            continue
        if domain is OutcomeDomain.MISSING and start and latest:
            missing_cases += 1
            missing_before += int(start)
            missing_after += int(latest)
        moved = _change(domain.kind, start, latest)
        if moved is not None:
            tally[domain][moved] += 1
    placements = [
        PlacementRow(place, start_places[place], now_places[place])
        for place in ACCOMMODATION_TYPES
        if start_places[place] or now_places[place]
    ]
    changes = [
        DomainChange(d, sum(c.values()), c[1], c[0], c[-1])
        for d, c in tally.items()
        if sum(c.values())
    ]
    stayed = edge.get(True, 0)
    return LearningSummary(
        filter=wanted,
        cases=case_count,
        themes=themes,
        placements=placements,
        placement_cases=placement_cases,
        edge_of_care_cases=stayed + edge.get(False, 0),
        stayed_with_family=stayed,
        missing_cases=missing_cases,
        missing_before=missing_before,
        missing_after=missing_after,
        changes=changes,
    )
