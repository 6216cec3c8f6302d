"""Reading and writing session template files, format ``deepdive-template/1``.

The format is described in docs/template-format.md.

Every problem is a :class:`TemplateError` whose message is one line,
``"{source}, line {n}: {what is wrong}"``, so the CLI can print it as it is and the
editor can show it next to the line.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from deepdive.templates._nodes import (
    Fields,
    Reader,
    TemplateError,
    compose,
    describe,
    line_of,
    shown,
)
from deepdive.templates.model import (
    KEY_EPISODES_FILTER,
    ResponseKind,
    ResponseSpec,
    Stage,
    Template,
)

__all__ = ["FORMAT", "TemplateError", "dump_template", "load_template_file", "parse_template"]

FORMAT = "deepdive-template/1"
MAX_STAGE_MINUTES = 240
MAX_TOTAL_MINUTES = 24 * 60
MAX_FILE_BYTES = 1_000_000
"""Far above any real template; a bigger file is something else offered by mistake."""
MAP_COLUMNS = 3

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ID_MAX = 64
_ID_RULE = "lowercase letters, digits and single '-' between them, like 'walk-the-chronology'"

_TEMPLATE_KEYS = (
    "format",
    "id",
    "name",
    "version",
    "description",
    "audience",
    "total_minutes",
    "stages",
)
_STAGE_KEYS = ("id", "title", "purpose", "guidance", "prompts", "minutes", "response")
_EXTRAS: dict[ResponseKind, tuple[str, ...]] = {
    ResponseKind.TEXT: ("placeholder",),
    ResponseKind.LIST: ("item_label",),
    ResponseKind.SCALE: ("label", "low", "high"),
    ResponseKind.MAP: ("columns",),
    ResponseKind.EVENTS: ("filter",),
    ResponseKind.ACTIONS: (),
}
_ALL_EXTRAS = tuple(dict.fromkeys(key for keys in _EXTRAS.values() for key in keys))
_KIND_VALUES = frozenset(kind.value for kind in ResponseKind)
_KINDS = ", ".join(kind.value for kind in ResponseKind)


def load_template_file(path: str | Path) -> Template:
    """Read and check one template file; errors name the file by its file name."""
    path = Path(path)
    source = path.name
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise TemplateError(
            f"{source}: the file cannot be read ({reason})", source=source
        ) from None
    reader = Reader(source)
    if len(data) > MAX_FILE_BYTES:
        raise reader.fail(1, "the file is too large to be a template (over 1 MB)")
    try:
        # utf-8-sig: Notepad and Word add a byte-order mark that is not part of the text.
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise reader.fail(
            line,
            f"the file is not UTF-8 text (byte {data[exc.start]:#04x} cannot be read); "
            "save it as UTF-8 and try again",
        ) from None
    return parse_template(text, source)


def parse_template(text: str, source: str) -> Template:
    """Parse and check a template; ``source`` names the text in error messages."""
    reader = Reader(source)
    root = compose(reader, text) if text.strip() else None
    if root is None:
        raise reader.fail(1, f"the file is empty; a template starts with 'format: {FORMAT}'")
    if not isinstance(root, MappingNode):
        raise reader.fail_at(
            root,
            "the top level must be a mapping with keys such as 'format', 'id' and 'stages', "
            f"not {describe(root)}",
        )
    fields = Fields.read(reader, root, "the template")
    _check_format(fields)
    fields.refuse_unknown(_TEMPLATE_KEYS)
    template_id = _identifier(fields, "template id")
    name = fields.line("name")
    version = fields.integer("version", 1, None)
    description = fields.text("description")
    audience = fields.optional_text("audience")
    planned = None
    if fields.has("total_minutes"):
        planned = fields.integer("total_minutes", 1, MAX_TOTAL_MINUTES)
    stages = _stages(fields)
    return Template(
        id=template_id,
        name=name,
        version=version,
        description=description,
        stages=stages,
        audience=audience,
        planned_minutes=planned,
    )


def _check_format(fields: Fields) -> None:
    if "format" not in fields.entries:
        raise fields.reader.fail_at(
            fields.node,
            f"the template is missing 'format' (the first line should be 'format: {FORMAT}')",
        )
    node = fields.entries["format"][1]
    value = fields.text_of(node, "'format'")
    if value != FORMAT:
        found = shown(value) if value else "empty"
        raise fields.reader.fail_at(
            node, f"'format' is {found}, but this version of DeepDive reads only '{FORMAT}'"
        )


def _identifier(fields: Fields, what: str) -> str:
    value = fields.text("id")
    if len(value) > _ID_MAX or not _ID.fullmatch(value):
        node = fields.entries["id"][1]
        raise fields.reader.fail_at(
            node, f"{what} {shown(value)} must be {_ID_RULE} (at most {_ID_MAX} characters)"
        )
    return value


def _stages(fields: Fields) -> tuple[Stage, ...]:
    reader = fields.reader
    first_lines: dict[str, int] = {}
    stages = []
    for number, node in enumerate(fields.sequence("stages", "stage").value, start=1):
        if not isinstance(node, MappingNode):
            raise reader.fail_at(
                node,
                f"stage {number} must be a mapping with keys such as 'id' and 'title', "
                f"not {describe(node)}",
            )
        stage_fields = Fields.read(reader, node, f"stage {number}")
        stage = _stage(stage_fields.named(_stage_name(stage_fields, number)))
        id_line = line_of(stage_fields.entries["id"][0])
        if stage.id in first_lines:
            raise reader.fail(
                id_line,
                f"stage id '{stage.id}' is used twice (first on line {first_lines[stage.id]})",
            )
        first_lines[stage.id] = id_line
        stages.append(stage)
    return tuple(stages)


def _stage_name(fields: Fields, number: int) -> str:
    # Name the stage by its id when it has one, since that is what the author searches for.
    entry = fields.entries.get("id")
    if entry is not None and isinstance(entry[1], ScalarNode) and str(entry[1].value).strip():
        return f"stage {shown(str(entry[1].value))}"
    return f"stage {number}"


def _stage(fields: Fields) -> Stage:
    fields.refuse_unknown(_STAGE_KEYS)
    stage_id = _identifier(fields, "stage id")
    title = fields.line("title")
    purpose = fields.text("purpose")
    guidance = fields.text("guidance")
    prompts = _texts(fields, fields.sequence("prompts", "prompt"), "prompt")
    minutes = fields.integer("minutes", 1, MAX_STAGE_MINUTES)
    response = _response(fields, stage_id)
    return Stage(
        id=stage_id,
        title=title,
        purpose=purpose,
        guidance=guidance,
        prompts=prompts,
        minutes=minutes,
        response=response,
    )


def _texts(fields: Fields, node: SequenceNode, what: str) -> tuple[str, ...]:
    items = []
    for number, item in enumerate(node.value, start=1):
        name = f"{what} {number} of {fields.where}"
        text = fields.text_of(item, name)
        if text is None:
            raise fields.reader.fail_at(item, f"{name} is empty")
        items.append(text)
    return tuple(items)


def _response(stage: Fields, stage_id: str) -> ResponseSpec:
    node = stage.mapping("response", "'{kind: text}'")
    fields = Fields.read(stage.reader, node, f"the response of stage '{stage_id}'")
    kind_node = fields.value_node("kind")
    kind_text = fields.text_of(kind_node, f"'kind' in {fields.where}")
    if kind_text not in _KIND_VALUES:
        found = f"an unknown response kind {shown(kind_text)}" if kind_text else "no response kind"
        raise stage.reader.fail_at(
            kind_node, f"stage '{stage_id}' has {found} (expected one of: {_KINDS})"
        )
    kind = ResponseKind(kind_text)
    fields = fields.named(f"the {kind} response of stage '{stage_id}'")
    allowed = _EXTRAS[kind]
    for key, (key_node, _value) in fields.entries.items():
        if key != "kind" and key not in allowed and key in _ALL_EXTRAS:
            takes = f"it takes only {', '.join(allowed)}" if allowed else "it takes no other keys"
            raise fields.reader.fail_at(key_node, f"{fields.where} does not take '{key}' ({takes})")
    fields.refuse_unknown(("kind", *allowed))
    if kind is ResponseKind.SCALE:
        return _scale(fields)
    if kind is ResponseKind.MAP:
        return _map(fields)
    if kind is ResponseKind.EVENTS:
        return _events(fields)
    return ResponseSpec(
        kind=kind,
        placeholder=fields.optional_text("placeholder"),
        item_label=fields.optional_text("item_label"),
    )


def _scale(fields: Fields) -> ResponseSpec:
    meanings = {
        "label": "the question the 0–10 number answers",
        "low": "what 0 means",
        "high": "what 10 means",
    }
    for key, meaning in meanings.items():
        if key not in fields.entries:
            raise fields.reader.fail_at(
                fields.node, f"{fields.where} is missing '{key}' ({meaning})"
            )
    return ResponseSpec(
        kind=ResponseKind.SCALE,
        label=fields.line("label"),
        low=fields.line("low"),
        high=fields.line("high"),
    )


def _map(fields: Fields) -> ResponseSpec:
    if "columns" not in fields.entries:
        raise fields.reader.fail_at(
            fields.node, f"{fields.where} is missing 'columns' (exactly {MAP_COLUMNS} headings)"
        )
    node = fields.sequence("columns", "column heading")
    if len(node.value) != MAP_COLUMNS:
        count = len(node.value)
        raise fields.reader.fail_at(
            fields.entries["columns"][0],  # the 'columns:' line, where the list begins
            f"{fields.where} has {count} column{'s' if count != 1 else ''}; "
            f"a map needs exactly {MAP_COLUMNS} column headings",
        )
    return ResponseSpec(kind=ResponseKind.MAP, columns=_texts(fields, node, "column"))


def _events(fields: Fields) -> ResponseSpec:
    value = fields.optional_text("filter")
    if value is not None and value != KEY_EPISODES_FILTER:
        raise fields.reader.fail_at(
            fields.entries["filter"][1],
            f"{fields.where} has an unknown filter {shown(value)} "
            f"(the only filter is '{KEY_EPISODES_FILTER}')",
        )
    return ResponseSpec(kind=ResponseKind.EVENTS, filter=value)


# Writing ---------------------------------------------------------------------------------


_ODD_BREAKS = "\r\x85\u2028\u2029"


class _Dumper(yaml.SafeDumper):
    """Indents lists under their key and writes multi-line text as ``|`` blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> ScalarNode:
    # YAML reads these as line breaks and normalises them, so only an escaped
    # double-quoted string keeps them exactly. Otherwise the emitter falls back to a
    # quoted style by itself when a block cannot hold the text.
    style: str | None = None
    if any(char in value for char in _ODD_BREAKS):
        style = '"'
    elif "\n" in value:
        style = "|"
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_template(template: Template) -> str:
    """The template as ``deepdive-template/1`` YAML; ``parse_template`` reads it back equal.

    Raises :class:`TemplateError` if the template is not valid, so nothing is written
    that could not be opened again.
    """
    document: dict[str, Any] = {
        "format": FORMAT,
        "id": template.id,
        "name": template.name,
        "version": template.version,
        "description": template.description,
    }
    if template.audience:
        document["audience"] = template.audience
    if template.planned_minutes is not None:
        document["total_minutes"] = template.planned_minutes
    document["stages"] = [_stage_document(stage) for stage in template.stages]
    text = yaml.dump(
        document, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=88, indent=2
    )
    parse_template(text, f"template '{template.id}'")
    return text


def _stage_document(stage: Stage) -> dict[str, Any]:
    response: dict[str, Any] = {"kind": stage.response.kind.value}
    for key in _EXTRAS[stage.response.kind]:
        value = getattr(stage.response, key)
        if value:
            response[key] = list(value) if isinstance(value, tuple) else value
    return {
        "id": stage.id,
        "title": stage.title,
        "purpose": stage.purpose,
        "guidance": stage.guidance,
        "prompts": list(stage.prompts),
        "minutes": stage.minutes,
        "response": response,
    }
