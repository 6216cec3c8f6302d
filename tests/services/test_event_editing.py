"""Editing, deleting, restoring (undo/redo) and merging chronology events through the service."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from workspace_helpers import content_rows, open_again, reopen

from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.services.errors import ChangedElsewhereError, NotFoundError, ValidationError
from deepdive.services.events import EventInput
from deepdive.storage.models import ChronologyEvent
from deepdive.templates import builtin_template


def workspace_rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table but row versions: the whole stored state, to compare
    before and after (an undo counts as a change, so versions move on)."""
    return content_rows(services)


def event(when: str, text: str = "Something happened.", **extra: Any) -> EventInput:
    return EventInput(
        date=when, category=extra.pop("category", "family"), description=text, **extra
    )


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", birth="2004-05").id


@pytest.fixture
def cast(services: Services, case_id: int) -> dict[str, int]:
    return {
        name: services.people.add(case_id, name, role).id
        for name, role in (
            ("Jay", "young person"),
            ("Nan", "grandparent"),
            ("SW1", "social worker"),
        )
    }


def test_fields_change_one_at_a_time_and_survive_a_restart(
    services: Services, case_id: int, cast: dict[str, int]
) -> None:
    saved = services.events.add(case_id, event("2018-06", "Moved to Nan's", agency="Police"))
    services.events.update(saved.id, date="2018-06-14", end="2018-09", category="placement")
    services.events.update(saved.id, people=[cast["Nan"], cast["Jay"]], tags=["finding family"])
    services.events.update(saved.id, significance="First stable home", key_episode=True)
    services.events.update(saved.id, agency=None, voice="“I like it here”", outcome="Plan agreed")
    again = reopen(services)
    try:
        [stored] = again.events.list_events(case_id)
    finally:
        again.close()
    assert (str(stored.span.start), str(stored.span.end)) == ("2018-06-14", "2018-09")
    assert (stored.category, stored.agency, stored.key_episode) == ("placement", None, True)
    assert stored.people == (cast["Jay"], cast["Nan"])  # cast order
    assert (stored.tags, stored.significance, stored.voice, stored.outcome) == (
        ("finding family",),
        "First stable home",
        "“I like it here”",
        "Plan agreed",
    )
    assert stored.description == "Moved to Nan's"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"date": "2017-02-31"}, "date", "31 February 2017 is not a real date"),
        ({"end": "2016-01"}, "end", r"the end \(January 2016\) is before the start"),
        ({"category": "schooling"}, "category", "'schooling' is not an event category"),
        ({"agency": "Police Scotland"}, "agency", "'Police Scotland' is not an agency"),
        ({"description": "   "}, "description", "Describe what happened"),
        ({"people": [999]}, "people", "this case's cast"),
    ],
)
def test_a_refused_edit_changes_nothing(
    services: Services, case_id: int, changes: dict[str, Any], field: str, message: str
) -> None:
    saved = services.events.add(case_id, event("2018-06", "Moved", tags=("placement",)))
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=message) as refused:
        services.events.update(saved.id, **changes, tags=["a new tag"])
    assert refused.value.field == field
    assert workspace_rows(services) == before


def test_deleting_and_restoring_puts_back_every_column_and_link(
    services: Services, case_id: int, cast: dict[str, int]
) -> None:
    kept = services.events.add(case_id, event("2016", "Kept"))
    first, second = services.events.add_many(
        case_id,
        [
            event("2018-06", "Placed", people=(cast["Jay"],), tags=("placement", "Out of area")),
            event("2019-02-04", "Met the key worker", key_episode=True, agency="No Wrong Door hub"),
        ],
    )
    session_id = services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 1),
        facilitator_role="Innovation coach",
        participants=[],
    ).id
    services.sessions.save_response(
        session_id, "walk-the-chronology", {"event_ids": [second.id], "notes": "Turning point"}
    )
    before = workspace_rows(services)
    heard: list[Change] = []
    services.changes.subscribe(heard.append)

    snapshot = services.events.delete_many(case_id, [first.id, second.id])
    assert [e.id for e in services.events.list_events(case_id)] == [kept.id]
    assert heard[-1].kind == "removed" and set(heard[-1].ids) == {first.id, second.id}
    services.events.restore(snapshot)
    assert workspace_rows(services) == before
    assert heard[-1].kind == "added" and set(heard[-1].ids) == {first.id, second.id}


