"""The workspace's template library: versions, snapshots, import, export, field checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from workspace_helpers import reopen

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.errors import DuplicateError, ValidationError
from deepdive.services.session_results import TemplateSource
from deepdive.services.template_checks import check_template
from deepdive.storage.models import Base
from deepdive.storage.workspace import Workspace
from deepdive.templates import (
    ResponseKind,
    ResponseSpec,
    TemplateError,
    builtin_template,
    builtin_templates,
    dump_template,
    load_template_file,
)

DEEP_DIVE = "deep-dive-case-study"


@pytest.fixture
def reopened() -> Iterator[list[Services]]:
    opened: list[Services] = []
    yield opened
    for bound in opened:
        bound.close()


def rows(services: Services) -> dict[str, list[Any]]:
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(r) for r in connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def start(services: Services, case_id: int, key: str, title: str) -> int:
    return services.sessions.start(
        case_id,
        services.templates.get(key),
        title=title,
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[],
    ).id


def test_the_library_starts_with_the_builtin_templates(services: Services) -> None:
    entries = services.templates.list_templates()
    assert {e.key for e in entries} == {t.id for t in builtin_templates()}
    deep_dive = services.templates.entry(DEEP_DIVE)
    assert (deep_dive.version, deep_dive.source, deep_dive.stage_count) == (
        1,
        TemplateSource.BUILTIN,
        9,
    )
    assert deep_dive.total_minutes == 150
    assert deep_dive.sessions == 0


def test_editing_a_template_never_changes_a_past_session(
    services: Services, reopened: list[Services]
) -> None:
    case_id = services.cases.create("DD-2019-014", "Jay").id
    past = start(services, case_id, DEEP_DIVE, "March session")
    services.sessions.save_response(past, "risk", {"value": 3, "note": "Mostly the organisation."})
    original = services.templates.get(DEEP_DIVE)
    shorter = dataclasses.replace(
        original,
        stages=tuple(
            dataclasses.replace(s, title="Whose risk?", minutes=5) if s.id == "risk" else s
            for s in original.stages
            if s.id != "nwd-differently"
        ),
    )
    saved = services.templates.save_new_version(shorter)
    assert (saved.version, saved.source, saved.stage_count) == (2, TemplateSource.USER, 8)
    later = start(services, case_id, DEEP_DIVE, "June session")

    fresh = reopen(services)
    reopened.append(fresh)
    assert fresh.templates.entry(DEEP_DIVE).version == 2
    assert fresh.templates.entry(DEEP_DIVE).sessions == 2
    assert fresh.sessions.template_of(past) == original
    assert fresh.sessions.template_of(past).stage("risk").title == "Whose risk were we managing?"
    assert "nwd-differently" in fresh.sessions.template_of(past).stage_ids
    assert fresh.sessions.template_of(later).stage("risk").title == "Whose risk?"
    assert fresh.sessions.responses(past)["risk"]["value"] == 3
    assert fresh.sessions.get(past).template_version == 1
    # Version 1 stays readable from the library too.
    assert fresh.templates.get(DEEP_DIVE, 1) == original


def test_saving_an_unchanged_template_adds_no_version(services: Services) -> None:
    before = rows(services)
    entry = services.templates.save_new_version(builtin_template(DEEP_DIVE))
    assert (entry.version, entry.source) == (1, TemplateSource.BUILTIN)
    assert rows(services) == before


def test_a_copy_needs_an_id_of_its_own(services: Services) -> None:
    copy = dataclasses.replace(builtin_template("gibbs-reflective-cycle"), name="Our Gibbs")
    before = rows(services)
    with pytest.raises(DuplicateError, match="already a template with the id") as refused:
        services.templates.add_new(copy)
    assert refused.value.field == "id"
    assert rows(services) == before
    added = services.templates.add_new(dataclasses.replace(copy, id="our-gibbs", version=7))
    assert (added.key, added.version, added.name) == ("our-gibbs", 1, "Our Gibbs")
    assert services.templates.get("our-gibbs").name == "Our Gibbs"


def test_an_invalid_template_is_never_saved(services: Services) -> None:
    broken = dataclasses.replace(builtin_template(DEEP_DIVE), stages=())
    before = rows(services)
    with pytest.raises(TemplateError):
        services.templates.save_new_version(broken)
    assert rows(services) == before


def test_export_then_import_shares_a_template_between_workspaces(
    services: Services, tmp_path: Path, new_workspace: Callable[[str], Workspace]
) -> None:
    ours = dataclasses.replace(
        builtin_template("practice-visit-reflection"), id="team-visit", name="Team visit"
    )
    services.templates.add_new(ours)
    written = services.templates.export_file("team-visit", tmp_path / "team-visit")
    assert written == tmp_path / "team-visit.yaml"
    assert load_template_file(written) == dataclasses.replace(ours, version=1)
    assert not list(tmp_path.glob(".*part"))

    other = Services.for_workspace(new_workspace("other"))
    try:
        result = other.templates.import_file(written)
        assert result.added
        assert result.message == "Imported 'Team visit' (version 1)."
        assert (result.entry.key, result.entry.source) == ("team-visit", TemplateSource.IMPORTED)
        before = rows(other)
        again = other.templates.import_file(written)
        assert not again.added
        assert (
            again.message
            == "'Team visit' (version 1) is already in the library; nothing was added."
        )
        assert rows(other) == before
    finally:
        other.close()


def test_a_different_file_with_a_taken_version_is_imported_as_the_next(
    services: Services, tmp_path: Path
) -> None:
    theirs = dataclasses.replace(builtin_template(DEEP_DIVE), description="Their own wording.")
    path = tmp_path / "deep-dive.yaml"
    path.write_text(dump_template(theirs), encoding="utf-8")
    result = services.templates.import_file(path)
    assert result.entry.version == 2
    assert result.message == (
        "Imported 'Deep Dive case study session' (version 2). It was saved as version 2, "
        "because this workspace already has a different version 1."
    )
    assert services.templates.get(DEEP_DIVE).description == "Their own wording."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "format: deepdive-template/1\nid: team\nname: Team\n  version: 1\n",
            "team.yaml, line 4: this is not valid YAML",
        ),
        (
            "format: deepdive-template/1\nid: team\nname: Team\nversion: 1\n",
            "team.yaml, line 1: the template is missing 'description'",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_line_and_nothing_is_added(
    services: Services, tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "team.yaml"
    path.write_text(content, encoding="utf-8")
    before = rows(services)
    with pytest.raises(TemplateError) as refused:
        services.templates.import_file(path)
    assert str(refused.value).startswith(expected)
    assert "\n" not in str(refused.value)
    assert rows(services) == before


def test_an_export_to_a_missing_folder_says_so_and_leaves_nothing(
    services: Services, tmp_path: Path
) -> None:
    with pytest.raises(DeepDiveError, match=r"no-such-folder does not exist") as refused:
        services.templates.export_file(DEEP_DIVE, tmp_path / "no-such-folder" / "team.yaml")
    assert "Choose a folder that exists" in str(refused.value)
    assert not (tmp_path / "no-such-folder").exists()


def test_removing_a_team_template_brings_the_builtin_back_unless_a_session_used_it(
    services: Services,
) -> None:
    edited = dataclasses.replace(builtin_template(DEEP_DIVE), description="Ours.")
    services.templates.save_new_version(edited)
    services.templates.remove(DEEP_DIVE)
    assert services.templates.entry(DEEP_DIVE).source is TemplateSource.BUILTIN

    services.templates.save_new_version(edited)
    case_id = services.cases.create("DD-2019-014", "Jay").id
    start(services, case_id, DEEP_DIVE, "Used it")
    with pytest.raises(ValidationError, match="1 session used 'Deep Dive case study session'"):
        services.templates.remove(DEEP_DIVE)
    with pytest.raises(ValidationError, match="Built-in templates cannot be removed"):
        services.templates.remove("gibbs-reflective-cycle")
    assert services.templates.entry(DEEP_DIVE).description == "Ours."


# --- checks for the editor --------------------------------------------------------------


def test_every_builtin_template_passes_the_editor_checks() -> None:
    for template in builtin_templates():
        assert check_template(template) == [], template.id


def test_the_editor_checks_name_the_field_and_stage_to_fix() -> None:
    template = builtin_template(DEEP_DIVE)
    stages = list(template.stages)
    stages[0] = dataclasses.replace(stages[0], title="  ", prompts=())
    stages[1] = dataclasses.replace(stages[1], id="Opening Stage")
    stages[2] = dataclasses.replace(stages[2], id="opening")
    stages[5] = dataclasses.replace(
        stages[5], response=ResponseSpec(kind=ResponseKind.SCALE, label="Whose risk?")
    )
    stages[3] = dataclasses.replace(
        stages[3], response=ResponseSpec(kind=ResponseKind.MAP, columns=("Worries", "", "Next"))
    )
    broken = dataclasses.replace(template, name="", stages=tuple(stages))
    found = {(p.stage, p.field): p.message for p in check_template(broken)}
    assert found == {
        (None, "name"): "Give the template a name.",
        (0, "title"): "Give the stage a title.",
        (0, "prompts"): "Add at least one question to put to the room.",
        (1, "id"): "The id must be lowercase letters, digits and single hyphens, like "
        "walk-the-chronology, at most 64 characters.",
        (2, "id"): "Stage 1 already uses the id 'opening'.",
        (3, "columns"): "A map needs a heading for each of its three columns.",
        (5, "low"): "Say what 0 means.",
        (5, "high"): "Say what 10 means.",
    }
