"""'What changed' for learning themes and outcomes, so open screens can refresh."""

from __future__ import annotations

from datetime import date

from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.events import EventInput


def _listen(services: Services) -> list[Change]:
    seen: list[Change] = []
    services.changes.subscribe(seen.append)
    return seen


def test_the_theme_vocabulary_announces_new_renamed_merged_and_deleted_themes(
    services: Services,
) -> None:
    seen = _listen(services)
    worker = services.themes.create("Consistent worker")
    camhs = services.themes.ensure("CAMHS waiting times")
    services.themes.ensure("camhs WAITING times")  # already there: nothing new
    services.themes.rename(camhs.id, "Waiting for CAMHS")
    services.themes.merge(camhs.id, worker.id)
    assert [(c.entity, c.kind, c.ids, c.case_id) for c in seen] == [
        (Entity.THEME, ChangeKind.ADDED, (worker.id,), None),
        (Entity.THEME, ChangeKind.ADDED, (camhs.id,), None),
        (Entity.THEME, ChangeKind.UPDATED, (camhs.id,), None),
        (Entity.THEME, ChangeKind.REMOVED, (camhs.id,), None),
        (Entity.THEME, ChangeKind.UPDATED, (worker.id,), None),
    ]
    # The merged name is no longer offered, but typing it still finds the survivor.
    assert services.themes.names() == ["Consistent worker"]
    found = services.themes.find("  waiting FOR camhs ")
    assert found is not None and found.id == worker.id
    assert services.themes.find("Never used") is None


def test_an_unused_theme_can_be_deleted_but_a_used_one_is_kept(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    event = services.events.add(case.id, EventInput("2019-03-10", "family", "Moved to Nan's"))
    used = services.themes.apply_to_event(event.id, "Family network")
    typo = services.themes.create("Famliy network")
    seen = _listen(services)
    assert services.themes.delete_if_unused(used.id) is False
    assert services.themes.delete_if_unused(typo.id) is True
    assert [(c.entity, c.kind, c.ids) for c in seen] == [
        (Entity.THEME, ChangeKind.REMOVED, (typo.id,)),
    ]
    reopened = reopen(services)
    try:
        assert reopened.themes.names() == ["Family network"]
        assert [t.name for t in reopened.themes.event_themes(event.id)] == ["Family network"]
    finally:
        reopened.close()


def test_outcome_changes_name_the_case_and_edge_of_care_is_a_case_change(
    services: Services,
) -> None:
    case = services.cases.create("DD-1", "Jay")
    seen = _listen(services)
    services.outcomes.set_outcome(
        case.id, "missing", start_value="12", latest_value="1", latest_measured_on=date(2023, 1, 5)
    )
    services.outcomes.clear_outcome(case.id, "missing")
    services.outcomes.set_edge_of_care(case.id, True, True)
    assert [(c.entity, c.kind, c.ids, c.case_id) for c in seen] == [
        (Entity.OUTCOME, ChangeKind.UPDATED, (case.id,), case.id),
        (Entity.OUTCOME, ChangeKind.REMOVED, (case.id,), case.id),
        (Entity.CASE, ChangeKind.UPDATED, (case.id,), case.id),
    ]
