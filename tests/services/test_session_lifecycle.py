"""A session's life after it starts: details, status, stage, time, deletion, actions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.events import EventInput
from deepdive.services.session_results import Participant
from deepdive.storage.models import Base
from deepdive.templates import builtin_template

DEEP_DIVE = "deep-dive-case-study"


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", birth="2004-05").id


@pytest.fixture
def session_id(services: Services, case_id: int) -> int:
    return services.sessions.start(
        case_id,
        builtin_template(DEEP_DIVE),
        title="Deep Dive — Jay",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("social worker", "Children's Social Care")],
    ).id


@pytest.fixture
def reopened() -> Iterator[list[Services]]:
    opened: list[Services] = []
    yield opened
    for bound in opened:
        bound.close()


def again(services: Services, opened: list[Services]) -> Services:
    fresh = reopen(services)
    opened.append(fresh)
    return fresh


def rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table, to show a refused change wrote nothing."""
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(r) for r in connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


# --- details, status, stage, time -----------------------------------------------------


def test_details_change_and_survive_a_restart(
    services: Services, session_id: int, reopened: list[Services]
) -> None:
    services.sessions.update_details(
        session_id,
        title="  Deep Dive — Jay (rerun)  ",
        held_on=date(2022, 4, 1),
        facilitator_role="Practice supervisor",
        participants=[
            Participant("team manager", "children's social care"),
            Participant("police officer", "Police"),
            Participant("youth worker", None),
        ],
    )
    detail = again(services, reopened).sessions.get(session_id)
    assert detail.title == "Deep Dive — Jay (rerun)"
    assert detail.held_on == date(2022, 4, 1)
    assert detail.facilitator_role == "Practice supervisor"
    assert detail.participants == (
        Participant("team manager", "Children's Social Care"),
        Participant("police officer", "Police"),
        Participant("youth worker", None),
    )


def test_an_unknown_agency_for_a_participant_changes_nothing(
    services: Services, session_id: int
) -> None:
    before = rows(services)
    with pytest.raises(ValidationError, match="'Fire service' is not an agency") as refused:
        services.sessions.update_details(
            session_id,
            title="Renamed",
            held_on=None,
            facilitator_role="",
            participants=[Participant("firefighter", "Fire service")],
        )
    assert refused.value.field == "participants"
    assert rows(services) == before


def test_status_and_current_stage_are_kept(
    services: Services, session_id: int, reopened: list[Services]
) -> None:
    assert services.sessions.get(session_id).status == "planned"
    services.sessions.set_status(session_id, "in_progress")
    services.sessions.set_current_stage(session_id, "risk")
    fresh = again(services, reopened)
    detail = fresh.sessions.get(session_id)
    assert (detail.status, detail.current_stage) == ("in_progress", "risk")
    with pytest.raises(ValidationError, match="has no stage 'risks'"):
        fresh.sessions.set_current_stage(session_id, "risks")
    with pytest.raises(ValidationError, match="'finished' is not a session status"):
        fresh.sessions.set_status(session_id, "finished")
    assert fresh.sessions.get(session_id).current_stage == "risk"


def test_time_spent_per_stage_is_kept_without_counting_as_an_answer(
    services: Services, session_id: int, reopened: list[Services]
) -> None:
    services.sessions.record_minutes(session_id, "walk-the-chronology", 47)
    services.sessions.record_minutes(session_id, "opening", 9)
    services.sessions.record_minutes(session_id, "opening", 12)
    services.sessions.save_response(session_id, "opening", {"text": "Ground rules agreed."})
    fresh = again(services, reopened)
    assert fresh.sessions.get(session_id).minutes_used == {
        "walk-the-chronology": 47,
        "opening": 12,
    }
    # The chronology stage has time but no answer yet: it reads as empty, not missing.
    assert fresh.sessions.responses(session_id)["walk-the-chronology"] == {
        "event_ids": [],
        "notes": "",
    }
    assert fresh.sessions.deletion_impact(session_id).answered_stages == 1
    for wrong in (-1, 1441):
        with pytest.raises(ValidationError, match="0 to 1,440 minutes"):
            fresh.sessions.record_minutes(session_id, "opening", wrong)
    assert fresh.sessions.get(session_id).minutes_used["opening"] == 12


