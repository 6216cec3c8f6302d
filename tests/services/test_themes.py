"""Learning themes: created while tagging, renamed, merged, applied to events and responses."""

from __future__ import annotations

from datetime import date

import pytest
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template


def _case_with_events(services: Services, code: str, count: int = 2) -> tuple[int, list[int]]:
    case = services.cases.create(code, "Jay")
    events = services.events.add_many(
        case.id,
        [EventInput(f"2019-0{i + 1}-10", "family", f"Event {i}") for i in range(count)],
    )
    return case.id, [e.id for e in events]


def _session(services: Services, case_id: int) -> int:
    return services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("social worker", "Children's Social Care")],
    ).id


def test_tagging_creates_a_theme_once_and_counts_its_uses_across_cases(
    services: Services,
) -> None:
    _, first_events = _case_with_events(services, "DD-1")
    _, second_events = _case_with_events(services, "DD-2")
    services.themes.apply_to_event(first_events[0], "Consistent worker")
    services.themes.apply_to_event(first_events[1], "consistent WORKER")  # same theme
    services.themes.apply_to_event(second_events[0], "Consistent worker")
    services.themes.apply_to_event(second_events[0], "Consistent worker")  # already there
    services.themes.apply_to_event(second_events[1], "CAMHS waiting times")

    themes = {t.name: t for t in services.themes.list_themes()}
    assert set(themes) == {"Consistent worker", "CAMHS waiting times"}
    assert (themes["Consistent worker"].event_uses, themes["Consistent worker"].cases) == (3, 2)
    assert (themes["CAMHS waiting times"].uses, themes["CAMHS waiting times"].cases) == (1, 1)
    assert [t.name for t in services.themes.event_themes(first_events[0])] == ["Consistent worker"]
    reopened = reopen(services)
    try:
        assert {t.name for t in reopened.themes.list_themes()} == set(themes)
    finally:
        reopened.close()


def test_session_responses_carry_themes_even_before_they_are_answered(
    services: Services,
) -> None:
    case_id, _ = _case_with_events(services, "DD-1")
    session_id = _session(services, case_id)
    services.themes.apply_to_response(session_id, "what-helped", "Consistent worker")
    services.themes.apply_to_response(session_id, "learning", "Consistent worker")
    assert [t.name for t in services.themes.response_themes(session_id, "what-helped")] == [
        "Consistent worker"
    ]
    theme = services.themes.list_themes()[0]
    assert (theme.response_uses, theme.cases) == (2, 1)
    services.themes.remove_from_response(session_id, "what-helped", theme.id)
    assert services.themes.response_themes(session_id, "what-helped") == []
    # The stage's (empty) answer the tag needed is still a valid answer.
    assert services.sessions.responses(session_id)["what-helped"] is not None


def test_rename_keeps_uses_and_refuses_a_name_already_taken(services: Services) -> None:
    _, events = _case_with_events(services, "DD-1")
    theme = services.themes.apply_to_event(events[0], "CAMHS wait")
    other = services.themes.create("Missing episodes")
    renamed = services.themes.rename(theme.id, "  CAMHS   waiting times ", "Long waits")
    assert (renamed.name, renamed.description, renamed.uses) == (
        "CAMHS waiting times",
        "Long waits",
        1,
    )
    with pytest.raises(DuplicateError, match="merge the two instead"):
        services.themes.rename(theme.id, "missing EPISODES")
    assert {t.name for t in services.themes.list_themes()} == {
        "CAMHS waiting times",
        other.name,
    }


