"""Stories of lives changed: one per case, written or drafted from the case itself."""

from __future__ import annotations

from datetime import date

import pytest
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.stories import MAX_STORY
from deepdive.templates import builtin_template


def test_a_story_is_kept_replaced_and_removed(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    assert services.stories.get(case.id).text == ""
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    services.stories.set(case.id, "  Jay lives with his Nan now.\n")
    services = reopen(services)
    story = services.stories.get(case.id)
    assert story.text == "Jay lives with his Nan now."
    assert story.updated_at is not None
    services.stories.set(case.id, "Jay is at college.")
    assert services.stories.for_cases([case.id])[0].text == "Jay is at college."
    services.stories.set(case.id, "   ")
    assert services.stories.get(case.id).text == ""
    assert services.stories.for_cases([case.id]) == []
    assert [c.entity for c in seen] == [Entity.STORY]
    services.close()


def test_a_story_goes_with_its_case(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.stories.set(case.id, "Jay lives with his Nan now.")
    services.cases.delete(case.id)
    with pytest.raises(NotFoundError):
        services.stories.get(case.id)
    with pytest.raises(NotFoundError):
        services.stories.set(case.id, "Lost?")
    again = services.cases.create("DD-1", "Jay")
    assert services.stories.get(again.id).text == ""


def test_a_story_is_short(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    with pytest.raises(ValidationError, match="is short"):
        services.stories.set(case.id, "x" * (MAX_STORY + 1))


def test_stories_for_the_report_come_by_case_code(services: Services) -> None:
    ids = [services.cases.create(code, name).id for code, name in (("B-2", "Ali"), ("A-1", "Bo"))]
    services.cases.create("C-3", "Cal")
    for case_id in ids:
        services.stories.set(case_id, f"Story of case {case_id}.")
    assert [(s.code, s.pseudonym) for s in services.stories.for_cases(ids)] == [
        ("A-1", "Bo"),
        ("B-2", "Ali"),
    ]


def test_the_draft_starts_from_the_summary_learning_and_outcomes(services: Services) -> None:
    case = services.cases.create(
        "DD-1",
        "Jay",
        summary="**Jay** is 17 and loves boxing.\n\nHis case was chosen because …",
    )
    session = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[],
    )
    services.sessions.save_response(
        session.id,
        "learning",
        {"items": ["One relationship that stayed", "Family found", "Short breaks", "Fourth"]},
    )
    services.outcomes.set_outcome(
        case.id,
        "accommodation",
        start_value="independent residential",
        latest_value="with wider family",
    )
    services.outcomes.set_outcome(case.id, "missing", start_value="23", latest_value="0")
    draft = services.stories.draft(case.id)
    assert draft.startswith("**Jay** is 17 and loves boxing.")
    assert "His case was chosen" not in draft
    assert "- One relationship that stayed\n- Family found\n- Short breaks" in draft
    assert "Fourth" not in draft
    assert draft.endswith(
        "Since then Jay lives with wider family (at the start: independent residential) "
        "and missing episodes went from 23 to 0."
    )
    assert services.stories.get(case.id).text == ""  # a draft is not saved until kept


def test_a_case_with_nothing_yet_drafts_nothing(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    assert services.stories.draft(case.id) == ""
