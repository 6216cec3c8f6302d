"""Reflective sessions: start one from a template, keep responses, time and actions."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.domain.vocabulary import SessionStatus
from deepdive.services.actions import ActionService, clean_role
from deepdive.services.cases import load_case
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.guard import IdentifierGuard, patterns_guard
from deepdive.services.lookups import touch_case
from deepdive.services.results import ActionInfo
from deepdive.services.row_versions import bump_stored
from deepdive.services.session_responses import clean_response, empty_response
from deepdive.services.session_results import (
    EventLink,
    Participant,
    SessionDetail,
    SessionImpact,
    SessionSummary,
)
from deepdive.services.session_rows import (
    participants_of,
    response_row,
    session_detail,
    session_status,
    snapshot_template,
    template_stage,
)
from deepdive.services.session_snapshots import SessionSnapshot, put_back, take_snapshot
from deepdive.services.template_library import snapshot_version
from deepdive.services.validation import required_line
from deepdive.storage.models import (
    Action,
    ChronologyEvent,
    Session,
    StageResponse,
    TemplateVersion,
)
from deepdive.storage.workspace import Workspace
from deepdive.templates import ResponseKind, Template

__all__ = [
    "Participant",
    "SessionDetail",
    "SessionService",
    "SessionSummary",
    "session_status",
    "snapshot_template",
]

MAX_STAGE_MINUTES_USED = 24 * 60


class SessionService:
    """Start sessions, save each stage's response and time, record actions."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()
        self._actions = ActionService(workspace, changes, self._guard)

    # ------------------------------------------------------------------ reading
    def list_sessions(self, case_id: int) -> list[SessionSummary]:
        """The case's sessions, newest first."""
        with self._workspace.reading() as session:
            rows = session.execute(
                select(Session, TemplateVersion.name)
                .join(TemplateVersion)
                .where(Session.case_id == case_id)
                .order_by(Session.held_on.desc(), Session.id.desc())
            ).all()
            return [
                SessionSummary(s.id, s.case_id, s.title, name, s.held_on, s.status)
                for s, name in rows
            ]

    def get(self, session_id: int) -> SessionDetail:
        """One session's details, participants and time per stage."""
        with self._workspace.reading() as session:
            row = self._load(session, session_id)
            return session_detail(row)

    def template_of(self, session_id: int) -> Template:
        """The exact template version the session used (its snapshot)."""
        with self._workspace.reading() as session:
            row = self._load(session, session_id)
            return snapshot_template(row.template_version)

    def responses(self, session_id: int) -> dict[str, dict[str, Any]]:
        """Every saved response of a session, by stage id."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(StageResponse).where(StageResponse.session_id == session_id)
            ).all()
            return {r.stage_id: json.loads(r.content_json) for r in rows}

    def response_versions(self, session_id: int) -> dict[str, int]:
        """Each stage's response version, by stage id (a stage not answered yet is at 1):
        a runner keeps the one it read and gives it back to :meth:`save_response`."""
        with self._workspace.reading() as session:
            rows = session.execute(
                select(StageResponse.stage_id, StageResponse.row_version).where(
                    StageResponse.session_id == session_id
                )
            ).all()
            return {stage_id: int(version) for stage_id, version in rows}

    def event_links(self, case_id: int) -> list[EventLink]:
        """Which session stages link which of the case's events (for the chronology)."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(StageResponse)
                .join(Session)
                .where(Session.case_id == case_id)
                .options(
                    selectinload(StageResponse.linked_events),
                    selectinload(StageResponse.session).selectinload(Session.template_version),
                )
            ).all()
            titles: dict[int, Template] = {}
            links = []
            for response in rows:
                owner = response.session
                version = owner.template_version
                if version.id not in titles:
                    titles[version.id] = snapshot_template(version)
                template = titles[version.id]
                title = (
                    template.stage(response.stage_id).title
                    if response.stage_id in template.stage_ids
                    else response.stage_id
                )
                links += [
                    EventLink(e.id, owner.id, owner.title, owner.held_on, response.stage_id, title)
                    for e in response.linked_events
                ]
            return sorted(links, key=lambda link: (link.event_id, link.session_id))

    def locate_response(self, response_id: int) -> tuple[int, str] | None:
        """The session id and stage id a stored response belongs to (for search results)."""
        with self._workspace.reading() as session:
            row = session.get(StageResponse, response_id)
            return None if row is None else (row.session_id, row.stage_id)

    def deletion_impact(self, session_id: int) -> SessionImpact:
        """What deleting the session would remove, for the confirmation message."""
        with self._workspace.reading() as session:
            row = self._load(session, session_id)
            answered = sum(
                1
                for r in row.responses
                if json.loads(r.content_json) != empty_response(ResponseKind(r.kind))
            )
            actions = session.scalar(
                select(func.count(Action.id)).where(Action.session_id == session_id)
            )
            return SessionImpact(row.title, answered, actions or 0)

    # ----------------------------------------------------------------- changing
    def start(
        self,
        case_id: int,
        template: Template,
        *,
        title: str,
        held_on: date | None,
        facilitator_role: str,
        participants: list[Participant],
        status: str = SessionStatus.PLANNED.value,
    ) -> SessionSummary:
        """Create a session for a case, keeping a snapshot of the template version."""
        heading = required_line(title, "title", "The session title", 200)
        state = session_status(status)
        facilitator = clean_role(facilitator_role, self._guard, "facilitator")
        with self._workspace.transaction() as session:
            load_case(session, case_id)
            version = snapshot_version(session, template)
            row = Session(
                case_id=case_id,
                template_version=version,
                title=heading,
                held_on=held_on,
                status=state.value,
                facilitator_role=facilitator,
            )
            row.participants = participants_of(session, participants, self._guard)
            session.add(row)
            touch_case(session, case_id)
            session.flush()
            result = SessionSummary(row.id, case_id, row.title, version.name, held_on, row.status)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.ADDED, (result.id,), case_id))
        return result

    def update_details(
        self,
        session_id: int,
        *,
        title: str,
        held_on: date | None,
        facilitator_role: str,
        participants: list[Participant],
    ) -> SessionDetail:
        """Change the title, date, facilitator's role and who was in the room."""
        heading = required_line(title, "title", "The session title", 200)
        facilitator = clean_role(facilitator_role, self._guard, "facilitator")
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            row.title = heading
            row.held_on = held_on
            row.facilitator_role = facilitator
            row.participants = participants_of(session, participants, self._guard)
            touch_case(session, row.case_id)
            session.flush()
            detail = session_detail(row)
        self._publish_update(detail)
        return detail

    def set_status(self, session_id: int, status: str) -> SessionDetail:
        """Mark the session planned, in progress or complete."""
        state = session_status(status)
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            row.status = state.value
            touch_case(session, row.case_id)
            session.flush()
            detail = session_detail(row)
        self._publish_update(detail)
        return detail

    def set_current_stage(self, session_id: int, stage_id: str) -> None:
        """Remember the stage the room is on, so the runner opens there next time."""
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            template_stage(row, stage_id)
            row.current_stage = stage_id
            case_id = row.case_id
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))

    def record_minutes(self, session_id: int, stage_id: str, minutes: int) -> None:
        """Keep how many minutes the room has spent on a stage so far."""
        if isinstance(minutes, bool) or not 0 <= minutes <= MAX_STAGE_MINUTES_USED:
            raise ValidationError("Time spent on a stage is 0 to 1,440 minutes.", "minutes")
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            response = response_row(session, row, stage_id)
            response.minutes_used = minutes
            case_id = row.case_id
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))

    def save_response(
        self,
        session_id: int,
        stage_id: str,
        value: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> int:
        """Store the room's response to one stage, checked against the stage's kind;
        returns the response's new version.

        If the response changed since ``expected_version`` (see :meth:`response_versions`;
        1 for a stage not answered yet), or changes while this saves,
        ChangedElsewhereError says so and nothing is saved.
        """
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            kind = template_stage(row, stage_id).response.kind
            content, event_ids = clean_response(kind, value)
            response = response_row(session, row, stage_id)
            version = bump_stored(session, response, expected_version, "this stage's response")
            response.content_json = json.dumps(content, ensure_ascii=False)
            if event_ids is not None:
                events = session.scalars(
                    select(ChronologyEvent).where(
                        ChronologyEvent.id.in_(event_ids),
                        ChronologyEvent.case_id == row.case_id,
                    )
                ).all()
                if len(events) != len(set(event_ids)):
                    raise ValidationError(
                        "Link only events from this case's chronology.", "event_ids"
                    )
                response.linked_events = list(events)
            case_id = row.case_id
            touch_case(session, case_id)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.UPDATED, (session_id,), case_id))
        return version

    def delete(self, session_id: int) -> None:
        """Delete a session and its responses; its actions stay with the case."""
        with self._workspace.transaction() as session:
            row = self._load(session, session_id)
            case_id = row.case_id
            for action in session.scalars(select(Action).where(Action.session_id == session_id)):
                action.session_id = None
            session.delete(row)
            touch_case(session, case_id)
        self._changes.publish(Change(Entity.SESSION, ChangeKind.REMOVED, (session_id,), case_id))

    def snapshot(self, session_id: int) -> SessionSnapshot:
        """The whole session as stored, to put back after a delete (see :meth:`restore`)."""
        with self._workspace.reading() as session:
            return take_snapshot(session, session_id)

    def restore(self, snapshot: SessionSnapshot) -> None:
        """Bring a deleted session back with its ids, responses, links and actions."""
        with self._workspace.transaction() as session:
            put_back(session, snapshot)
        self._changes.publish(
            Change(Entity.SESSION, ChangeKind.ADDED, (snapshot.id,), snapshot.case_id)
        )
        if snapshot.action_ids:
            self._changes.publish(
                Change(Entity.ACTION, ChangeKind.UPDATED, snapshot.action_ids, snapshot.case_id)
            )

    # ------------------------------------------------------------------ actions
    def add_action(
        self,
        case_id: int,
        description: str,
        *,
        owner_role: str = "",
        due_on: date | None = None,
        done: bool = False,
        session_id: int | None = None,
        stage_id: str | None = None,
    ) -> ActionInfo:
        """Record an agreed action (see :meth:`ActionService.add`)."""
        return self._actions.add(
            case_id,
            description,
            owner_role=owner_role,
            due_on=due_on,
            done=done,
            session_id=session_id,
            stage_id=stage_id,
        )

    def list_actions(self, case_id: int, session_id: int | None = None) -> list[ActionInfo]:
        """The case's actions, or one session's (see :meth:`ActionService.list_actions`)."""
        return self._actions.list_actions(case_id, session_id)

    # ------------------------------------------------------------------ helpers
    def _publish_update(self, detail: SessionDetail) -> None:
        self._changes.publish(
            Change(Entity.SESSION, ChangeKind.UPDATED, (detail.id,), detail.case_id)
        )

    @staticmethod
    def _load(session: OrmSession, session_id: int) -> Session:
        row = session.get(Session, session_id)
        if row is None:
            raise NotFoundError("That session is no longer in this workspace.")
        return row
