"""The fictional demo case DEMO-001 and the case-file loader it goes through."""

from __future__ import annotations

from pathlib import Path

import pytest

from deepdive.casefile import CaseFileError, load_case_file
from deepdive.demo import DEMO_CODE, add_demo_case, demo_present
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.resources import resource_path
from deepdive.services import Services

DEMO_FILE = resource_path("demo", f"{DEMO_CODE}.yaml")


def test_the_demo_case_loads_into_a_fresh_workspace(services: Services) -> None:
    assert not demo_present(services)
    case = add_demo_case(services)
    assert demo_present(services)
    assert (case.code, case.pseudonym) == ("DEMO-001", "Jay")
    assert case.summary.strip() and case.birth_text

    people = services.people.list_people(case.id)
    assert 6 <= len(people) <= 12  # "about eight" in the brief
    assert ("Jay", "young person") in {(p.pseudonym, p.role) for p in people}

    events = services.events.list_events(case.id)
    assert len(events) >= 40
    assert {e.category for e in events} == set(CATEGORIES)
    key_episodes = {e.id for e in events if e.key_episode}
    assert key_episodes
    assert all(e.description.strip() for e in events)
    assert [e.span.sort_key() for e in events] == sorted(e.span.sort_key() for e in events)

    [row] = services.cases.list_cases()
    assert (row.code, row.event_count, row.session_count) == ("DEMO-001", len(events), 1)


def test_the_demo_session_is_complete_with_a_response_for_every_stage(
    services: Services,
) -> None:
    case = add_demo_case(services)
    [session] = services.sessions.list_sessions(case.id)
    assert session.status == "complete"
    template = services.sessions.template_of(session.id)
    responses = services.sessions.responses(session.id)
    assert set(responses) == set(template.stage_ids)
    for stage in template.stages:
        if stage.response.kind.value != "actions":  # actions are kept as action rows
            assert any(responses[stage.id].values()), stage.id
    # The room walked the chronology and marked the key practice episodes.
    walked = next(s.id for s in template.stages if s.response.kind.value == "events")
    events = services.events.list_events(case.id)
    assert set(responses[walked]["event_ids"]) == {e.id for e in events if e.key_episode}
    actions = services.sessions.list_actions(case.id)
    assert actions and all(a.session_id == session.id and a.owner_role for a in actions)


def test_adding_the_demo_twice_does_not_duplicate_it(services: Services) -> None:
    first = add_demo_case(services)
    counts = services.cases.list_cases()
    again = add_demo_case(services)
    assert again == first
    assert services.cases.list_cases() == counts
    assert len(services.people.list_people(first.id)) == len(first.people)


def _broken_copy(tmp_path: Path, replacement: str) -> Path:
    text = DEMO_FILE.read_text(encoding="utf-8")
    assert text.count("date: 2017-06-22\n") == 1  # one event, in the middle of the file
    path = tmp_path / "jay-chronology.yaml"
    path.write_text(text.replace("date: 2017-06-22\n", replacement), encoding="utf-8")
    return path


def test_a_broken_case_file_is_refused_and_leaves_no_case(
    services: Services, tmp_path: Path
) -> None:
    path = _broken_copy(tmp_path, 'date: "2017-02-31"\n')
    with pytest.raises(CaseFileError) as refused:
        load_case_file(services, path)
    message = str(refused.value)
    assert message.startswith("jay-chronology.yaml")
    assert "31 February 2017 is not a real date" in message
    assert services.cases.list_cases() == []
    assert not services.cases.code_exists(DEMO_CODE)
    # The real demo still loads afterwards.
    assert add_demo_case(services).code == DEMO_CODE


def test_an_unquoted_impossible_date_is_refused_naming_the_file(
    services: Services, tmp_path: Path
) -> None:
    path = _broken_copy(tmp_path, "date: 2017-02-31\n")
    with pytest.raises(CaseFileError, match=r"jay-chronology\.yaml"):
        load_case_file(services, path)
    assert services.cases.list_cases() == []


def test_a_bad_case_field_is_refused_naming_the_file(services: Services, tmp_path: Path) -> None:
    text = DEMO_FILE.read_text(encoding="utf-8")
    path = tmp_path / "jay-chronology.yaml"
    path.write_text(text.replace("birth: 2004-05\n", "birth: May 2004\n", 1), encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"jay-chronology\.yaml.*May 2004"):
        load_case_file(services, path)
    assert services.cases.list_cases() == []


def test_a_file_that_is_not_a_case_file_is_refused(services: Services, tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")
    with pytest.raises(CaseFileError, match=r"notes\.yaml: is not a DeepDive case file"):
        load_case_file(services, path)
    assert services.cases.list_cases() == []
