"""Reading PyYAML's composed node tree with a line number for every complaint.

``yaml.safe_load`` throws the line numbers away; the node tree keeps a mark on every
key and value, so each error can point at the line a person has to fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from deepdive.errors import DeepDiveError
from deepdive.text.bounded_yaml import BoundedLoader, YamlTooDeep
from deepdive.text.clean import clean_line

_NULL_TAG = "tag:yaml.org,2002:null"
_INT_TAG = "tag:yaml.org,2002:int"
_SHOWN_CHARS = 40


class TemplateError(DeepDiveError):
    """A template file that cannot be used; the message is one line naming the file and line.

    ``source`` and ``line`` are also kept apart so an editor can jump to the line.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        super().__init__(message)
        self.source = source
        self.line = line


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return int(node.start_mark.line) + 1


def shown(value: str) -> str:
    """A value quoted for a one-line message, shortened if long."""
    flat = " ".join(value.split())
    if len(flat) > _SHOWN_CHARS:
        flat = flat[: _SHOWN_CHARS - 1] + "…"
    return f"'{flat}'"


def describe(node: Node) -> str:
    """What a node is, in words a template author knows ("a list", "'ten'")."""
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    if node.tag == _NULL_TAG:
        return "empty"
    if isinstance(node, ScalarNode) and node.style in ("'", '"'):
        return f"the quoted text {shown(str(node.value))}"
    return shown(str(node.value))


@dataclass(frozen=True)
class Reader:
    """Turns nodes into Python values, raising :class:`TemplateError` at the node's line."""

    source: str

    def fail(self, line: int, what: str) -> TemplateError:
        """The error to raise for a problem on ``line`` (the caller raises it)."""
        message = f"{self.source}, line {line}: {what}"
        return TemplateError(" ".join(message.splitlines()), source=self.source, line=line)

    def fail_at(self, node: Node, what: str) -> TemplateError:
        """The error to raise for a problem with ``node``."""
        return self.fail(line_of(node), what)


