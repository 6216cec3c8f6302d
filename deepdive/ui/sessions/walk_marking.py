"""Marking a key practice episode from the walk: one undoable chronology edit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QUndoStack

from deepdive.services import Services
from deepdive.services.events import EventInfo


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
    command = EditEventCommand(
        services.events, event.case_id, event.id, {"key_episode": marked}, report=report
    )
    tr = QCoreApplication.translate
    command.setText(
        tr("WalkPanel", "Mark key practice episode")
        if marked
        else tr("WalkPanel", "Unmark key episode")
    )
    command.apply()
    undo_stack.beginMacro(command.text())
    try:
        undo_stack.push(command)
        if then is not None:
            then(marked)
    finally:
        undo_stack.endMacro()
    return marked
