"""A ``deepdive-case/1`` file's data, checked field by field, as one whole case.

Every value is held to the rules the services apply when it is typed in (case code,
pseudonyms and roles that name no one, fuzzy dates, event categories, agencies the
workspace knows, response shapes, outcome values), so the case can then be added in
one transaction (:class:`~deepdive.services.case_import.CaseImportService`): a case
file lands whole, quickly, or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from deepdive.domain.vocabulary import SessionStatus
from deepdive.services import Services
from deepdive.services.actions import clean_role
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
from deepdive.services.errors import ValidationError
from deepdive.services.events import validated_category, validated_span
from deepdive.services.guard import GuardedField
from deepdive.services.outcomes import outcome_domain, outcome_value
from deepdive.services.session_responses import clean_response
from deepdive.services.text import clean_line, clean_text
from deepdive.services.validation import (
    birth_month,
    case_code,
    case_status,
    guarded_line,
    required_line,
    tag_names,
)
from deepdive.templates import ResponseKind, Template, builtin_template
from deepdive.templates.loader import dump_template


class CaseFileContent:
    """Builds the :class:`CaseContent` of one case file's data."""

    def __init__(self, services: Services, data: dict[str, Any]) -> None:
        self._services = services
        self._data = data
        self._now = datetime.now(UTC)
        self._agencies = {name.casefold(): name for name in services.agencies.names()}
        self._themes: dict[str, str] = {}
        self._templates: dict[str, tuple[int, Template]] = {}

    def build(self) -> CaseContent:
        """The whole case; a ValidationError (or KeyError/TypeError) names what is wrong."""
        data = self._data
        brought = tuple(self._agency_data(a) for a in data.get("agencies", []) or [])
        people = tuple(self._person(n, p) for n, p in enumerate(data.get("people", []) or []))
        person_refs = {str(p["ref"]): n for n, p in enumerate(data.get("people", []) or [])}
        raw_events = data.get("events", []) or []
        event_refs = {str(e["ref"]): n for n, e in enumerate(raw_events)}
        if len(event_refs) != len(raw_events):
            raise ValidationError("two events share a ref.")
        events = tuple(self._event(n, e, person_refs) for n, e in enumerate(raw_events))
        sessions: list[SessionData] = []
        actions: list[ActionData] = []
        for n, raw in enumerate(data.get("sessions", []) or []):
            session = self._session(n, raw, event_refs)
            sessions.append(session)
            actions += self._actions(n, raw, len(actions))
        case = self._case(data["case"], data.get("outcomes") or {}, brought)
        templates = tuple(
            self._template_data(key, ref, t) for key, (ref, t) in self._templates.items()
        )
        return CaseContent(case, people, events, templates, tuple(sessions), tuple(actions))

    # ----------------------------------------------------------------- the case
    def _case(
        self, raw: dict[str, Any], outcomes: dict[str, Any], brought: tuple[AgencyData, ...]
    ) -> CaseData:
        guard = self._services.guard
        year, month = birth_month(str(raw.get("birth", "")))
        edge = bool(raw.get("edge_of_care", False))
        stayed = raw.get("stayed_with_family")
        return CaseData(
            code=case_code(str(raw["code"]), guard),
            pseudonym=guarded_line(
                str(raw["pseudonym"]), "pseudonym", "The pseudonym", GuardedField.PSEUDONYM, guard
            ),
            birth_year=year,
            birth_month=month,
            status=case_status(str(raw.get("status", "draft"))).value,
            archived=False,
            edge_of_care=edge,
            stayed_with_family=bool(stayed) if edge and stayed is not None else None,
            summary=clean_text(str(raw.get("summary", "") or "")).strip(),
            document_version=1,
            created_at=self._now,
            updated_at=self._now,
            tags=tuple(tag_names([str(t) for t in raw.get("tags", []) or []])),
            outcomes=tuple(self._outcomes(outcomes)),
            agencies=brought,
            themes=tuple(ThemeData(name, "") for name in self._themes.values()),
            story=clean_text(str(raw.get("story", "") or "")).strip(),
        )

    def _agency_data(self, raw: dict[str, Any]) -> AgencyData:
        name = guarded_line(
            str(raw["name"]),
            "agency",
            "An agency's name",
            GuardedField.AGENCY,
            self._services.guard,
            120,
        )
        self._agencies.setdefault(name.casefold(), name)
        return AgencyData(
            self._agencies[name.casefold()], clean_line(str(raw.get("kind", "other")))
        )

    def _agency(self, name: Any, where: str) -> str | None:
        if name is None or not str(name).strip():
            return None
        known = self._agencies.get(clean_line(str(name)).casefold())
        if known is None:
            raise ValidationError(f"{where} names the agency '{name}', which is not listed.")
        return known

    def _outcomes(self, raw: dict[str, Any]) -> Iterator[OutcomeData]:
        for key, value in raw.items():
            domain = outcome_domain(str(key))
            value = value or {}
            start_on, latest_on = _day(value.get("start_on")), _day(value.get("latest_on"))
            if start_on and latest_on and latest_on < start_on:
                raise ValidationError(
                    f"{domain.label}: the latest measurement is before the start."
                )
            yield OutcomeData(
                domain=domain.value,
                start_value=outcome_value(domain, str(value.get("start", "") or ""), "start"),
                latest_value=outcome_value(domain, str(value.get("latest", "") or ""), "latest"),
                start_measured_on=start_on,
                latest_measured_on=latest_on,
                note=clean_text(str(value.get("note", "") or "")).strip(),
            )

    # ----------------------------------------------------------------- cast and chronology
    def _person(self, n: int, raw: dict[str, Any]) -> PersonData:
        guard = self._services.guard
        pseudonym = guarded_line(
            str(raw["pseudonym"]), "pseudonym", "A pseudonym", GuardedField.PSEUDONYM, guard
        )
        return PersonData(
            ref=n,
            pseudonym=pseudonym,
            role=clean_role(str(raw["role"]), guard),
            agency=self._agency(raw.get("agency"), f"the cast member {pseudonym}"),
            notes=clean_text(str(raw.get("notes", "") or "")).strip(),
            sort_order=n,
        )

    def _event(self, n: int, raw: dict[str, Any], people: dict[str, int]) -> EventData:
        where = f"event {raw.get('ref', n + 1)}"
        try:
            span = validated_span(str(raw["date"]), str(raw["end"]) if raw.get("end") else None)
            category = validated_category(str(raw["category"]))
        except ValidationError as exc:
            raise ValidationError(f"{where}: {exc}") from exc
        return EventData(
            ref=n,
            date=str(span.start),
            end=str(span.end) if span.end else None,
            position=n,
            category=category,
            agency=self._agency(raw.get("agency"), where),
            description=_text(raw.get("description")),
            significance=_text(raw.get("significance")),
            voice=_text(raw.get("voice")),
            outcome=_text(raw.get("outcome")),
            key_episode=bool(raw.get("key_episode", False)),
            tags=tuple(tag_names([str(t) for t in raw.get("tags", []) or []])),
            themes=self._theme_names(raw.get("themes")),
            people=tuple(people[str(ref)] for ref in raw.get("people", []) or []),
            created_at=self._now,
            updated_at=self._now,
        )

    def _theme_names(self, raw: Any) -> tuple[str, ...]:
        names: list[str] = []
        for name in raw or []:
            clean = guarded_line(
                str(name), "theme", "A theme name", GuardedField.THEME, self._services.guard, 160
            )
            # One spelling per theme: the workspace's own, or the first met.
            if clean.casefold() not in self._themes:
                known = self._services.themes.find(clean)
                self._themes[clean.casefold()] = known.name if known else clean
            chosen = self._themes[clean.casefold()]
            if chosen not in names:
                names.append(chosen)
        return tuple(names)

    # ----------------------------------------------------------------- sessions
    def _session(self, n: int, raw: dict[str, Any], events: dict[str, int]) -> SessionData:
        key = str(raw["template"])
        if key not in self._templates:
            self._templates[key] = (len(self._templates), builtin_template(key))
        ref, template = self._templates[key]
        guard = self._services.guard
        title = required_line(str(raw["title"]), "title", "The session title", 200)
        status = SessionStatus(str(raw.get("status", "planned"))).value
        participants = tuple(
            ParticipantData(
                clean_role(str(p["role"]), guard, "participants"),
                self._agency(p.get("agency"), f"the session “{title}”"),
            )
            for p in raw.get("participants", []) or []
        )
        responses = tuple(
            self._response(template, str(stage), dict(value or {}), events)
            for stage, value in (raw.get("responses") or {}).items()
        )
        return SessionData(
            ref=n,
            template=ref,
            title=title,
            held_on=_day(raw.get("held_on")),
            status=status,
            facilitator_role=clean_role(str(raw.get("facilitator_role", "")), guard, "facilitator"),
            current_stage=None,
            notes="",
            created_at=self._now,
            updated_at=self._now,
            participants=participants,
            responses=responses,
        )

    def _response(
        self, template: Template, stage_id: str, value: dict[str, Any], events: dict[str, int]
    ) -> ResponseData:
        if stage_id not in template.stage_ids:
            raise ValidationError(f"'{template.name}' has no stage '{stage_id}'.")
        kind = template.stage(stage_id).response.kind
        themes = self._theme_names(value.pop("themes", None))
        linked: tuple[int, ...] = ()
        if "event_refs" in value:
            linked = tuple(events[str(ref)] for ref in value.pop("event_refs"))
            value["event_ids"] = list(linked)
        content, _ids = clean_response(kind, value)
        return ResponseData(
            stage_id=stage_id,
            kind=kind.value,
            content=content,
            minutes_used=None,
            updated_at=self._now,
            events=linked if kind is ResponseKind.EVENTS else (),
            themes=themes,
        )

    def _actions(self, session: int, raw: dict[str, Any], first: int) -> list[ActionData]:
        guard = self._services.guard
        return [
            ActionData(
                session=session,
                stage_id=str(a["stage"]) if a.get("stage") else None,
                description=_required_text(a.get("description"), "An action"),
                owner_role=clean_role(str(a.get("owner_role", "")), guard, "owner_role"),
                due_on=_day(a.get("due")),
                done=bool(a.get("done", False)),
                position=first + n,
                created_at=self._now,
                updated_at=self._now,
            )
            for n, a in enumerate(raw.get("actions", []) or [])
        ]

    def _template_data(self, key: str, ref: int, template: Template) -> TemplateData:
        content, sha256 = _snapshot(key)
        return TemplateData(
            ref=ref,
            key=key,
            version=template.version,
            name=template.name,
            source="builtin",
            content=content,
            sha256=sha256,
            created_at=self._now,
        )


@cache
def _snapshot(key: str) -> tuple[str, str]:
    """A built-in template's stored text and its digest, as a session keeps them.

    Cached: the built-in templates never change while DeepDive runs, and writing one
    out costs more than adding a small case."""
    content = dump_template(builtin_template(key))
    return content, hashlib.sha256(content.encode("utf-8")).hexdigest()


def _text(value: Any) -> str:
    return clean_text(str(value or "")).strip()


def _required_text(value: Any, what: str) -> str:
    text = _text(value)
    if not text:
        raise ValidationError(f"{what} cannot be empty.")
    return text


def _day(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError(f"'{value}' is not a day (write it as 2022-03-17).") from None
