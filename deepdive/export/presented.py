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

from dataclasses import replace
from typing import Any

from deepdive.export.dates import DatePresenter
from deepdive.export.model import CaseStudy, SessionWriteUp
from deepdive.export.options import DateMode
from deepdive.services.events import EventInfo
from deepdive.services.results import ActionInfo


def present_study(study: CaseStudy, dates: DatePresenter) -> CaseStudy:
    """``study`` with the dates in all its free text rewritten by ``dates``."""
    if dates.mode is DateMode.REAL:
        return study
    text = dates.text
    case = study.case
    case = replace(
        case,
        summary=text(case.summary),
        tags=tuple(text(tag) for tag in case.tags),
        people=tuple(replace(p, notes=text(p.notes)) for p in case.people),
    )
    events = tuple(present_event(event, dates) for event in study.events)
    return replace(
        study,
        case=case,
        events=events,
        sessions=tuple(_session(write_up, dates) for write_up in study.sessions),
        actions=tuple(_action(action, dates) for action in study.actions),
        story=text(study.story),
        event_themes={
            event_id: tuple(text(name) for name in names)
            for event_id, names in study.event_themes.items()
        },
    )


def present_event(event: EventInfo, dates: DatePresenter) -> EventInfo:
    """``event`` with the dates in its free text rewritten by ``dates`` (its span stays
    real: writers show it through the same presenter)."""
    if dates.mode is DateMode.REAL:
        return event
    text, near = dates.text, event.span.start
    return replace(
        event,
        description=text(event.description, near),
        significance=text(event.significance, near),
        voice=text(event.voice, near),
        outcome=text(event.outcome, near),
        tags=tuple(text(tag, near) for tag in event.tags),
    )


def _session(write_up: SessionWriteUp, dates: DatePresenter) -> SessionWriteUp:
    text = dates.text
    return replace(
        write_up,
        summary=replace(write_up.summary, title=text(write_up.summary.title)),
        detail=replace(
            write_up.detail, title=text(write_up.detail.title), notes=text(write_up.detail.notes)
        ),
        responses={stage: _walk(answer, dates) for stage, answer in write_up.responses.items()},
        actions=tuple(_action(action, dates) for action in write_up.actions),
        themes={
            stage: tuple(text(name) for name in names) for stage, names in write_up.themes.items()
        },
    )


def _action(action: ActionInfo, dates: DatePresenter) -> ActionInfo:
    return replace(action, description=dates.text(action.description))


def _walk(value: Any, dates: DatePresenter) -> Any:
    """Every string in a response, however it is nested (lists, maps, notes)."""
    if isinstance(value, str):
        return dates.text(value)
    if isinstance(value, dict):
        return {key: _walk(item, dates) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_walk(item, dates) for item in value)
    return value
