"""Cases through CaseService: create, find, change, rename, duplicate, archive, delete."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.events import EventInput
from deepdive.storage.models import Base
from deepdive.templates import builtin_template

Restart = Callable[[Services], Services]


@pytest.fixture
def restart(services: Services) -> Iterator[Restart]:
    """Close and reopen a workspace from disk, as a restarted app would."""
    opened: list[Services] = []

    def restart_(current: Services) -> Services:
        again = reopen(current)
        opened.append(again)
        return again

    yield restart_
    for bound in opened:
        bound.close()


def workspace_rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table, to show that a refused change wrote nothing."""
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def _case_with_contents(services: Services) -> int:
    """DD-2019-014 (Jay): three people, two events naming them, one session, one action."""
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05", tags=["missing"])
    people = services.people
    jay = people.add(case.id, "Jay", "young person")
    nan = people.add(case.id, "Nan", "grandparent")
    people.add(case.id, "SW1", "social worker", "Children's Social Care")
    services.events.add_many(
        case.id,
        [
            EventInput("2016-03-14", "family", "Jay moved to Nan's.", people=(jay.id, nan.id)),
            EventInput(
                "2018-06",
                "missing",
                "Jay missing overnight.",
                agency="Police",
                people=(jay.id,),
                key_episode=True,
            ),
        ],
    )
    session = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[],
    )
    services.sessions.add_action(case.id, "Call Nan first next time.", session_id=session.id)
    return case.id


def test_create_then_list_get_and_find(services: Services) -> None:
    created = services.cases.create(
        "dd-2019-014", "Jay", birth="2004-05", summary="Jay loves boxing.", edge_of_care=True
    )
    assert created.code == "DD-2019-014"  # codes are kept in capitals however typed
    assert (created.pseudonym, created.birth_text, created.status) == ("Jay", "2004-05", "draft")
    [row] = services.cases.list_cases()
    assert (row.code, row.pseudonym, row.status, row.archived) == (
        "DD-2019-014",
        "Jay",
        "draft",
        False,
    )
    assert services.cases.get(created.id) == created
    assert services.cases.find(" dd-2019-014 ") == created
    with pytest.raises(NotFoundError, match="DD-2019-999"):
        services.cases.find("DD-2019-999")


def test_the_case_list_shows_event_and_session_counts(services: Services) -> None:
    full = _case_with_contents(services)
    empty = services.cases.create("DD-2020-001", "Sam").id
    counts = {r.id: (r.event_count, r.session_count) for r in services.cases.list_cases()}
    assert counts == {full: (2, 1), empty: (0, 0)}


def test_every_field_can_be_changed_and_survives_a_restart(
    services: Services, restart: Restart
) -> None:
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05", tags=["missing"])
    services.cases.update(
        case.id,
        pseudonym="Jayden",
        birth="2005-3",
        status="in_review",
        summary="## Summary\n\nNow at college.",
        tags=["education", "housing"],
        edge_of_care=True,
    )
    again = restart(services)
    detail = again.cases.get(case.id)
    assert (detail.pseudonym, detail.birth_text) == ("Jayden", "2005-03")
    assert detail.status == "in_review"
    assert detail.summary == "## Summary\n\nNow at college."
    assert sorted(detail.tags) == ["education", "housing"]
    assert detail.edge_of_care is True
    # A year alone is allowed, and an empty birth means "not known".
    assert again.cases.update(case.id, birth="2005").birth_text == "2005"
    assert again.cases.update(case.id, birth="", tags=[]).birth_year is None
    assert again.cases.get(case.id).tags == ()


def test_renaming_the_code_keeps_the_case_and_its_chronology(
    services: Services, restart: Restart
) -> None:
    case_id = _case_with_contents(services)
    services.cases.update(case_id, code="dd-2019-015")
    again = restart(services)
    assert again.cases.find("DD-2019-015").id == case_id
    assert len(again.events.list_events(case_id)) == 2
    with pytest.raises(NotFoundError, match="DD-2019-014"):
        again.cases.find("DD-2019-014")


