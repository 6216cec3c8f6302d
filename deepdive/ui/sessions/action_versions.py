"""The actions table's part in "many writers, nothing lost": a cell saved at the row
version read.

Each cell of an action is saved at the version of the action it was read with. When a
colleague saved the same action first (ticked it off, say, or reworded it), the save
is refused and :func:`~deepdive.ui.conflicts.resolving.resolve` works out what to keep:
their change to another field is kept with what was typed; a change to the same field
shows both in the shared dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from deepdive.ui.conflicts.dialog import Ask
from deepdive.ui.conflicts.resolving import Shown, keep_typing_over, set_aside_removed
from deepdive.ui.sessions.days import day_text

if TYPE_CHECKING:
    from deepdive.services.actions import ActionService
    from deepdive.services.results import ActionInfo


def _tr(text: str) -> str:
    return QCoreApplication.translate("ActionVersions", text)


def _due(value: object) -> str:
    return day_text(value) if isinstance(value, date) else _tr("(no date)")


def _done(value: object) -> str:
    return _tr("Done") if value else _tr("Not done yet")


def action_shown() -> dict[str, Shown]:
    """How each field of an action is shown beside its other version."""
    return {
        "description": Shown(_tr("Action"), multiline=True),
        "owner_role": Shown(_tr("Owner (role)")),
        "due_on": Shown(_tr("Due"), editable=False, text=_due),
        "done": Shown(_tr("Done"), editable=False, text=_done),
    }


def action_fields(action: ActionInfo) -> dict[str, object]:
    """The fields of ``action`` a cell saves."""
    return {
        "description": action.description,
        "owner_role": action.owner_role,
        "due_on": action.due_on,
        "done": action.done,
    }


# Saves one field of an action at a version (an undo step): (action, field, value, version).
SaveField = Callable[["ActionInfo", str, object, int], "ActionInfo"]


def save_after_refusal(
    parent: QWidget,
    ask: Ask,
    actions: ActionService,
    read: ActionInfo,
    field: str,
    typed: object,
    save: SaveField,
) -> tuple[ActionInfo, str]:
    """A save of ``typed`` into ``field`` of ``read`` was refused: read the action again
    and save what the user keeps over it; returns the action as stored now and what
    became of the typing."""
    theirs = actions.snapshot(read.id).info
    what = _tr("the action “{action}”").format(action=_short(theirs.description))
    shown = action_shown()
    return keep_typing_over(
        parent, ask, what, shown, action_fields, read, theirs, {field: typed}, save
    )


def set_aside_for_removed(read: ActionInfo, field: str, typed: object) -> str:
    """``typed`` was for ``field`` of ``read``, an action a colleague removed meanwhile:
    set it aside; returns what became of it."""
    what = _tr("the action “{action}”").format(action=_short(read.description))
    return set_aside_removed(what, action_shown()[field], typed)


def _short(text: str, most: int = 40) -> str:
    line = " ".join(text.split())
    return line if len(line) <= most else line[: most - 1].rstrip() + "…"
