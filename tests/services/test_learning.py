"""Learning across cases: counts and outcome figures checked against known answers."""

from __future__ import annotations

from datetime import date

import pytest
from learning_workspace import build

from deepdive.services import Services
from deepdive.services.learning import (
    LearningFilter,
    LearningSummary,
    is_suppressed,
    suppress,
)
from deepdive.services.learning_charts import learning_charts
from deepdive.services.outcomes import OutcomeDomain
from deepdive.services.suppression import share


@pytest.fixture
def ids(services: Services) -> dict[str, int]:
    return build(services)


def _themes(summary: LearningSummary) -> dict[str, tuple[int, int, int]]:
    return {t.name: (t.uses, t.cases, t.key_episodes) for t in summary.themes}


def test_theme_counts_across_the_workspace(services: Services, ids: dict[str, int]) -> None:
    summary = services.learning.summary()
    assert summary.cases == 6  # the archived case is left out
    # Consistent worker: twice in C1, once in C2, C3, C4, C5; four of them key episodes.
    assert _themes(summary) == {
        "Consistent worker": (6, 5, 4),
        "CAMHS waiting times": (2, 2, 0),  # an event in C3 and a session response in C7
    }
    assert [t.name for t in summary.themes] == ["Consistent worker", "CAMHS waiting times"]


def test_the_cases_and_episodes_behind_a_count(services: Services, ids: dict[str, int]) -> None:
    summary = services.learning.summary()
    consistent = summary.themes[0]
    behind = services.learning.occurrences(consistent.theme_id)
    assert [(o.case_code, o.kind, o.when, o.key_episode) for o in behind] == [
        ("C1", "event", date(2019, 3, 10), True),
        ("C1", "event", date(2021, 6, 1), False),
        ("C2", "event", date(2019, 3, 10), True),
        ("C3", "event", date(2019, 3, 10), True),
        ("C4", "event", date(2019, 3, 10), True),
        ("C5", "event", date(2021, 6, 1), False),
    ]
    assert behind[0].label == "2019-03-10: C1 moved in a hurry."
    assert len({o.case_id for o in behind}) == consistent.cases
    camhs = services.learning.occurrences(summary.themes[1].theme_id)
    assert [(o.case_code, o.kind, o.label) for o in camhs] == [
        ("C3", "event", "2021-06-01: C3 met the hub team."),
        ("C7", "response", "Deep Dive — what helped"),
    ]


def test_filters_by_time_window_status_tags_and_archive(
    services: Services, ids: dict[str, int]
) -> None:
    window = services.learning.summary(LearningFilter(date(2020, 1, 1), date(2021, 12, 31)))
    assert _themes(window) == {"Consistent worker": (2, 2, 0), "CAMHS waiting times": (1, 1, 0)}
    final = services.learning.summary(LearningFilter(statuses=frozenset({"final"})))
    assert final.cases == 5
    assert _themes(final)["Consistent worker"] == (5, 4, 4)
    tagged = services.learning.summary(LearningFilter(tags=frozenset({"HUB"})))
    assert tagged.cases == 3  # C1, C2, C4 (tags match ignoring case; C6 is archived)
    assert _themes(tagged) == {"Consistent worker": (4, 3, 3)}
    everything = services.learning.summary(LearningFilter(include_archived=True))
    assert everything.cases == 7
    assert _themes(everything)["Consistent worker"] == (7, 6, 5)
    assert everything.edge_of_care_cases == 6


def test_outcome_changes_across_cases(services: Services, ids: dict[str, int]) -> None:
    summary = services.learning.summary()
    # Edge of care: C1–C5 known (C6 archived); four stayed at home or with family.
    assert (summary.edge_of_care_cases, summary.stayed_with_family) == (5, 4)
    assert summary.stayed_share == pytest.approx(0.8)
    # Missing episodes before and since hub support, C1–C5.
    assert (summary.missing_cases, summary.missing_before, summary.missing_after) == (5, 23, 10)
    placements = {p.place: (p.at_start, p.now) for p in summary.placements}
    assert placements == {
        "independent residential": (2, 0),
        "foster care": (1, 1),
        "hub residential": (1, 1),
        "family home": (0, 2),
    }
    assert summary.placement_cases == 4
    changes = {c.domain: (c.cases, c.improved, c.same, c.worse) for c in summary.changes}
    assert changes == {
        OutcomeDomain.MISSING: (5, 3, 1, 1),
        OutcomeDomain.WELLBEING: (3, 1, 1, 1),
    }