def test_renaming_to_a_code_already_used_is_refused_and_changes_nothing(services: Services) -> None:
    services.cases.create("DD-2019-014", "Jay")
    other = services.cases.create("DD-2020-001", "Sam")
    before = workspace_rows(services)
    with pytest.raises(DuplicateError) as refused:
        # Lower case, and a pseudonym change that must not be saved either.
        services.cases.update(other.id, pseudonym="Samira", code="dd-2019-014")
    assert refused.value.field == "code"
    assert "DD-2019-014" in str(refused.value)
    assert workspace_rows(services) == before
    with pytest.raises(DuplicateError, match="DD-2019-014"):
        services.cases.create("DD-2019-014", "Another")
    assert workspace_rows(services) == before


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("", "Give the case a code"),
        ("   ", "Give the case a code"),
        ("DD 2019 014", "'DD 2019 014' is not a usable case code"),
        ("DD_2019_014", "letters, digits and hyphens"),
        ("DD/2019/014", "letters, digits and hyphens"),
        ("-DD-2019", "letters, digits and hyphens"),
        ("D" * 41, "up to 40"),
    ],
)
def test_invalid_codes_are_refused_with_advice(services: Services, code: str, shown: str) -> None:
    existing = services.cases.create("DD-2019-014", "Jay")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=shown) as refused:
        services.cases.create(code, "Sam")
    assert refused.value.field == "code"
    assert "DD-2019-014" in str(refused.value)  # an example of a good code
    with pytest.raises(ValidationError, match=shown):
        services.cases.update(existing.id, code=code)
    assert workspace_rows(services) == before


@pytest.mark.parametrize(
    ("pseudonym", "shown"),
    [
        ("", "pseudonym cannot be empty"),
        ("  \t ", "pseudonym cannot be empty"),
        ("\x00\x07", "pseudonym cannot be empty"),
        ("J" * 81, "too long"),
    ],
)
def test_a_missing_or_overlong_pseudonym_is_refused(
    services: Services, pseudonym: str, shown: str
) -> None:
    existing = services.cases.create("DD-2019-014", "Jay")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=shown) as refused:
        services.cases.create("DD-2020-001", pseudonym)
    assert refused.value.field == "pseudonym"
    with pytest.raises(ValidationError, match=shown):
        services.cases.update(existing.id, pseudonym=pseudonym)
    assert workspace_rows(services) == before


@pytest.mark.parametrize(
    ("birth", "shown"),
    [
        ("2004-13", "13 is not a month"),
        ("2004-00", "0 is not a month"),
        ("May 2004", "'May 2004' is not a birth month.*such as 2004-05"),
        ("04/05/2004", "such as 2004-05"),
        ("1850", "not a plausible birth year"),
    ],
)
def test_a_bad_birth_month_is_refused_with_advice(
    services: Services, birth: str, shown: str
) -> None:
    existing = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=shown) as refused:
        services.cases.create("DD-2020-001", "Sam", birth=birth)
    assert refused.value.field == "birth"
    with pytest.raises(ValidationError, match=shown):
        # The valid code change in the same edit is not saved either.
        services.cases.update(existing.id, code="DD-2019-099", birth=birth)
    assert workspace_rows(services) == before
    assert services.cases.get(existing.id).birth_text == "2004-05"


def test_an_unknown_status_is_refused(services: Services) -> None:
    case = services.cases.create("DD-2019-014", "Jay")
    with pytest.raises(ValidationError, match="draft, in_review, final") as refused:
        services.cases.update(case.id, status="closed")
    assert refused.value.field == "status"
    assert services.cases.get(case.id).status == "draft"


def test_tags_are_de_duplicated_ignoring_case(services: Services) -> None:
    case = services.cases.create(
        "DD-2019-014",
        "Jay",
        tags=[
            "Missing episodes",
            "missing  episodes",
            " MISSING EPISODES ",
            "Exploitation",
            "",
            "exploitation",
        ],
    )
    assert sorted(case.tags) == ["Exploitation", "Missing episodes"]
    again = services.cases.update(case.id, tags=["housing", "Housing", "HOUSING"])
    assert again.tags == ("housing",)


def test_tags_match_the_workspace_spelling_across_cases(services: Services) -> None:
    services.cases.create("DD-2019-014", "Jay", tags=["Missing episodes"])
    other = services.cases.create("DD-2020-001", "Sam", tags=["missing episodes"])
    assert other.tags == ("Missing episodes",)


