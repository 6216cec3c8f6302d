"""Merging one learning theme into another, and taking a merge back (for undo).

A merge moves every use of the source theme (on events and on session answers) to the
survivor and leaves the source's name leading there. What moved is recorded, so the
merge can be undone exactly: the source gets back exactly its uses, and the survivor
loses only the ones it gained.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.storage.models import Theme, event_themes, response_themes

# The tables that link a theme to what it is used on, with the column naming that thing.
USES = (
    (event_themes, event_themes.c.event_id),
    (response_themes, response_themes.c.response_id),
)

Moved = dict[str, tuple[tuple[int, ...], tuple[int, ...]]]
"""Per link column: the source's uses, and those the survivor gained."""


@dataclass(frozen=True)
class MergedIds:
    """A merge as it happened: the two themes and what moved."""

    source_id: int
    into_id: int
    moved: Moved


def merge_themes(session: OrmSession, source: Theme, target: Theme) -> MergedIds:
    """Move ``source``'s uses to ``target``; the source's name then leads there."""
    if source.id == target.id:
        raise ValidationError("A theme cannot be merged into itself.", "theme")
    moved: Moved = {}
    for table, key in USES:
        moving = set(session.scalars(select(key).where(table.c.theme_id == source.id)))
        already = set(session.scalars(select(key).where(table.c.theme_id == target.id)))
        session.execute(delete(table).where(table.c.theme_id == source.id))
        fresh = sorted(moving - already)
        if fresh:
            session.execute(insert(table), [{key.name: i, "theme_id": target.id} for i in fresh])
        moved[key.name] = (tuple(sorted(moving)), tuple(fresh))
    source.merged_into_id = target.id
    return MergedIds(source.id, target.id, moved)


def unmerge_themes(session: OrmSession, merged: MergedIds) -> None:
    """Take back ``merged``: the source theme is its own again, with its uses."""
    source = session.get(Theme, merged.source_id)
    if source is None or source.merged_into_id != merged.into_id:
        raise NotFoundError("That merge can no longer be taken back.")
    for table, key in USES:
        had, gained = merged.moved.get(key.name, ((), ()))
        if gained:
            session.execute(
                delete(table).where(table.c.theme_id == merged.into_id, key.in_(list(gained)))
            )
        if had:
            session.execute(insert(table), [{key.name: i, "theme_id": source.id} for i in had])
    source.merged_into_id = None