def test_an_edit_is_undone_and_redone_exactly(
    services: Services, case_id: int, cast: dict[str, int]
) -> None:
    saved = services.events.add(case_id, event("2018-06", "Placed", tags=("placement",)))
    before_state = workspace_rows(services)
    before = services.events.snapshot(case_id, [saved.id])
    services.events.update(
        saved.id, date="2018-07", tags=["brand new tag"], people=[cast["Nan"]], key_episode=True
    )
    after = services.events.snapshot(case_id, [saved.id])
    after_state = workspace_rows(services)
    services.events.restore(before)
    assert workspace_rows(services) == before_state  # the new tag has gone again
    services.events.restore(after)
    assert workspace_rows(services) == after_state


def test_adding_is_undone_by_removing_and_redone_with_the_same_id(
    services: Services, case_id: int
) -> None:
    services.events.add(case_id, event("2016", "Earlier"))
    before_state = workspace_rows(services)
    before = services.events.snapshot(case_id)
    added = services.events.add_many(case_id, [event("2017", "A", tags=("x",)), event("2018", "B")])
    ids = [e.id for e in added]
    after = services.events.snapshot(case_id, ids)
    after_state = workspace_rows(services)
    services.events.restore(before, remove_ids=ids)
    assert workspace_rows(services) == before_state
    services.events.restore(after)
    assert workspace_rows(services) == after_state
    assert [e.id for e in services.events.list_events(case_id)][1:] == ids


def test_a_restore_that_would_overwrite_another_case_is_refused(
    services: Services, case_id: int, engine: str
) -> None:
    last = services.events.add(case_id, event("2016", "The newest event"))
    snapshot = services.events.delete_many(case_id, [last.id])
    other = services.cases.create("DD-2020-001", "Sam").id
    reused = services.events.add(other, event("2019", "Sam's event"))
    if engine == "postgresql":  # a sequence never gives an id again: nothing to clash
        assert reused.id != last.id
        services.events.restore(snapshot)
        assert [e.description for e in services.events.list_events(case_id)][-1] == (
            "The newest event"
        )
        return
    assert reused.id == last.id  # SQLite gives the freed id to the next event
    before = workspace_rows(services)
    with pytest.raises(NotFoundError, match="can no longer be undone"):
        services.events.restore(snapshot)
    assert workspace_rows(services) == before


def test_rows_read_quickly_match_the_full_events(
    services: Services, case_id: int, cast: dict[str, int]
) -> None:
    services.events.add_many(
        case_id,
        [
            event("about summer 2016", "A", people=(cast["Nan"], cast["Jay"]), tags=("b", "A")),
            event("2016-03", "B", end="2016-12", agency="Police", key_episode=True),
        ],
    )
    infos = services.events.list_events(case_id)
    rows = services.events.list_rows(case_id)
    assert [(r.id, r.span(), r.people, r.tags, r.agency, r.key_episode) for r in rows] == [
        (i.id, i.span, i.people, i.tags, i.agency, i.key_episode) for i in infos
    ]
    assert rows[0].first_day == date(2016, 3, 1) and rows[0].last_day == date(2016, 12, 31)
    assert [r.description for r in services.events.rows(case_id, [rows[1].id, 9999])] == ["A"]


