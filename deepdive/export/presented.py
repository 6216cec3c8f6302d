"""The case study with every date in its free text shown as the export shows dates.

Writers get the study from :func:`present_study`, so no text field can slip through
with a real date: the case's summary, story of a life changed, themes and cast notes;
the learning themes tagged on events and on session answers; each event's description,
significance, voice, outcome and tags; each session's title, notes and every response
of every kind (text, lists, maps, scales' notes, linked events' notes, and any kind
added later); and each action. Structured dates (event spans, session days, due dates)
stay real here and are shown through the same presenter by the writers.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass, replace
from typing import Any

from deepdive.domain.dates import DateSpan
from deepdive.export.dates import DatePresenter
from deepdive.export.model import CaseStudy, SessionWriteUp
from deepdive.export.options import DateMode
from deepdive.services.events import EventInfo
from deepdive.services.results import ActionInfo, PersonInfo
from deepdive.templates import Template


def present_study(study: CaseStudy, dates: DatePresenter) -> CaseStudy:
    """``study`` with the dates in all its free text rewritten by ``dates``.

    Raises :class:`~deepdive.export.date_leftovers.DatesLeft` if any text, including
    one no rule here rewrites, would still carry a date as it was written."""
    if dates.mode is DateMode.REAL:
        return study
    text = dates.text
    case = study.case
    case = replace(
        case,
        summary=text(case.summary, where="case › summary"),
        tags=tuple(text(tag, where="case › tags") for tag in case.tags),
        people=tuple(_person(person, dates) for person in case.people),
    )
    events = tuple(present_event(event, dates) for event in study.events)
    shown = replace(
        study,
        case=case,
        events=events,
        sessions=tuple(_session(write_up, dates) for write_up in study.sessions),
        actions=tuple(_action(action, dates, "actions") for action in study.actions),
        story=text(study.story, where="story of a life changed"),
        event_themes={
            event_id: tuple(text(name, where="learning themes") for name in names)
            for event_id, names in study.event_themes.items()
        },
    )
    _sweep(shown, "case study", dates)
    dates.check_leftovers()
    return shown


def present_event(event: EventInfo, dates: DatePresenter) -> EventInfo:
    """``event`` with the dates in its free text rewritten by ``dates`` (its span stays
    real: writers show it through the same presenter)."""
    if dates.mode is DateMode.REAL:
        return event
    near, place = event.span.start, f"chronology › {dates.span(event.span)}"

    def text(value: str, field: str) -> str:
        return dates.text(value, near, f"{place} › {field}")

    return replace(
        event,
        agency=text(event.agency, "agency") if event.agency else event.agency,
        description=text(event.description, "What happened"),
        significance=text(event.significance, "Significance"),
        voice=text(event.voice, "Young person's voice"),
        outcome=text(event.outcome, "Outcome"),
        tags=tuple(text(tag, "tags") for tag in event.tags),
    )


def _person(person: PersonInfo, dates: DatePresenter) -> PersonInfo:
    place = f"cast › {person.pseudonym}"
    return replace(
        person,
        role=dates.text(person.role, where=f"{place} › role"),
        agency=dates.text(person.agency, where=f"{place} › agency") if person.agency else None,
        notes=dates.text(person.notes, where=f"{place} › notes"),
    )


def _session(write_up: SessionWriteUp, dates: DatePresenter) -> SessionWriteUp:
    detail = write_up.detail
    place = f"session › {detail.title}"

    def text(value: str, field: str) -> str:
        return dates.text(value, where=f"{place} › {field}")

    stages = {stage.id: stage.title for stage in write_up.template.stages}
    return replace(
        write_up,
        summary=replace(write_up.summary, title=text(write_up.summary.title, "title")),
        detail=replace(
            detail,
            title=text(detail.title, "title"),
            notes=text(detail.notes, "notes"),
            facilitator_role=text(detail.facilitator_role, "facilitator"),
            participants=tuple(
                replace(
                    person,
                    role=text(person.role, "participants"),
                    agency=text(person.agency, "participants") if person.agency else None,
                )
                for person in detail.participants
            ),
        ),
        responses={
            stage: _walk(answer, dates, f"{place} › {stages.get(stage, stage)}")
            for stage, answer in write_up.responses.items()
        },
        actions=tuple(_action(action, dates, f"{place} › actions") for action in write_up.actions),
        themes={
            stage: tuple(text(name, "learning themes") for name in names)
            for stage, names in write_up.themes.items()
        },
    )


def _action(action: ActionInfo, dates: DatePresenter, place: str) -> ActionInfo:
    return replace(
        action,
        description=dates.text(action.description, where=place),
        owner_role=dates.text(action.owner_role, where=f"{place} › owner"),
    )


def _walk(value: Any, dates: DatePresenter, where: str) -> Any:
    """Every string in a response, however it is nested (lists, maps, notes)."""
    if isinstance(value, str):
        return dates.text(value, where=where)
    if isinstance(value, dict):
        return {key: _walk(item, dates, where) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_walk(item, dates, where) for item in value)
    return value


def _sweep(value: Any, where: str, dates: DatePresenter) -> None:
    """Read every text of the study that no rule above rewrote (a field added later,
    a title) for dates kept as written. The session template is the team's own
    wording, not the case's, and is not read."""
    if isinstance(value, str):
        dates.note_unchecked(value, where)
    elif isinstance(value, Template | DateSpan):  # the team's wording; dates shown moved
        return
    elif is_dataclass(value) and not isinstance(value, type):
        for item in fields(value):
            if not item.name.endswith(("_key", "_stage", "status", "category", "template_name")):
                _sweep(getattr(value, item.name), f"{where} › {item.name}", dates)
    elif isinstance(value, dict):
        for item in value.values():
            _sweep(item, where, dates)
    elif isinstance(value, list | tuple):
        for item in value:
            _sweep(item, where, dates)
