"""The cast of a case: people by pseudonym, role and agency (never real names)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.services.cases import load_case, person_info
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.lookups import agency_named, touch_case
from deepdive.services.results import PersonInfo
from deepdive.services.row_versions import bump_version
from deepdive.services.text import clean_text
from deepdive.services.validation import guarded_line
from deepdive.storage.models import ChronologyEvent, Person, event_people
from deepdive.storage.workspace import Workspace


@dataclass(frozen=True)
class PersonSnapshot:
    """One person as they were, with the events that named them (see ``restore``)."""

    info: PersonInfo
    sort_order: int
    event_ids: tuple[int, ...]


class PeopleService:
    """Add, change and remove members of a case's cast."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    def list_people(self, case_id: int) -> list[PersonInfo]:
        """The cast in its display order."""
        with self._workspace.reading() as session:
            return [person_info(p) for p in load_case(session, case_id).people]

    def add(
        self, case_id: int, pseudonym: str, role: str, agency: str | None = None, notes: str = ""
    ) -> PersonInfo:
        """Add a person to the cast, at the end."""
        name = self._pseudonym(pseudonym)
        role_text = self._role(role)
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            last = session.scalar(
                select(func.max(Person.sort_order)).where(Person.case_id == case_id)
            )
            person = Person(
                case_id=case_id,
                pseudonym=name,
                role=role_text,
                agency=agency_named(session, agency),
                notes=clean_text(notes),
                sort_order=(last or 0) + 1,
            )
            session.add(person)
            touch_case(session, case_id)
            session.flush()
            info = person_info(person)
        self._changes.publish(Change(Entity.PERSON, ChangeKind.ADDED, (info.id,), case_id))
        return info

    def update(
        self,
        person_id: int,
        *,
        pseudonym: str | None = None,
        role: str | None = None,
        agency: str | None = None,
        clear_agency: bool = False,
        notes: str | None = None,
        expected_version: int | None = None,
    ) -> PersonInfo:
        """Change the given fields of one person.

        If the person changed since ``expected_version`` (``PersonInfo.version``), or
        changes while this saves, ChangedElsewhereError says so and nothing is saved.
        """
        with self._workspace.transaction() as session:
            person = self._load(session, person_id)
            bump_version(
                session, Person, person_id, person.row_version, expected_version, "this person"
            )
            if pseudonym is not None:
                person.pseudonym = self._pseudonym(pseudonym)
            if role is not None:
                person.role = self._role(role)
            if clear_agency:
                person.agency = None
            elif agency is not None:
                person.agency = agency_named(session, agency)
            if notes is not None:
                person.notes = clean_text(notes)
            touch_case(session, person.case_id)
            session.flush()
            info = person_info(person)
        self._changes.publish(Change(Entity.PERSON, ChangeKind.UPDATED, (person_id,), info.case_id))
        return info

    def remove(self, person_id: int) -> None:
        """Remove a person from the cast (events that named them keep their text)."""
        with self._workspace.transaction() as session:
            person = self._load(session, person_id)
            case_id = person.case_id
            session.delete(person)
            touch_case(session, case_id)
        self._changes.publish(Change(Entity.PERSON, ChangeKind.REMOVED, (person_id,), case_id))

    def snapshot(self, person_id: int) -> PersonSnapshot:
        """Everything about one person, enough to put them back exactly after a remove."""
        with self._workspace.reading() as session:
            person = self._load(session, person_id)
            linked = session.scalars(
                select(event_people.c.event_id).where(event_people.c.person_id == person_id)
            ).all()
            return PersonSnapshot(person_info(person), person.sort_order, tuple(sorted(linked)))

    def restore(self, snapshot: PersonSnapshot) -> PersonInfo:
        """Put a removed person back with the same id, place and links to events (the
        undo of a remove); events removed since are simply not linked again."""
        info = snapshot.info
        with self._workspace.transaction() as session:
            load_case(session, info.case_id)
            if session.get(Person, info.id) is not None:
                raise DuplicateError("That person is already back in the cast.")
            person = Person(
                id=info.id,
                case_id=info.case_id,
                pseudonym=info.pseudonym,
                role=info.role,
                agency=agency_named(session, info.agency),
                notes=info.notes,
                sort_order=snapshot.sort_order,
                # At the version it had: exactly as it was, so an edit read before the
                # remove (its own undo steps' included) builds on it as before.
                row_version=info.version,
            )
            session.add(person)
            session.flush()
            present = set(
                session.scalars(
                    select(ChronologyEvent.id).where(ChronologyEvent.id.in_(snapshot.event_ids))
                ).all()
            )
            links = [
                {"event_id": e, "person_id": info.id} for e in snapshot.event_ids if e in present
            ]
            if links:
                session.execute(event_people.insert(), links)
            touch_case(session, info.case_id)
            restored = person_info(person)
        self._changes.publish(Change(Entity.PERSON, ChangeKind.ADDED, (info.id,), info.case_id))
        return restored

    def _pseudonym(self, text: str) -> str:
        return guarded_line(text, "pseudonym", "A pseudonym", GuardedField.PSEUDONYM, self._guard)

    def _role(self, text: str) -> str:
        return guarded_line(text, "role", "A role", GuardedField.ROLE, self._guard, 60)

    @staticmethod
    def _load(session: OrmSession, person_id: int) -> Person:
        person = session.get(Person, person_id, options=[selectinload(Person.agency)])
        if person is None:
            raise NotFoundError("That person is no longer in the cast.")
        return person