@dataclass(frozen=True)
class Fields:
    """The entries of one YAML mapping, checked for duplicate and unknown keys."""

    reader: Reader
    node: MappingNode
    where: str
    """How messages name this mapping: "the template", "stage 'risk'"."""
    entries: dict[str, tuple[ScalarNode, Node]]

    @classmethod
    def read(cls, reader: Reader, node: MappingNode, where: str) -> Fields:
        """Index a mapping's entries by key, refusing odd and repeated keys."""
        entries: dict[str, tuple[ScalarNode, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL_TAG:
                raise reader.fail_at(key_node, f"{where} has a key that is not a plain word")
            key = str(key_node.value)
            if key in entries:
                first = line_of(entries[key][0])
                raise reader.fail_at(
                    key_node, f"'{key}' appears twice in {where} (first on line {first})"
                )
            entries[key] = (key_node, value_node)
        return cls(reader, node, where, entries)

    def named(self, where: str) -> Fields:
        """The same entries, named differently in messages."""
        return Fields(self.reader, self.node, where, self.entries)

    def refuse_unknown(self, allowed: Iterable[str]) -> None:
        """Refuse any key not in ``allowed``, suggesting the likely intended one."""
        known = list(allowed)
        for key, (key_node, _value) in self.entries.items():
            if key in known:
                continue
            close = difflib.get_close_matches(key, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise self.reader.fail_at(key_node, f"unknown key '{key}' in {self.where}{hint}")

    def has(self, key: str) -> bool:
        """Whether the key is present with a value other than null."""
        entry = self.entries.get(key)
        return entry is not None and not _is_null(entry[1])

    def value_node(self, key: str) -> Node:
        """The value node of a required key."""
        entry = self.entries.get(key)
        if entry is None:
            raise self.reader.fail_at(self.node, f"{self.where} is missing '{key}'")
        return entry[1]

    def text(self, key: str) -> str:
        """A required, non-empty text value, stripped of surrounding whitespace."""
        value = self.optional_text(key, required=True)
        assert value is not None  # required=True never gives None
        return value

    def line(self, key: str) -> str:
        """A required one-line value (a name, a title): control and direction
        characters removed and whitespace folded, as every one-line field is."""
        node = self.value_node(key)
        value = clean_line(self.text(key))
        if not value:
            raise self.reader.fail_at(node, f"'{key}' in {self.where} must not be empty")
        return value

    def optional_text(self, key: str, *, required: bool = False) -> str | None:
        """A text value; ``None`` when absent or empty unless ``required``."""
        if key not in self.entries:
            if required:
                raise self.reader.fail_at(self.node, f"{self.where} is missing '{key}'")
            return None
        node = self.entries[key][1]
        text = self.text_of(node, f"'{key}' in {self.where}")
        if text is None and required:
            raise self.reader.fail_at(node, f"'{key}' in {self.where} must not be empty")
        return text

    def text_of(self, node: Node, name: str) -> str | None:
        """The stripped text of a scalar node, ``None`` if empty.

        Any scalar counts as text (``title: Yes`` means the word "Yes", not true),
        because template authors write words, not YAML types.
        """
        if not isinstance(node, ScalarNode):
            raise self.reader.fail_at(node, f"{name} must be text, not {describe(node)}")
        if node.tag == _NULL_TAG:
            return None
        return str(node.value).strip() or None

    def integer(self, key: str, low: int, high: int | None) -> int:
        """A required whole number between ``low`` and ``high`` (no upper bound if None)."""
        node = self.value_node(key)
        return self.integer_of(node, f"'{key}' in {self.where}", low, high)

    def integer_of(self, node: Node, name: str, low: int, high: int | None) -> int:
        """The whole number in ``node``, checked against its range."""
        if not (isinstance(node, ScalarNode) and node.tag == _INT_TAG):
            raise self.reader.fail_at(node, f"{name} must be a whole number, not {describe(node)}")
        number = SafeConstructor().construct_yaml_int(node)
        if number < low or (high is not None and number > high):
            wanted = f"from {low} to {high}" if high is not None else f"of {low} or more"
            raise self.reader.fail_at(node, f"{name} must be a whole number {wanted}, not {number}")
        return number

    def sequence(self, key: str, what: str) -> SequenceNode:
        """A required non-empty list; ``what`` names one item in the message."""
        node = self.value_node(key)
        if not isinstance(node, SequenceNode):
            raise self.reader.fail_at(
                node, f"'{key}' in {self.where} must be a list, not {describe(node)}"
            )
        if not node.value:
            raise self.reader.fail_at(node, f"'{key}' in {self.where} needs at least one {what}")
        return node

    def mapping(self, key: str, example: str) -> MappingNode:
        """A required mapping; ``example`` shows what one looks like."""
        node = self.value_node(key)
        if not isinstance(node, MappingNode):
            raise self.reader.fail_at(
                node,
                f"'{key}' in {self.where} must be a mapping such as {example}, "
                f"not {describe(node)}",
            )
        return node


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL_TAG


# PyYAML's parser wording, put in terms a template author can act on.
_PLAIN_WORDS = (
    ("expected <block end>", "the indentation does not line up with the lines above"),
    (
        "mapping values are not allowed here",
        "a ':' is in the wrong place; if a value contains ': ', put the value in quotes",
    ),
    ("could not find expected ':'", "a line is missing its ':' or is indented wrongly"),
    ("found another document", "a template is one YAML document, but another starts here"),
    ("'\\t'", "found a tab; indent with spaces, not tabs"),
)


def compose(reader: Reader, text: str) -> Node | None:
    """Compose the YAML text, turning PyYAML's errors into a one-line TemplateError."""
    try:
        return yaml.compose(text, Loader=BoundedLoader)
    except YamlTooDeep as exc:
        raise reader.fail(exc.line, f"{exc.plain}; a template needs only a few levels") from None
    except yaml.reader.ReaderError as exc:
        # The reader refuses control characters; it gives an offset, not a line.
        line = text.count("\n", 0, int(exc.position)) + 1
        raise reader.fail(
            line, f"the file contains a control character (U+{int(exc.character):04X}); remove it"
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(reader, exc) from None
    except yaml.YAMLError as exc:  # anything else PyYAML may raise, without a mark
        raise reader.fail(1, f"this is not valid YAML: {exc}") from None


def _syntax_error(reader: Reader, exc: yaml.MarkedYAMLError) -> TemplateError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark is not None else 1
    problem = exc.problem or exc.context or "it cannot be read"
    context_line = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if exc.context == "while scanning a quoted scalar" and context_line is not None:
        # The end of the file is not where the mistake is: the opening quote is.
        return reader.fail(context_line, "this is not valid YAML: a quote is opened but not closed")
    for words, plain in _PLAIN_WORDS:
        if words in problem:
            return reader.fail(line, f"this is not valid YAML: {plain}")
    detail = problem
    if exc.context and context_line is not None and context_line != line:
        detail += f" ({exc.context} on line {context_line})"
    return reader.fail(line, f"this is not valid YAML: {detail}")
