"""Two people editing the same case overview or session stage at once, each from their
own connection (two Services on one workspace, as two laptops have on a team
workspace): the later save made from an older read is refused with the same message as
for events, nothing is overwritten, and the newer text is kept."""

from __future__ import annotations

from datetime import date

import pytest

from deepdive.services import Services
from deepdive.services.errors import ChangedElsewhereError
from deepdive.services.session_results import Participant
from deepdive.templates import builtin_template

REFUSED = "Not saved: someone else changed this .* after you opened it"


@pytest.fixture
def case_id(services: Services) -> int:
    return services.cases.create("DD-2019-014", "Jay", summary="First draft.").id


@pytest.fixture
def session_id(services: Services, case_id: int) -> int:
    return services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive — Jay",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[Participant("social worker", "Children's Social Care")],
    ).id


def test_the_second_summary_save_is_refused_and_the_first_kept(
    services: Services, colleague: Services, case_id: int
) -> None:
    mine = services.cases.get(case_id)
    theirs = colleague.cases.get(case_id)
    assert mine.version == theirs.version == 1
    saved = colleague.cases.update(
        case_id, summary="Their summary.", expected_version=theirs.version
    )
    assert saved.version == 2
    with pytest.raises(ChangedElsewhereError, match=REFUSED):
        services.cases.update(case_id, summary="My summary.", expected_version=mine.version)
    stored = services.cases.get(case_id)
    assert (stored.summary, stored.version) == ("Their summary.", 2)
    # Saving knowingly, over the version now seen, is allowed and counts one more.
    again = services.cases.update(case_id, summary="My summary.", expected_version=2)
    assert (again.summary, again.version) == ("My summary.", 3)
    assert colleague.cases.get(case_id).summary == "My summary."


def test_any_overview_field_counts_and_a_save_without_a_version_still_moves_it_on(
    services: Services, colleague: Services, case_id: int
) -> None:
    opened = services.cases.get(case_id).version
    colleague.cases.update(case_id, status="in_review")  # the command line gives no version
    with pytest.raises(ChangedElsewhereError):
        services.cases.update(case_id, pseudonym="Jay M", expected_version=opened)
    stored = services.cases.get(case_id)
    assert (stored.pseudonym, stored.status, stored.version) == ("Jay", "in_review", 2)


def test_saving_an_event_does_not_count_as_a_change_to_the_overview(
    services: Services, colleague: Services, case_id: int
) -> None:
    from deepdive.services.events import EventInput

    opened = services.cases.get(case_id).version
    colleague.events.add(case_id, EventInput("2016", "family", "Moved to Nan's."))
    saved = services.cases.update(case_id, summary="Mine.", expected_version=opened)
    assert saved.summary == "Mine." and saved.version == opened + 1


def test_the_second_save_of_a_stage_response_is_refused_and_the_first_kept(
    services: Services, colleague: Services, session_id: int
) -> None:
    assert services.sessions.response_versions(session_id) == {}
    first = colleague.sessions.save_response(
        session_id, "opening", {"text": "Ground rules agreed."}, expected_version=1
    )
    assert first == 2
    with pytest.raises(ChangedElsewhereError, match=REFUSED):
        services.sessions.save_response(
            session_id, "opening", {"text": "We met at the hub."}, expected_version=1
        )
    assert services.sessions.responses(session_id)["opening"] == {"text": "Ground rules agreed."}
    assert services.sessions.response_versions(session_id) == {"opening": 2}
    assert (
        services.sessions.save_response(
            session_id, "opening", {"text": "We met at the hub."}, expected_version=2
        )
        == 3
    )
    assert colleague.sessions.responses(session_id)["opening"] == {"text": "We met at the hub."}


def test_the_timer_keeping_minutes_is_not_a_change_to_the_response(
    services: Services, colleague: Services, session_id: int
) -> None:
    colleague.sessions.record_minutes(session_id, "opening", 12)
    assert services.sessions.response_versions(session_id) == {"opening": 1}
    assert (
        services.sessions.save_response(
            session_id, "opening", {"text": "Ground rules agreed."}, expected_version=1
        )
        == 2
    )
    colleague.sessions.record_minutes(session_id, "opening", 13)
    assert services.sessions.response_versions(session_id) == {"opening": 2}


def test_an_undo_over_a_colleagues_later_change_is_refused_and_an_undo_counts_as_a_change(
    services: Services, colleague: Services, case_id: int
) -> None:
    from deepdive.services.events import EventInput

    saved = services.events.add(case_id, EventInput("2016", "family", "Moved to Nan's."))
    before = services.events.snapshot(case_id, [saved.id])
    services.events.update(saved.id, outcome="Stayed")
    after = services.events.snapshot(case_id, [saved.id])
    opened = colleague.events.version(saved.id)
    # Undo (as the app's undo step does it) moves the version on: an editor that read
    # the event before the undo is told, not allowed to write over it.
    services.events.restore(before, expected=after)
    assert services.events.get(saved.id).outcome == ""
    with pytest.raises(ChangedElsewhereError):
        colleague.events.update(saved.id, expected_version=opened, outcome="From the old read")
    # Redo, then a colleague's change: taking the step back again would overwrite it.
    services.events.restore(after, expected=before)
    colleague.events.update(saved.id, outcome="Their later outcome")
    with pytest.raises(ChangedElsewhereError, match="Not undone: someone else changed"):
        services.events.restore(before, expected=after)
    assert services.events.get(saved.id).outcome == "Their later outcome"
