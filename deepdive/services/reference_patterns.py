"""The workspace's own case-record reference patterns, for the identifier detector.

Councils keep children's records in systems (Liquidlogic LCS, Mosaic, Eclipse,
CareFirst, Azeus …) whose record numbers lead straight to the child. DeepDive knows
the usual ways notes write them ("LCS 2048817", "Mosaic ID 456123"; see
:mod:`deepdive.privacy.references`); a team adds the shapes of its own system's
numbers here, as regular expressions ("LCS-?\\d{7}", "(?i)cf\\d{6}"). Every scan of the
workspace (``deepdive scan --workspace``), every export's leak check and the app's
editors look for them; adding or removing one is published on the change bus
(:attr:`~deepdive.services.changes.Entity.REFERENCE_PATTERN`).

They are kept in the workspace (the ``workspace_meta`` table, as JSON under
``privacy.reference_patterns``), so everyone who opens it uses the same ones. Each is
checked when it is added: a malformed pattern, one that would flag almost any text, or
one that could take forever to check is refused with a message that says why.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy.orm import Session as OrmSession

from deepdive.privacy.references import ReferencePatternError, compile_pattern
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.storage.models import WorkspaceMeta
from deepdive.storage.workspace import Workspace

META_KEY = "privacy.reference_patterns"
MAX_PATTERNS = 50
_MAX_NAME = 80


@dataclass(frozen=True)
class ReferencePattern:
    """One configured pattern: what it is for ("Our LCS numbers") and the expression."""

    name: str
    pattern: str


class ReferencePatternService:
    """Read and change the workspace's reference patterns."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def entries(self) -> list[ReferencePattern]:
        """The configured patterns, in the order they were added."""
        with self._workspace.reading() as session:
            row = session.get(WorkspaceMeta, META_KEY)
            return _decode(row.value) if row is not None else []

    def patterns(self) -> list[str]:
        """The regular expressions alone, as the detector takes them."""
        return [item.pattern for item in self.entries()]

    def add(self, name: str, pattern: str) -> ReferencePattern:
        """Add a pattern; :class:`ValidationError` says what is wrong with a bad one."""
        clean_name = " ".join(name.split())
        if not clean_name:
            raise ValidationError("Give the pattern a name (for example “LCS numbers”).", "name")
        if len(clean_name) > _MAX_NAME:
            raise ValidationError(f"Keep the pattern's name under {_MAX_NAME} characters.", "name")
        clean_pattern = pattern.strip()
        try:
            compile_pattern(clean_pattern)
        except ReferencePatternError as exc:
            raise ValidationError(str(exc), "pattern") from None
        item = ReferencePattern(clean_name, clean_pattern)
        with self._workspace.transaction() as session:
            row = session.get(WorkspaceMeta, META_KEY)
            items = _decode(row.value) if row is not None else []
            if any(i.name.casefold() == clean_name.casefold() for i in items):
                raise DuplicateError(f"There is already a pattern called {clean_name}.", "name")
            if len(items) >= MAX_PATTERNS:
                raise ValidationError(
                    f"A workspace can have at most {MAX_PATTERNS} reference patterns.", "pattern"
                )
            items.append(item)
            _store(session, row, items)
        self._changes.publish(Change(Entity.REFERENCE_PATTERN, ChangeKind.ADDED, ()))
        return item

    def remove(self, name: str) -> None:
        """Remove the pattern called ``name``."""
        with self._workspace.transaction() as session:
            row = session.get(WorkspaceMeta, META_KEY)
            items = _decode(row.value) if row is not None else []
            kept = [i for i in items if i.name.casefold() != " ".join(name.split()).casefold()]
            if len(kept) == len(items):
                raise NotFoundError(f"There is no reference pattern called {name}.")
            _store(session, row, kept)
        self._changes.publish(Change(Entity.REFERENCE_PATTERN, ChangeKind.REMOVED, ()))


def _decode(value: str) -> list[ReferencePattern]:
    try:
        data = json.loads(value)
        return [ReferencePattern(str(i["name"]), str(i["pattern"])) for i in data]
    except (ValueError, TypeError, KeyError):
        raise ReferencePatternError(
            "The workspace's reference patterns cannot be read; remove and add them again."
        ) from None


def _store(session: OrmSession, row: WorkspaceMeta | None, items: list[ReferencePattern]) -> None:
    value = json.dumps([{"name": i.name, "pattern": i.pattern} for i in items])
    if row is None:
        session.add(WorkspaceMeta(key=META_KEY, value=value))
    else:
        row.value = value
