"""``deepdive templates``: list, validate, import and export, run as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive

from deepdive.resources import resource_path
from deepdive.templates import builtin_template, load_template_file

BUILTIN_IDS = [
    "deep-dive-case-study",
    "gibbs-reflective-cycle",
    "key-practice-episode-review",
    "practice-visit-reflection",
    "signs-of-safety-mapping",
    "theory-of-change",
    "young-peoples-focus-group",
]

VALID = """\
format: deepdive-template/1
id: team
name: Team reflection
version: 3
description: A short reflection for a team meeting.
stages:
  - id: opening
    title: Opening
    purpose: Set the scene.
    guidance: Welcome everyone and agree the ground rules.
    prompts:
      - Why are we here?
    minutes: 10
    response:
      kind: text
  - id: risk
    title: Whose risk?
    purpose: Think about who our decisions protect.
    guidance: Take two or three decisions from the chronology.
    prompts:
      - Whose risk were we managing?
    minutes: 15
    response:
      kind: scale
      label: Whose risk were we managing?
      low: The organisation's
      high: The young person's
"""


def test_list_shows_the_builtin_templates_without_creating_a_workspace(tmp_path: Path) -> None:
    result = run_deepdive("templates", "list", data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    assert header.split() == ["ID", "VERSION", "SOURCE", "STAGES", "MINUTES", "NAME"]
    assert sorted(row.split()[0] for row in rows) == BUILTIN_IDS
    deep_dive = next(row for row in rows if row.startswith("deep-dive-case-study"))
    assert deep_dive.split()[1:5] == ["1", "builtin", "9", "150"]
    assert list(tmp_path.glob("**/*.deepdive")) == []


def test_validate_reports_a_good_file_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(VALID, encoding="utf-8")
    result = run_deepdive("templates", "validate", path, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "team.yaml: valid — 'Team reflection' (team, version 3), 2 stages, 25 minutes\n"
    )


def test_every_builtin_file_validates_from_the_command_line(tmp_path: Path) -> None:
    files = sorted(resource_path("templates").glob("*.yaml"))
    result = run_deepdive("templates", "validate", *files, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == len(BUILTIN_IDS)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "name: Team reflection\n",
            "name: [Team reflection\n",
            "team.yaml, line 4: this is not valid YAML: expected ',' or ']', but got ':' "
            "(while parsing a flow sequence on line 3)",
        ),
        (
            "    purpose: Set the scene.\n",
            "",
            "team.yaml, line 7: stage 'opening' is missing 'purpose'",
        ),
        (
            "      kind: text\n",
            "      kind: slider\n",
            "team.yaml, line 15: stage 'opening' has an unknown response kind 'slider' "
            "(expected one of: text, list, scale, map, events, actions)",
        ),
        (
            "  - id: risk\n",
            "  - id: opening\n",
            "team.yaml, line 16: stage id 'opening' is used twice (first on line 7)",
        ),
    ],
    ids=["bad-yaml", "missing-field", "unknown-kind", "duplicate-stage-id"],
)
def test_a_malformed_template_is_refused_with_its_file_and_line(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in VALID
    path = tmp_path / "team.yaml"
    path.write_text(VALID.replace(old, new, 1), encoding="utf-8")
    result = run_deepdive("templates", "validate", path, data_dir=tmp_path)
    line = refusal(result)
    assert line == f"deepdive: {expected}"
    assert result.stdout == ""


def test_import_then_list_then_export_a_shared_template(tmp_path: Path) -> None:
    workspace = tmp_path / "team.deepdive"
    path = tmp_path / "team.yaml"
    path.write_text(VALID, encoding="utf-8")
    imported = run_deepdive(
        "templates", "import", path, "--workspace", workspace, data_dir=tmp_path
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout == "Imported 'Team reflection' (version 3).\n"

    listed = run_deepdive(
        "templates", "list", "--json", "--workspace", workspace, data_dir=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    entries = {entry["id"]: entry for entry in json.loads(listed.stdout)}
    assert entries["team"] == {
        "id": "team",
        "name": "Team reflection",
        "version": 3,
        "source": "imported",
        "stages": 2,
        "minutes": 25,
        "sessions": 0,
    }
    assert len(entries) == len(BUILTIN_IDS) + 1

    out = tmp_path / "shared" / "deep-dive.yaml"
    out.parent.mkdir()
    exported = run_deepdive(
        "templates", "export", "deep-dive-case-study", "--out", out,
        "--workspace", workspace, data_dir=tmp_path,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr
    assert load_template_file(out) == builtin_template("deep-dive-case-study")


def test_importing_a_malformed_file_adds_nothing(tmp_path: Path) -> None:
    workspace = tmp_path / "team.deepdive"
    path = tmp_path / "team.yaml"
    path.write_text(VALID.replace("minutes: 15", "minutes: 0"), encoding="utf-8")
    result = run_deepdive("templates", "import", path, "--workspace", workspace, data_dir=tmp_path)
    assert refusal(result) == (
        "deepdive: team.yaml, line 22: 'minutes' in stage 'risk' must be a whole number "
        "from 1 to 240, not 0"
    )
    listed = run_deepdive(
        "templates", "list", "--json", "--workspace", workspace, data_dir=tmp_path
    )
    assert "team" not in {entry["id"] for entry in json.loads(listed.stdout)}


def test_exporting_an_unknown_template_says_which_there_are_not(tmp_path: Path) -> None:
    workspace = tmp_path / "team.deepdive"
    result = run_deepdive(
        "templates", "export", "deep-dive", "--out", tmp_path / "x.yaml",
        "--workspace", workspace, data_dir=tmp_path,
    )  # fmt: skip
    assert refusal(result) == (
        "deepdive: There is no template 'deep-dive' in this workspace's library."
    )
    assert not (tmp_path / "x.yaml").exists()
