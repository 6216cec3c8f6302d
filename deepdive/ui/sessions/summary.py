"""A read-only summary of a session: who was there and everything the room said, by stage."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Any

from deepdive.services import Services
from deepdive.services.results import ActionInfo
from deepdive.services.session_responses import reflections_of, walked_events
from deepdive.services.session_results import SessionDetail
from deepdive.templates import ResponseKind, Stage, Template
from deepdive.text.markdown import markdown_to_html
from deepdive.ui.sessions.days import day_text
from deepdive.ui.sessions.events_picker import event_line

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

STATUS_LABELS = {"planned": "Planned", "in_progress": "In progress", "complete": "Complete"}


@dataclass(frozen=True)
class SessionRecord:
    """Everything a summary shows, read from the workspace in one go."""

    detail: SessionDetail
    template: Template
    responses: dict[str, dict[str, Any]]
    actions: list[ActionInfo]
    events: dict[int, EventInfo]

    @classmethod
    def read(cls, services: Services, session_id: int) -> SessionRecord:
        """Read one session and what it refers to."""
        from deepdive.services.events import row_info

        detail = services.sessions.get(session_id)
        responses = services.sessions.responses(session_id)
        # Only the linked events are read, so a long chronology costs nothing here.
        linked = [
            i
            for value in responses.values()
            for i in [*value.get("event_ids", []), *map(int, value.get("reflections", {}))]
        ]
        rows = services.events.rows(detail.case_id, linked) if linked else []
        return cls(
            detail=detail,
            template=services.sessions.template_of(session_id),
            responses=responses,
            actions=services.actions.list_actions(detail.case_id, session_id),
            events={row.id: row_info(row) for row in rows},
        )


def summary_html(record: SessionRecord) -> str:
    """The session as an HTML page for a read-only view."""
    detail = record.detail
    parts = [f"<h1>{escape(detail.title)}</h1>", _meta(record)]
    for number, stage in enumerate(record.template.stages, start=1):
        parts.append(_stage(record, stage, number))
    loose = [a for a in record.actions if a.stage_id not in record.template.stage_ids]
    if loose:
        parts.append("<h2>Other actions from this session</h2>")
        parts.append(_actions_table(loose))
    return "\n".join(parts)


def _meta(record: SessionRecord) -> str:
    detail = record.detail
    rows = [
        ("Template", f"{record.template.name} (version {detail.template_version})"),
        ("Date", day_text(detail.held_on) or "not set"),
        ("Status", STATUS_LABELS.get(detail.status, detail.status)),
        ("Facilitator", detail.facilitator_role or "not recorded"),
    ]
    spent = sum(detail.minutes_used.values())
    if spent:
        rows.append(("Time", f"{spent} of {record.template.total_minutes} minutes planned"))
    cells = "".join(
        f"<tr><td><b>{escape(name)}</b>&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
        for name, value in rows
    )
    people = "".join(
        f"<li>{escape(p.role)}{f' — {escape(p.agency)}' if p.agency else ''}</li>"
        for p in detail.participants
    )
    room = (
        f"<p><b>In the room</b> (by role and agency)</p><ul>{people}</ul>"
        if people
        else "<p><b>In the room:</b> not recorded</p>"
    )
    return f"<table>{cells}</table>{room}"


def _stage(record: SessionRecord, stage: Stage, number: int) -> str:
    value = record.responses.get(stage.id, {})
    used = record.detail.minutes_used.get(stage.id)
    timing = f"{stage.minutes} min planned" + (f", {used} min taken" if used else "")
    heading = (
        f"<h2>{number}. {escape(stage.title)}</h2>"
        f"<p style='color:#5f6b73'><i>{escape(timing)}</i></p>"
    )
    body = _response(record, stage, value)
    return heading + (body or "<p style='color:#5f6b73'><i>Nothing recorded.</i></p>")


def _response(record: SessionRecord, stage: Stage, value: dict[str, Any]) -> str:
    kind = stage.response.kind
    if kind is ResponseKind.TEXT:
        text = str(value.get("text", "")).strip()
        return markdown_to_html(text) if text else ""
    if kind is ResponseKind.LIST:
        return _bullets([str(i) for i in value.get("items", [])])
    if kind is ResponseKind.SCALE:
        return _scale(stage, value)
    if kind is ResponseKind.MAP:
        return _map(stage, value)
    if kind is ResponseKind.EVENTS:
        said = reflections_of(value)
        lines = [
            event_line(event) + (f" — the room: {said[event.id]}" if event.id in said else "")
            for event in walked_events(value, record.events)
        ]
        notes = str(value.get("notes", "")).strip()
        listed = _bullets(lines)
        return listed + (markdown_to_html(notes) if notes else "")
    actions = [a for a in record.actions if a.stage_id == stage.id]
    return _actions_table(actions) if actions else ""


def _bullets(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _scale(stage: Stage, value: dict[str, Any]) -> str:
    rating = value.get("value")
    note = str(value.get("note", "")).strip()
    if rating is None and not note:
        return ""
    spec = stage.response
    question = escape(spec.label or stage.title)
    shown = "not rated" if rating is None else f"{rating} out of 10"
    ends = f"0 = {escape(spec.low or '')}; 10 = {escape(spec.high or '')}"
    html = f"<p>{question}<br><b>{shown}</b> <span style='color:#5f6b73'>({ends})</span></p>"
    return html + (markdown_to_html(note) if note else "")


def _map(stage: Stage, value: dict[str, Any]) -> str:
    columns = [list(c) for c in value.get("columns", [])]
    if not any(columns):
        return ""
    heads = "".join(
        f"<th align='left' width='33%'>{escape(h)}</th>" for h in stage.response.columns
    )
    cells = "".join(
        f"<td valign='top'>{_bullets([str(i) for i in column])}</td>" for column in columns
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='6' border='1' "
        f"style='border-collapse:collapse'><tr>{heads}</tr><tr>{cells}</tr></table>"
    )


def _actions_table(actions: list[ActionInfo]) -> str:
    rows = "".join(
        "<tr>"
        f"<td>{'✓' if a.done else ''}</td>"
        f"<td>{escape(a.description)}</td>"
        f"<td>{escape(a.owner_role)}</td>"
        f"<td>{escape(day_text(a.due_on))}</td>"
        "</tr>"
        for a in actions
    )
    return (
        "<table width='100%' cellspacing='0' cellpadding='5' border='1' "
        "style='border-collapse:collapse'><tr><th>Done</th><th align='left'>Action</th>"
        f"<th align='left'>Owner role</th><th align='left'>Due</th></tr>{rows}</table>"
    )
