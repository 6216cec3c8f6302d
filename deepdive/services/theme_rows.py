"""The rows behind learning themes, read and made inside a service's transaction: a
theme by id (following merges) or by name, a theme made when first typed, and the
response row of a session's stage that themes are tagged on."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.session_responses import empty_response
from deepdive.services.sessions import snapshot_template
from deepdive.storage.models import Session, StageResponse, Theme


@dataclass(frozen=True)
class ThemeInfo:
    """A theme with how often it is used (events, responses, distinct cases)."""

    id: int
    name: str
    description: str
    event_uses: int = 0
    response_uses: int = 0
    cases: int = 0

    @property
    def uses(self) -> int:
        """Every event and response tagged with the theme."""
        return self.event_uses + self.response_uses


def live_theme(session: OrmSession, theme_id: int) -> Theme:
    """The theme, following merges to the surviving one."""
    theme = session.get(Theme, theme_id)
    seen: set[int] = set()
    while theme is not None and theme.merged_into_id is not None and theme.id not in seen:
        seen.add(theme.id)
        theme = session.get(Theme, theme.merged_into_id)
    if theme is None:
        raise NotFoundError("That theme is no longer in this workspace.")
    return theme


def theme_by_name(session: OrmSession, name: str) -> Theme | None:
    """The theme with this name in any letter case (a merged one too), or None."""
    for theme in session.scalars(select(Theme)):
        if theme.name.casefold() == name.casefold():
            return theme
    return None


def ensure_theme(session: OrmSession, clean: str) -> tuple[ThemeInfo, bool]:
    """The theme called ``clean`` (following merges), and whether it was made just now."""
    existing = theme_by_name(session, clean)
    if existing is not None:
        live = live_theme(session, existing.id)
        return ThemeInfo(live.id, live.name, live.description), False
    theme = Theme(name=clean, description="")
    session.add(theme)
    session.flush()
    return ThemeInfo(theme.id, theme.name, theme.description), True


def stage_response(
    session: OrmSession, row: Session, stage_id: str, *, create: bool
) -> StageResponse | None:
    """The stage's response row; an unanswered stage gets an empty one when ``create``."""
    response = session.scalar(
        select(StageResponse).where(
            StageResponse.session_id == row.id, StageResponse.stage_id == stage_id
        )
    )
    if response is not None or not create:
        return response
    template = snapshot_template(row.template_version)
    if stage_id not in template.stage_ids:
        raise ValidationError(f"'{template.name}' has no stage '{stage_id}'.", "stage")
    kind = template.stage(stage_id).response.kind
    response = StageResponse(
        session_id=row.id,
        stage_id=stage_id,
        kind=kind.value,
        content_json=json.dumps(empty_response(kind), ensure_ascii=False),
    )
    session.add(response)
    session.flush()
    return response