def test_time_window_counts_outcomes_measured_in_it(
    services: Services, ids: dict[str, int]
) -> None:
    summary = services.learning.summary(LearningFilter(date(2021, 1, 1), date(2022, 12, 31)))
    # C5's missing episodes were last measured in 2020.
    assert (summary.missing_cases, summary.missing_before, summary.missing_after) == (4, 20, 9)


@pytest.mark.parametrize(
    ("cases", "threshold", "shown"),
    [
        (4, 5, "fewer than 5"),
        (5, 5, "5"),
        (1, 5, "fewer than 5"),
        (0, 5, "0"),
        (6, 5, "6"),
        (9, 10, "fewer than 10"),
        (1, 1, "1"),
    ],
)
def test_suppression_at_the_threshold(cases: int, threshold: int, shown: str) -> None:
    assert suppress(str(cases), cases, threshold) == shown
    assert is_suppressed(cases, threshold) is (shown.startswith("fewer"))


def test_suppression_of_a_share_follows_the_cases_it_is_drawn_from() -> None:
    assert suppress("75%", 4) == "fewer than 5"
    assert suppress("80%", 5) == "80%"
    with pytest.raises(ValueError, match="at least 1"):
        suppress("3", 3, 0)


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (18, 20, "not shown (a group of fewer than 5)"),  # 2 did not stay
        (15, 20, "75%"),
        (5, 10, "50%"),
        (4, 10, "not shown (a group of fewer than 5)"),
        (5, 5, "100%"),  # nobody on the other side to give away
        (0, 0, "no cases"),
    ],
)
def test_a_share_is_hidden_when_either_side_is_small(part: int, whole: int, shown: str) -> None:
    assert share(part, whole) == shown


def test_exported_charts_hide_small_numbers(services: Services, ids: dict[str, int]) -> None:
    summary = services.learning.summary()
    shown = {c.key: c for c in learning_charts(summary, None)}
    hidden = {c.key: c for c in learning_charts(summary, 5)}
    assert shown["themes"].series[0].values == (5, 2)
    assert hidden["themes"].series[0].values == (5, None)
    assert "CAMHS waiting times: fewer than 5" in hidden["themes"].alt
    assert hidden["edge_of_care"].series[0].values == (None, None)  # 4 stayed, 1 did not
    assert hidden["missing"].series[0].values == (23, 10)  # drawn from 5 young people
    assert hidden["placements"].bar_count == 8
    assert all(v is None or v == 0 for s in hidden["placements"].series for v in s.values)


def test_an_empty_workspace_has_nothing_to_count(services: Services) -> None:
    summary = services.learning.summary()
    assert (summary.cases, summary.themes, summary.placements, summary.stayed_share) == (
        0,
        [],
        [],
        None,
    )
    assert all(chart.empty for chart in learning_charts(summary, 5))
    assert services.learning.key_episodes() == []


def test_key_episode_excerpts_carry_their_themes(services: Services, ids: dict[str, int]) -> None:
    episodes = services.learning.key_episodes()
    assert sorted(e.case_code for e in episodes) == ["C1", "C2", "C3", "C4"]
    assert all(e.themes == ("Consistent worker",) for e in episodes)
    assert len(services.learning.key_episodes(limit=2)) == 2


def test_going_back_into_education_counts_as_better(services: Services) -> None:
    for code, start, latest in (
        ("E1", "part-time", "in education, employment or training"),
        ("E2", "not in education, employment or training", "part-time"),
        ("E3", "in education, employment or training", "not in education, employment or training"),
    ):
        case = services.cases.create(code, f"YP {code}")
        services.outcomes.set_outcome(case.id, "education", start_value=start, latest_value=latest)
    [education] = services.learning.summary().changes
    assert (education.cases, education.improved, education.same, education.worse) == (3, 2, 0, 1)