def test_a_deleted_session_keeps_its_actions_in_the_case(
    services: Services, case_id: int, session_id: int
) -> None:
    services.sessions.save_response(session_id, "opening", {"text": "We met."})
    services.sessions.save_response(session_id, "learning", {"items": ["Ask Nan"]})
    services.actions.add(
        case_id, "Call Nan first", owner_role="Team manager", session_id=session_id
    )
    impact = services.sessions.deletion_impact(session_id)
    assert impact.describe() == (
        "Delete the session 'Deep Dive — Jay'? This permanently removes 2 answered "
        "stages. The 1 action agreed in it stay in the case's action list."
    )
    services.sessions.delete(session_id)
    assert services.sessions.list_sessions(case_id) == []
    [kept] = services.actions.list_actions(case_id)
    assert (kept.description, kept.session_id) == ("Call Nan first", None)
    with pytest.raises(NotFoundError, match="no longer in this workspace"):
        services.sessions.get(session_id)


def test_event_links_name_the_session_and_stage(
    services: Services, case_id: int, session_id: int
) -> None:
    placement = services.events.add(
        case_id, EventInput("2018-10", "placement", "Out-of-area placement", key_episode=True)
    )
    services.events.add(case_id, EventInput("2019-02", "hub support", "Key worker allocated"))
    services.sessions.save_response(
        session_id, "walk-the-chronology", {"event_ids": [placement.id], "notes": ""}
    )
    [link] = services.sessions.event_links(case_id)
    assert (link.event_id, link.session_id, link.session_title) == (
        placement.id,
        session_id,
        "Deep Dive — Jay",
    )
    assert (link.stage_id, link.stage_title) == ("walk-the-chronology", "Walk the chronology")


def test_a_search_hit_on_a_response_finds_its_session(services: Services, session_id: int) -> None:
    services.sessions.save_response(session_id, "good-enough", {"text": "No, not before 2019."})
    with services.workspace.reading() as orm:
        from deepdive.storage.models import StageResponse

        response_id = orm.query(StageResponse.id).scalar()
    assert services.sessions.locate_response(response_id) == (session_id, "good-enough")
    assert services.sessions.locate_response(response_id + 100) is None


# --- actions --------------------------------------------------------------------------


def test_actions_are_changed_ticked_off_and_removed(
    services: Services, case_id: int, session_id: int, reopened: list[Services]
) -> None:
    first = services.actions.add(case_id, "Add a family check to section 20 decisions")
    second = services.sessions.add_action(
        case_id,
        "Review reduced timetables",
        owner_role="Education inclusion lead",
        due_on=date(2022, 7, 15),
        session_id=session_id,
        stage_id="actions",
    )
    services.actions.update(first.id, owner_role="Team manager", due_on=date(2022, 5, 31))
    services.actions.update(first.id, done=True)
    services.actions.update(second.id, description="Review every reduced timetable after 2 weeks")
    services.actions.update(second.id, clear_due=True)
    fresh = again(services, reopened)
    listed = fresh.actions.list_actions(case_id)
    assert [(a.description, a.owner_role, a.due_on, a.done) for a in listed] == [
        ("Add a family check to section 20 decisions", "Team manager", date(2022, 5, 31), True),
        ("Review every reduced timetable after 2 weeks", "Education inclusion lead", None, False),
    ]
    assert [a.id for a in fresh.sessions.list_actions(case_id, session_id)] == [second.id]
    fresh.actions.delete(first.id)
    assert [a.id for a in fresh.actions.list_actions(case_id)] == [second.id]
    with pytest.raises(NotFoundError):
        fresh.actions.update(first.id, done=False)


def test_an_action_without_words_or_from_another_case_is_refused(
    services: Services, case_id: int, session_id: int
) -> None:
    action = services.actions.add(case_id, "Call Nan first", owner_role="Team manager")
    other = services.cases.create("DD-2020-001", "Sam").id
    before = rows(services)
    with pytest.raises(ValidationError, match="Say what the action is") as refused:
        services.actions.update(action.id, description="   \n ", owner_role="Someone else")
    assert refused.value.field == "description"
    with pytest.raises(ValidationError, match="belongs to another case"):
        services.actions.add(other, "Borrowed action", session_id=session_id)
    with pytest.raises(ValidationError, match="at most 80 characters"):
        services.actions.add(case_id, "Too long an owner", owner_role="x" * 81)
    assert rows(services) == before
