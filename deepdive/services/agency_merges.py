"""Merging one agency into another, and taking a merge back (for undo).

A merge moves every event, cast member and session participant of the source agency
onto the one kept, then removes the source. What moved is recorded by id, so an undo
brings the source back with its own id and moves back exactly those rows: anything
added to the kept agency since stays where it is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session as OrmSession

from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.lookups import touch_case
from deepdive.storage.models import Agency, ChronologyEvent, Person, Session, SessionParticipant

# Ids per statement when moving rows back and forth, well under both engines' limits
# on bound parameters.
_CHUNK = 5000


@dataclass(frozen=True)
class AgencySnapshot:
    """One agency as stored (see ``AgencyService.restore``)."""

    id: int
    name: str
    kind: str
    sort_order: int
    archived: bool


@dataclass(frozen=True)
class AgencyMerge:
    """What a merge moved from one agency (``gone``, then removed) into another."""

    gone: AgencySnapshot
    target_id: int
    target: str
    event_ids: tuple[int, ...]
    person_ids: tuple[int, ...]
    participant_ids: tuple[int, ...]

    @property
    def source(self) -> str:
        """The merged agency's name."""
        return self.gone.name

    @property
    def events(self) -> int:
        """How many chronology events moved."""
        return len(self.event_ids)

    @property
    def people(self) -> int:
        """How many cast members moved."""
        return len(self.person_ids)

    @property
    def participants(self) -> int:
        """How many session participants moved."""
        return len(self.participant_ids)


def snapshot_of(agency: Agency) -> AgencySnapshot:
    """``agency`` as stored, to bring it back later."""
    return AgencySnapshot(agency.id, agency.name, agency.kind, agency.sort_order, agency.archived)


def insert_snapshot(session: OrmSession, snapshot: AgencySnapshot) -> None:
    """Bring a removed agency back with its id, unless its id or name is taken now."""
    for other in session.scalars(select(Agency)):
        if other.id == snapshot.id or other.name.casefold() == snapshot.name.casefold():
            raise DuplicateError(f"There is already an agency called {other.name}.", "agency")
    session.add(
        Agency(
            id=snapshot.id,
            name=snapshot.name,
            kind=snapshot.kind,
            sort_order=snapshot.sort_order,
            archived=snapshot.archived,
        )
    )
    session.flush()


def merge_agencies(session: OrmSession, gone: Agency, kept: Agency) -> tuple[AgencyMerge, set[int]]:
    """Move everything naming ``gone`` onto ``kept`` and delete ``gone``; returns what
    moved and the cases it touched."""
    if gone.id == kept.id:
        raise ValidationError(
            f"{gone.name} and {kept.name} are the same agency; name two different "
            "agencies to merge.",
            "agency",
        )
    ids: list[tuple[int, ...]] = []
    for column in _COLUMNS:
        table = column.class_
        ids.append(tuple(session.scalars(select(table.id).where(column == gone.id))))
    cases = _cases(session, *ids)
    for column, moving in zip(_COLUMNS, ids, strict=True):
        _move(session, column, moving, gone.id, kept.id)
    for case_id in cases:
        touch_case(session, case_id)
    done = AgencyMerge(snapshot_of(gone), kept.id, kept.name, *ids)
    session.delete(gone)
    session.flush()
    return done, cases


def unmerge_agencies(session: OrmSession, done: AgencyMerge) -> set[int]:
    """Take back ``done``: the merged agency is back with its id, and exactly the rows
    that moved name it again. Returns the cases touched."""
    if session.get(Agency, done.target_id) is None:
        raise NotFoundError(
            f"That merge can no longer be taken back: {done.target} is no longer in the list."
        )
    insert_snapshot(session, done.gone)
    moved = (done.event_ids, done.person_ids, done.participant_ids)
    cases = _cases(session, *moved)
    for column, ids in zip(_COLUMNS, moved, strict=True):
        _move(session, column, ids, done.target_id, done.gone.id)
    for case_id in cases:
        touch_case(session, case_id)
    return cases


# Everything that names an agency, in the order AgencyMerge lists them, with how to
# find the case of each row.
_COLUMNS: tuple[Any, ...] = (
    ChronologyEvent.source_agency_id,
    Person.agency_id,
    SessionParticipant.agency_id,
)
_CASE_OF: tuple[tuple[Any, Any], ...] = (
    (ChronologyEvent.id, select(ChronologyEvent.case_id)),
    (Person.id, select(Person.case_id)),
    (
        SessionParticipant.id,
        select(Session.case_id).join(
            SessionParticipant, SessionParticipant.session_id == Session.id
        ),
    ),
)


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _move(session: OrmSession, column: Any, ids: Sequence[int], old: int, new: int) -> None:
    """Point the rows ``ids`` that still name ``old`` at ``new``."""
    table = column.class_
    for chunk in _chunks(ids):
        session.execute(
            update(table)
            .where(table.id.in_(chunk), column == old)
            .values({column.key: new})
            .execution_options(synchronize_session=False)
        )


def _cases(session: OrmSession, *moved: Sequence[int]) -> set[int]:
    """The cases the moved events, cast members and participants belong to."""
    cases: set[int] = set()
    for (key, query), ids in zip(_CASE_OF, moved, strict=True):
        for chunk in _chunks(ids):
            cases.update(session.scalars(query.where(key.in_(chunk))))
    return cases
