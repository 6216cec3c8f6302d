"""The workspace's editable list of agencies."""

from __future__ import annotations

from sqlalchemy import func, select

from deepdive.domain.vocabulary import DEFAULT_AGENCIES
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.validation import guarded_line
from deepdive.storage.models import Agency, ChronologyEvent, Person, SessionParticipant
from deepdive.storage.workspace import Workspace


class AgencyService:
    """List and add agencies; a new workspace starts with the usual ones."""

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

    def add(self, name: str, kind: str = "other") -> str:
        """Add an agency; names are unique regardless of case."""
        clean = guarded_line(
            name, "agency", "An agency name", GuardedField.AGENCY, self._guard, 120
        )
        with self._workspace.transaction() as session:
            for existing in session.scalars(select(Agency.name)):
                if existing.casefold() == clean.casefold():
                    raise DuplicateError(f"There is already an agency called {existing}.", "agency")
            last = session.scalar(select(func.max(Agency.sort_order))) or 0
            agency = Agency(name=clean, kind=kind, sort_order=last + 1)
            session.add(agency)
            session.flush()
            agency_id = agency.id
        self._changes.publish(Change(Entity.AGENCY, ChangeKind.ADDED, (agency_id,)))
        return clean

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
