"""Loading a case from a ``deepdive-case/1`` YAML file (the demo case uses this).

Everything goes through the services, exactly as a user's edits do. If any part of
the file is wrong, the half-loaded case is removed again, so nothing is left
half-written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.results import CaseDetail
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template
from deepdive.text.bounded_yaml import BoundedLoader, YamlTooDeep

FORMAT = "deepdive-case/1"


class CaseFileError(DeepDiveError):
    """A case file that cannot be loaded; the message names the file and the part."""


class _TextDatesLoader(BoundedLoader):
    """Reads dates as the text written, so DeepDive's own date rules judge them (and
    refuses nesting too deep, as every YAML reader in DeepDive does)."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in BoundedLoader.yaml_implicit_resolvers.items()
}


def load_case_file(services: Services, path: Path) -> CaseDetail:
    """Add the case described in ``path`` to the workspace and return it."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TextDatesLoader)
    except YamlTooDeep as exc:
        raise CaseFileError(f"{path.name}, line {exc.line}: {exc.plain}.") from None
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseFileError(f"{path.name}: cannot be read ({exc}).") from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise CaseFileError(f"{path.name}: is not a DeepDive case file ({FORMAT}).")
    added_agencies: list[str] = []
    case_id: int | None = None
    try:
        added_agencies = _add_agencies(services, data)
        case_id = _create_case(services, data["case"])
        _load_contents(services, case_id, data)
    except (DeepDiveError, KeyError, TypeError, ValueError) as exc:
        if case_id is not None:
            services.cases.delete(case_id)
        for name in added_agencies:
            services.agencies.remove_if_unused(name)
        if isinstance(exc, DeepDiveError):
            raise CaseFileError(f"{path.name}: {exc}") from exc
        raise CaseFileError(f"{path.name}: missing or malformed entry ({exc}).") from exc
    return services.cases.get(case_id)


def _add_agencies(services: Services, data: dict[str, Any]) -> list[str]:
    known = {name.casefold() for name in services.agencies.names()}
    added: list[str] = []
    for agency in data.get("agencies", []) or []:
        if str(agency["name"]).casefold() not in known:
            added.append(
                services.agencies.add(str(agency["name"]), str(agency.get("kind", "other")))
            )
    return added


def _create_case(services: Services, case_data: dict[str, Any]) -> int:
    case = services.cases.create(
        str(case_data["code"]),
        str(case_data["pseudonym"]),
        birth=str(case_data.get("birth", "")),
        status=str(case_data.get("status", "draft")),
        summary=str(case_data.get("summary", "")),
        tags=[str(t) for t in case_data.get("tags", [])],
        edge_of_care=bool(case_data.get("edge_of_care", False)),
    )
    return case.id


def _load_contents(services: Services, case_id: int, data: dict[str, Any]) -> None:
    people: dict[str, int] = {}
    for person in data.get("people", []):
        info = services.people.add(
            case_id, str(person["pseudonym"]), str(person["role"]), person.get("agency")
        )
        people[str(person["ref"])] = info.id
    refs = [str(e["ref"]) for e in data.get("events", [])]
    inputs = [_event_input(e, people) for e in data.get("events", [])]
    events = dict(zip(refs, (i.id for i in services.events.add_many(case_id, inputs)), strict=True))
    for session_data in data.get("sessions", []) or []:
        _load_session(services, case_id, session_data, events)


def _event_input(event: dict[str, Any], people: dict[str, int]) -> EventInput:
    return EventInput(
        date=str(event["date"]),
        end=str(event["end"]) if event.get("end") else None,
        category=str(event["category"]),
        agency=event.get("agency"),
        people=tuple(people[str(ref)] for ref in event.get("people", []) or []),
        description=str(event.get("description", "")),
        significance=str(event.get("significance", "") or ""),
        voice=str(event.get("voice", "") or ""),
        outcome=str(event.get("outcome", "") or ""),
        key_episode=bool(event.get("key_episode", False)),
        tags=tuple(str(t) for t in event.get("tags", []) or []),
    )


def _load_session(
    services: Services, case_id: int, data: dict[str, Any], events: dict[str, int]
) -> None:
    template = builtin_template(str(data["template"]))
    summary = services.sessions.start(
        case_id,
        template,
        title=str(data["title"]),
        held_on=_date(data.get("held_on")),
        facilitator_role=str(data.get("facilitator_role", "")),
        participants=[
            Participant(str(p["role"]), p.get("agency")) for p in data.get("participants", [])
        ],
        status=str(data.get("status", "planned")),
    )
    for stage_id, value in (data.get("responses") or {}).items():
        value = dict(value or {})
        if "event_refs" in value:
            value["event_ids"] = [events[str(ref)] for ref in value.pop("event_refs")]
        services.sessions.save_response(summary.id, str(stage_id), value)
    for action in data.get("actions", []) or []:
        services.sessions.add_action(
            case_id,
            str(action["description"]),
            owner_role=str(action.get("owner_role", "")),
            due_on=_date(action.get("due")),
            done=bool(action.get("done", False)),
            session_id=summary.id,
            stage_id=action.get("stage"),
        )


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))
