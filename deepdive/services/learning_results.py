"""The plain results of the learning service: filters, counts and outcome figures."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from deepdive.services.outcomes import OutcomeDomain


@dataclass(frozen=True)
class LearningFilter:
    """Which cases and which dates the figures cover. Empty sets mean "all"."""

    start: date | None = None
    end: date | None = None
    statuses: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()  # cases with any of these tags (ignoring case)
    include_archived: bool = False

    def describe(self) -> str:
        """The filter in words, for a report or a window title."""
        parts = []
        if self.start and self.end:
            parts.append(f"{self.start:%d %B %Y} to {self.end:%d %B %Y}")
        elif self.start:
            parts.append(f"from {self.start:%d %B %Y}")
        elif self.end:
            parts.append(f"up to {self.end:%d %B %Y}")
        if self.statuses:
            parts.append("status " + " or ".join(sorted(self.statuses)))
        if self.tags:
            parts.append("tagged " + " or ".join(sorted(self.tags)))
        return "; ".join(parts) or "all dates and cases"


@dataclass(frozen=True)
class ThemeCount:
    """How often a theme appears and in how many cases."""

    theme_id: int
    name: str
    uses: int
    cases: int
    key_episodes: int


@dataclass(frozen=True)
class ThemeOccurrence:
    """One event or session response behind a theme count."""

    case_id: int
    case_code: str
    pseudonym: str
    kind: str  # "event" or "response"
    item_id: int  # the event id, or the response id
    session_id: int | None
    when: date | None
    label: str
    key_episode: bool


@dataclass(frozen=True)
class PlacementRow:
    """How many cases lived in one kind of place at the start and now."""

    place: str
    at_start: int
    now: int


@dataclass(frozen=True)
class DomainChange:
    """Across cases with both values: how many improved, stayed the same, got worse."""

    domain: OutcomeDomain
    cases: int
    improved: int
    same: int
    worse: int


@dataclass(frozen=True)
class LearningSummary:
    """Every figure the Learning view and the programme report show."""

    filter: LearningFilter
    cases: int
    themes: list[ThemeCount]
    placements: list[PlacementRow]
    placement_cases: int
    edge_of_care_cases: int  # edge-of-care cases whose result is known
    stayed_with_family: int
    missing_cases: int  # cases with missing episodes measured before and after
    missing_before: int
    missing_after: int
    changes: list[DomainChange] = field(default_factory=list)

    @property
    def stayed_share(self) -> float | None:
        """The share of edge-of-care young people who stayed at home or with family."""
        if not self.edge_of_care_cases:
            return None
        return self.stayed_with_family / self.edge_of_care_cases


@dataclass(frozen=True)
class KeyEpisode:
    """A key practice episode tagged with a theme, for the report's excerpts."""

    case_code: str
    pseudonym: str
    date_text: str
    description: str
    themes: tuple[str, ...]
    event_id: int = 0  # the chronology event it is (0: not known)
