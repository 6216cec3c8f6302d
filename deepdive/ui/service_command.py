"""The base of every undoable change: a command that calls the services.

A change can reach the undo stack in two ways, and both are supported on purpose:

* **Applied first, then pushed** (what the editors do)::

      result = command.apply()  # raises DeepDiveError if the service refuses it
      stack.push(command)       # the push's redo() knows the change is already made

  A refused change, with its message, never reaches the stack, and the caller gets the
  service's result (the new event, say).
* **Pushed alone**: ``stack.push(command)`` makes the change itself. A refusal is then
  reported (``report``) and the command marks itself obsolete, so the stack drops it.

Subclasses implement :meth:`_do` (the change, the first time), :meth:`_redo` and
:meth:`_undo`; a step that can no longer be followed (the workspace changed in a way
it cannot undo) goes through :meth:`_safely`, which reports it and drops the step.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any

from PySide6.QtGui import QUndoCommand

from deepdive.errors import DeepDiveError

Report = Callable[[str], None]


class _Stage(Enum):
    NEW = "new"  # nothing done yet
    APPLIED = "applied"  # apply() made the change; the push's redo() must not repeat it
    DONE = "done"  # on the stack: redo() and undo() replay it


class ServiceCommand(QUndoCommand):
    """An undoable change made through the services (see the module docstring)."""

    def __init__(self, report: Report | None = None) -> None:
        super().__init__()
        self._report = report
        self._stage = _Stage.NEW

    def apply(self) -> Any:
        """Make the change now (raises DeepDiveError if refused); push the command after."""
        if self._stage is not _Stage.NEW:
            raise RuntimeError("a command is applied once, before it is pushed")
        result = self._do()
        self._stage = _Stage.APPLIED
        return result

    def redo(self) -> None:
        if self._stage is _Stage.APPLIED:
            self._stage = _Stage.DONE
        elif self._stage is _Stage.NEW:
            self._stage = _Stage.DONE
            self._safely(self._do)
        else:
            self._safely(self._redo)

    def undo(self) -> None:
        self._safely(self._undo)

    def _do(self) -> Any:
        """Make the change the first time, returning what the caller may need."""
        raise NotImplementedError

    def _redo(self) -> None:
        """Make the change again after an undo."""
        raise NotImplementedError

    def _undo(self) -> None:
        """Take the change back."""
        raise NotImplementedError

    def _safely(self, step: Callable[[], object]) -> None:
        try:
            step()
        except DeepDiveError as exc:
            # The workspace changed in a way this step cannot follow: say so and drop it.
            self.setObsolete(True)
            if self._report is not None:
                self._report(str(exc))
