"""A case whose cast, actions, outcomes and story were edited (their row versions moved
on) goes through a bundle with every word, and its copy starts afresh at version 1: a
bundle carries the case, not the history of who saved it when."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from deepdive.bundles import export_case_bundle, import_case_bundle
from deepdive.services import Services
from deepdive.services.outcomes import OutcomeDomain


def test_edited_rows_round_trip_and_their_copies_start_at_version_one(
    source: Services, target: Services, tmp_path: Path
) -> None:
    case_id = source.cases.find("DEMO-001").id
    nan = source.people.list_people(case_id)[0]
    source.people.update(nan.id, notes="Sees Jay every Sunday.", expected_version=nan.version)
    action = source.actions.add(case_id, "Ring Nan before the review")
    source.actions.update(action.id, done=True, expected_version=action.version)
    source.outcomes.set_outcome(
        case_id, OutcomeDomain.MOVES, start_value="4", latest_value="0", expected_version=1
    )
    story = source.stories.get(case_id)
    source.stories.set(case_id, "Jay lives with Nan now.", expected_version=story.version)
    source.stories.set(case_id, "Jay lives with Nan and found a mentor.", expected_version=2)

    bundle = export_case_bundle(source, "DEMO-001", tmp_path / "jay.ddcase", lambda _p: None)
    copy_id = import_case_bundle(target, bundle).case_id

    copied_people = target.people.list_people(copy_id)
    assert [dataclasses.replace(p, id=0, case_id=0, version=0) for p in copied_people] == [
        dataclasses.replace(p, id=0, case_id=0, version=0)
        for p in source.people.list_people(case_id)
    ]
    copied_actions = target.actions.list_actions(copy_id)
    assert [(a.description, a.done) for a in copied_actions] == [
        (a.description, a.done) for a in source.actions.list_actions(case_id)
    ]
    outcomes = target.outcomes.list_for_case(copy_id)
    assert [dataclasses.replace(o, case_id=0, version=0) for o in outcomes] == [
        dataclasses.replace(o, case_id=0, version=0) for o in source.outcomes.list_for_case(case_id)
    ]
    copied_story = target.stories.get(copy_id)
    assert copied_story.text == "Jay lives with Nan and found a mentor."
    versions = {p.version for p in copied_people}
    versions |= {a.version for a in copied_actions} | {o.version for o in outcomes}
    assert versions | {copied_story.version} == {1}
    # The copy is edited at the version it shows, as any case is.
    target.stories.set(copy_id, "Jay found a mentor.", expected_version=1)
    assert target.stories.get(copy_id).version == 2