def test_merge_moves_every_use_and_the_old_name_leads_to_the_survivor(
    services: Services,
) -> None:
    _, events = _case_with_events(services, "DD-1", count=3)
    session_id = _session(services, services.cases.find("DD-1").id)
    old = services.themes.apply_to_event(events[0], "Key worker stayed")
    services.themes.apply_to_event(events[1], "Key worker stayed")
    services.themes.apply_to_response(session_id, "what-helped", "Key worker stayed")
    keep = services.themes.apply_to_event(events[1], "Consistent worker")  # overlap on events[1]

    merged = services.themes.merge(old.id, keep.id)
    assert (merged.name, merged.event_uses, merged.response_uses) == ("Consistent worker", 2, 1)
    assert [t.name for t in services.themes.list_themes()] == ["Consistent worker"]
    # Typing the old name while tagging finds the surviving theme, not a new one.
    again = services.themes.apply_to_event(events[2], "key worker stayed")
    assert again.id == keep.id
    assert services.themes.get(old.id).id == keep.id
    with pytest.raises(ValidationError, match="into itself"):
        services.themes.merge(keep.id, old.id)


def test_a_merge_is_taken_back_exactly(services: Services) -> None:
    """The undo of a merge: the source theme gets back exactly its own uses, and the
    survivor keeps what it had before (its overlap with the source included)."""
    _, events = _case_with_events(services, "DD-1", count=3)
    session_id = _session(services, services.cases.find("DD-1").id)
    old = services.themes.apply_to_event(events[0], "Key worker stayed")
    services.themes.apply_to_event(events[1], "Key worker stayed")
    services.themes.apply_to_response(session_id, "what-helped", "Key worker stayed")
    keep = services.themes.apply_to_event(events[1], "Consistent worker")
    services.themes.apply_to_event(events[2], "Consistent worker")
    before = {t.name: (t.event_uses, t.response_uses) for t in services.themes.list_themes()}

    merged = services.themes.merge_recorded(old.id, keep.id)
    assert [t.name for t in services.themes.list_themes()] == ["Consistent worker"]
    back = services.themes.unmerge(merged)
    assert back.id == old.id and back.name == "Key worker stayed"
    after = {t.name: (t.event_uses, t.response_uses) for t in services.themes.list_themes()}
    assert after == before
    assert [t.name for t in services.themes.event_themes(events[1])] == [
        "Consistent worker",
        "Key worker stayed",
    ]
    with pytest.raises(NotFoundError):
        services.themes.unmerge(merged)  # already taken back


def test_bad_input_is_refused_and_nothing_is_half_written(services: Services) -> None:
    _, events = _case_with_events(services, "DD-1")
    with pytest.raises(ValidationError, match="cannot be empty"):
        services.themes.apply_to_event(events[0], "   ")
    with pytest.raises(ValidationError, match="too long"):
        services.themes.create("x" * 161)
    with pytest.raises(NotFoundError, match="event is no longer"):
        services.themes.apply_to_event(999_999, "Orphan theme")
    with pytest.raises(NotFoundError, match="session is no longer"):
        services.themes.apply_to_response(999_999, "learning", "Orphan theme")
    case_id = services.cases.find("DD-1").id
    with pytest.raises(ValidationError, match="no stage 'nope'"):
        services.themes.apply_to_response(_session(services, case_id), "nope", "Orphan theme")
    # A refused tag creates no theme.
    assert services.themes.list_themes() == []
    services.themes.create("Missing episodes")
    with pytest.raises(DuplicateError, match="already a theme called Missing episodes"):
        services.themes.create("MISSING episodes")


def test_tagging_tells_listeners_which_event_or_session_changed(services: Services) -> None:
    case_id, events = _case_with_events(services, "DD-1")
    session_id = _session(services, case_id)
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    theme = services.themes.apply_to_event(events[0], "Consistent worker")
    services.themes.remove_from_event(events[0], theme.id)
    services.themes.apply_to_response(session_id, "learning", "Consistent worker")
    assert [(c.entity, c.ids, c.case_id) for c in seen] == [
        (Entity.THEME, (theme.id,), None),  # a new name in the vocabulary
        (Entity.EVENT, (events[0],), case_id),
        (Entity.EVENT, (events[0],), case_id),
        (Entity.SESSION, (session_id,), case_id),  # the theme exists now: no THEME change
    ]
    assert services.themes.event_themes(events[0]) == []
