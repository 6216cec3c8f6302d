"""The workspace's agency list: listed with what refers to each, added, renamed, merged."""

from __future__ import annotations

from datetime import date

import pytest
from workspace_helpers import workspace_rows

from deepdive.services import Services
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.events import EventInput
from deepdive.services.guard import IdentifierRefused
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay").id


def _uses(services: Services) -> dict[str, tuple[int, int, int]]:
    return {a.name: (a.events, a.people, a.participants) for a in services.agencies.list_agencies()}


def test_a_new_workspace_lists_the_usual_agencies_unused(services: Services) -> None:
    listed = services.agencies.list_agencies()
    assert [a.name for a in listed] == [
        "Children's Social Care",
        "Police",
        "Health/CAMHS",
        "Education",
        "Youth Justice",
        "Housing",
        "Voluntary sector",
        "No Wrong Door hub",
    ]
    assert all(a.uses == 0 for a in listed)


def test_merge_moves_events_cast_and_participants_in_one_go(
    services: Services, case_id: int
) -> None:
    services.agencies.add("NWD Hub")
    services.events.add_many(
        case_id,
        [
            EventInput("2017", "hub support", "Hub outreach", agency="NWD Hub"),
            EventInput("2018", "hub support", "Hub bed night", agency="nwd hub"),
            EventInput("2018", "police/justice", "Arrest", agency="Police"),
        ],
    )
    services.people.add(case_id, "Keyworker", "Life coach", agency="NWD Hub")
    services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("Hub worker", "NWD Hub")],
    )
    assert _uses(services)["NWD Hub"] == (2, 1, 1)

    done = services.agencies.merge("nwd hub", "No Wrong Door hub")

    assert (done.source, done.target) == ("NWD Hub", "No Wrong Door hub")
    assert (done.events, done.people, done.participants) == (2, 1, 1)
    uses = _uses(services)
    assert "NWD Hub" not in uses
    assert uses["No Wrong Door hub"] == (2, 1, 1)
    assert uses["Police"] == (1, 0, 0)
    sources = {e.description: e.agency for e in services.events.list_events(case_id)}
    assert sources == {
        "Hub outreach": "No Wrong Door hub",
        "Hub bed night": "No Wrong Door hub",
        "Arrest": "Police",
    }
    assert [p.agency for p in services.people.list_people(case_id)] == ["No Wrong Door hub"]


@pytest.mark.parametrize(
    ("source", "target", "error", "message"),
    [
        ("NYP", "Police", NotFoundError, "There is no agency called 'NYP' in this workspace"),
        ("Police", "Nope", NotFoundError, "There is no agency called 'Nope'"),
        ("Police", "police", ValidationError, "are the same agency"),
    ],
)
def test_a_merge_that_cannot_be_done_changes_nothing(
    services: Services,
    case_id: int,
    source: str,
    target: str,
    error: type[Exception],
    message: str,
) -> None:
    services.events.add(case_id, EventInput("2018", "police/justice", "Arrest", agency="Police"))
    before = workspace_rows(services)
    with pytest.raises(error, match=message):
        services.agencies.merge(source, target)
    assert workspace_rows(services) == before


def test_rename_follows_everywhere_and_refuses_a_name_in_use(
    services: Services, case_id: int
) -> None:
    services.events.add(case_id, EventInput("2018", "police/justice", "Arrest", agency="Police"))
    assert services.agencies.rename("police", "North Yorkshire Police") == "North Yorkshire Police"
    assert services.events.list_events(case_id)[0].agency == "North Yorkshire Police"
    assert services.agencies.rename("North Yorkshire Police", "north yorkshire POLICE") == (
        "north yorkshire POLICE"  # a change of case is a rename of the same agency
    )
    with pytest.raises(DuplicateError, match="merge north yorkshire POLICE into Housing"):
        services.agencies.rename("north yorkshire police", "HOUSING")
    with pytest.raises(IdentifierRefused, match="looks like a postcode"):
        services.agencies.rename("Housing", "Housing S1 2HH")
    assert services.agencies.find("HOUSING") == "Housing"


def test_new_agencies_and_events_are_added_together_or_not_at_all(
    services: Services, case_id: int
) -> None:
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match="is not a date"):
        services.events.add_many(
            case_id,
            [
                EventInput("2017", "other", "Fine", agency="NWD Hub"),
                EventInput("31/02/2017", "other", "Bad date", agency="NWD Hub"),
            ],
            new_agencies=["NWD Hub"],
        )
    assert workspace_rows(services) == before
    with pytest.raises(IdentifierRefused, match="looks like an NHS number"):
        services.events.add_many(
            case_id,
            [EventInput("2017", "other", "Fine", agency="943 476 5919")],
            new_agencies=["943 476 5919"],
        )
    assert workspace_rows(services) == before
    [event] = services.events.add_many(
        case_id, [EventInput("2017", "other", "Fine", agency="NWD Hub")], new_agencies=["NWD Hub"]
    )
    assert event.agency == "NWD Hub"
    assert _uses(services)["NWD Hub"] == (1, 0, 0)
