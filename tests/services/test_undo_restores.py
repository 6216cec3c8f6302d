"""What undo relies on: a deleted action and a removed template version come back whole."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from deepdive.services import Services
from deepdive.services.errors import ValidationError
from deepdive.services.sessions import Participant
from deepdive.templates import builtin_template


def test_a_deleted_action_comes_back_with_its_id_and_place_and_without_a_deleted_session(
    services: Services,
) -> None:
    case = services.cases.create("DD-1", "Jay")
    session_id = services.sessions.start(
        case.id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="Innovation coach",
        participants=[Participant("social worker")],
    ).id
    first = services.actions.add(case.id, "Ring Nan", session_id=session_id, stage_id="actions")
    services.actions.add(case.id, "Plan the ending", due_on=date(2024, 5, 31))
    kept = services.actions.snapshot(first.id)
    services.actions.delete(first.id)
    back = services.actions.restore(kept)
    assert back == first
    assert [a.description for a in services.actions.list_actions(case.id)] == [
        "Ring Nan",
        "Plan the ending",
    ]
    services.actions.delete(first.id)
    services.sessions.delete(session_id)  # as its delete leaves its actions with the case
    assert services.actions.restore(kept).session_id is None


def test_a_template_version_goes_and_comes_back_unless_a_session_has_used_it(
    services: Services,
) -> None:
    ours = builtin_template("gibbs-reflective-cycle")

    services.templates.add_new(dataclasses.replace(ours, id="our-gibbs"))
    [version] = services.templates.own_versions("our-gibbs")
    services.templates.take_out([version])
    assert services.templates.own_versions("our-gibbs") == ()
    services.templates.put_back([version])
    assert services.templates.own_versions("our-gibbs") == (version,)
    case = services.cases.create("DD-1", "Jay")
    services.sessions.start(
        case.id,
        services.templates.get("our-gibbs"),
        title="Gibbs",
        held_on=None,
        facilitator_role="",
        participants=[],
    )
    with pytest.raises(ValidationError, match="A session has used"):
        services.templates.take_out([version])
