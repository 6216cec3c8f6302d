"""Checking a template field by field, for an editor that validates as the user types.

The file loader (:mod:`deepdive.templates.loader`) is the authority on what a valid
template is, and it reports problems by file line. An editor needs them by field
instead, so this module checks the same rules on a :class:`Template` built from the
form, and finally writes and re-reads it so nothing the loader would refuse gets
through.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from deepdive.templates import ResponseKind, Stage, Template, TemplateError, dump_template
from deepdive.templates.loader import MAP_COLUMNS, MAX_STAGE_MINUTES, MAX_TOTAL_MINUTES

# The same rule as the loader's; dump_template below re-checks with the loader itself.
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_MAX = 64
ID_HINT = "lowercase letters, digits and single hyphens, like walk-the-chronology"


@dataclass(frozen=True)
class TemplateProblem:
    """One thing to fix: in the template (``stage`` None) or in one stage (by position)."""

    stage: int | None
    field: str
    message: str


def check_template(template: Template) -> list[TemplateProblem]:
    """Every problem in the template, in form order; empty when it can be saved."""
    problems: list[TemplateProblem] = []

    def problem(field: str, message: str, stage: int | None = None) -> None:
        problems.append(TemplateProblem(stage, field, message))

    id_problem = _id_problem(template.id, "the template")
    if id_problem:
        problem("id", id_problem)
    if not template.name.strip():
        problem("name", "Give the template a name.")
    if not template.description.strip():
        problem("description", "Describe the session in a sentence or two.")
    planned = template.planned_minutes
    if planned is not None and not 1 <= planned <= MAX_TOTAL_MINUTES:
        problem("total_minutes", f"The planned length is 1 to {MAX_TOTAL_MINUTES} minutes.")
    if not template.stages:
        problem("stages", "Add at least one stage.")
    seen: dict[str, int] = {}
    for index, stage in enumerate(template.stages):
        for field, message in _stage_problems(stage):
            problem(field, message, index)
        if stage.id in seen and stage.id:
            problem("id", f"Stage {seen[stage.id] + 1} already uses the id '{stage.id}'.", index)
        seen.setdefault(stage.id, index)
    if not problems:
        try:
            dump_template(template)
        except TemplateError as exc:  # a rule this module does not know about yet
            problem("template", str(exc))
    return problems


def _id_problem(value: str, what: str) -> str | None:
    if not value:
        return f"Give {what} an id ({ID_HINT})."
    if len(value) > _ID_MAX or not _ID.fullmatch(value):
        return f"The id must be {ID_HINT}, at most {_ID_MAX} characters."
    return None


def _stage_problems(stage: Stage) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    id_problem = _id_problem(stage.id, "the stage")
    if id_problem:
        found.append(("id", id_problem))
    for field, label in (
        ("title", "Give the stage a title."),
        ("purpose", "Say in a sentence why this stage is there."),
        ("guidance", "Write some guidance for the facilitator."),
    ):
        if not getattr(stage, field).strip():
            found.append((field, label))
    if not any(prompt.strip() for prompt in stage.prompts):
        found.append(("prompts", "Add at least one question to put to the room."))
    if not 1 <= stage.minutes <= MAX_STAGE_MINUTES:
        found.append(("minutes", f"A stage lasts 1 to {MAX_STAGE_MINUTES} minutes."))
    response = stage.response
    if response.kind is ResponseKind.SCALE:
        for field, label in (
            ("label", "Say what question the 0–10 number answers."),
            ("low", "Say what 0 means."),
            ("high", "Say what 10 means."),
        ):
            if not (getattr(response, field) or "").strip():
                found.append((field, label))
    if response.kind is ResponseKind.MAP and (
        len(response.columns) != MAP_COLUMNS or not all(c.strip() for c in response.columns)
    ):
        found.append(("columns", "A map needs a heading for each of its three columns."))
    return found
