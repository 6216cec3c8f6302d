"""A case's cast, chronology and reflective sessions, through their services."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select
from workspace_helpers import reopen, workspace_rows

from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.services.errors import ValidationError
from deepdive.services.events import EventInput
from deepdive.services.sessions import Participant
from deepdive.storage.models import StageResponse
from deepdive.templates import Template, builtin_template

Restart = Callable[[Services], Services]
DEEP_DIVE = "deep-dive-case-study"


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


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", birth="2004-05").id


def event(date_text: str, description: str = "Something happened.", **extra: Any) -> EventInput:
    return EventInput(
        date=date_text, category=extra.pop("category", "family"), description=description, **extra
    )


def start(services: Services, case_id: int, template: Template, title: str = "Deep Dive") -> int:
    return services.sessions.start(
        case_id,
        template,
        title=title,
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[
            Participant("social worker", "Children's Social Care"),
            Participant("police officer", "police"),
        ],
    ).id


# --- people -----------------------------------------------------------------------


def test_people_are_added_changed_and_removed_with_their_agencies(
    services: Services, case_id: int, restart: Restart
) -> None:
    services.agencies.add("Community boxing gym", "voluntary")
    nan = services.people.add(case_id, "Nan", "grandparent")
    sw1 = services.people.add(case_id, "SW1", "social worker", "children's social care")
    coach = services.people.add(case_id, "Coach", "youth worker", "Community Boxing Gym")
    assert (nan.agency, sw1.agency, coach.agency) == (
        None,
        "Children's Social Care",
        "Community boxing gym",
    )
    services.people.update(sw1.id, pseudonym="SW2", agency="Police", notes="Second worker")
    services.people.update(coach.id, clear_agency=True)
    services.people.remove(nan.id)
    again = restart(services)
    cast = again.people.list_people(case_id)
    assert [(p.pseudonym, p.role, p.agency, p.notes) for p in cast] == [
        ("SW2", "social worker", "Police", "Second worker"),
        ("Coach", "youth worker", None, ""),
    ]


def test_an_unknown_agency_is_refused_and_nothing_is_saved(
    services: Services, case_id: int
) -> None:
    sw1 = services.people.add(case_id, "SW1", "social worker", "Police")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match="'Police Scotland' is not an agency") as refused:
        services.people.add(case_id, "PC2", "police officer", "Police Scotland")
    assert refused.value.field == "agency"
    assert "add it to the agency list" in str(refused.value)
    with pytest.raises(ValidationError, match="Police Scotland"):
        services.people.update(sw1.id, pseudonym="PC1", agency="Police Scotland")
    assert workspace_rows(services) == before
    assert [p.pseudonym for p in services.people.list_people(case_id)] == ["SW1"]


def test_removing_a_person_keeps_the_events_that_named_them(
    services: Services, case_id: int
) -> None:
    nan = services.people.add(case_id, "Nan", "grandparent")
    jay = services.people.add(case_id, "Jay", "young person")
    services.events.add(case_id, event("2019-05", "Jay moved to Nan's.", people=(jay.id, nan.id)))
    services.people.remove(nan.id)
    [kept] = services.events.list_events(case_id)
    assert kept.description == "Jay moved to Nan's."
    assert kept.people == (jay.id,)


def test_a_removed_person_is_put_back_exactly_with_the_events_that_named_them(
    services: Services, case_id: int
) -> None:
    """The undo of a remove: the same id, place in the cast, agency and event links."""
    nan = services.people.add(case_id, "Nan", "grandparent", agency="Police", notes="Kind")
    services.people.add(case_id, "Mum", "parent")
    moved = services.events.add(case_id, event("2019-05", "Jay moved to Nan's.", people=(nan.id,)))
    gone = services.events.add(case_id, event("2019-06", "Nan visited.", people=(nan.id,)))
    before = services.people.list_people(case_id)
    snapshot = services.people.snapshot(nan.id)
    services.people.remove(nan.id)
    services.events.delete(gone.id)  # removed meanwhile: not linked again

    assert services.people.restore(snapshot) == nan
    assert services.people.list_people(case_id) == before  # Nan first again
    [event_after] = services.events.list_events(case_id)
    assert event_after.id == moved.id and event_after.people == (nan.id,)
    with pytest.raises(ValidationError):
        services.people.restore(snapshot)  # already back


# --- events -----------------------------------------------------------------------


DATE_FORMS = [
    # (typed, end, stored as, shown as)
    ("2016-03-14", None, "2016-03-14", "14 Mar 2016"),
    ("2016-3-4", None, "2016-03-04", "4 Mar 2016"),
    ("2016-03", None, "2016-03", "Mar 2016"),
    ("2016", None, "2016", "2016"),
    ("Spring 2016", None, "spring 2016", "spring 2016"),
    ("winter 2016", None, "winter 2016", "winter 2016/17"),
    ("about 2016-03-14", None, "about 2016-03-14", "about 14 Mar 2016"),
    ("About  summer 2016", None, "about summer 2016", "about summer 2016"),
    ("about 2016", None, "about 2016", "about 2016"),
    ("2016-03", "2016-09", "2016-03", "Mar 2016 – Sep 2016"),
    ("2016", "2016-03", "2016", "2016 – Mar 2016"),
]


def test_events_take_every_date_form(services: Services, case_id: int, restart: Restart) -> None:
    for n, (typed, end, _, _) in enumerate(DATE_FORMS):
        services.events.add(case_id, event(typed, f"form {n}", end=end))
    saved = {e.description: e.span for e in restart(services).events.list_events(case_id)}
    for n, (typed, end, stored, shown) in enumerate(DATE_FORMS):
        span = saved[f"form {n}"]
        assert (str(span.start), span.display()) == (stored, shown), typed
        assert (span.end is None) == (end is None), typed


@pytest.mark.parametrize(
    ("typed", "end", "field", "shown"),
    [
        ("2017-02-31", None, "date", "31 February 2017 is not a real date"),
        ("2019-02-29", None, "date", r"not a real date \(2019 is not a leap year\)"),
        ("31/02/2017", None, "date", "use a form like 2016-03-14"),
        ("", None, "date", "not a date"),
        ("2017-06", "2017-02-31", "end", "31 February 2017 is not a real date"),
        ("2017-06", "2017-05", "end", r"the end \(May 2017\) is before the start \(June 2017\)"),
        ("2018", "spring 2017", "end", "is before the start"),
    ],
)
def test_invalid_dates_are_refused_and_nothing_is_saved(
    services: Services, case_id: int, typed: str, end: str | None, field: str, shown: str
) -> None:
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match=shown) as refused:
        services.events.add(case_id, event(typed, end=end))
    assert refused.value.field == field
    assert workspace_rows(services) == before


def test_categories_are_checked(services: Services, case_id: int) -> None:
    saved = services.events.add(case_id, event("2016", category="Police/Justice"))
    assert saved.category == "police/justice"
    with pytest.raises(ValidationError, match="'schooling' is not an event category") as refused:
        services.events.add(case_id, event("2016", category="schooling"))
    assert refused.value.field == "category"
    assert "education" in str(refused.value)  # the message lists the choices
    assert len(services.events.list_events(case_id)) == 1


def test_people_from_another_case_are_refused(services: Services, case_id: int) -> None:
    jay = services.people.add(case_id, "Jay", "young person")
    other = services.cases.create("DD-2020-001", "Sam").id
    sam = services.people.add(other, "Sam", "young person")
    before = workspace_rows(services)
    for people in [(sam.id,), (jay.id, sam.id), (jay.id, 9999)]:
        with pytest.raises(ValidationError, match="this case's cast") as refused:
            services.events.add(case_id, event("2016", people=people))
        assert refused.value.field == "people"
    assert workspace_rows(services) == before


def test_add_many_saves_all_or_nothing(services: Services, case_id: int) -> None:
    heard: list[Change] = []
    services.changes.subscribe(heard.append)
    items = [event(f"2016-{month:02d}", f"Event {month}") for month in range(1, 11)]
    items[6] = event("2017-02-31", "The one with a typing slip")
    with pytest.raises(ValidationError, match="31 February 2017") as refused:
        services.events.add_many(case_id, items)
    assert refused.value.field == "date"
    assert services.events.list_events(case_id) == []
    assert heard == []
    items[6] = event("2016-07", "Event 7")
    saved = services.events.add_many(case_id, items)
    assert [e.description for e in services.events.list_events(case_id)] == [
        f"Event {n}" for n in range(1, 11)
    ]
    assert [(c.entity, c.kind, c.ids, c.case_id) for c in heard] == [
        ("event", "added", tuple(e.id for e in saved), case_id)
    ]


def test_the_chronology_is_in_date_order_and_stable_for_equal_dates(
    services: Services, case_id: int, restart: Restart
) -> None:
    services.events.add(case_id, event("2018", "B"))
    services.events.add(case_id, event("2017-05-01", "same day, first added"))
    services.events.add(case_id, event("about summer 2016", "A3"))
    services.events.add_many(
        case_id,
        [
            event("2017-05-01", "same day, second added"),
            event("2016-03-14", "A2"),
            event("2017-05-01", "same day, third added"),
        ],
    )
    services.events.add(case_id, event("2016-03", "A1", end="2016-12"))
    services.events.add(case_id, event("2015", "A0"))
    expected = [
        "A0",
        "A1",
        "A2",
        "A3",
        "same day, first added",
        "same day, second added",
        "same day, third added",
        "B",
    ]
    assert [e.description for e in services.events.list_events(case_id)] == expected
    assert [e.description for e in restart(services).events.list_events(case_id)] == expected


def test_event_text_keeps_any_script_and_loses_control_characters(
    services: Services, case_id: int, restart: Restart
) -> None:
    services.events.add(
        case_id,
        event(
            "2019-02-04",
            "Met Jay at the **chicken shop** 🍗\x00\r\nيوسف — Zoë",
            voice="“I'm not a bad lad” 💪\x07",
            significance="Turning point",
            tags=("Hub", "hub"),
            key_episode=True,
            agency="No Wrong Door hub",
            category="hub support",
        ),
    )
    [saved] = restart(services).events.list_events(case_id)
    assert saved.description == "Met Jay at the **chicken shop** 🍗\nيوسف — Zoë"
    assert (saved.voice, saved.significance, saved.tags) == (
        "“I'm not a bad lad” 💪",
        "Turning point",
        ("Hub",),
    )
    assert (saved.key_episode, saved.agency, saved.category) == (
        True,
        "No Wrong Door hub",
        "hub support",
    )


# --- sessions ---------------------------------------------------------------------


def test_a_deep_dive_session_keeps_every_kind_of_response(
    services: Services, case_id: int, restart: Restart
) -> None:
    template = builtin_template(DEEP_DIVE)
    kinds = {stage.id: stage.response.kind.value for stage in template.stages}
    e1 = services.events.add(case_id, event("2018-06", "Out-of-area placement", key_episode=True))
    e2 = services.events.add(case_id, event("2019-02", "Key worker allocated", key_episode=True))
    session_id = start(services, case_id, template)
    answers: dict[str, dict[str, Any]] = {
        "opening": {"text": "Ground rules agreed.\n\n- one conversation\n- no blame 🙂"},
        "walk-the-chronology": {"event_ids": [e2.id, e1.id], "notes": "Two turning points."},
        "what-helped": {"columns": [["Key worker who stayed"], ["CAMHS wait"], ["Ask Nan"]]},
        "risk": {"value": 3, "note": "Risk to the organisation, mostly."},
        "nwd-differently": {"items": ["Family search on day one", "Plan endings"]},
        "actions": {},
    }
    # One stage of every response kind the template offers.
    assert {kinds[stage_id] for stage_id in answers} == set(kinds.values())
    for stage_id, value in answers.items():
        services.sessions.save_response(session_id, stage_id, value)
    services.sessions.save_response(session_id, "risk", {"value": 4, "note": "Revisited."})
    answers["risk"] = {"value": 4, "note": "Revisited."}
    services.sessions.add_action(
        case_id,
        "Call Nan first",
        owner_role="Team manager",
        due_on=date(2022, 5, 31),
        session_id=session_id,
        stage_id="actions",
    )
    again = restart(services)
    assert again.sessions.responses(session_id) == answers
    [action] = again.sessions.list_actions(case_id)
    assert (action.description, action.owner_role, action.due_on, action.stage_id) == (
        "Call Nan first",
        "Team manager",
        date(2022, 5, 31),
        "actions",
    )
    with again.workspace.reading() as orm:
        stored = orm.scalars(
            select(StageResponse).where(StageResponse.stage_id == "walk-the-chronology")
        ).one()
        assert {e.id for e in stored.linked_events} == {e1.id, e2.id}


def test_a_scale_answer_outside_0_to_10_is_refused(services: Services, case_id: int) -> None:
    session_id = start(services, case_id, builtin_template(DEEP_DIVE))
    services.sessions.save_response(session_id, "risk", {"value": 3, "note": "agreed"})
    for value in (11, -1, 7.5, "7"):
        with pytest.raises(ValidationError, match="whole number from 0 to 10") as refused:
            services.sessions.save_response(session_id, "risk", {"value": value, "note": "typo"})
        assert refused.value.field == "value"
    assert services.sessions.responses(session_id)["risk"] == {"value": 3, "note": "agreed"}


def test_events_from_another_case_cannot_be_linked(services: Services, case_id: int) -> None:
    other = services.cases.create("DD-2020-001", "Sam").id
    foreign = services.events.add(other, event("2019", "Sam's event"))
    session_id = start(services, case_id, builtin_template(DEEP_DIVE))
    with pytest.raises(ValidationError):
        services.sessions.save_response(
            session_id, "walk-the-chronology", {"event_ids": [foreign.id], "notes": ""}
        )
    assert services.sessions.responses(session_id) == {}


def test_a_session_keeps_the_template_version_it_used(
    services: Services, case_id: int, restart: Restart
) -> None:
    original = builtin_template(DEEP_DIVE)
    first = start(services, case_id, original, "First")
    edited = dataclasses.replace(original, description="Edited by our team.")
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match="save the edited template as a new version"):
        start(services, case_id, edited, "Second")
    assert workspace_rows(services) == before
    newer = dataclasses.replace(edited, version=original.version + 1)
    second = start(services, case_id, newer, "Second")
    again = restart(services)
    assert again.sessions.template_of(first) == original
    assert again.sessions.template_of(second) == newer
    assert [s.title for s in again.sessions.list_sessions(case_id)] == ["Second", "First"]
    # The same unedited template again simply reuses its snapshot.
    assert start(again, case_id, original, "Third")


def test_an_unknown_session_status_is_refused_with_a_message(
    services: Services, case_id: int
) -> None:
    with pytest.raises(ValidationError, match="done"):
        services.sessions.start(
            case_id,
            builtin_template(DEEP_DIVE),
            title="Deep Dive",
            held_on=None,
            facilitator_role="",
            participants=[],
            status="done",
        )
