"""The case study as one Markdown file (``--format md``).

It holds the same sections as the Word document, readable as plain text and renderable
again with ``deepdive render``. Markdown typed in the case keeps its formatting; its
headings move down under the section they sit in, and footnote labels are made unique
so two events' ``[^1]`` do not collide.
"""

from __future__ import annotations

import re

from deepdive.export.case_document import STORY_HEADING, authors_of
from deepdive.export.chronology import KEY_LABEL
from deepdive.export.date_wording import long_date
from deepdive.export.dates import DatePresenter
from deepdive.export.learning_themes import md_escape, theme_places
from deepdive.export.model import CaseStudy, SessionWriteUp
from deepdive.export.options import ExportOptions, Section
from deepdive.export.presented import present_study
from deepdive.services.events import EventInfo
from deepdive.services.results import ActionInfo
from deepdive.services.session_responses import reflections_of, walked_events
from deepdive.templates import ResponseKind

_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^(?:`{3,}|~{3,})")
_FOOTNOTE_REF = re.compile(r"\[\^([^\]\s]+)\]")
_FOOTNOTE_DEF = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*(.*)$")


def shift_headings(text: str, by: int) -> str:
    """Move every ATX heading down ``by`` levels (at most to level 6); code is left alone."""
    out = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + by), line, count=1)
        out.append(line)
    return "\n".join(out)


class _Notes:
    """Footnote definitions lifted out of table cells, with labels made unique."""

    def __init__(self) -> None:
        self.pending: list[str] = []

    def scoped(self, text: str, scope: str) -> str:
        return _FOOTNOTE_REF.sub(lambda m: f"[^{scope}-{m.group(1)}]", text)

    def cell(self, text: str, scope: str) -> str:
        """Text flattened to one table cell line; its footnote definitions kept aside."""
        kept = []
        for line in self.scoped(text, scope).split("\n"):
            match = _FOOTNOTE_DEF.match(line)
            if match:
                self.pending.append(f"[^{match.group(1)}]: {match.group(2)}")
            else:
                kept.append(line.strip())
        flat = " ".join(part for part in kept if part)
        return flat.replace("|", "\\|")

    def flush(self) -> str:
        notes, self.pending = self.pending, []
        return "\n".join(notes) + "\n\n" if notes else ""


def case_study_markdown(study: CaseStudy, options: ExportOptions) -> str:
    """The whole case study as Markdown text, every date shown in the chosen mode."""
    dates = DatePresenter.for_study(study, options)
    study = present_study(study, dates)
    case = study.case
    notes = _Notes()
    wanted = options.sections
    out = [f"# {study.title}\n"]
    if options.marking:
        out.append(f"**{options.marking}**\n")
    rows = [
        ("Case code", case.code),
        ("Young person", f"{case.pseudonym} (a pseudonym)"),
        ("Protective marking", options.marking or "None"),
        ("Date", long_date(study.exported_on)),
        ("Version", options.version),
        ("Status", case.status.replace("_", " ").capitalize()),
        ("Authors (by role)", authors_of(study, options)),
    ]
    out.append(_table(["", ""], [list(r) for r in rows]))
    out.append(
        "> This case study is pseudonymised: everyone is named by a pseudonym or by role. "
        f"{dates.explanation()}\n"
    )
    if Section.SUMMARY in wanted:
        out.append("## Summary\n")
        out.append(shift_headings(notes.scoped(case.summary.strip(), "summary"), 2) + "\n")
        if study.story.strip():
            out.append(f"### {STORY_HEADING}\n")
            out.append(shift_headings(notes.scoped(study.story.strip(), "story"), 3) + "\n")
    if Section.PROFILE in wanted:
        out.append(_profile(study, dates))
    if Section.CHRONOLOGY in wanted:
        out.append(_chronology(study, dates, notes))
    if Section.SESSIONS in wanted and study.sessions:
        out.append("## Reflective sessions\n")
        events = {e.id: e for e in study.events}
        for index, write_up in enumerate(study.sessions, 1):
            out.append(_session(write_up, dates, events, notes, f"s{index}"))
    if Section.LEARNING in wanted:
        out.append(_learning(study, dates, notes))
    if options.marking:
        out.append(f"---\n\n**{options.marking}**\n")
    return "\n".join(out)


def _table(headings: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(c.replace("\n", " ") or " " for c in cells) + " |"

    parts = [line(headings), "|" + "|".join("---" for _ in headings) + "|"]
    parts += [line(row) for row in rows]
    return "\n".join(parts) + "\n"


def _profile(study: CaseStudy, dates: DatePresenter) -> str:
    case = study.case
    lines = ["## Profile and cast\n", "### Profile\n", f"- **Pseudonym:** {case.pseudonym}"]
    if dates.birth_text():
        lines.append(f"- **Born (approximately):** {dates.birth_text()}")
    if case.edge_of_care:
        lines.append("- **Edge of care:** yes")
    if case.tags:
        lines.append(f"- **Themes:** {', '.join(case.tags)}")
    lines.append(
        f"- **Chronology:** {len(study.events)} events, {study.key_episodes} key practice episodes"
    )
    lines.append("\n### Cast\n")
    rows = [[p.pseudonym, p.role, p.agency or "—", p.notes] for p in case.people]
    lines.append(_table(["Pseudonym", "Role", "Agency", "Notes"], rows))
    return "\n".join(lines)


def _chronology(study: CaseStudy, dates: DatePresenter, notes: _Notes) -> str:
    people = {p.id: p.pseudonym for p in study.case.people}
    with_age = dates.age_column
    headings = ["Date", "Age", "What happened", "Significance and outcome"]
    if not with_age:
        headings.remove("Age")
    rows = []
    for event in study.events:
        scope = f"e{event.id}"
        meta = [event.category.capitalize()]
        if event.agency:
            meta.append(f"Source: {event.agency}")
        names = [people[p] for p in event.people if p in people]
        if names:
            meta.append(", ".join(names))
        what = f"*{' · '.join(meta)}* {notes.cell(event.description, scope)}"
        if event.key_episode:
            what = f"**{KEY_LABEL}.** {what}"
        if event.voice.strip():
            what += f" *“{notes.cell(event.voice, scope)}”*"
        meaning = notes.cell(event.significance, scope)
        if event.outcome.strip():
            meaning += f" **Outcome:** {notes.cell(event.outcome, scope)}"
        row = [dates.span(event.span)] + ([dates.age(event.span)] if with_age else [])
        rows.append([*row, what, meaning.strip()])
    text = f"## Chronology\n\n{len(study.events)} events. {dates.explanation()}\n\n"
    return text + _table(headings, rows) + "\n" + notes.flush()


def _session(
    write_up: SessionWriteUp,
    dates: DatePresenter,
    events: dict[int, EventInfo],
    notes: _Notes,
    scope: str,
) -> str:
    summary, template = write_up.summary, write_up.template
    out = [f"### {summary.title}\n"]
    out.append(f"- **Held:** {dates.day(summary.held_on) or 'not recorded'}")
    out.append(f"- **Session plan:** {template.name} (version {template.version})\n")
    for stage in template.stages:
        response = write_up.responses.get(stage.id, {})
        kind = stage.response.kind
        body = ""
        if kind is ResponseKind.TEXT:
            body = shift_headings(notes.scoped(str(response.get("text", "")).strip(), scope), 4)
        elif kind is ResponseKind.LIST:
            body = "\n".join(f"- {i}" for i in response.get("items", []))
        elif kind is ResponseKind.SCALE and (response.get("value") is not None):
            spec = stage.response
            # The ends after colons: the leak check reads "= Safe" as a name.
            body = (
                f"**{spec.label or 'Score'}:** {response['value']} out of 10 "
                f"(0: {spec.low or ''}; 10: {spec.high or ''})\n\n"
                + notes.scoped(str(response.get("note", "")).strip(), scope)
            )
        elif kind is ResponseKind.MAP:
            columns = response.get("columns", [])
            blocks = []
            for heading, items in zip(stage.response.columns, columns, strict=False):
                if items:
                    blocks.append(f"**{heading}**\n\n" + "\n".join(f"- {i}" for i in items))
            body = "\n\n".join(blocks)
        elif kind is ResponseKind.EVENTS:
            said = reflections_of(response)
            lines = []
            for event in walked_events(response, events):
                first = event.description.strip().split("\n\n")[0]
                key = " (★ key practice episode)" if event.key_episode else ""
                lines.append(f"- {dates.span(event.span)}{key}: {first}")
                if event.id in said:
                    reflection = notes.scoped(said[event.id].strip(), scope)
                    lines.append(_indented(f"*What the room said:* {reflection}"))
            body = "\n".join(lines)
            extra = notes.scoped(str(response.get("notes", "")).strip(), scope)
            body = (body + "\n\n" + shift_headings(extra, 4)).strip()
        elif kind is ResponseKind.ACTIONS:
            actions = [a for a in write_up.actions if a.stage_id in (None, stage.id)]
            body = _actions(actions, dates, notes) if actions else ""
        if body.strip():
            out.append(f"#### {stage.title}\n\n*{stage.purpose.strip()}*\n\n{body.strip()}\n")
    return "\n".join(out) + "\n"


def _indented(text: str) -> str:
    """Text that continues the list item above it."""
    return "\n".join(f"    {line}" if line.strip() else "" for line in text.splitlines())


def _actions(actions: list[ActionInfo], dates: DatePresenter, notes: _Notes) -> str:
    rows = []
    for action in actions:
        rows.append(
            [
                notes.cell(action.description, f"a{action.id}"),
                action.owner_role or "—",
                dates.day(action.due_on) or "—",
                "Done" if action.done else "Open",
            ]
        )
    return _table(["Action", "Owner (role)", "Due", "Status"], rows) + notes.flush()


def _learning(study: CaseStudy, dates: DatePresenter, notes: _Notes) -> str:
    out = ["## Learning and actions\n", "### What we learned\n"]
    learned: list[str] = []
    for write_up in study.sessions:
        for stage in write_up.template.stages:
            about = "learning" in stage.id or "learning" in stage.title.casefold()
            if stage.response.kind is ResponseKind.LIST and about:
                for item in write_up.responses.get(stage.id, {}).get("items", []):
                    if item not in learned:
                        learned.append(str(item))
    out.append("\n".join(f"- {i}" for i in learned) or "*No learning has been recorded.*")
    out.append("\n### Learning themes\n")
    places = theme_places(study, dates)
    out.append(
        "\n".join(
            f"- **{md_escape(name)}**: " + "; ".join(md_escape(p) for p in where)
            for name, where in places.items()
        )
        or "*No learning themes have been tagged.*"
    )
    out.append("\n### Actions agreed\n")
    out.append(_actions(list(study.actions), dates, notes) if study.actions else "*None.*")
    return "\n".join(out) + "\n"
