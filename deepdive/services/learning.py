"""Learning across cases: theme counts, outcome changes and the charts drawn from them.

Everything here reads the workspace in a few grouped queries, so the Learning view
opens quickly on a thousand cases. Figures carry the number of cases they are drawn
from; :func:`suppress` turns a figure from too few cases into "fewer than N" for
anything that leaves the app (the programme report, exported charts).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from sqlalchemy import ColumnElement, Integer, Select, cast, func, select

from deepdive.services.learning_results import (
    DomainChange,
    KeyEpisode,
    LearningFilter,
    LearningSummary,
    PlacementRow,
    ThemeCount,
    ThemeOccurrence,
)
from deepdive.services.outcomes import (
    ACCOMMODATION_TYPES,
    ETE_STATES,
    RISK_LEVELS,
    OutcomeDomain,
    ValueKind,
)
from deepdive.services.suppression import (
    DEFAULT_THRESHOLD,
    SUPPRESSION_NOTE,
    is_suppressed,
    suppress,
)
from deepdive.storage.models import (
    Case,
    CaseOutcome,
    ChronologyEvent,
    Session,
    StageResponse,
    Tag,
    Theme,
    case_tags,
    event_themes,
    response_themes,
)
from deepdive.storage.workspace import Workspace

__all__ = [
    "DEFAULT_THRESHOLD",
    "SUPPRESSION_NOTE",
    "DomainChange",
    "KeyEpisode",
    "LearningFilter",
    "LearningService",
    "LearningSummary",
    "PlacementRow",
    "ThemeCount",
    "ThemeOccurrence",
    "is_suppressed",
    "suppress",
]

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


class LearningService:
    """The figures across every case in the workspace, filtered."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    def _cases(self, wanted: LearningFilter) -> Select[tuple[int]]:
        query: Select[tuple[int]] = select(Case.id)
        if not wanted.include_archived:
            query = query.where(Case.archived.is_(False))
        if wanted.statuses:
            query = query.where(Case.status.in_(sorted(wanted.statuses)))
        if wanted.tags:
            folded = sorted(t.casefold() for t in wanted.tags)
            tagged = (
                select(case_tags.c.case_id)
                .join(Tag, Tag.id == case_tags.c.tag_id)
                .where(func.lower(Tag.name).in_(folded))
            )
            query = query.where(Case.id.in_(tagged))
        return query

    def _event_window(self, wanted: LearningFilter) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if wanted.start:
            out.append(ChronologyEvent.last_day >= wanted.start)
        if wanted.end:
            out.append(ChronologyEvent.first_day <= wanted.end)
        return out

    def _session_window(self, wanted: LearningFilter) -> list[ColumnElement[bool]]:
        out: list[ColumnElement[bool]] = []
        if wanted.start:
            out.append(Session.held_on >= wanted.start)
        if wanted.end:
            out.append(Session.held_on <= wanted.end)
        return out

    def case_ids(self, wanted: LearningFilter | None = None) -> list[int]:
        """The cases ``wanted`` covers (dates aside), by case code."""
        query = self._cases(wanted or LearningFilter())
        with self._workspace.reading() as session:
            return list(
                session.scalars(select(Case.id).where(Case.id.in_(query)).order_by(Case.code))
            )

    def summary(self, wanted: LearningFilter | None = None) -> LearningSummary:
        """Theme counts and outcome figures for the cases and dates in ``wanted``."""
        wanted = wanted or LearningFilter()
        cases = self._cases(wanted)
        with self._workspace.reading() as session:
            case_count = session.scalar(select(func.count()).select_from(cases.subquery())) or 0
            names: dict[int, str] = {
                theme_id: name
                for theme_id, name in session.execute(
                    select(Theme.id, Theme.name).where(Theme.merged_into_id.is_(None))
                )
            }
            uses: Counter[int] = Counter()
            keys: Counter[int] = Counter()
            theme_cases: defaultdict[int, set[int]] = defaultdict(set)
            event_rows = session.execute(
                select(
                    event_themes.c.theme_id,
                    ChronologyEvent.case_id,
                    func.count(),
                    func.sum(cast(ChronologyEvent.key_episode, Integer)),  # not summed as a bool
                )
                .join(ChronologyEvent, ChronologyEvent.id == event_themes.c.event_id)
                .where(ChronologyEvent.case_id.in_(cases), *self._event_window(wanted))
                .group_by(event_themes.c.theme_id, ChronologyEvent.case_id)
            )
            for theme_id, case_id, count, key_count in event_rows:
                uses[theme_id] += count
                keys[theme_id] += int(key_count or 0)
                theme_cases[theme_id].add(case_id)
            response_rows = session.execute(
                select(response_themes.c.theme_id, Session.case_id, func.count())
                .join(StageResponse, StageResponse.id == response_themes.c.response_id)
                .join(Session, Session.id == StageResponse.session_id)
                .where(Session.case_id.in_(cases), *self._session_window(wanted))
                .group_by(response_themes.c.theme_id, Session.case_id)
            )
            for theme_id, case_id, count in response_rows:
                uses[theme_id] += count
                theme_cases[theme_id].add(case_id)
            outcome_query = select(
                CaseOutcome.domain,
                CaseOutcome.start_value,
                CaseOutcome.latest_value,
            ).where(CaseOutcome.case_id.in_(cases))
            if wanted.start:
                outcome_query = outcome_query.where(CaseOutcome.latest_measured_on >= wanted.start)
            if wanted.end:
                outcome_query = outcome_query.where(CaseOutcome.latest_measured_on <= wanted.end)
            outcomes = session.execute(outcome_query).all()
            edge = session.execute(
                select(Case.stayed_with_family, func.count())
                .where(
                    Case.id.in_(cases),
                    Case.edge_of_care.is_(True),
                    Case.stayed_with_family.is_not(None),
                )
                .group_by(Case.stayed_with_family)
            ).all()
        themes = [
            ThemeCount(tid, names[tid], uses[tid], len(theme_cases[tid]), keys[tid])
            for tid in uses
            if tid in names
        ]
        themes.sort(key=lambda t: (-t.cases, -t.uses, t.name.casefold()))
        edge_counts = {bool(stayed): int(count) for stayed, count in edge}
        rows = [(str(d), str(a), str(b)) for d, a, b in outcomes]
        return self._outcome_figures(wanted, case_count, themes, rows, edge_counts)

    @staticmethod
    def _outcome_figures(
        wanted: LearningFilter,
        case_count: int,
        themes: list[ThemeCount],
        outcomes: list[tuple[str, str, str]],
        edge: dict[bool, int],
    ) -> LearningSummary:
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

    def occurrences(
        self, theme_id: int, wanted: LearningFilter | None = None
    ) -> list[ThemeOccurrence]:
        """The events and responses behind a theme's count, by case then date."""
        wanted = wanted or LearningFilter()
        cases = self._cases(wanted)
        out: list[ThemeOccurrence] = []
        with self._workspace.reading() as session:
            events = session.execute(
                select(
                    ChronologyEvent.case_id,
                    Case.code,
                    Case.pseudonym,
                    ChronologyEvent.id,
                    ChronologyEvent.first_day,
                    ChronologyEvent.date_text,
                    ChronologyEvent.description,
                    ChronologyEvent.key_episode,
                )
                .join(event_themes, event_themes.c.event_id == ChronologyEvent.id)
                .join(Case, Case.id == ChronologyEvent.case_id)
                .where(
                    event_themes.c.theme_id == theme_id,
                    ChronologyEvent.case_id.in_(cases),
                    *self._event_window(wanted),
                )
            )
            for case_id, code, pseudonym, event_id, first, date_text, text, key in events:
                label = f"{date_text}: {_first_line(text)}"
                out.append(
                    ThemeOccurrence(
                        case_id, code, pseudonym, "event", event_id, None, first, label, key
                    )
                )
            responses = session.execute(
                select(
                    Session.case_id,
                    Case.code,
                    Case.pseudonym,
                    StageResponse.id,
                    Session.id,
                    Session.held_on,
                    Session.title,
                    StageResponse.stage_id,
                )
                .join(response_themes, response_themes.c.response_id == StageResponse.id)
                .join(Session, Session.id == StageResponse.session_id)
                .join(Case, Case.id == Session.case_id)
                .where(
                    response_themes.c.theme_id == theme_id,
                    Session.case_id.in_(cases),
                    *self._session_window(wanted),
                )
            )
            for case_id, code, pseudonym, response_id, session_id, held, title, stage in responses:
                stage_name = stage.replace("_", " ").replace("-", " ")
                out.append(
                    ThemeOccurrence(
                        case_id,
                        code,
                        pseudonym,
                        "response",
                        response_id,
                        session_id,
                        held,
                        f"{title} — {stage_name}",
                        False,
                    )
                )
        out.sort(key=lambda o: (o.case_code, o.when or date.min, o.kind, o.item_id))
        return out

    def key_episodes(
        self, wanted: LearningFilter | None = None, limit: int = 12
    ) -> list[KeyEpisode]:
        """Key practice episodes that carry a theme, the most recent first (for excerpts)."""
        wanted = wanted or LearningFilter()
        cases = self._cases(wanted)
        # The newest ``limit`` themed episodes are chosen in the database (walking the
        # key episodes' own index, newest first), not among every one in the programme.
        newest = (
            select(ChronologyEvent.id)
            .where(
                ChronologyEvent.key_episode.is_(True),
                ChronologyEvent.case_id.in_(cases),
                *self._event_window(wanted),
                select(event_themes.c.event_id)
                .where(event_themes.c.event_id == ChronologyEvent.id)
                .exists(),
            )
            .order_by(ChronologyEvent.first_day.desc(), ChronologyEvent.id)
            .limit(limit)
        )
        with self._workspace.reading() as session:
            chosen = list(session.scalars(newest))
            rows = session.execute(
                select(
                    ChronologyEvent.id,
                    Case.code,
                    Case.pseudonym,
                    ChronologyEvent.date_text,
                    ChronologyEvent.description,
                    Theme.name,
                )
                .join(Case, Case.id == ChronologyEvent.case_id)
                .join(event_themes, event_themes.c.event_id == ChronologyEvent.id)
                .join(Theme, Theme.id == event_themes.c.theme_id)
                .where(ChronologyEvent.id.in_(chosen))
                .order_by(ChronologyEvent.first_day.desc(), ChronologyEvent.id)
            ).all()
        found: dict[int, KeyEpisode] = {}
        for event_id, code, pseudonym, date_text, text, theme in rows:
            if event_id in found:
                episode = found[event_id]
                found[event_id] = KeyEpisode(
                    code,
                    pseudonym,
                    date_text,
                    episode.description,
                    (*episode.themes, theme),
                    event_id,
                )
            elif len(found) < limit:
                found[event_id] = KeyEpisode(code, pseudonym, date_text, text, (theme,), event_id)
        return list(found.values())


def _first_line(text: str, length: int = 90) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line if len(line) <= length else line[: length - 1].rstrip() + "…"
