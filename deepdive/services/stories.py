"""Stories of lives changed: one short pseudonymised story per case, for the programme report.

"Numbers are important … but stories of lives changed are what really matter." The
facilitator writes the story, or starts from a draft made of the case's own summary,
the learning its sessions recorded and the outcomes measured (:meth:`StoryService.draft`).
The story is free text like the summary: the editors underline identifiers in it and
every export that carries it is leak-checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.outcomes import OutcomeDomain
from deepdive.services.row_versions import bump_stored
from deepdive.services.text import clean_text
from deepdive.storage.models import Case, CaseOutcome, CaseStory, Session, StageResponse
from deepdive.storage.workspace import Workspace

MAX_STORY = 20_000
DRAFT_LEARNING_ITEMS = 3
# Stages whose list answers say what was learned, in the built-in templates.
LEARNING_STAGES = ("learning", "findings-and-questions", "conclusion")


@dataclass(frozen=True)
class StoryInfo:
    """A case's story ("" when none is written yet)."""

    case_id: int
    text: str
    updated_at: datetime | None
    # The row version when read (1 before any story is written): give it back to
    # StoryService.set so a colleague's newer change is never overwritten.
    version: int = 1


@dataclass(frozen=True)
class CaseStoryText:
    """A story with the case it tells of, for the programme report."""

    case_id: int
    code: str
    pseudonym: str
    text: str


class StoryService:
    """Read, write and draft each case's story of a life changed."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def get(self, case_id: int) -> StoryInfo:
        """The case's story (empty if none is written)."""
        with self._workspace.reading() as session:
            if session.get(Case, case_id) is None:
                raise NotFoundError("That case is no longer in this workspace.")
            return _story_info(case_id, session.get(CaseStory, case_id))

    def set(self, case_id: int, text: str, *, expected_version: int | None = None) -> StoryInfo:
        """Keep ``text`` as the case's story; empty text removes it.

        If the story changed since ``expected_version`` (``StoryInfo.version``), or
        changes while this saves, ChangedElsewhereError says so and nothing is saved.
        """
        story = clean_text(text).strip()
        if len(story) > MAX_STORY:
            raise ValidationError(
                f"A story of a life changed is short: this one is {len(story):,} characters "
                f"(at most {MAX_STORY:,}).",
                "story",
            )
        with self._workspace.transaction() as session:
            if session.get(Case, case_id) is None:
                raise NotFoundError("That case is no longer in this workspace.")
            row = session.get(CaseStory, case_id)
            if row is None and not story:
                return StoryInfo(case_id, "", None)  # nothing written, nothing to remove
            if row is None:
                row = CaseStory(case_id=case_id)
                session.add(row)
            # A removed story keeps its (empty) row, so its version counts on and an
            # editor that read the story before it was removed is still told.
            bump_stored(session, row, expected_version, "this case's story")
            row.text = story
            session.flush()
            info = _story_info(case_id, row)
        self._publish(case_id)
        return info

    def for_cases(self, case_ids: Iterable[int]) -> list[CaseStoryText]:
        """The written stories of these cases, by case code."""
        wanted = set(case_ids)
        # Every story, sorted out here: a programme's ten thousand case ids sent as
        # parameters took longer than reading the few cases that have a story.
        with self._workspace.reading() as session:
            rows = session.execute(
                select(Case.id, Case.code, Case.pseudonym, CaseStory.text)
                .join(CaseStory, CaseStory.case_id == Case.id)
                .where(CaseStory.text != "")
                .order_by(Case.code)
            ).all()
        return [CaseStoryText(*row) for row in rows if row[0] in wanted]

    def draft(self, case_id: int) -> str:
        """A first draft from the case's summary, its sessions' learning and its outcomes."""
        with self._workspace.reading() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError("That case is no longer in this workspace.")
            pseudonym, summary = case.pseudonym, case.summary
            responses = session.execute(
                select(StageResponse.stage_id, StageResponse.content_json)
                .join(Session, Session.id == StageResponse.session_id)
                .where(Session.case_id == case_id, StageResponse.stage_id.in_(LEARNING_STAGES))
                .order_by(Session.held_on.desc(), Session.id.desc())
            ).all()
            outcomes = {
                row.domain: (row.start_value, row.latest_value)
                for row in session.scalars(
                    select(CaseOutcome).where(CaseOutcome.case_id == case_id)
                )
            }
        learned: list[str] = []
        for _stage, content in responses:
            items = json.loads(content).get("items", [])
            learned += [str(i) for i in items if isinstance(i, str)]
        return compose_draft(pseudonym, summary, learned, outcomes)

    def _publish(self, case_id: int) -> None:
        self._changes.publish(Change(Entity.STORY, ChangeKind.UPDATED, (case_id,), case_id))


def _story_info(case_id: int, row: CaseStory | None) -> StoryInfo:
    if row is None:
        return StoryInfo(case_id, "", None)
    return StoryInfo(case_id, row.text, row.updated_at if row.text else None, row.row_version)


def compose_draft(
    pseudonym: str,
    summary: str,
    learned: list[str],
    outcomes: dict[str, tuple[str, str]],
) -> str:
    """The draft's paragraphs: who the young person is, what made the difference, what
    changed. Each part is left out when the case does not have it yet."""
    parts: list[str] = []
    paragraphs = [p.strip() for p in summary.split("\n\n") if p.strip()]
    if paragraphs:
        parts.append(paragraphs[0])
    if learned:
        chosen = learned[:DRAFT_LEARNING_ITEMS]
        parts.append(
            "What made the difference, in the team's words:\n\n"
            + "\n".join(f"- {item}" for item in chosen)
        )
    changed = _changes(pseudonym, outcomes)
    if changed:
        parts.append(changed)
    if not parts:
        return ""
    return "\n\n".join(parts)


def _changes(pseudonym: str, outcomes: dict[str, tuple[str, str]]) -> str:
    said: list[str] = []
    home = outcomes.get(OutcomeDomain.ACCOMMODATION.value)
    if home and home[1] and home[0] != home[1]:
        was = f" (at the start: {home[0]})" if home[0] else ""
        said.append(f"lives {_place(home[1])}{was}")
    missing = outcomes.get(OutcomeDomain.MISSING.value)
    if missing and missing[0] and missing[1] and missing[0] != missing[1]:
        said.append(f"missing episodes went from {missing[0]} to {missing[1]}")
    school = outcomes.get(OutcomeDomain.EDUCATION.value)
    if school and school[1] and school[0] != school[1]:
        said.append(f"is {school[1]}")
    if not said:
        return ""
    joined = " and ".join(said) if len(said) < 3 else "; ".join(said[:-1]) + "; and " + said[-1]
    return f"Since then {pseudonym} {joined}."


def _place(place: str) -> str:
    return {
        "family home": "at home with family",
        "with wider family": "with wider family",
        "foster care": "in foster care",
        "hub residential": "in a hub home",
        "independent residential": "in an independent children's home",
        "supported accommodation": "in supported accommodation",
        "secure or custody": "in secure accommodation or custody",
    }.get(place, place)