def test_duplicates_on_the_same_date_are_found_and_merged(
    services: Services, case_id: int, cast: dict[str, int]
) -> None:
    police, social, other, later = services.events.add_many(
        case_id,
        [
            event(
                "2018-05-26",
                "Mum reports Jay missing overnight; found at 6am.",
                agency="Police",
                category="missing",
                people=(cast["Jay"],),
                significance="First missing episode.",
            ),
            event(
                "2018-05",
                "Mum reports Jay missing overnight, found at 6 am",
                agency="Children's Social Care",
                category="missing",
                key_episode=True,
                tags=("missing",),
                outcome="Return interview offered.",
            ),
            event("2018-05-26", "School trip to the coast.", category="education"),
            event("2018-06-02", "Mum reports Jay missing overnight; found at 6am."),
        ],
    )
    groups = services.events.find_duplicates(case_id)
    assert groups == [(social.id, police.id)]  # "May 2018" sorts before "26 May 2018"
    before = services.events.snapshot(case_id, [social.id, police.id])
    before_state = workspace_rows(services)
    merged = services.events.merge(social.id, [police.id])
    assert str(merged.span.start) == "2018-05-26"  # the more precise date
    assert merged.agency == "Children's Social Care"
    assert merged.description.endswith("*Also recorded by: Police.*")
    assert (merged.significance, merged.outcome) == (
        "First missing episode.",
        "Return interview offered.",
    )
    assert merged.key_episode and merged.people == (cast["Jay"],) and merged.tags == ("missing",)
    remaining = {e.id for e in services.events.list_events(case_id)}
    assert remaining == {social.id, other.id, later.id}
    services.events.restore(before)
    assert workspace_rows(services) == before_state


def test_a_save_over_a_newer_change_is_refused_and_the_newer_change_kept(
    services: Services, case_id: int
) -> None:
    saved = services.events.add(case_id, event("2016-03-14", "Jay moved to Nan's."))
    opened_at = services.events.version(saved.id)  # the editor loads the event
    services.events.update(saved.id, significance="A colleague's note")  # saved elsewhere
    assert services.events.version(saved.id) == opened_at + 1
    with pytest.raises(ChangedElsewhereError, match="someone else changed this event"):
        services.events.update(saved.id, expected_version=opened_at, significance="Mine")
    [stored] = services.events.list_events(case_id)
    assert stored.significance == "A colleague's note"
    services.events.update(saved.id, expected_version=opened_at + 1, significance="Mine")
    assert services.events.version(saved.id) == opened_at + 2


@pytest.mark.parametrize("engine", [pytest.param("postgresql", marks=pytest.mark.postgresql)])
def test_two_people_editing_one_event_on_a_server_the_second_is_told(
    services: Services, case_id: int
) -> None:
    """Two connections to one team workspace, as two laptops have: the later save of
    the same event, made from what it read before the first, is refused."""
    saved = services.events.add(case_id, event("2016-03-14", "Jay moved to Nan's."))
    colleague = Services.for_workspace(open_again(services.workspace))
    try:
        mine = services.events.version(saved.id)
        theirs = colleague.events.version(saved.id)
        colleague.events.update(saved.id, expected_version=theirs, outcome="Stayed with Nan")
        with pytest.raises(ChangedElsewhereError):
            services.events.update(saved.id, expected_version=mine, outcome="Moved again")
        [stored] = services.events.list_events(case_id)
        assert stored.outcome == "Stayed with Nan"
    finally:
        colleague.close()


@pytest.mark.parametrize("engine", [pytest.param("postgresql", marks=pytest.mark.postgresql)])
def test_an_orm_write_over_a_newer_change_is_refused_with_the_same_message(
    services: Services, case_id: int
) -> None:
    """A write through the ORM (SQLAlchemy's version counter) made from a row read before
    a colleague saved is refused as a service's own check refuses it."""
    saved = services.events.add(case_id, event("2016-03-14", "Jay moved to Nan's."))
    colleague = Services.for_workspace(open_again(services.workspace))
    try:
        with (
            pytest.raises(ChangedElsewhereError, match="someone else changed"),
            services.workspace.transaction() as session,
        ):
            mine = session.get(ChronologyEvent, saved.id)
            assert mine is not None
            colleague.events.update(saved.id, outcome="Stayed with Nan")
            mine.outcome = "Moved again"
        [stored] = services.events.list_events(case_id)
        assert stored.outcome == "Stayed with Nan"
    finally:
        colleague.close()
