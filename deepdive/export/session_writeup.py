"""A reflective session written up stage by stage from the room's responses."""

from __future__ import annotations

from typing import Any

from deepdive.export.chronology import KEY_FILL, KEY_LABEL, MUTED
from deepdive.export.dates import DatePresenter
from deepdive.export.model import SessionWriteUp
from deepdive.export.tables import bullet_items, details_table, grid_table, proportional
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import (
    TABLE_END,
    Cell,
    Format,
    ParaProps,
    paragraph,
    run,
    table_row,
    table_start,
)
from deepdive.services.events import EventInfo
from deepdive.services.results import ActionInfo
from deepdive.services.session_responses import reflections_of, walked_events
from deepdive.templates import ResponseKind, Stage

_PURPOSE = Format(italic=True, color=MUTED)
_SCALE_FILL = "2F6B8A"
_STATUS = {"planned": "Planned", "in_progress": "In progress", "complete": "Complete"}


def session_blocks(
    doc: WordDocument,
    write_up: SessionWriteUp,
    dates: DatePresenter,
    events: dict[int, EventInfo],
    *,
    actions_listed_later: bool = False,
) -> list[str]:
    """Heading, details and every stage that has a response."""
    md = doc.markdown
    summary = write_up.summary
    template = write_up.template
    out = [md.heading(summary.title, 2)]
    detail = write_up.detail
    details = [
        ("Held", dates.day(summary.held_on) or "Not recorded"),
        ("Session plan", f"{template.name} (version {template.version})"),
        ("Status", _STATUS.get(summary.status, summary.status)),
    ]
    if detail.facilitator_role:
        details.append(("Facilitator (role)", _capital(detail.facilitator_role)))
    if detail.participants:
        room = [
            _capital(p.role) + (f" ({p.agency})" if p.agency else "") for p in detail.participants
        ]
        details.append(("In the room (by role)", "; ".join(room)))
    out.append(details_table(md, details, caption=f"Details of the session {summary.title}"))
    for stage in template.stages:
        response = write_up.responses.get(stage.id, {})
        body = _stage_body(doc, stage, response, write_up, dates, events, actions_listed_later)
        if not body:
            continue
        out.append(md.heading(stage.title, 3))
        if stage.purpose.strip():
            purpose = md.inline(stage.purpose.strip(), _PURPOSE)
            out.append(paragraph(purpose, ParaProps(keep_next=True)))
        out.append(body)
    return out


def _stage_body(
    doc: WordDocument,
    stage: Stage,
    response: dict[str, Any],
    write_up: SessionWriteUp,
    dates: DatePresenter,
    events: dict[int, EventInfo],
    actions_listed_later: bool,
) -> str:
    md = doc.markdown
    kind = stage.response.kind
    if kind is ResponseKind.TEXT:
        return md.blocks(str(response.get("text", "")), base_level=3)
    if kind is ResponseKind.LIST:
        return bullet_items(md, [str(i) for i in response.get("items", [])])
    if kind is ResponseKind.SCALE:
        return _scale(doc, stage, response)
    if kind is ResponseKind.MAP:
        columns = [list(map(str, c)) for c in response.get("columns", [])]
        if not any(columns):
            return ""
        headings = list(stage.response.columns) or ["", "", ""]
        cells = [_list_markdown(col) for col in columns] + [""] * (len(headings) - len(columns))
        return grid_table(md, headings, [cells], (1,) * len(headings), caption=stage.title)
    if kind is ResponseKind.EVENTS:
        said = reflections_of(response)
        linked = walked_events(response, events)
        out = _linked_events(doc, linked, said, dates) if linked else ""
        return out + md.blocks(str(response.get("notes", "")), base_level=3)
    if kind is ResponseKind.ACTIONS:
        actions = [a for a in write_up.actions if a.stage_id in (None, stage.id)]
        if actions and actions_listed_later:
            count = f"{len(actions)} action{'s' if len(actions) != 1 else ''}"
            return paragraph(
                run(
                    f"The room agreed {count}; they are listed under "
                    "“Actions agreed” in Learning and actions."
                )
            )
        return actions_table(doc, actions, dates) if actions else ""
    return ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _list_markdown(items: list[str]) -> str:
    # Each item is one line; written as a Markdown list so the cell gets real bullets.
    return "\n".join(f"- {item}" for item in items if item.strip())


def _scale(doc: WordDocument, stage: Stage, response: dict[str, Any]) -> str:
    md = doc.markdown
    value = response.get("value")
    note = str(response.get("note", ""))
    if value is None and not note.strip():
        return ""
    spec = stage.response
    out = []
    if isinstance(value, int):
        question = spec.label or "Score"
        separator = " " if question.rstrip()[-1:] in "?.!:" else ": "
        out.append(
            paragraph(
                run(f"{question.rstrip()}{separator}", Format(bold=True))
                + run(f"{value} out of 10", Format(bold=True, color=_SCALE_FILL))
            )
        )
        styles = doc.styles
        widths = proportional(doc.width, (1,) * 11)
        cells = []
        for n in range(11):
            chosen = n == value
            fmt = Format(bold=True, color="FFFFFF") if chosen else Format(color=MUTED)
            cells.append(
                Cell(
                    paragraph(
                        run(str(n), fmt), ParaProps(style=styles("Table Text"), align="center")
                    ),
                    fill=_SCALE_FILL if chosen else "FFFFFF",
                )
            )
        # The scale's numbers are its header row; what the ends mean is written below it
        # rather than in merged cells, which screen readers misread. "0: Safe enough…",
        # not "0 = Safe enough…": after a colon the leak check reads a capitalised word
        # as the start of a phrase, not as somebody's name.
        ends = f"0: {spec.low or ''}; 10: {spec.high or ''}"
        out.append(
            table_start(widths, style=styles("Case Study Table"), caption=question)
            + table_row(cells, widths, header=True)
            + TABLE_END
            + paragraph(
                run(ends, Format(color=MUTED)),
                ParaProps(style=styles("Table Text"), space_before=40, space_after=160),
            )
        )
    out.append(md.blocks(note, base_level=3))
    return "".join(out)


def _linked_events(
    doc: WordDocument, linked: list[EventInfo], said: dict[int, str], dates: DatePresenter
) -> str:
    md = doc.markdown
    rows = []
    fills: list[str | None] = []
    for event in linked:
        first = event.description.strip().split("\n\n")[0]
        label = f"**{KEY_LABEL}.** " if event.key_episode else ""
        row = [dates.span(event.span), label + first]
        if said:
            row.append(said.get(event.id, ""))
        rows.append(row)
        fills.append(KEY_FILL if event.key_episode else None)
    if said:
        return grid_table(
            md,
            ["Date", "Event", "What the room said"],
            rows,
            (16, 44, 40),
            caption="Events the room walked through, with its reflections",
            fills=fills,
        )
    return grid_table(
        md, ["Date", "Event"], rows, (18, 82), caption="Events the room chose", fills=fills
    )


def actions_table(doc: WordDocument, actions: list[ActionInfo], dates: DatePresenter) -> str:
    """Action, owner role, due date and whether it is done."""
    rows = [
        [
            action.description,
            action.owner_role or "—",
            dates.day(action.due_on) or "—",
            "Done" if action.done else "Open",
        ]
        for action in actions
    ]
    return grid_table(
        doc.markdown,
        ["Action", "Owner (role)", "Due", "Status"],
        rows,
        (56, 20, 14, 10),
        caption="Actions agreed",
    )
