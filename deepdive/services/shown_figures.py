"""Every figure of a :class:`LearningSummary` as it may be shown: the one place the
small-number rule is applied, for the Learning view's tables, headline and charts as
much as for the programme report.

A figure drawn from fewer than the threshold of cases reads "fewer than N"; where a
total is shown (young people on the edge of care, young people measured in a domain,
young people in each kind of place), larger parts are hidden with a small one ("not
shown"), so that no total, complement, percentage or bar length gives it away (see
:func:`deepdive.services.suppression.hide_parts`). With no threshold every figure shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from deepdive.services.learning_results import LearningSummary, ThemeCount
from deepdive.services.outcomes import OutcomeDomain
from deepdive.services.suppression import NOT_SHOWN, HiddenParts, hide_parts, is_suppressed


@dataclass(frozen=True)
class Figure:
    """One count as shown: its text, and its value (None when hidden)."""

    text: str
    value: int | None
    small: bool = False  # hidden because it is drawn from too few cases ("fewer than N")

    @property
    def hidden(self) -> bool:
        """Whether the count is not shown."""
        return self.value is None


def _plain(count: int) -> Figure:
    return Figure(str(count), count)


def figure(count: int, cases: int, threshold: int | None) -> Figure:
    """``count``, hidden as "fewer than N" when drawn from 1 to N-1 ``cases``."""
    if threshold is not None and is_suppressed(cases, threshold):
        return Figure(f"fewer than {threshold}", None, small=True)
    return _plain(count)


def _covered() -> Figure:
    return Figure(NOT_SHOWN, None)


def _part(parts: HiddenParts, index: int) -> Figure:
    return Figure(parts.text(index), parts.value(index), index in parts.small)


@dataclass(frozen=True)
class ThemeRow:
    """One learning theme's counts, all hidden together when it is in too few cases."""

    theme: ThemeCount
    uses: Figure
    cases: Figure
    key_episodes: Figure


@dataclass(frozen=True)
class PlaceRow:
    """How many young people lived in one kind of place at the start and now."""

    place: str
    at_start: Figure
    now: Figure


@dataclass(frozen=True)
class EdgeOfCare:
    """What became of the young people on the edge of care with a known result."""

    known: Figure
    stayed: Figure
    went: Figure  # came into care
    share: str  # the share who stayed ("80%"), or why it is not shown

    @property
    def too_few(self) -> bool:
        """Too few young people to say anything about them."""
        return self.known.small


@dataclass(frozen=True)
class Missing:
    """Missing episodes before and since hub support, across the young people measured."""

    people: Figure
    before: Figure
    after: Figure


@dataclass(frozen=True)
class ChangeRow:
    """How many young people got better, stayed the same or got worse in one domain."""

    domain: OutcomeDomain
    cases: Figure
    improved: Figure
    same: Figure
    worse: Figure


@dataclass(frozen=True)
class ShownFigures:
    """The figures of one summary as they may be shown at ``threshold`` (None: all)."""

    threshold: int | None
    cases: Figure
    themes: list[ThemeRow]
    placements: list[PlaceRow]
    edge_of_care: EdgeOfCare | None
    missing: Missing | None
    changes: list[ChangeRow]


def theme_order(themes: list[ThemeCount], threshold: int | None) -> list[ThemeCount]:
    """The themes most cases first, as counted, but those in too few cases last and by
    name: in their counted order they would say which is in 2 cases and which in 1."""
    if threshold is None:
        return list(themes)
    shown = [t for t in themes if not is_suppressed(t.cases, threshold)]
    hidden = [t for t in themes if is_suppressed(t.cases, threshold)]
    return shown + sorted(hidden, key=lambda t: (t.name.casefold(), t.theme_id))


def shown_figures(summary: LearningSummary, threshold: int | None) -> ShownFigures:
    """Every figure of ``summary``, small numbers hidden at ``threshold`` (None: none)."""
    if threshold is not None and threshold < 1:
        raise ValueError("the suppression threshold is at least 1")
    return ShownFigures(
        threshold,
        figure(summary.cases, summary.cases, threshold),
        [
            ThemeRow(
                t,
                figure(t.uses, t.cases, threshold),
                figure(t.cases, t.cases, threshold),
                figure(t.key_episodes, t.cases, threshold),
            )
            for t in theme_order(summary.themes, threshold)
        ],
        _placements(summary, threshold),
        _edge_of_care(summary, threshold),
        _missing(summary, threshold),
        [
            _change(c.domain, c.cases, (c.improved, c.same, c.worse), threshold)
            for c in summary.changes
        ],
    )


def _placements(summary: LearningSummary, threshold: int | None) -> list[PlaceRow]:
    # Each column adds up to the young people whose accommodation is recorded, a number a
    # reader may well know (it is often every case): each column is protected on its own.
    rows = summary.placements
    start = hide_parts([r.at_start for r in rows], threshold)
    now = hide_parts([r.now for r in rows], threshold)
    return [PlaceRow(r.place, _part(start, i), _part(now, i)) for i, r in enumerate(rows)]


def _edge_of_care(summary: LearningSummary, threshold: int | None) -> EdgeOfCare | None:
    known = summary.edge_of_care_cases
    if not known:
        return None
    if threshold is not None and is_suppressed(known, threshold):
        hidden = f"not shown (a group of fewer than {threshold})"
        small = figure(known, known, threshold)  # each side is fewer too
        return EdgeOfCare(small, small, small, hidden)
    stayed = summary.stayed_with_family
    parts = hide_parts((stayed, known - stayed), threshold)
    if parts.value(0) is None or parts.value(1) is None:
        share = f"not shown (who stayed or who did not is fewer than {threshold})"
    else:
        share = f"{round(100 * stayed / known)}%"
    total = _covered() if parts.total_hidden else _plain(known)
    return EdgeOfCare(total, _part(parts, 0), _part(parts, 1), share)


def _missing(summary: LearningSummary, threshold: int | None) -> Missing | None:
    n = summary.missing_cases
    if not n:
        return None
    return Missing(
        figure(n, n, threshold),
        figure(summary.missing_before, n, threshold),
        figure(summary.missing_after, n, threshold),
    )


def _change(
    domain: OutcomeDomain, cases: int, counts: tuple[int, int, int], threshold: int | None
) -> ChangeRow:
    if threshold is not None and is_suppressed(cases, threshold):
        # A small group: even a 0 would say how all of them fared.
        return ChangeRow(domain, figure(cases, cases, threshold), *[_covered()] * 3)
    parts = hide_parts(counts, threshold)
    total = _covered() if parts.total_hidden else _plain(cases)
    return ChangeRow(domain, total, _part(parts, 0), _part(parts, 1), _part(parts, 2))
