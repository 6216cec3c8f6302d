"""Finding or creating the shared rows services attach to things (tags, agencies)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import ValidationError
from deepdive.services.text import clean_line
from deepdive.storage.models import Agency, Case, Tag, utc_now


def tags_named(session: OrmSession, names: list[str]) -> list[Tag]:
    """The Tag rows for ``names`` (already cleaned), creating any that are new."""
    if not names:
        return []
    # Matched by casefold in Python: SQLite's comparisons ignore case for ASCII only,
    # and a workspace's tag vocabulary is small.
    existing = {t.name.casefold(): t for t in session.scalars(select(Tag)).all()}
    tags: list[Tag] = []
    for name in names:
        tag = existing.get(name.casefold())
        if tag is None:
            tag = Tag(name=name)
            session.add(tag)
            existing[name.casefold()] = tag
        tags.append(tag)
    return tags


def agency_named(session: OrmSession, name: str | None, field: str = "agency") -> Agency | None:
    """The agency called ``name`` (case-insensitive), or None for no agency.

    Unknown names are refused rather than created, so a typing slip does not add a
    new agency to the workspace; agencies are added through the agency service.
    """
    if name is None or not clean_line(name):
        return None
    wanted = clean_line(name).casefold()
    for agency in session.scalars(select(Agency)).all():
        if agency.name.casefold() == wanted:
            return agency
    raise ValidationError(
        f"'{clean_line(name)}' is not an agency in this workspace; add it to the agency "
        "list first.",
        field,
    )


def touch_case(session: OrmSession, case_id: int) -> None:
    """Mark the case as changed now, so 'last changed' covers its chronology and sessions."""
    case = session.get(Case, case_id)
    if case is not None:
        case.updated_at = utc_now()
