"""Outcomes per case in the No Wrong Door domains, and the edge-of-care result."""

from __future__ import annotations

from datetime import date

import pytest
from workspace_helpers import reopen

from deepdive.services import Services
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.outcomes import OutcomeDomain


def test_every_practice_domain_is_offered_with_a_hint() -> None:
    labels = [d.label for d in OutcomeDomain]
    for wanted in (
        "Accommodation",
        "moves",
        "Education, employment or training",
        "Offending",
        "Missing episodes",
        "sexual exploitation",
        "Substance misuse",
        "wellbeing and resilience",
    ):
        assert any(wanted in label for label in labels), wanted
    assert all(d.hint for d in OutcomeDomain)


def test_outcomes_are_recorded_in_canonical_form_and_kept(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.outcomes.set_outcome(
        case.id,
        "accommodation",
        start_value="Independent Residential",
        latest_value="with wider family",
        start_measured_on=date(2019, 1, 1),
        latest_measured_on=date(2021, 6, 30),
        note="Moved to Nan's.",
    )
    services.outcomes.set_outcome(
        case.id, OutcomeDomain.MISSING, start_value="12", latest_value="02"
    )
    services.outcomes.set_outcome(case.id, "moves", start_value="4", latest_value="0")
    services.outcomes.set_outcome(case.id, "cse_risk", start_value="HIGH", latest_value="low")
    # Recording a domain again replaces it.
    services.outcomes.set_outcome(case.id, "missing", start_value="12", latest_value="1")
    reopened = reopen(services)
    try:
        found = {o.domain: o for o in reopened.outcomes.list_for_case(case.id)}
    finally:
        reopened.close()
    assert list(found) == [
        OutcomeDomain.ACCOMMODATION,
        OutcomeDomain.MOVES,
        OutcomeDomain.MISSING,
        OutcomeDomain.CSE_RISK,
    ]
    home = found[OutcomeDomain.ACCOMMODATION]
    assert (home.start_value, home.latest_value, home.note) == (
        "independent residential",
        "with wider family",
        "Moved to Nan's.",
    )
    assert (home.start_measured_on, home.latest_measured_on) == (
        date(2019, 1, 1),
        date(2021, 6, 30),
    )
    assert (
        found[OutcomeDomain.MISSING].start_value,
        found[OutcomeDomain.MISSING].latest_value,
    ) == (
        "12",
        "1",
    )
    assert found[OutcomeDomain.CSE_RISK].start_value == "high"


@pytest.mark.parametrize(
    ("domain", "value", "message"),
    [
        ("accommodation", "a tent", "'a tent' is not one of: family home"),
        ("missing", "lots", "'lots' is not a whole number of episodes"),
        ("missing", "-3", "'-3' is not a whole number"),
        ("wellbeing", "11", "'11' is not a score from 0 to 10"),
        ("substance", "extreme", "'extreme' is not one of: none, low"),
        ("weather", "sunny", "'weather' is not an outcome domain"),
    ],
)
def test_a_bad_value_is_refused_and_the_old_one_kept(
    services: Services, domain: str, value: str, message: str
) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.outcomes.set_outcome(case.id, "missing", start_value="3", latest_value="1")
    with pytest.raises(ValidationError, match=message):
        services.outcomes.set_outcome(case.id, domain, start_value="", latest_value=value)
    kept = services.outcomes.list_for_case(case.id)
    assert [(o.domain, o.start_value, o.latest_value) for o in kept] == [
        (OutcomeDomain.MISSING, "3", "1")
    ]


def test_latest_before_start_is_refused(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    with pytest.raises(ValidationError, match="is before the start"):
        services.outcomes.set_outcome(
            case.id,
            "offending",
            start_value="2",
            latest_value="0",
            start_measured_on=date(2021, 1, 1),
            latest_measured_on=date(2020, 1, 1),
        )
    assert services.outcomes.list_for_case(case.id) == []


def test_clearing_and_unknown_cases(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.outcomes.set_outcome(case.id, "wellbeing", start_value="3", latest_value="7")
    services.outcomes.clear_outcome(case.id, "wellbeing")
    assert services.outcomes.list_for_case(case.id) == []
    with pytest.raises(NotFoundError):
        services.outcomes.set_outcome(999, "wellbeing", start_value="3")
    with pytest.raises(NotFoundError):
        services.outcomes.list_for_case(999)


def test_edge_of_care_result_only_for_edge_of_care_cases(services: Services) -> None:
    case = services.cases.create("DD-1", "Jay")
    assert services.outcomes.edge_of_care(case.id).edge_of_care is False
    services.outcomes.set_edge_of_care(case.id, True, True)
    result = services.outcomes.edge_of_care(case.id)
    assert (result.edge_of_care, result.stayed_with_family) == (True, True)
    assert services.cases.get(case.id).edge_of_care is True
    # Not on the edge of care: there is no "stayed at home" result to keep.
    services.outcomes.set_edge_of_care(case.id, False, True)
    result = services.outcomes.edge_of_care(case.id)
    assert (result.edge_of_care, result.stayed_with_family) == (False, None)


def test_unticking_edge_of_care_on_the_overview_also_drops_the_stayed_at_home_result(
    services: Services,
) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.outcomes.set_edge_of_care(case.id, True, True)
    services.cases.update(case.id, edge_of_care=False)
    result = services.outcomes.edge_of_care(case.id)
    assert (result.edge_of_care, result.stayed_with_family) == (False, None)
