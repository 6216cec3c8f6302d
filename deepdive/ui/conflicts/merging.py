"""Who changed what, field by field, since an editor read a row (no Qt).

Three versions of the same fields: ``base`` (as the editor read them), ``mine`` (as
typed) and ``theirs`` (as a colleague saved them since). A field only one side changed
needs no one to choose; a field both changed to different values is a clash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ThreeWay:
    """The fields each side changed since ``base``, and those both changed differently."""

    mine: frozenset[str]
    theirs: frozenset[str]
    clashes: frozenset[str]

    @property
    def needs_choice(self) -> bool:
        """Whether someone must choose (both changed some field, differently)."""
        return bool(self.clashes)


def compare(
    base: Mapping[str, Any],
    mine: Mapping[str, Any],
    theirs: Mapping[str, Any],
    typed: Iterable[str] | None = None,
) -> ThreeWay:
    """Compare the three versions; ``typed`` limits "mine" to the fields edited."""
    names = set(typed) if typed is not None else set(mine)
    changed_by_me = frozenset(n for n in names if mine.get(n) != base.get(n))
    changed_by_them = frozenset(n for n in theirs if theirs.get(n) != base.get(n))
    clashes = frozenset(n for n in changed_by_me & changed_by_them if mine[n] != theirs[n])
    return ThreeWay(changed_by_me, changed_by_them, clashes)


def merged(
    theirs: Mapping[str, Any], mine: Mapping[str, Any], fields: Iterable[str]
) -> dict[str, Any]:
    """Their version with ``fields`` taken from mine."""
    result = dict(theirs)
    result.update({name: mine[name] for name in fields})
    return result
