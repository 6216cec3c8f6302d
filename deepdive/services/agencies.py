"""The workspace's editable list of agencies: list, add, rename and merge them.

Agency names are names of things, shown on every export, so each new or changed
name passes the identifier guard (a real person's name is refused). An agency is
referred to by the cast (``people``), chronology events (their source) and session
participants; a merge moves every one of those references in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import text as sql_text
from sqlalchemy.orm import Session as OrmSession

from deepdive.domain.vocabulary import DEFAULT_AGENCIES
from deepdive.services.agency_merges import (
    AgencyMerge,
    AgencySnapshot,
    insert_snapshot,
    merge_agencies,
    snapshot_of,
    unmerge_agencies,
)
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.lookups import AGENCIES, add_named
from deepdive.services.text import clean_line
from deepdive.services.validation import guarded_line
from deepdive.storage.models import Agency, ChronologyEvent, Person, SessionParticipant
from deepdive.storage.workspace import Workspace

__all__ = ["AGENCY_KINDS", "AgencyInfo", "AgencyMerge", "AgencyService", "AgencySnapshot"]

MAX_NAME = 120

# The kinds of agency (the usual agencies' own, then "other"): importing finds an
# agency by its kind after it has been renamed.
AGENCY_KINDS: tuple[str, ...] = (*dict.fromkeys(kind for _name, kind in DEFAULT_AGENCIES), "other")


@dataclass(frozen=True)
class AgencyInfo:
    """One agency and how much of the workspace refers to it."""

    id: int
    name: str
    kind: str
    events: int
    people: int
    participants: int

    @property
    def uses(self) -> int:
        """Every event, cast member and session participant that names this agency."""
        return self.events + self.people + self.participants


def agency_name(text: str, guard: IdentifierGuard) -> str:
    """A usable agency name: one line, not too long, holding no real identity."""
    return guarded_line(text, "agency", "An agency name", GuardedField.AGENCY, guard, MAX_NAME)


def insert_agencies(
    session: OrmSession, names: Iterable[str], guard: IdentifierGuard, *, known_ok: bool = False
) -> list[int]:
    """Add these agencies (checked as :meth:`AgencyService.add` checks them) inside the
    caller's transaction, after the existing ones; returns their ids.

    ``known_ok``: a name the workspace has by now is used, not refused (an import
    whose file names an agency a colleague added since the file was read)."""
    taken = {name.casefold(): name for name in session.scalars(select(Agency.name))}
    last = session.scalar(select(func.max(Agency.sort_order))) or 0
    added: list[int] = []
    for text in names:
        clean = agency_name(text, guard)
        if clean.casefold() in taken:
            if known_ok:
                continue
            raise DuplicateError(
                f"There is already an agency called {taken[clean.casefold()]}.", "agency"
            )
        last += 1
        added.append(add_named(session, AGENCIES, name=clean, kind="other", sort_order=last))
        taken[clean.casefold()] = clean
    return added


class AgencyService:
    """List, add, rename and merge agencies; a new workspace starts with the usual ones."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    def ensure_defaults(self) -> None:
        """Give a workspace with no agencies the built-in list."""
        with self._workspace.transaction() as session:
            if session.scalar(select(func.count(Agency.id))):
                return
            if session.connection().dialect.name == "postgresql":
                # Two people opening a new team workspace at once: the second waits
                # here for the first's list, then finds it (SQLite has one writer).
                session.execute(sql_text("LOCK TABLE agencies IN SHARE ROW EXCLUSIVE MODE"))
                if session.scalar(select(func.count(Agency.id))):
                    return
            for order, (name, kind) in enumerate(DEFAULT_AGENCIES):
                session.add(Agency(name=name, kind=kind, sort_order=order))

    def names(self) -> list[str]:
        """Agency names in display order."""
        with self._workspace.reading() as session:
            return list(
                session.scalars(
                    select(Agency.name)
                    .where(Agency.archived.is_(False))
                    .order_by(Agency.sort_order, Agency.name)
                )
            )

    def kinds(self) -> dict[str, str]:
        """Each agency's kind ("police", "health", …, "other") by its name."""
        with self._workspace.reading() as session:
            return {name: kind for name, kind in session.execute(select(Agency.name, Agency.kind))}

    def list_agencies(self) -> list[AgencyInfo]:
        """Every agency in display order, with how many things refer to it."""
        counts = {
            "events": _counts(ChronologyEvent.source_agency_id),
            "people": _counts(Person.agency_id),
            "participants": _counts(SessionParticipant.agency_id),
        }
        with self._workspace.reading() as session:
            used = {
                what: {key: n for key, n in session.execute(query)}
                for what, query in counts.items()
            }
            rows = session.execute(
                select(Agency.id, Agency.name, Agency.kind)
                .where(Agency.archived.is_(False))
                .order_by(Agency.sort_order, Agency.name)
            )
            return [
                AgencyInfo(
                    agency_id,
                    name,
                    kind,
                    used["events"].get(agency_id, 0),
                    used["people"].get(agency_id, 0),
                    used["participants"].get(agency_id, 0),
                )
                for agency_id, name, kind in rows
            ]

    def find(self, name: str) -> str:
        """The agency called ``name`` (any case) as the workspace spells it."""
        with self._workspace.reading() as session:
            return _named(session, name).name

    def add(self, name: str, kind: str = "other") -> str:
        """Add an agency; names are unique regardless of case."""
        with self._workspace.transaction() as session:
            [agency_id] = insert_agencies(session, [name], self._guard)
            agency = session.get(Agency, agency_id)
            assert agency is not None
            agency.kind = kind
            clean = agency.name
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.ADDED, (agency_id,)))
        return clean

    def rename(self, old: str, new: str) -> str:
        """Call the agency ``old`` by ``new`` everywhere; returns the new name."""
        clean = agency_name(new, self._guard)
        with self._workspace.transaction() as session:
            agency = _named(session, old)
            for other in session.scalars(select(Agency).where(Agency.id != agency.id)):
                if other.name.casefold() == clean.casefold():
                    raise DuplicateError(
                        f"There is already an agency called {other.name}; to make them one, "
                        f"merge {agency.name} into {other.name}.",
                        "agency",
                    )
            agency.name = clean
            agency_id = agency.id
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.UPDATED, (agency_id,)))
        return clean

    def merge(self, source: str, target: str) -> AgencyMerge:
        """Move everything that refers to ``source`` onto ``target`` and remove ``source``.

        Events, cast members and session participants are moved in one transaction, so
        a failure leaves both agencies exactly as they were. The result names every row
        moved, for :meth:`unmerge`.
        """
        with self._workspace.transaction() as session:
            done, cases = merge_agencies(session, _named(session, source), _named(session, target))
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.REMOVED, (done.gone.id,)))
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.UPDATED, (done.target_id,)))
        self._publish_cases(cases)
        return done

    def unmerge(self, done: AgencyMerge) -> str:
        """Take back a merge (an undo): the merged agency returns with its id, and exactly
        the rows that moved name it again; returns its name."""
        with self._workspace.transaction() as session:
            cases = unmerge_agencies(session, done)
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.ADDED, (done.gone.id,)))
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.UPDATED, (done.target_id,)))
        self._publish_cases(cases)
        return done.gone.name

    def _publish_cases(self, cases: Iterable[int]) -> None:
        for case_id in sorted(cases):
            self._changes.publish(Change(Entity.CASE, ChangeKind.UPDATED, (case_id,), case_id))

    def set_kind(self, name: str, kind: str) -> str:
        """Say what kind of agency ``name`` is (one of :data:`AGENCY_KINDS`); returns
        the kind it had."""
        if kind not in AGENCY_KINDS:
            raise ValidationError(
                f"{kind!r} is not a kind of agency; choose one of {', '.join(AGENCY_KINDS)}.",
                "agency",
            )
        with self._workspace.transaction() as session:
            agency = _named(session, name)
            old, agency.kind = agency.kind, kind
            agency_id = agency.id
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.UPDATED, (agency_id,)))
        return old

    def name_of(self, agency_id: int) -> str:
        """The name of the agency with this id now."""
        with self._workspace.reading() as session:
            agency = session.get(Agency, agency_id)
            if agency is None:
                raise NotFoundError("That agency is no longer in this workspace.")
            return agency.name

    def snapshot(self, name: str) -> AgencySnapshot:
        """The agency called ``name`` as stored, to bring it back after an undo."""
        with self._workspace.reading() as session:
            return snapshot_of(_named(session, name))

    def restore(self, snapshot: AgencySnapshot) -> str:
        """Bring a removed agency back with its id and place (the redo of adding it)."""
        with self._workspace.transaction() as session:
            insert_snapshot(session, snapshot)
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.ADDED, (snapshot.id,)))
        return snapshot.name

    def remove_if_unused(self, name: str) -> bool:
        """Remove an agency nobody refers to (undoing a failed load); True if removed."""
        with self._workspace.transaction() as session:
            agency = session.scalar(select(Agency).where(Agency.name == name))
            if agency is None:
                return False
            used = (
                session.scalar(
                    select(func.count()).select_from(Person).where(Person.agency_id == agency.id)
                )
                or session.scalar(
                    select(func.count())
                    .select_from(ChronologyEvent)
                    .where(ChronologyEvent.source_agency_id == agency.id)
                )
                or session.scalar(
                    select(func.count())
                    .select_from(SessionParticipant)
                    .where(SessionParticipant.agency_id == agency.id)
                )
            )
            if used:
                return False
            agency_id = agency.id
            session.delete(agency)
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.REMOVED, (agency_id,)))
        return True


def _counts(column: Any) -> Any:
    return select(column, func.count()).where(column.is_not(None)).group_by(column)


def _named(session: OrmSession, name: str) -> Agency:
    wanted = clean_line(name).casefold()
    agencies: Sequence[Agency] = session.scalars(
        select(Agency).order_by(Agency.sort_order, Agency.name)
    ).all()
    for agency in agencies:
        if agency.name.casefold() == wanted:
            return agency
    listed = ", ".join(a.name for a in agencies if not a.archived)
    raise NotFoundError(
        f"There is no agency called {clean_line(name)!r} in this workspace (it has {listed})."
    )
