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
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.learning_results import (
    DomainChange,
    KeyEpisode,
    LearningFilter,
    LearningSummary,
    PlacementRow,
    ThemeCount,
    ThemeOccurrence,
)
from deepdive.services.outcome_figures import learning_summary
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
            themes = self._theme_counts(session, cases, wanted)
            outcomes = self._outcome_rows(session, cases, wanted)
            edge = session.execute(
                select(Case.stayed_with_family, func.count())
                .where(
                    Case.id.in_(cases),
                    Case.edge_of_care.is_(True),
                    Case.stayed_with_family.is_not(None),
                )
                .group_by(Case.stayed_with_family)
            ).all()
        edge_counts = {bool(stayed): int(count) for stayed, count in edge}
        return learning_summary(wanted, case_count, themes, outcomes, edge_counts)

    def _theme_counts(
        self, session: OrmSession, cases: Select[tuple[int]], wanted: LearningFilter
    ) -> list[ThemeCount]:
        """Each live theme's uses (events and responses), cases and key episodes."""
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
        themes = [
            ThemeCount(tid, names[tid], uses[tid], len(theme_cases[tid]), keys[tid])
            for tid in uses
            if tid in names
        ]
        themes.sort(key=lambda t: (-t.cases, -t.uses, t.name.casefold()))
        return themes

    @staticmethod
    def _outcome_rows(
        session: OrmSession, cases: Select[tuple[int]], wanted: LearningFilter
    ) -> list[tuple[str, str, str]]:
        """(domain, start, latest) of each outcome last measured within ``wanted``."""
        query = select(
            CaseOutcome.domain,
            CaseOutcome.start_value,
            CaseOutcome.latest_value,
        ).where(CaseOutcome.case_id.in_(cases))
        if wanted.start:
            query = query.where(CaseOutcome.latest_measured_on >= wanted.start)
        if wanted.end:
            query = query.where(CaseOutcome.latest_measured_on <= wanted.end)
        return [(str(d), str(a), str(b)) for d, a, b in session.execute(query)]

    def occurrences(
        self, theme_id: int, wanted: LearningFilter | None = None
    ) -> list[ThemeOccurrence]:
        """The events and responses behind a theme's count, by case then date."""
        wanted = wanted or LearningFilter()
        cases = self._cases(wanted)
        with self._workspace.reading() as session:
            out = self._event_occurrences(session, theme_id, cases, wanted)
            out += self._response_occurrences(session, theme_id, cases, wanted)
        out.sort(key=lambda o: (o.case_code, o.when or date.min, o.kind, o.item_id))
        return out

    def _event_occurrences(
        self,
        session: OrmSession,
        theme_id: int,
        cases: Select[tuple[int]],
        wanted: LearningFilter,
    ) -> list[ThemeOccurrence]:
        """The chronology events that carry the theme, labelled by date and first line."""
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
        return [
            ThemeOccurrence(
                case_id,
                code,
                pseudonym,
                "event",
                event_id,
                None,
                first,
                f"{date_text}: {_first_line(text)}",
                key,
            )
            for case_id, code, pseudonym, event_id, first, date_text, text, key in events
        ]

    def _response_occurrences(
        self,
        session: OrmSession,
        theme_id: int,
        cases: Select[tuple[int]],
        wanted: LearningFilter,
    ) -> list[ThemeOccurrence]:
        """The session responses that carry the theme, labelled by session and stage."""
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
        return [
            ThemeOccurrence(
                case_id,
                code,
                pseudonym,
                "response",
                response_id,
                session_id,
                held,
                f"{title} — {stage.replace('_', ' ').replace('-', ' ')}",
                False,
            )
            for case_id, code, pseudonym, response_id, session_id, held, title, stage in responses
        ]

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
