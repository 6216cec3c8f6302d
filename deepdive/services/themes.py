"""Learning themes: a workspace-wide vocabulary applied to events and session responses.

Themes are created while tagging (``ensure``), renamed and merged. A merged theme is
kept (``merged_into_id`` points at the theme that absorbed it) so a name typed later
still finds its way to the surviving theme; its links move to that theme.
"""

from __future__ import annotations

from sqlalchemy import delete, func, insert, select

from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.text import clean_text
from deepdive.services.theme_merges import MergedIds, merge_themes, unmerge_themes
from deepdive.services.theme_rows import (
    ThemeInfo,
    ensure_theme,
    live_theme,
    stage_response,
    theme_by_name,
)
from deepdive.services.validation import guarded_line
from deepdive.storage.models import (
    ChronologyEvent,
    Session,
    StageResponse,
    Theme,
    event_themes,
    response_themes,
)
from deepdive.storage.workspace import Workspace

__all__ = ["MAX_THEME_NAME", "ThemeInfo", "ThemeService"]

MAX_THEME_NAME = 160


class ThemeService:
    """Create, rename, merge, apply and list learning themes."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    def _theme_name(self, name: str) -> str:
        return guarded_line(
            name, "theme", "A theme name", GuardedField.THEME, self._guard, MAX_THEME_NAME
        )

    # ---------------------------------------------------------------- reading
    def list_themes(self) -> list[ThemeInfo]:
        """Every theme still in use as a name (merged ones left out), with counts, by name."""
        with self._workspace.reading() as session:
            events: dict[int, int] = dict(
                session.execute(
                    select(event_themes.c.theme_id, func.count()).group_by(event_themes.c.theme_id)
                ).all()
            )
            responses: dict[int, int] = dict(
                session.execute(
                    select(response_themes.c.theme_id, func.count()).group_by(
                        response_themes.c.theme_id
                    )
                ).all()
            )
            event_cases = select(
                event_themes.c.theme_id.label("theme_id"), ChronologyEvent.case_id.label("case_id")
            ).join(ChronologyEvent, ChronologyEvent.id == event_themes.c.event_id)
            response_cases = (
                select(
                    response_themes.c.theme_id.label("theme_id"), Session.case_id.label("case_id")
                )
                .join(StageResponse, StageResponse.id == response_themes.c.response_id)
                .join(Session, Session.id == StageResponse.session_id)
            )
            both = event_cases.union(response_cases).subquery()
            cases: dict[int, int] = dict(
                session.execute(
                    select(both.c.theme_id, func.count(both.c.case_id.distinct())).group_by(
                        both.c.theme_id
                    )
                ).all()
            )
            themes = session.scalars(select(Theme).where(Theme.merged_into_id.is_(None))).all()
            out = [
                ThemeInfo(
                    t.id,
                    t.name,
                    t.description,
                    events.get(t.id, 0),
                    responses.get(t.id, 0),
                    cases.get(t.id, 0),
                )
                for t in themes
            ]
        return sorted(out, key=lambda t: t.name.casefold())

    def names(self) -> list[str]:
        """The names a theme can be given by, by name (for completing while typing)."""
        with self._workspace.reading() as session:
            names = session.scalars(select(Theme.name).where(Theme.merged_into_id.is_(None)))
            return sorted(names, key=str.casefold)

    def find(self, name: str) -> ThemeInfo | None:
        """The theme a typed name leads to (ignoring case, following merges), if any."""
        clean = " ".join(name.split())
        if not clean:
            return None
        with self._workspace.reading() as session:
            found = theme_by_name(session, clean)
            if found is None:
                return None
            live = live_theme(session, found.id)
            return ThemeInfo(live.id, live.name, live.description)

    def get(self, theme_id: int) -> ThemeInfo:
        """One theme with its counts (a merged theme gives the one it went into)."""
        with self._workspace.reading() as session:
            wanted = live_theme(session, theme_id).id
        for info in self.list_themes():
            if info.id == wanted:
                return info
        raise NotFoundError("That theme is no longer in this workspace.")

    def event_themes(self, event_id: int) -> list[ThemeInfo]:
        """The themes on one chronology event, by name."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(Theme)
                .join(event_themes, event_themes.c.theme_id == Theme.id)
                .where(event_themes.c.event_id == event_id)
            ).all()
            return sorted(
                (ThemeInfo(t.id, t.name, t.description) for t in rows),
                key=lambda t: t.name.casefold(),
            )

    def case_themes(
        self, case_id: int
    ) -> tuple[dict[int, tuple[str, ...]], dict[tuple[int, str], tuple[str, ...]]]:
        """The case's themes in two reads: by event id, and by (session id, stage id)."""
        with self._workspace.reading() as session:
            on_events = session.execute(
                select(event_themes.c.event_id, Theme.name)
                .join(Theme, Theme.id == event_themes.c.theme_id)
                .join(ChronologyEvent, ChronologyEvent.id == event_themes.c.event_id)
                .where(ChronologyEvent.case_id == case_id)
            ).all()
            on_responses = session.execute(
                select(StageResponse.session_id, StageResponse.stage_id, Theme.name)
                .join(response_themes, response_themes.c.response_id == StageResponse.id)
                .join(Theme, Theme.id == response_themes.c.theme_id)
                .join(Session, Session.id == StageResponse.session_id)
                .where(Session.case_id == case_id)
            ).all()
        events: dict[int, list[str]] = {}
        for event_id, name in on_events:
            events.setdefault(event_id, []).append(name)
        responses: dict[tuple[int, str], list[str]] = {}
        for session_id, stage_id, name in on_responses:
            responses.setdefault((session_id, stage_id), []).append(name)

        def ordered(names: list[str]) -> tuple[str, ...]:
            return tuple(sorted(set(names), key=str.casefold))

        return (
            {k: ordered(v) for k, v in events.items()},
            {k: ordered(v) for k, v in responses.items()},
        )

    def response_themes(self, session_id: int, stage_id: str) -> list[ThemeInfo]:
        """The themes on one stage's response in a session, by name."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(Theme)
                .join(response_themes, response_themes.c.theme_id == Theme.id)
                .join(StageResponse, StageResponse.id == response_themes.c.response_id)
                .where(StageResponse.session_id == session_id, StageResponse.stage_id == stage_id)
            ).all()
            return sorted(
                (ThemeInfo(t.id, t.name, t.description) for t in rows),
                key=lambda t: t.name.casefold(),
            )

    # ---------------------------------------------------------------- changing
    def create(self, name: str, description: str = "") -> ThemeInfo:
        """A new theme; its name must be new (ignoring case)."""
        clean = self._theme_name(name)
        with self._workspace.transaction() as session:
            existing = theme_by_name(session, clean)
            if existing is not None:
                raise DuplicateError(f"There is already a theme called {existing.name}.", "theme")
            theme = Theme(name=clean, description=clean_text(description).strip())
            session.add(theme)
            session.flush()
            info = ThemeInfo(theme.id, theme.name, theme.description)
        self._publish_theme(ChangeKind.ADDED, info.id)
        return info

    def ensure(self, name: str) -> ThemeInfo:
        """The theme called ``name`` (ignoring case, following merges), created if new."""
        clean = self._theme_name(name)
        with self._workspace.transaction() as session:
            info, created = ensure_theme(session, clean)
        if created:
            self._publish_theme(ChangeKind.ADDED, info.id)
        return info

    def rename(self, theme_id: int, name: str, description: str | None = None) -> ThemeInfo:
        """Give a theme a new name (and description); names stay unique ignoring case."""
        clean = self._theme_name(name)
        with self._workspace.transaction() as session:
            theme = live_theme(session, theme_id)
            other = theme_by_name(session, clean)
            if other is not None and other.id != theme.id:
                raise DuplicateError(
                    f"There is already a theme called {other.name}; merge the two instead.",
                    "theme",
                )
            theme.name = clean
            if description is not None:
                theme.description = clean_text(description).strip()
            theme_id = theme.id
        self._publish_theme(ChangeKind.UPDATED, theme_id)
        return self.get(theme_id)

    def merge(self, source_id: int, into_id: int) -> ThemeInfo:
        """Move every use of ``source_id`` to ``into_id``; the source name then leads there."""
        return self.get(self.merge_recorded(source_id, into_id).into_id)

    def merge_recorded(self, source_id: int, into_id: int) -> MergedIds:
        """:meth:`merge`, returning what moved, so :meth:`unmerge` can put it back."""
        with self._workspace.transaction() as session:
            merged = merge_themes(
                session, live_theme(session, source_id), live_theme(session, into_id)
            )
        # Screens showing the old name drop it; those counting the survivor recount.
        self._publish_theme(ChangeKind.REMOVED, merged.source_id)
        self._publish_theme(ChangeKind.UPDATED, merged.into_id)
        return merged

    def unmerge(self, merged: MergedIds) -> ThemeInfo:
        """Undo :meth:`merge_recorded`: the source theme is its own again, with exactly
        the uses it had, and the survivor loses the ones it gained by the merge."""
        with self._workspace.transaction() as session:
            unmerge_themes(session, merged)
        self._publish_theme(ChangeKind.ADDED, merged.source_id)
        self._publish_theme(ChangeKind.UPDATED, merged.into_id)
        return self.get(merged.source_id)

    def delete_if_unused(self, theme_id: int) -> bool:
        """Forget a theme nothing uses and no merged name leads to (undoing its creation).

        Returns whether it was deleted; a theme in use anywhere is kept.
        """
        with self._workspace.transaction() as session:
            theme = session.get(Theme, theme_id)
            if theme is None or theme.merged_into_id is not None:
                return False
            for table in (event_themes, response_themes):
                used = session.scalar(
                    select(func.count()).select_from(table).where(table.c.theme_id == theme_id)
                )
                if used:
                    return False
            if session.scalar(select(func.count()).where(Theme.merged_into_id == theme_id)):
                return False
            session.delete(theme)
        self._publish_theme(ChangeKind.REMOVED, theme_id)
        return True

    def restore(self, theme: ThemeInfo) -> ThemeInfo:
        """Bring a deleted theme back with its id, name and description (undo of a delete)."""
        with self._workspace.transaction() as session:
            taken = theme_by_name(session, theme.name)
            if taken is not None or session.get(Theme, theme.id) is not None:
                raise DuplicateError(f"There is already a theme called {theme.name}.", "theme")
            session.add(Theme(id=theme.id, name=theme.name, description=theme.description))
        self._publish_theme(ChangeKind.ADDED, theme.id)
        return ThemeInfo(theme.id, theme.name, theme.description)

    def apply_to_event(self, event_id: int, name: str) -> ThemeInfo:
        """Tag an event with the theme called ``name`` (created if new)."""
        clean = self._theme_name(name)
        with self._workspace.transaction() as session:
            event = session.get(ChronologyEvent, event_id)
            if event is None:
                raise NotFoundError("That event is no longer in this workspace.")
            theme, created = ensure_theme(session, clean)
            case_id = event.case_id
            linked = session.scalar(
                select(func.count())
                .select_from(event_themes)
                .where(event_themes.c.event_id == event_id, event_themes.c.theme_id == theme.id)
            )
            if not linked:
                session.execute(insert(event_themes).values(event_id=event_id, theme_id=theme.id))
        if created:
            self._publish_theme(ChangeKind.ADDED, theme.id)
        self._changes.publish(Change(Entity.EVENT, ChangeKind.UPDATED, (event_id,), case_id))
        return theme

    def remove_from_event(self, event_id: int, theme_id: int) -> None:
        """Take a theme off an event (nothing happens if it was not there)."""
        with self._workspace.transaction() as session:
            event = session.get(ChronologyEvent, event_id)
            if event is None:
                raise NotFoundError("That event is no longer in this workspace.")
            case_id = event.case_id
            live = live_theme(session, theme_id).id
            session.execute(
                delete(event_themes).where(
                    event_themes.c.event_id == event_id, event_themes.c.theme_id == live
                )
            )
        self._changes.publish(Change(Entity.EVENT, ChangeKind.UPDATED, (event_id,), case_id))

    def apply_to_response(self, session_id: int, stage_id: str, name: str) -> ThemeInfo:
        """Tag one stage's response in a session with a theme (created if new)."""
        clean = self._theme_name(name)
        with self._workspace.transaction() as session:
            row = session.get(Session, session_id)
            if row is None:
                raise NotFoundError("That session is no longer in this workspace.")
            case_id = row.case_id
            response = stage_response(session, row, stage_id, create=True)
            theme, created = ensure_theme(session, clean)
            assert response is not None
            linked = session.scalar(
                select(func.count())
                .select_from(response_themes)
                .where(
                    response_themes.c.response_id == response.id,
                    response_themes.c.theme_id == theme.id,
                )
            )
            if not linked:
                session.execute(
                    insert(response_themes).values(response_id=response.id, theme_id=theme.id)
                )
        if created:
            self._publish_theme(ChangeKind.ADDED, theme.id)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))
        return theme

    def remove_from_response(self, session_id: int, stage_id: str, theme_id: int) -> None:
        """Take a theme off a stage's response (nothing happens if it was not there)."""
        with self._workspace.transaction() as session:
            row = session.get(Session, session_id)
            if row is None:
                raise NotFoundError("That session is no longer in this workspace.")
            case_id = row.case_id
            response = stage_response(session, row, stage_id, create=False)
            if response is None:
                return
            live = live_theme(session, theme_id).id
            session.execute(
                delete(response_themes).where(
                    response_themes.c.response_id == response.id,
                    response_themes.c.theme_id == live,
                )
            )
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))

    def _publish_theme(self, kind: ChangeKind, theme_id: int) -> None:
        """Tell the screens the vocabulary changed (workspace-wide: no case)."""
        self._changes.publish(Change(Entity.THEME, kind, (theme_id,), None))
