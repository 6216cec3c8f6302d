"""Marking a key practice episode from the walk: one undoable chronology edit, made at
the event's row version as the walk read it.

A colleague may save the same event in between (its words in the chronology, or the
mark itself from another room). The mark is a yes/no, so the two can never clash: if
they made the same change first, theirs stands and nothing is written; if they changed
something else, the mark is saved over their version, keeping both. Either way the
facilitator is told, and nothing of theirs is overwritten.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity
from deepdive.services.errors import ChangedElsewhereError
from deepdive.services.events import EventInfo


def _tr(text: str) -> str:
    return QCoreApplication.translate("WalkPanel", text)


def toggle_key_episode(
    services: Services,
    undo_stack: QUndoStack,
    event: EventInfo,
    report: Callable[[str], None],
    then: Callable[[bool], None] | None = None,
) -> bool:
    """Mark ``event`` a key practice episode, or unmark it, as a step on ``undo_stack``;
    returns whether it is marked now. Raises DeepDiveError when the change is refused.

    ``then`` (given whether it is marked now) makes what follows from it in the same
    step, so one undo takes back both (a session stage choosing the event it marks)."""
    from deepdive.ui.chronology.undo import EditEventCommand

    marked = not event.key_episode
    text = _tr("Mark key practice episode") if marked else _tr("Unmark key episode")

    def command_at(version: int) -> EditEventCommand:
        command = EditEventCommand(
            services.events,
            event.case_id,
            event.id,
            {"key_episode": marked},
            report=report,
            expected_version=version,
        )
        command.setText(text)
        command.apply()
        return command

    made: EditEventCommand | None
    try:
        made = command_at(event.version)
    except ChangedElsewhereError:
        theirs = services.events.get(event.id)
        # Every view of the event shows their version now, the walk's included.
        services.changes.publish(
            Change(Entity.EVENT, ChangeKind.UPDATED, (event.id,), event.case_id)
        )
        if theirs.key_episode == marked:
            made = None
            report(
                _tr("Someone else marked this key practice episode first; it stays marked.")
                if marked
                else _tr("Someone else unmarked this key episode first; it stays unmarked.")
            )
        else:
            made = command_at(theirs.version)
            report(_tr("Someone else changed this event too; their change and yours are kept."))
    if made is None and (then is None or not marked):
        return marked
    undo_stack.beginMacro(text)
    try:
        if made is not None:
            undo_stack.push(made)
        if then is not None:
            then(marked)
    finally:
        undo_stack.endMacro()
    return marked
