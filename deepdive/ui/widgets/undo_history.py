"""Undo histories: one per case, and one for the workspace's own edits.

Each case keeps its own history, so Ctrl+Z on the case on screen never undoes a step in
a case the person cannot see, and a case's history is still there when they come back
to it. Edits that belong to no case (learning themes renamed, merged or deleted,
programme measures, templates, agencies) have a history of their own.

Edit ▸ Undo in the main window takes back the latest step of the two histories it can
see: the case on screen's and the workspace's (each step is stamped with when it was
made). A window about one case (the session runner, the walk) undoes on that case's
history (:meth:`UndoHistory.for_case`); a window about the whole workspace (the
Learning view) on :attr:`UndoHistory.workspace`.

The case panels are made once and show one case after another, so they push onto
:attr:`UndoHistory.case`, which stands for the case on screen: what is pushed there goes
onto that case's history.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

__all__ = ["UndoHistory", "case_history"]

_ORDER = "deepdive_order"  # the attribute each step carries: when it was made


class _StampedStack(QUndoStack):
    """A history whose steps carry when they were made (merged typing: its last pause)."""

    def __init__(self, history: UndoHistory) -> None:
        super().__init__(history)
        self._history = history

    def push(self, command: QUndoCommand) -> None:
        stamp = self._history.next_stamp()
        super().push(command)
        if self.index() > 0:  # the step made, or the one the typing merged into
            setattr(self.command(self.index() - 1), _ORDER, stamp)


class _CaseOnScreen(QUndoStack):
    """The history of the case on screen, for the panels that show one case after
    another: pushing, undoing and redoing act on that case's own history. Only those
    three: ask :class:`UndoHistory` what can be undone."""

    def __init__(self, history: UndoHistory) -> None:
        super().__init__(history)
        self._history = history

    def push(self, command: QUndoCommand) -> None:
        # A step that names its case goes to that case's history even if it arrives
        # after another case is shown (typing saved as the case list moves on).
        case_id = getattr(command, "case_id", None)
        if not isinstance(case_id, int):
            case_id = self._history.case_id
        self._history.for_case(case_id).push(command)

    def undo(self) -> None:
        self._history.for_case(self._history.case_id).undo()

    def redo(self) -> None:
        self._history.for_case(self._history.case_id).redo()

    def beginMacro(self, text: str) -> None:
        self._history.for_case(self._history.case_id).beginMacro(text)

    def endMacro(self) -> None:
        self._history.for_case(self._history.case_id).endMacro()


class UndoHistory(QObject):
    """Every undo history of one open workspace (see the module docstring)."""

    changed = Signal()
    """A step was made, undone or redone in any history, or another case is shown."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stamps = 0
        self._cases: dict[int | None, QUndoStack] = {}
        self.case_id: int | None = None
        self.workspace: QUndoStack = self._watched(_StampedStack(self))
        self.case: QUndoStack = _CaseOnScreen(self)

    def next_stamp(self) -> int:
        """When the next step is made (a number that only grows)."""
        self._stamps += 1
        return self._stamps

    def for_case(self, case_id: int | None) -> QUndoStack:
        """The history of the case ``case_id`` (made when first needed)."""
        stack = self._cases.get(case_id)
        if stack is None:
            stack = self._cases[case_id] = self._watched(_StampedStack(self))
        return stack

    def show_case(self, case_id: int | None) -> None:
        """The case now on screen: the main window's Edit menu follows its history."""
        self.case_id = case_id
        self.changed.emit()

    def _watched(self, stack: QUndoStack) -> QUndoStack:
        # Signal to signal: Qt drops the link when either is destroyed.
        stack.indexChanged.connect(self.changed)
        stack.cleanChanged.connect(self.changed)
        return stack

    # ------------------------------------------------------------ the Edit menu
    def _seen(self) -> tuple[QUndoStack, QUndoStack]:
        return self.for_case(self.case_id), self.workspace

    def _to_undo(self) -> QUndoStack | None:
        """The history whose last step is the latest the main window can see."""
        able = [s for s in self._seen() if s.canUndo()]
        return max(able, key=lambda s: _stamp(s.command(s.index() - 1)), default=None)

    def _to_redo(self) -> QUndoStack | None:
        """The history whose next step to redo was undone last (made earliest)."""
        able = [s for s in self._seen() if s.canRedo()]
        return min(able, key=lambda s: _stamp(s.command(s.index())), default=None)

    def can_undo(self) -> bool:
        """Whether Edit ▸ Undo has a step to take back."""
        return self._to_undo() is not None

    def can_redo(self) -> bool:
        """Whether Edit ▸ Redo has a step to do again."""
        return self._to_redo() is not None

    def undo_text(self) -> str:
        """The step Edit ▸ Undo would take back ("Add person"), or ""."""
        stack = self._to_undo()
        return stack.undoText() if stack is not None else ""

    def redo_text(self) -> str:
        """The step Edit ▸ Redo would do again, or ""."""
        stack = self._to_redo()
        return stack.redoText() if stack is not None else ""

    def undo(self) -> None:
        """Take back the latest step of the case on screen or of the workspace."""
        stack = self._to_undo()
        if stack is not None:
            stack.undo()

    def redo(self) -> None:
        """Do again the step taken back last."""
        stack = self._to_redo()
        if stack is not None:
            stack.redo()


def case_history(stack: QUndoStack, case_id: int) -> QUndoStack:
    """The history of the case ``case_id``, given what a panel pushes onto (the case
    on screen's, or a history of its own): for a window about that one case."""
    if isinstance(stack, _CaseOnScreen):
        return stack._history.for_case(case_id)
    return stack


def _stamp(command: QUndoCommand) -> int:
    return int(getattr(command, _ORDER, 0))