def test_duplicate_copies_cast_and_chronology_but_not_sessions(
    services: Services, restart: Restart
) -> None:
    source = _case_with_contents(services)
    services.cases.update(source, status="final", summary="Jay's story.")
    copy = services.cases.duplicate(source, "dd-2019-014-copy")
    again = restart(services)
    detail = again.cases.get(copy.id)
    assert (detail.code, detail.pseudonym, detail.status) == ("DD-2019-014-COPY", "Jay", "draft")
    assert (detail.summary, detail.birth_text) == ("Jay's story.", "2004-05")
    assert detail.tags == ("missing",)
    original_people = again.cases.get(source).people
    assert [(p.pseudonym, p.role, p.agency) for p in detail.people] == [
        (p.pseudonym, p.role, p.agency) for p in original_people
    ]
    assert {p.id for p in detail.people}.isdisjoint(p.id for p in original_people)
    events = again.events.list_events(copy.id)
    originals = again.events.list_events(source)
    assert [(e.span, e.category, e.description, e.agency, e.key_episode) for e in events] == [
        (e.span, e.category, e.description, e.agency, e.key_episode) for e in originals
    ]
    copy_names = {p.id: p.pseudonym for p in detail.people}
    assert [[copy_names[i] for i in e.people] for e in events] == [["Jay", "Nan"], ["Jay"]]
    assert again.sessions.list_sessions(copy.id) == []
    assert again.sessions.list_actions(copy.id) == []
    assert [r.session_count for r in again.cases.list_cases() if r.id == source] == [1]
    with pytest.raises(DuplicateError, match="DD-2019-014"):
        again.cases.duplicate(source, "DD-2019-014")


def test_archiving_keeps_everything_and_only_leaves_the_working_list(
    services: Services, restart: Restart
) -> None:
    case_id = _case_with_contents(services)
    other = services.cases.create("DD-2020-001", "Sam").id
    services.cases.set_archived(case_id, True)
    again = restart(services)
    assert again.cases.get(case_id).archived is True
    assert [r.id for r in again.cases.list_cases(include_archived=False)] == [other]
    archived = [r for r in again.cases.list_cases() if r.id == case_id]
    assert [(r.archived, r.event_count, r.session_count) for r in archived] == [(True, 2, 1)]
    assert again.cases.set_archived(case_id, False).archived is False
    assert {r.id for r in again.cases.list_cases(include_archived=False)} == {case_id, other}


def test_deletion_impact_names_what_would_be_lost(services: Services) -> None:
    case_id = _case_with_contents(services)
    message = services.cases.deletion_impact(case_id).describe()
    assert "DD-2019-014" in message and "Jay" in message
    for lost in ("2 chronology events", "1 session", "1 action", "3 people in the cast"):
        assert lost in message
    assert "Archive" in message
    empty = services.cases.create("DD-2020-001", "Sam").id
    assert "0 chronology events" in services.cases.deletion_impact(empty).describe()


def test_delete_removes_the_case_and_only_that_case(services: Services, restart: Restart) -> None:
    case_id = _case_with_contents(services)
    other = services.cases.create("DD-2020-001", "Sam").id
    services.cases.delete(case_id)
    again = restart(services)
    assert [r.id for r in again.cases.list_cases()] == [other]
    with pytest.raises(NotFoundError):
        again.cases.get(case_id)
    assert again.events.list_events(case_id) == []
    assert again.sessions.list_actions(case_id) == []
    assert not again.cases.code_exists("DD-2019-014")
    # The code is free again.
    assert again.cases.create("DD-2019-014", "Jay").code == "DD-2019-014"


def test_control_characters_are_dropped_and_any_script_is_kept(
    services: Services, restart: Restart
) -> None:
    summary = "Jay said: «ça va» 👍\nיוסף · يوسف · Zoë\tok\x00\x07\r\nend\x1b"
    case = services.cases.create(
        "DD-2019-014", "J\x00a\x07y 🦊", summary=summary, tags=["café\x00", "🏠 housing"]
    )
    services.cases.update(case.id, pseudonym="يوسف\x07", status="final")
    detail = restart(services).cases.get(case.id)
    assert detail.pseudonym == "يوسف"
    assert detail.summary == "Jay said: «ça va» 👍\nיוסף · يوسف · Zoë\tok\nend"
    assert sorted(detail.tags) == ["café", "🏠 housing"]


def test_every_change_is_announced(services: Services) -> None:
    heard: list[Change] = []
    services.changes.subscribe(heard.append)
    case = services.cases.create("DD-2019-014", "Jay")
    services.cases.update(case.id, summary="Changed")
    with pytest.raises(ValidationError):
        services.cases.update(case.id, birth="2004-13")  # refused: nothing to announce
    services.cases.delete(case.id)
    assert heard == [
        Change(Entity.CASE, ChangeKind.ADDED, (case.id,), case.id),
        Change(Entity.CASE, ChangeKind.UPDATED, (case.id,), case.id),
        Change(Entity.CASE, ChangeKind.REMOVED, (case.id,), case.id),
    ]
