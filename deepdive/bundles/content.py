"""What a case bundle holds, as plain data, and how each part is written as JSON.

The same dataclasses (:mod:`deepdive.services.case_content`) carry a case out of a
workspace (export) and, after every field has been checked
(:mod:`deepdive.bundles.parse`), into another one (import). Items
refer to each other by ``ref`` numbers that mean something only inside the bundle.
Nothing from the key vault is here: the workspace holds pseudonyms only.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from deepdive.services.case_content import (
    ActionData,
    AgencyData,
    CaseContent,
    CaseData,
    EventData,
    OutcomeData,
    ParticipantData,
    PersonData,
    ResponseData,
    SessionData,
    TemplateData,
    ThemeData,
)

__all__ = [
    "ACTIONS_FILE",
    "CASE_FILE",
    "CAST_FILE",
    "CHRONOLOGY_FILE",
    "DATA_FILES",
    "SESSIONS_FILE",
    "ActionData",
    "AgencyData",
    "BundleContent",
    "CaseData",
    "EventData",
    "OutcomeData",
    "ParticipantData",
    "PersonData",
    "ResponseData",
    "SessionData",
    "TemplateData",
    "ThemeData",
]

CASE_FILE = "case.json"
CAST_FILE = "cast.json"
CHRONOLOGY_FILE = "chronology.json"
SESSIONS_FILE = "sessions.json"
ACTIONS_FILE = "actions.json"
DATA_FILES = (CASE_FILE, CAST_FILE, CHRONOLOGY_FILE, SESSIONS_FILE, ACTIONS_FILE)


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime) -> str:
    return value.isoformat()


@dataclass(frozen=True)
class BundleContent(CaseContent):
    """One case and everything in it, as a bundle writes it."""

    @classmethod
    def of(cls, content: CaseContent) -> BundleContent:
        """``content`` (as the services read it), to be written as a bundle."""
        return cls(**{f.name: getattr(content, f.name) for f in fields(content)})

    def to_json(self) -> dict[str, dict[str, Any]]:
        """Each data file's JSON object, by file name."""
        return {
            CASE_FILE: _case_json(self.case),
            CAST_FILE: {"people": [_person_json(p) for p in self.people]},
            CHRONOLOGY_FILE: {"events": [_event_json(e) for e in self.events]},
            SESSIONS_FILE: {
                "templates": [_template_json(t) for t in self.templates],
                "sessions": [_session_json(s) for s in self.sessions],
            },
            ACTIONS_FILE: {"actions": [_action_json(a) for a in self.actions]},
        }


def _case_json(case: CaseData) -> dict[str, Any]:
    return {
        "code": case.code,
        "pseudonym": case.pseudonym,
        "birth_year": case.birth_year,
        "birth_month": case.birth_month,
        "status": case.status,
        "archived": case.archived,
        "edge_of_care": case.edge_of_care,
        "stayed_with_family": case.stayed_with_family,
        "summary": case.summary,
        "document_version": case.document_version,
        "created_at": _moment(case.created_at),
        "updated_at": _moment(case.updated_at),
        "tags": list(case.tags),
        "outcomes": [
            {
                "domain": o.domain,
                "start_value": o.start_value,
                "latest_value": o.latest_value,
                "start_measured_on": _day(o.start_measured_on),
                "latest_measured_on": _day(o.latest_measured_on),
                "note": o.note,
            }
            for o in case.outcomes
        ],
        "agencies": [{"name": a.name, "kind": a.kind} for a in case.agencies],
        "themes": [{"name": t.name, "description": t.description} for t in case.themes],
        "story": case.story,
    }


def _person_json(p: PersonData) -> dict[str, Any]:
    return {
        "ref": p.ref,
        "pseudonym": p.pseudonym,
        "role": p.role,
        "agency": p.agency,
        "notes": p.notes,
        "sort_order": p.sort_order,
    }


def _template_json(t: TemplateData) -> dict[str, Any]:
    return {
        "ref": t.ref,
        "key": t.key,
        "version": t.version,
        "name": t.name,
        "source": t.source,
        "content": t.content,
        "sha256": t.sha256,
        "created_at": _moment(t.created_at),
    }


def _event_json(e: EventData) -> dict[str, Any]:
    return {
        "ref": e.ref,
        "date": e.date,
        "end": e.end,
        "position": e.position,
        "category": e.category,
        "agency": e.agency,
        "description": e.description,
        "significance": e.significance,
        "voice": e.voice,
        "outcome": e.outcome,
        "key_episode": e.key_episode,
        "tags": list(e.tags),
        "themes": list(e.themes),
        "people": list(e.people),
        "created_at": _moment(e.created_at),
        "updated_at": _moment(e.updated_at),
    }


def _session_json(s: SessionData) -> dict[str, Any]:
    return {
        "ref": s.ref,
        "template": s.template,
        "title": s.title,
        "held_on": _day(s.held_on),
        "status": s.status,
        "facilitator_role": s.facilitator_role,
        "current_stage": s.current_stage,
        "notes": s.notes,
        "created_at": _moment(s.created_at),
        "updated_at": _moment(s.updated_at),
        "participants": [{"role": p.role, "agency": p.agency} for p in s.participants],
        "responses": [
            {
                "stage_id": r.stage_id,
                "kind": r.kind,
                "content": r.content,
                "minutes_used": r.minutes_used,
                "updated_at": _moment(r.updated_at),
                "events": list(r.events),
                "themes": list(r.themes),
            }
            for r in s.responses
        ],
    }


def _action_json(a: ActionData) -> dict[str, Any]:
    return {
        "session": a.session,
        "stage_id": a.stage_id,
        "description": a.description,
        "owner_role": a.owner_role,
        "due_on": _day(a.due_on),
        "done": a.done,
        "position": a.position,
        "created_at": _moment(a.created_at),
        "updated_at": _moment(a.updated_at),
    }
