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


def _hub_case(services: Services, case_id: int) -> None:
    """NWD Hub named by two events, a cast member and a session participant; the usual
    hub by one event of its own."""
    services.agencies.add("NWD Hub")
    services.events.add_many(
        case_id,
        [
            EventInput("2017", "hub support", "Hub outreach", agency="NWD Hub"),
            EventInput("2018", "hub support", "Hub bed night", agency="NWD Hub"),
            EventInput("2019", "hub support", "Hub review", agency="No Wrong Door hub"),
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


def test_a_merge_taken_back_returns_the_same_agency_and_exactly_what_moved(
    services: Services, case_id: int
) -> None:
    _hub_case(services, case_id)
    hub_id = services.agencies.snapshot("NWD Hub").id
    done = services.agencies.merge("NWD Hub", "No Wrong Door hub")
    assert (done.gone.id, len(done.event_ids), done.people, done.participants) == (hub_id, 2, 1, 1)
    # Named after the merge: stays with the hub kept when the merge is taken back.
    services.events.add(
        case_id, EventInput("2020", "hub support", "Hub move-on", agency="No Wrong Door hub")
    )

    assert services.agencies.unmerge(done) == "NWD Hub"

    assert services.agencies.snapshot("nwd hub").id == hub_id
    assert _uses(services)["NWD Hub"] == (2, 1, 1)
    assert _uses(services)["No Wrong Door hub"] == (2, 0, 0)
    sources = {e.description: e.agency for e in services.events.list_events(case_id)}
    assert sources == {
        "Hub outreach": "NWD Hub",
        "Hub bed night": "NWD Hub",
        "Hub review": "No Wrong Door hub",
        "Hub move-on": "No Wrong Door hub",
    }
    assert [p.agency for p in services.people.list_people(case_id)] == ["NWD Hub"]
    names = services.agencies.names()
    assert names.index("NWD Hub") == len(names) - 1  # back in its place at the end
    again = services.agencies.merge("NWD Hub", "No Wrong Door hub")  # a redo
    assert again.gone.id == hub_id
    assert _uses(services)["No Wrong Door hub"] == (4, 1, 1)


def test_a_merge_that_can_no_longer_be_taken_back_changes_nothing(
    services: Services, case_id: int
) -> None:
    _hub_case(services, case_id)
    done = services.agencies.merge("NWD Hub", "No Wrong Door hub")
    services.agencies.add("NWD hub")  # the name is taken again meanwhile
    before = workspace_rows(services)
    with pytest.raises(DuplicateError, match="There is already an agency called NWD hub"):
        services.agencies.unmerge(done)
    assert workspace_rows(services) == before
    services.agencies.merge("NWD hub", "Police")
    services.agencies.merge("No Wrong Door hub", "Police")  # the kept agency is gone
    before = workspace_rows(services)
    with pytest.raises(NotFoundError, match="No Wrong Door hub is no longer in the list"):
        services.agencies.unmerge(done)
    assert workspace_rows(services) == before


def test_an_agency_kind_is_changed_and_an_unknown_kind_refused(services: Services) -> None:
    assert services.agencies.set_kind("no wrong door HUB", "voluntary") == "hub"
    assert services.agencies.kinds()["No Wrong Door hub"] == "voluntary"
    assert {a.name: a.kind for a in services.agencies.list_agencies()}["Police"] == "police"
    before = workspace_rows(services)
    with pytest.raises(ValidationError, match="'charity' is not a kind of agency"):
        services.agencies.set_kind("Police", "charity")
    with pytest.raises(NotFoundError, match="There is no agency called 'Nope'"):
        services.agencies.set_kind("Nope", "police")
    assert workspace_rows(services) == before
    police = services.agencies.snapshot("Police").id
    assert services.agencies.name_of(police) == "Police"
    services.agencies.merge("Police", "Youth Justice")
    with pytest.raises(NotFoundError, match="no longer in this workspace"):
        services.agencies.name_of(police)
