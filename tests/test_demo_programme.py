"""The demo programme: a dozen further fictional cases and the programme's own measures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run_deepdive
from demo_programme import copy_of, programme_workspace_file

from deepdive.demo import add_demo_case, add_demo_programme, programme_files, programme_present
from deepdive.services import Services
from deepdive.services.learning import LearningFilter


@pytest.fixture(scope="module")
def programme_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return programme_workspace_file(tmp_path_factory.mktemp("programme"))


@pytest.fixture
def programme(programme_file: Path, tmp_path: Path) -> Iterator[Services]:
    services = copy_of(programme_file, tmp_path)
    yield services
    services.close()


def test_the_programme_holds_thirteen_varied_cases_each_with_its_story_told(
    programme: Services,
) -> None:
    rows = programme.cases.list_cases()
    assert sorted(r.code for r in rows) == [f"DEMO-{n:03}" for n in range(1, 14)]
    assert len({r.pseudonym for r in rows}) == 13
    cases = [programme.cases.get(r.id) for r in rows]
    assert len({c.birth_text[:4] for c in cases}) >= 5  # different ages
    assert {c.status for c in cases} >= {"final", "draft"}  # some still open
    assert all(r.session_count >= 1 and r.event_count >= 5 for r in rows)
    for case in cases:
        assert programme.outcomes.list_for_case(case.id), case.code
    stories = programme.stories.for_cases(c.id for c in cases)
    assert len(stories) >= 10
    assert all("DEMO" not in s.text for s in stories)  # told by pseudonym, not code


def test_the_learning_view_has_real_figures_and_outcomes_good_and_bad(
    programme: Services,
) -> None:
    summary = programme.learning.summary(LearningFilter())
    assert summary.cases == 13
    assert len([t for t in summary.themes if t.cases >= 5]) >= 5
    assert summary.edge_of_care_cases >= 9
    assert 0 < summary.stayed_with_family < summary.edge_of_care_cases  # not all went well
    assert summary.missing_after < summary.missing_before
    assert any(change.worse for change in summary.changes)


def test_the_programme_measures_tell_the_residential_story(programme: Services) -> None:
    measure = programme.measures.find("Residential placements commissioned")
    assert measure is not None and measure.unit == "placements"
    first, last = measure.values[0], measure.values[-1]
    assert (str(first.when), first.figure) == ("2017-07", "46")
    assert (str(last.when), last.figure) == ("2019-09", "25")
    assert all(v.source for v in measure.values)


def test_adding_the_programme_keeps_what_is_there_and_adds_nothing_twice(
    services: Services,
) -> None:
    jay = add_demo_case(services)
    services.cases.update(jay.id, summary="Our own notes on Jay.")
    first = add_demo_programme(services)
    assert [c.code for c in first.added] == [p.stem for p in programme_files()][1:]
    assert (first.already_there, first.measures_added) == (1, 2)
    assert services.cases.find("DEMO-001").summary == "Our own notes on Jay."
    assert programme_present(services)
    again = add_demo_programme(services)
    assert (again.added, again.already_there, again.measures_added) == ((), 13, 0)
    assert len(services.measures.list_measures()) == 2


def test_command_line_adds_the_programme_and_the_workspace_checks_clean(
    tmp_path: Path,
) -> None:
    workspace = tmp_path / "demo.deepdive"
    added = run_deepdive("--workspace", workspace, "demo", "--programme", data_dir=tmp_path)
    assert added.returncode == 0, added.stderr
    assert "13 cases (DEMO-001 to DEMO-013)" in added.stdout
    assert "2 programme measures" in added.stdout
    again = run_deepdive("--workspace", workspace, "demo", "--programme", data_dir=tmp_path)
    assert again.returncode == 0 and "already in" in again.stdout
    checked = run_deepdive("--workspace", workspace, "check", data_dir=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert "no problems found (13 cases" in checked.stdout
