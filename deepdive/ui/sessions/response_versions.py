"""The session runner's part in "many writers, nothing lost": each stage's row version.

The runner remembers, for each stage, the response's row version and its content as
read (the *base*), and every save gives the version back. When a save is refused
because a colleague saved the same stage first (two facilitators writing up one
session), the response is read again and compared part by part (the text, the list,
a map's columns, the score and its note): parts only one side changed are both kept;
where both changed the same part, the shared
:class:`~deepdive.ui.conflicts.dialog.ConflictDialog` shows theirs beside what was
typed — keep mine, take theirs (what was typed is set aside), or merge by editing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.ui.conflicts.dialog import Ask, Choice, ConflictField
from deepdive.ui.conflicts.merging import compare
from deepdive.ui.conflicts.set_aside import set_aside

if TYPE_CHECKING:
    from deepdive.services.sessions import SessionService
    from deepdive.templates import Stage

_LABELS = {
    "text": "Response",
    "items": "Items",
    "value": "Score",
    "note": "Note",
    "notes": "Notes",
    "event_ids": "Linked events",
    "reflections": "Reflections",
    "columns": "Column",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("ResponseVersions", text)


def parts(value: dict[str, Any]) -> dict[str, Any]:
    """A response as comparable parts: a map's columns each a part of their own."""
    flat: dict[str, Any] = {}
    for key, item in value.items():
        if key == "columns" and isinstance(item, list):
            flat.update({f"columns.{n}": column for n, column in enumerate(item)})
        else:
            flat[key] = item
    return flat


def joined(flat: dict[str, Any]) -> dict[str, Any]:
    """The response made of ``parts``."""
    value: dict[str, Any] = {}
    columns: dict[int, Any] = {}
    for key, item in flat.items():
        if key.startswith("columns."):
            columns[int(key.split(".", 1)[1])] = item
        else:
            value[key] = item
    if columns:
        value["columns"] = [columns[n] for n in sorted(columns)]
    return value


def _editable(item: Any) -> bool:
    return isinstance(item, str) or (
        isinstance(item, list) and all(isinstance(entry, str) for entry in item)
    )


def _shown(item: Any) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, list) and all(isinstance(entry, str) for entry in item):
        return "\n".join(item)
    return "" if item is None else json.dumps(item, ensure_ascii=False)


def _label(key: str) -> str:
    if key.startswith("columns."):
        return _tr("Column {n}").format(n=int(key.split(".", 1)[1]) + 1)
    label = _LABELS.get(key, key)
    return _tr(label)


@dataclass(frozen=True)
class Outcome:
    """What became of a refused save: the response to save over theirs (None: theirs is
    kept as it is), theirs and its version, and a sentence for the user."""

    save: dict[str, Any] | None
    theirs: dict[str, Any]
    version: int
    message: str


class ResponseVersions:
    """The version and content each stage was read at, and the answer to a refusal."""

    def __init__(self, sessions: SessionService, session_id: int, ask: Ask) -> None:
        self._sessions = sessions
        self._session_id = session_id
        self.ask = ask
        self._versions: dict[str, int] = sessions.response_versions(session_id)
        self._bases: dict[str, dict[str, Any]] = {}

    def remember(self, responses: dict[str, dict[str, Any]]) -> None:
        """The responses as read with the versions (read first, so a save in between
        shows as a conflict, never as stale text)."""
        self._bases.update({stage: dict(value) for stage, value in responses.items()})

    def saved(self, stage_id: str, value: dict[str, Any], version: int) -> None:
        """A save of ``stage_id`` went through: the next one builds on it."""
        self._versions[stage_id], self._bases[stage_id] = version, dict(value)

    def reread(self, stage_id: str) -> tuple[dict[str, Any], int]:
        """The stage's response as stored now, with its version (read first)."""
        version = self._sessions.response_versions(self._session_id).get(stage_id, 1)
        value = self._sessions.responses(self._session_id).get(stage_id, {})
        self.saved(stage_id, value, version)
        return value, version

    def expected(self, stage_id: str) -> int:
        """The version the next save of the stage expects (1: not answered yet)."""
        return self._versions.get(stage_id, 1)

    def resolve(self, parent: QWidget, stage: Stage, typed: dict[str, Any]) -> Outcome:
        """A save of ``typed`` was refused: read the stage again and work out, or ask,
        what to save over the colleague's version."""
        base = parts(self._bases.get(stage.id, {}))
        theirs_value, version = self.reread(stage.id)
        theirs, mine = parts(theirs_value), parts(typed)
        diff = compare(base, mine, theirs)
        proposed = {**theirs, **{key: mine[key] for key in diff.mine}}
        if not diff.needs_choice:
            message = _tr("Someone else changed this stage too; their change and yours are kept.")
            return Outcome(joined(proposed), theirs_value, version, message)
        fields = [
            ConflictField(
                name=key,
                label=_label(key),
                theirs=_shown(theirs.get(key)),
                mine=_shown(proposed.get(key)),
                multiline=True,
                editable=_editable(proposed.get(key, "")),
                both_changed=key in diff.clashes,
            )
            for key in dict.fromkeys([*theirs, *proposed])
        ]
        what = _tr("the response to “{stage}”").format(stage=stage.title)
        answer = self.ask(parent, what, fields)
        if answer.choice is Choice.TAKE_THEIRS:
            kept = set_aside(what, fields)
            where = str(kept) if kept is not None else _tr("the clipboard only")
            message = _tr("Their version is kept. Yours is on the clipboard and in {where}.")
            return Outcome(None, theirs_value, version, message.format(where=where))
        chosen: dict[str, Any] = {}
        for field in fields:
            text = answer.values.get(field.name, field.mine)
            item = proposed.get(field.name)
            if field.editable and isinstance(item, list):
                chosen[field.name] = [line.strip() for line in text.splitlines() if line.strip()]
            elif field.editable:
                chosen[field.name] = text
            elif field.differs and text == field.theirs:
                chosen[field.name] = theirs.get(field.name)
            else:
                chosen[field.name] = item
        return Outcome(joined(chosen), theirs_value, version, _tr("Saved your version."))
