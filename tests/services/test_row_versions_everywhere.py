"""Two people editing the same cast member, action, outcome or story at once, each from
their own connection (as two laptops on a team workspace): the later save made from an
older read is refused with the events' message, the newer text is kept, and a save at
the version now seen goes ahead."""

from __future__ import annotations

import pytest

from deepdive.services import Services
from deepdive.services.errors import ChangedElsewhereError
from deepdive.services.outcomes import OutcomeDomain


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", summary="First draft.").id


def test_a_stale_save_of_a_cast_members_notes_is_refused_and_theirs_kept(
    services: Services, colleague: Services, case_id: int
) -> None:
    added = services.people.add(case_id, "Nan", "Grandmother", notes="Lives nearby.")
    [theirs] = colleague.people.list_people(case_id)
    assert added.version == theirs.version == 1
    saved = colleague.people.update(
        added.id, notes="Moved in with Jay.", expected_version=theirs.version
    )
    assert saved.version == 2
    with pytest.raises(ChangedElsewhereError, match="someone else changed this person after"):
        services.people.update(added.id, role="Great-aunt", expected_version=added.version)
    [stored] = services.people.list_people(case_id)
    assert (stored.role, stored.notes, stored.version) == ("Grandmother", "Moved in with Jay.", 2)
    again = services.people.update(added.id, role="Great-aunt", expected_version=2)
    assert (again.role, again.notes, again.version) == ("Great-aunt", "Moved in with Jay.", 3)


def test_a_removed_person_brought_back_is_as_they_were_and_a_later_change_still_counts(
    services: Services, colleague: Services, case_id: int
) -> None:
    added = services.people.add(case_id, "Nan", "Grandmother")
    services.people.update(added.id, notes="Kind.", expected_version=1)
    snapshot = services.people.snapshot(added.id)
    services.people.remove(added.id)
    back = services.people.restore(snapshot)
    assert (back.notes, back.version) == ("Kind.", 2)
    colleague.people.update(added.id, notes="Their note.", expected_version=2)
    with pytest.raises(ChangedElsewhereError):
        services.people.update(added.id, notes="From the old read.", expected_version=2)
    assert services.people.list_people(case_id)[0].notes == "Their note."


def test_a_stale_save_of_an_action_is_refused_and_theirs_kept(
    services: Services, colleague: Services, case_id: int
) -> None:
    mine = services.actions.add(case_id, "Ask school about a mentor", owner_role="Teacher")
    [theirs] = colleague.actions.list_actions(case_id)
    colleague.actions.update(mine.id, done=True, expected_version=theirs.version)
    with pytest.raises(ChangedElsewhereError, match="someone else changed this action"):
        services.actions.update(
            mine.id, description="Ask school about a mentor by June", expected_version=mine.version
        )
    [stored] = services.actions.list_actions(case_id)
    assert (stored.description, stored.done, stored.version) == (
        "Ask school about a mentor",
        True,
        2,
    )
    # A deleted action brought back is exactly as it was, at the same version.
    snapshot = services.actions.snapshot(mine.id)
    services.actions.delete(mine.id)
    assert services.actions.restore(snapshot) == stored


def test_a_stale_save_of_an_outcome_is_refused_and_two_first_recordings_do_not_mix(
    services: Services, colleague: Services, case_id: int
) -> None:
    # Neither has seen the domain recorded (version 1): the first save wins, the
    # second is told.
    first = colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="6", latest_value="1", expected_version=1
    )
    assert first.version == 2
    with pytest.raises(ChangedElsewhereError, match="outcome for missing episodes"):
        services.outcomes.set_outcome(
            case_id, OutcomeDomain.MISSING, start_value="5", latest_value="0", expected_version=1
        )
    [stored] = services.outcomes.list_for_case(case_id)
    assert (stored.start_value, stored.latest_value, stored.version) == ("6", "1", 2)
    # Clearing what a colleague changed since it was read is refused too.
    colleague.outcomes.set_outcome(
        case_id, OutcomeDomain.MISSING, start_value="6", latest_value="2", expected_version=2
    )
    with pytest.raises(ChangedElsewhereError):
        services.outcomes.clear_outcome(case_id, OutcomeDomain.MISSING, expected_version=2)
    assert services.outcomes.list_for_case(case_id)[0].latest_value == "2"
    services.outcomes.clear_outcome(case_id, OutcomeDomain.MISSING, expected_version=3)
    assert services.outcomes.list_for_case(case_id) == []


def test_a_stale_save_of_a_story_is_refused_and_a_removed_story_counts_on(
    services: Services, colleague: Services, case_id: int
) -> None:
    assert services.stories.get(case_id).version == 1
    colleague.stories.set(case_id, "Jay lives with Nan now.", expected_version=1)
    with pytest.raises(ChangedElsewhereError, match="this case's story"):
        services.stories.set(case_id, "Jay found a mentor.", expected_version=1)
    story = services.stories.get(case_id)
    assert (story.text, story.version) == ("Jay lives with Nan now.", 2)
    # Removed (empty text), then written again from a read before the removal: told.
    colleague.stories.set(case_id, "", expected_version=2)
    assert services.stories.get(case_id).text == ""
    with pytest.raises(ChangedElsewhereError):
        services.stories.set(case_id, "Jay found a mentor.", expected_version=2)
    assert services.stories.for_cases([case_id]) == []
    written = services.stories.set(case_id, "Jay found a mentor.", expected_version=3)
    assert (written.text, written.version) == ("Jay found a mentor.", 4)


def test_the_outcomes_tabs_edge_of_care_answer_counts_as_a_change_to_the_overview(
    services: Services, colleague: Services, case_id: int
) -> None:
    opened = services.cases.get(case_id)
    colleague.outcomes.set_edge_of_care(case_id, True, True)
    with pytest.raises(ChangedElsewhereError):
        services.cases.update(case_id, edge_of_care=False, expected_version=opened.version)
    assert services.outcomes.edge_of_care(case_id).edge_of_care


def test_an_edge_of_care_answer_from_an_older_read_is_refused_but_an_overview_edit_is_not(
    services: Services, colleague: Services, case_id: int
) -> None:
    read = services.outcomes.edge_of_care(case_id)
    assert (read.edge_of_care, read.stayed_with_family) == (False, None)
    # A colleague's edit of the summary moves the case on, not the answer.
    colleague.cases.update(case_id, summary="Second draft.")
    saved = services.outcomes.set_edge_of_care(case_id, True, None, expected=read)
    colleague.outcomes.set_edge_of_care(case_id, True, True, expected=saved)
    with pytest.raises(ChangedElsewhereError, match="the edge-of-care answer"):
        services.outcomes.set_edge_of_care(case_id, True, False, expected=saved)
    kept = services.outcomes.edge_of_care(case_id)
    assert (kept.edge_of_care, kept.stayed_with_family) == (True, True)
    assert services.cases.get(case_id).summary == "Second draft."
