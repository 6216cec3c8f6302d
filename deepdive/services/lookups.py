"""Finding or creating the shared rows services attach to things (tags, agencies)."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.text import clean_line
from deepdive.storage.models import Agency, Case, Tag, utc_now

TAGS = cast(Table, Tag.__table__)
AGENCIES = cast(Table, Agency.__table__)


def add_named(session: OrmSession, table: Table, **values: Any) -> int:
    """The id of a new row of ``table`` (whose ``name`` is unique) holding ``values``.

    On a server a colleague may add the same name at the same moment (two imports
    naming one new agency): PostgreSQL's ``ON CONFLICT DO NOTHING`` waits for their
    transaction, and their row is used rather than the save failing. A workspace file
    has one writer, so a plain insert does.
    """
    if session.connection().dialect.name != "postgresql":
        return int(
            session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
        )
    from sqlalchemy.dialects.postgresql import insert as upsert

    added = session.execute(
        upsert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["name"])
        .returning(table.c.id)
    ).scalar()
    if added is not None:
        return int(added)
    return int(
        session.execute(select(table.c.id).where(table.c.name == values["name"])).scalar_one()
    )


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
            tag = session.get(Tag, add_named(session, TAGS, name=name))
            assert tag is not None
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


def lock_case(session: OrmSession, case_id: int) -> None:
    """Hold the case's row until the transaction ends (``FOR UPDATE`` on a server; a
    workspace file's writer needs nothing), so writers to one case take turns; raises
    NotFoundError if the case is gone."""
    found = session.execute(select(Case.id).where(Case.id == case_id).with_for_update()).first()
    if found is None:
        raise NotFoundError("That case is no longer in this workspace.")
