"""Cases: the only way the UI and the command line create and change case studies."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.services.case_teams import new_case_team, owner_team_choices, team_choices
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.lookups import tags_named
from deepdive.services.results import CaseDetail, CaseSummary, DeletionImpact, PersonInfo
from deepdive.services.row_versions import bump_version
from deepdive.services.text import clean_text
from deepdive.services.validation import (
    birth_month,
    case_code,
    case_status,
    guarded_line,
    tag_names,
)
from deepdive.storage.models import Action, Case, ChronologyEvent, Person, Session
from deepdive.storage.workspace import Workspace


def person_info(person: Person) -> PersonInfo:
    """The plain view of a cast member."""
    return PersonInfo(
        id=person.id,
        case_id=person.case_id,
        pseudonym=person.pseudonym,
        role=person.role,
        agency=person.agency.name if person.agency else None,
        notes=person.notes,
        version=person.row_version,
    )


def case_detail(case: Case) -> CaseDetail:
    """The plain view of a case with its cast and tags."""
    return CaseDetail(
        id=case.id,
        code=case.code,
        pseudonym=case.pseudonym,
        birth_year=case.birth_year,
        birth_month=case.birth_month,
        status=case.status,
        archived=case.archived,
        edge_of_care=case.edge_of_care,
        summary=case.summary,
        tags=tuple(t.name for t in case.tags),
        people=tuple(person_info(p) for p in case.people),
        created_at=case.created_at,
        updated_at=case.updated_at,
        version=case.row_version,
    )


def load_case(session: OrmSession, case_id: int) -> Case:
    """The case row, or NotFoundError with a message for the user."""
    case = session.get(
        Case,
        case_id,
        options=[selectinload(Case.tags), selectinload(Case.people).selectinload(Person.agency)],
    )
    if case is None:
        raise NotFoundError("That case is no longer in this workspace.")
    return case


class CaseService:
    """Create, list, change, duplicate, archive and delete cases."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    def list_cases(self, include_archived: bool = True) -> list[CaseSummary]:
        """Every case with its event and session counts, most recently changed first."""
        return self._summaries(None if include_archived else Case.archived.is_(False))

    def summary(self, case_id: int) -> CaseSummary:
        """One row of the case list."""
        rows = self._summaries(Case.id == case_id)
        if not rows:
            raise NotFoundError("That case is no longer in this workspace.")
        return rows[0]

    def _summaries(self, condition: ColumnElement[bool] | None) -> list[CaseSummary]:
        # Counted by triggers as events come and go: a million events are not counted
        # again for every look at the list.
        events = Case.event_count
        sessions = (
            select(func.count(Session.id)).where(Session.case_id == Case.id).scalar_subquery()
        )
        query = select(
            Case.id,
            Case.code,
            Case.pseudonym,
            Case.status,
            Case.archived,
            Case.updated_at,
            events,
            sessions,
        ).order_by(Case.updated_at.desc(), Case.code)
        if condition is not None:
            query = query.where(condition)
        with self._workspace.reading() as session:
            return [CaseSummary(*row) for row in session.execute(query).all()]

    def get(self, case_id: int) -> CaseDetail:
        """The case with its cast and tags."""
        with self._workspace.reading() as session:
            return case_detail(load_case(session, case_id))

    def find(self, code: str) -> CaseDetail:
        """The case with this code (case-insensitive)."""
        wanted = code.strip().upper()
        with self._workspace.reading() as session:
            case_id = session.scalar(select(Case.id).where(Case.code == wanted))
            if case_id is None:
                raise NotFoundError(f"There is no case {wanted} in this workspace.")
            return case_detail(load_case(session, case_id))

    def texts(self, case_ids: Sequence[int] | None = None) -> dict[int, str]:
        """Every text of each case (all of them when None), joined: for counting what
        each holds that an export would refuse, in a few queries for any number."""
        from deepdive.services.case_texts import texts_by_case

        return texts_by_case(self._workspace, case_ids)

    def team_choices(self) -> tuple[str, ...]:
        """The teams a new case may be put in, when the person must choose (they are in
        several teams of a team workspace); empty otherwise."""
        return team_choices(self._workspace)

    def owner_team_choices(self) -> tuple[str, ...]:
        """Every team a team workspace's owner may put a new case into (optional: a case
        in no team is the owner's alone); empty for anyone else and on a file."""
        return owner_team_choices(self._workspace)

    def code_exists(self, code: str) -> bool:
        """Whether a case already uses this code."""
        with self._workspace.reading() as session:
            return session.scalar(select(Case.id).where(Case.code == code.upper())) is not None

    def create(
        self,
        code: str,
        pseudonym: str,
        *,
        birth: str = "",
        status: str = "draft",
        summary: str = "",
        tags: list[str] | tuple[str, ...] = (),
        edge_of_care: bool = False,
        team: str | None = None,
    ) -> CaseDetail:
        """Create a case; the code must be new to the workspace.

        ``team``: on a team workspace, the team it goes into (needed from a member in
        several teams; see :mod:`deepdive.services.case_teams`).
        """
        code = case_code(code, self._guard)
        name = self._pseudonym(pseudonym)
        year, month = birth_month(birth)
        state = case_status(status)
        with self._workspace.transaction() as session:
            self._refuse_duplicate(session, code)
            case = Case(
                team_id=new_case_team(session, self._workspace, team),
                code=code,
                pseudonym=name,
                birth_year=year,
                birth_month=month,
                status=state.value,
                summary=clean_text(summary),
                edge_of_care=edge_of_care,
            )
            case.tags = tags_named(session, tag_names(list(tags)))
            session.add(case)
            session.flush()
            detail = case_detail(case)
        self._changes.publish(Change(Entity.CASE, ChangeKind.ADDED, (detail.id,), detail.id))
        return detail

    def update(
        self,
        case_id: int,
        *,
        code: str | None = None,
        pseudonym: str | None = None,
        birth: str | None = None,
        status: str | None = None,
        summary: str | None = None,
        tags: list[str] | tuple[str, ...] | None = None,
        edge_of_care: bool | None = None,
        expected_version: int | None = None,
    ) -> CaseDetail:
        """Change any of the given fields; the others stay as they are.

        If the case's overview changed since ``expected_version`` (``CaseDetail.version``),
        or changes while this saves, ChangedElsewhereError says so and nothing is saved.
        """
        with self._workspace.transaction() as session:
            case = load_case(session, case_id)
            bump_version(session, Case, case_id, case.row_version, expected_version, "this case")
            if code is not None:
                new_code = case_code(code, self._guard)
                if new_code != case.code:
                    self._refuse_duplicate(session, new_code)
                    case.code = new_code
            if pseudonym is not None:
                case.pseudonym = self._pseudonym(pseudonym)
            if birth is not None:
                case.birth_year, case.birth_month = birth_month(birth)
            if status is not None:
                case.status = case_status(status).value
            if summary is not None:
                case.summary = clean_text(summary)
            if tags is not None:
                case.tags = tags_named(session, tag_names(list(tags)))
            if edge_of_care is not None:
                case.edge_of_care = edge_of_care
                if not edge_of_care:  # "stayed at home" only means something on the edge of care
                    case.stayed_with_family = None
            session.flush()
            detail = case_detail(case)
        self._changes.publish(Change(Entity.CASE, ChangeKind.UPDATED, (case_id,), case_id))
        return detail

    def set_archived(self, case_id: int, archived: bool) -> CaseDetail:
        """Archive (hide from the working list) or restore a case; nothing is deleted."""
        with self._workspace.transaction() as session:
            case = load_case(session, case_id)
            case.archived = archived
            session.flush()
            detail = case_detail(case)
        self._changes.publish(Change(Entity.CASE, ChangeKind.UPDATED, (case_id,), case_id))
        return detail

    def duplicate(self, case_id: int, new_code: str) -> CaseDetail:
        """Copy a case's details, cast and chronology under a new code, as a draft.

        Sessions and actions record meetings about the original case, so they stay
        with it.
        """
        code = case_code(new_code, self._guard)
        with self._workspace.transaction() as session:
            self._refuse_duplicate(session, code)
            source = load_case(session, case_id)
            copy = Case(
                code=code,
                pseudonym=source.pseudonym,
                birth_year=source.birth_year,
                birth_month=source.birth_month,
                status="draft",
                summary=source.summary,
                edge_of_care=source.edge_of_care,
                tags=list(source.tags),
                team_id=source.team_id,  # the copy is for the same people to see
            )
            people = {p.id: _copy_person(p) for p in source.people}
            copy.people = list(people.values())
            for event in session.scalars(
                select(ChronologyEvent).where(ChronologyEvent.case_id == case_id)
            ).all():
                copy.events.append(_copy_event(event, people))
            session.add(copy)
            session.flush()
            detail = case_detail(copy)
        self._changes.publish(Change(Entity.CASE, ChangeKind.ADDED, (detail.id,), detail.id))
        return detail

    def deletion_impact(self, case_id: int) -> DeletionImpact:
        """What deleting the case would remove, for the confirmation dialog."""
        with self._workspace.reading() as session:
            case = load_case(session, case_id)

            def count(model: type[ChronologyEvent] | type[Session] | type[Action]) -> int:
                return (
                    session.scalar(
                        select(func.count()).select_from(model).where(model.case_id == case_id)
                    )
                    or 0
                )

            return DeletionImpact(
                code=case.code,
                pseudonym=case.pseudonym,
                people=len(case.people),
                events=count(ChronologyEvent),
                sessions=count(Session),
                actions=count(Action),
            )

    def delete(self, case_id: int) -> None:
        """Delete the case and everything in it, in one transaction."""
        with self._workspace.transaction() as session:
            session.delete(load_case(session, case_id))
        self._changes.publish(Change(Entity.CASE, ChangeKind.REMOVED, (case_id,), case_id))

    def _pseudonym(self, text: str) -> str:
        return guarded_line(
            text, "pseudonym", "The young person's pseudonym", GuardedField.PSEUDONYM, self._guard
        )

    @staticmethod
    def _refuse_duplicate(session: OrmSession, code: str) -> None:
        if session.scalar(select(Case.id).where(Case.code == code)) is not None:
            raise DuplicateError(f"There is already a case {code}; choose another code.", "code")


def _copy_person(person: Person) -> Person:
    return Person(
        pseudonym=person.pseudonym,
        role=person.role,
        agency_id=person.agency_id,
        notes=person.notes,
        sort_order=person.sort_order,
    )


def _copy_event(event: ChronologyEvent, people: dict[int, Person]) -> ChronologyEvent:
    return ChronologyEvent(
        date_text=event.date_text,
        end_text=event.end_text,
        first_day=event.first_day,
        last_day=event.last_day,
        sort_key=event.sort_key,
        position=event.position,
        category=event.category,
        source_agency_id=event.source_agency_id,
        description=event.description,
        significance=event.significance,
        voice=event.voice,
        outcome=event.outcome,
        key_episode=event.key_episode,
        people=[people[p.id] for p in event.people if p.id in people],
        tags=list(event.tags),
        themes=list(event.themes),
    )
