"""The one YAML loader DeepDive reads files with: PyYAML's safe loader, with a depth cap.

PyYAML's composer recurses once per level of nesting, so a file of 50,000 nested
``[`` or ``- `` ends in a RecursionError, which a person cannot act on. Every YAML
reader in DeepDive (templates, case files, the demo) loads through
:class:`BoundedLoader` or a subclass of it, and so refuses such a file at the line
where the nesting goes too deep.
"""

from __future__ import annotations

import yaml
from yaml.nodes import Node

MAX_DEPTH = 100
"""Lists and mappings nested deeper than this are refused (DeepDive's files need
fewer than ten levels)."""


class YamlTooDeep(yaml.MarkedYAMLError):
    """Nesting past :data:`MAX_DEPTH`, raised where the too-deep node starts."""

    @property
    def line(self) -> int:
        """The 1-based line where the nesting goes too deep."""
        return self.problem_mark.line + 1 if self.problem_mark is not None else 1

    @property
    def plain(self) -> str:
        """What is wrong, in words for the person who wrote the file."""
        return f"lists or mappings are nested more than {MAX_DEPTH} levels deep here"


class BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing nesting before its composer recurses too deep.

    Use it as ``yaml.load(text, Loader=BoundedLoader)`` or ``yaml.compose(...)``;
    a subclass may change the resolvers and keeps the cap.
    """

    _depth = 0

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        """Compose one node, counting how deep it sits."""
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise YamlTooDeep(problem=f"nested more than {MAX_DEPTH} levels", problem_mark=mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1
