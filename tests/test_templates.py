"""Session templates: the built-in library, the file format and its error messages."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from deepdive.errors import DeepDiveError
from deepdive.resources import resource_path
from deepdive.templates import (
    FORMAT,
    ResponseKind,
    ResponseSpec,
    Template,
    TemplateError,
    UnknownTemplateError,
    builtin_template,
    builtin_templates,
    dump_template,
    load_template_file,
    parse_template,
)

BUILTIN_FILES = sorted(resource_path("templates").glob("*.yaml"))

BUILTIN_IDS = {
    "deep-dive-case-study",
    "theory-of-change",
    "young-peoples-focus-group",
    "practice-visit-reflection",
    "signs-of-safety-mapping",
    "gibbs-reflective-cycle",
    "key-practice-episode-review",
}

# A small valid template; the malformed cases below each change one thing in it.
# Line numbers are given because the error messages must point at them.
VALID = """\
format: deepdive-template/1
id: team
name: Team reflection
version: 1
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
    minutes: 10
    response:
      kind: scale
      label: Whose risk were we managing?
      low: The organisation's
      high: The young person's
"""
#  1 format   6 stages   7 - id: opening   15 kind: text   16 - id: risk   17 title
# 22 minutes  23 response  24 kind: scale   25 label


def _replace(old: str, new: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        assert old in text, f"test set-up: {old!r} is not in the valid template"
        return text.replace(old, new, 1)

    return edit


def _from_line(line: int, new: str) -> Callable[[str], str]:
    """Replace everything from ``line`` to the end of the file."""

    def edit(text: str) -> str:
        return "".join(text.splitlines(keepends=True)[: line - 1]) + new

    return edit


def _write(tmp_path: Path, content: str | bytes, name: str = "team.yaml") -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


# -- the built-in library -----------------------------------------------------------------


def test_the_library_holds_the_seven_builtin_templates_sorted_by_name() -> None:
    templates = builtin_templates()
    assert {template.id for template in templates} == BUILTIN_IDS
    names = [template.name for template in templates]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_each_builtin_file_validates_and_is_named_after_its_id(path: Path) -> None:
    template = load_template_file(path)
    assert template.id == path.stem
    assert template.version >= 1


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_each_builtin_template_round_trips_through_dump_and_parse(path: Path) -> None:
    template = load_template_file(path)
    text = dump_template(template)
    assert text.startswith(f"format: {FORMAT}\n")
    again = parse_template(text, path.name)
    assert again == template
    assert dump_template(again) == text


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_each_builtin_template_is_one_a_facilitator_could_run(path: Path) -> None:
    template = load_template_file(path)
    assert len(template.description) > 200
    assert 3 <= len(template.stages) <= 10
    assert 45 <= template.total_minutes <= 240
    for stage in template.stages:
        assert 3 <= len(stage.prompts) <= 6, stage.id
        assert all(prompt.endswith("?") for prompt in stage.prompts), stage.id
        assert 5 <= stage.minutes <= 60, stage.id
        assert len(stage.guidance) > 150, stage.id
        assert stage.purpose.endswith("."), stage.id


@pytest.mark.parametrize("path", BUILTIN_FILES, ids=lambda path: path.stem)
def test_builtin_templates_are_written_in_british_english(path: Path) -> None:
    text = path.read_text(encoding="utf-8").lower()
    for american in ("organization", "behavior", "color", "center", "program ", "judgment"):
        assert american not in text, f"{path.name} uses the American spelling {american!r}"


def test_the_library_uses_every_response_kind() -> None:
    kinds = {stage.response.kind for t in builtin_templates() for stage in t.stages}
    assert kinds == set(ResponseKind)


def test_the_deep_dive_template_has_the_stages_the_demo_data_relies_on() -> None:
    template = builtin_template("deep-dive-case-study")
    assert [(stage.id, stage.response.kind) for stage in template.stages] == [
        ("opening", ResponseKind.TEXT),
        ("who-is-the-young-person", ResponseKind.TEXT),
        ("walk-the-chronology", ResponseKind.EVENTS),
        ("what-helped", ResponseKind.MAP),
        ("good-enough", ResponseKind.TEXT),
        ("risk", ResponseKind.SCALE),
        ("nwd-differently", ResponseKind.LIST),
        ("learning", ResponseKind.LIST),
        ("actions", ResponseKind.ACTIONS),
    ]
    assert template.stage("walk-the-chronology").response.filter == "key-episodes"
    assert template.stage("what-helped").response.columns == (
        "What helped",
        "What did not help",
        "What was missing",
    )
    risk = template.stage("risk").response
    assert risk.label == "Were we managing risk to the young person, or risk to the organisation?"
    assert (risk.low, risk.high) == ("Risk to the organisation", "Risk to the young person")
    assert template.stage("good-enough").title == "Would this be good enough for my child?"
    assert template.total_minutes == 150


def test_the_signs_of_safety_template_has_the_three_questions_and_the_scale() -> None:
    template = builtin_template("signs-of-safety-mapping")
    maps = [s.response for s in template.stages if s.response.kind is ResponseKind.MAP]
    assert [spec.columns for spec in maps] == [
        ("What are we worried about?", "What's working well?", "What needs to happen?")
    ]
    (scale,) = [s.response for s in template.stages if s.response.kind is ResponseKind.SCALE]
    assert scale.low is not None and "must act" in scale.low
    assert scale.high is not None and "close" in scale.high


def test_an_unknown_builtin_template_id_names_the_ones_there_are() -> None:
    with pytest.raises(UnknownTemplateError) as caught:
        builtin_template("deep-dive")
    message = str(caught.value)
    assert message.startswith("There is no built-in template 'deep-dive'.")
    assert "deep-dive-case-study" in message
    assert isinstance(caught.value, DeepDiveError)
    assert isinstance(caught.value, LookupError)


# -- the model ----------------------------------------------------------------------------


def test_total_minutes_is_the_planned_length_if_given_else_the_sum_of_the_stages() -> None:
    template = parse_template(VALID, "team.yaml")
    assert template.planned_minutes is None
    assert template.total_minutes == 20
    planned = parse_template(VALID.replace("stages:", "total_minutes: 45\nstages:"), "x")
    assert planned.total_minutes == 45


def test_stage_lookup_by_id() -> None:
    template = parse_template(VALID, "team.yaml")
    assert template.stage_ids == ("opening", "risk")
    assert template.stage("risk").title == "Whose risk?"
    with pytest.raises(KeyError, match="has no stage 'nope'"):
        template.stage("nope")


def test_text_is_read_as_written_not_as_a_yaml_type() -> None:
    template = parse_template(VALID.replace("title: Opening", "title: Yes"), "team.yaml")
    assert template.stages[0].title == "Yes"


# -- reading files ------------------------------------------------------------------------


def test_a_file_with_windows_line_endings_and_a_byte_order_mark_loads(tmp_path: Path) -> None:
    original = resource_path("templates", "deep-dive-case-study.yaml").read_text(encoding="utf-8")
    windows = "\ufeff" + original.replace("\n", "\r\n")
    path = _write(tmp_path, windows.encode("utf-8"))
    assert load_template_file(path) == builtin_template("deep-dive-case-study")


def test_awkward_text_round_trips_exactly() -> None:
    template = parse_template(VALID, "team.yaml")
    awkward = [
        "yes",
        "null",
        "42",
        "'quoted' and \"double quoted\"",
        "key: value # not a comment",
        "- looks like a list",
        "line one\n\n  indented line\nlast line",
        "tab\tand bell\x07 and NEL\x85 and LS\u2028 end",
        "Unicode — “curly” 🙂 café",
    ]
    stage = dataclasses.replace(template.stages[0], title=awkward[0], prompts=tuple(awkward))
    changed = dataclasses.replace(template, name="Colon: here", stages=(stage,))
    assert parse_template(dump_template(changed), "x") == changed


def test_dump_refuses_a_template_that_could_not_be_read_back() -> None:
    template = parse_template(VALID, "team.yaml")
    bad_map = ResponseSpec(kind=ResponseKind.MAP, columns=("One", "Two"))
    stage = dataclasses.replace(template.stages[0], response=bad_map)
    broken: Template = dataclasses.replace(template, stages=(stage,))
    with pytest.raises(TemplateError, match="a map needs exactly 3 column headings"):
        dump_template(broken)


def test_template_errors_are_deepdive_errors_that_keep_the_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, VALID.replace("version: 1", "version: 0"))
    with pytest.raises(DeepDiveError) as caught:
        load_template_file(path)
    error = caught.value
    assert isinstance(error, TemplateError)
    assert (error.source, error.line) == ("team.yaml", 4)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"^absent\.yaml: the file cannot be read \("):
        load_template_file(tmp_path / "absent.yaml")


MALFORMED: list[tuple[str, Callable[[str], str], str]] = [
    (
        "bad YAML syntax",
        _replace("    title: Whose risk?\n", "    title: Risk: whose?\n"),
        "line 17: this is not valid YAML: a ':' is in the wrong place; "
        "if a value contains ': ', put the value in quotes",
    ),
    (
        "a tab used for indentation",
        _replace("    title: Whose risk?\n", "\ttitle: Whose risk?\n"),
        "line 17: this is not valid YAML: found a tab; indent with spaces, not tabs",
    ),
    (
        "an unclosed quote",
        _replace("purpose: Set the scene.", 'purpose: "Set the scene.'),
        "line 9: this is not valid YAML: a quote is opened but not closed",
    ),
    (
        "a missing stage field",
        _replace(
            "    minutes: 10\n    response:\n      kind: scale", "    response:\n      kind: scale"
        ),
        "line 16: stage 'risk' is missing 'minutes'",
    ),
    (
        "a missing template field",
        _replace("name: Team reflection\n", ""),
        "line 1: the template is missing 'name'",
    ),
    (
        "an unknown key",
        _replace("    title: Whose risk?\n", "    titel: Whose risk?\n"),
        "line 17: unknown key 'titel' in stage 'risk' (did you mean 'title'?)",
    ),
    (
        "an unknown response kind",
        _replace("kind: scale", "kind: slider"),
        "line 24: stage 'risk' has an unknown response kind 'slider' "
        "(expected one of: text, list, scale, map, events, actions)",
    ),
    (
        "duplicate stage ids",
        _replace("id: risk", "id: opening"),
        "line 16: stage id 'opening' is used twice (first on line 7)",
    ),
    (
        "a stage id with spaces and capitals",
        _replace("id: risk", "id: Risk Scale"),
        "line 16: stage id 'Risk Scale' must be lowercase letters, digits and single '-' "
        "between them, like 'walk-the-chronology' (at most 64 characters)",
    ),
    (
        "minutes out of range",
        _replace(
            "    minutes: 10\n    response:\n      kind: scale",
            "    minutes: 0\n    response:\n      kind: scale",
        ),
        "line 22: 'minutes' in stage 'risk' must be a whole number from 1 to 240, not 0",
    ),
    (
        "minutes that are not a number",
        _replace(
            "    minutes: 10\n    response:\n      kind: text",
            "    minutes: ten\n    response:\n      kind: text",
        ),
        "line 13: 'minutes' in stage 'opening' must be a whole number, not 'ten'",
    ),
    (
        "a map with two columns",
        _replace(
            "      kind: text\n",
            "      kind: map\n      columns:\n        - Worries\n        - Strengths\n",
        ),
        "line 16: the map response of stage 'opening' has 2 columns; "
        "a map needs exactly 3 column headings",
    ),
    (
        "a key that belongs to another response kind",
        _replace("      kind: text\n", "      kind: text\n      columns: [A, B, C]\n"),
        "line 16: the text response of stage 'opening' does not take 'columns' "
        "(it takes only placeholder)",
    ),
    (
        "a scale without a label",
        _replace("      label: Whose risk were we managing?\n", ""),
        "line 24: the scale response of stage 'risk' is missing 'label' "
        "(the question the 0–10 number answers)",
    ),
    (
        "a wrong format string",
        _replace("format: deepdive-template/1", "format: deepdive-template/2"),
        "line 1: 'format' is 'deepdive-template/2', "
        "but this version of DeepDive reads only 'deepdive-template/1'",
    ),
    (
        "no format line",
        _replace("format: deepdive-template/1\n", "# A team template\n"),
        "line 2: the template is missing 'format' "
        "(the first line should be 'format: deepdive-template/1')",
    ),
    (
        "version 0",
        _replace("version: 1", "version: 0"),
        "line 4: 'version' in the template must be a whole number of 1 or more, not 0",
    ),
    (
        "a version written as text",
        _replace("version: 1", "version: '1'"),
        "line 4: 'version' in the template must be a whole number, not the quoted text '1'",
    ),
    (
        "a repeated key",
        _replace("name: Team reflection\n", "name: Team reflection\nname: Another name\n"),
        "line 4: 'name' appears twice in the template (first on line 3)",
    ),
    (
        "prompts given as text, not a list",
        _replace(
            "    prompts:\n      - Whose risk were we managing?\n", "    prompts: Whose risk?\n"
        ),
        "line 20: 'prompts' in stage 'risk' must be a list, not 'Whose risk?'",
    ),
    (
        "an empty title",
        _replace("    title: Whose risk?\n", "    title: ''\n"),
        "line 17: 'title' in stage 'risk' must not be empty",
    ),
    (
        "no stages",
        _from_line(6, "stages: []\n"),
        "line 6: 'stages' in the template needs at least one stage",
    ),
    (
        "a stage that is not a mapping",
        _from_line(6, "stages:\n  - opening\n"),
        "line 7: stage 1 must be a mapping with keys such as 'id' and 'title', not 'opening'",
    ),
    (
        "an events filter that does not exist",
        _replace("      kind: text\n", "      kind: events\n      filter: everything\n"),
        "line 16: the events response of stage 'opening' has an unknown filter 'everything' "
        "(the only filter is 'key-episodes')",
    ),
    (
        "a control character",
        _replace("Think about who", "Think \x07 about who"),
        "line 18: the file contains a control character (U+0007); remove it",
    ),
    (
        "two YAML documents",
        lambda text: text + "---\nformat: deepdive-template/1\n",
        "line 28: this is not valid YAML: a template is one YAML document, but another starts here",
    ),
]


@pytest.mark.parametrize(
    ("edit", "expected"),
    [pytest.param(edit, expected, id=name) for name, edit, expected in MALFORMED],
)
def test_a_malformed_template_gives_one_line_naming_the_file_and_line(
    tmp_path: Path, edit: Callable[[str], str], expected: str
) -> None:
    path = _write(tmp_path, edit(VALID))
    with pytest.raises(TemplateError) as caught:
        load_template_file(path)
    message = str(caught.value)
    assert message == f"team.yaml, {expected}"
    assert "\n" not in message
    line = int(re.match(r"team\.yaml, line (\d+): ", message).group(1))  # type: ignore[union-attr]
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(
            b"",
            "line 1: the file is empty; a template starts with 'format: deepdive-template/1'",
            id="empty file",
        ),
        pytest.param(
            b"  \n# only a comment\n\n",
            "line 1: the file is empty; a template starts with 'format: deepdive-template/1'",
            id="only a comment",
        ),
        pytest.param(
            b"format: deepdive-template/1\nid: team\nname: Caf\xe9 reflection\n",
            "line 3: the file is not UTF-8 text (byte 0xe9 cannot be read); "
            "save it as UTF-8 and try again",
            id="not UTF-8",
        ),
        pytest.param(
            b"- format: deepdive-template/1\n- id: team\n",
            "line 1: the top level must be a mapping with keys such as 'format', 'id' and "
            "'stages', not a list",
            id="top level a list",
        ),
        pytest.param(
            b"\n\nJust some notes about a session.\n",
            "line 3: the top level must be a mapping with keys such as 'format', 'id' and "
            "'stages', not 'Just some notes about a session.'",
            id="top level text",
        ),
    ],
)
def test_a_file_that_is_not_a_template_at_all_is_refused_clearly(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = _write(tmp_path, content)
    with pytest.raises(TemplateError) as caught:
        load_template_file(path)
    assert str(caught.value) == f"team.yaml, {expected}"


def test_parse_names_the_source_it_is_given() -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(VALID.replace("kind: scale", "kind: slider"), "shared/team.yaml")
    assert str(caught.value).startswith("shared/team.yaml, line 24: stage 'risk' has an unknown")
