"""Undo and Redo in a window of its own (the session runner, the walk, a dialog): the app's stack.

The session runner and the chronology walk are windows apart from the main window,
so its Edit menu's Ctrl+Z does not reach them. These actions give them the same
steps on the same workspace undo stack, named as the Edit menu names them, and
save what was typed a moment ago first, so that it is the step undone.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QAbstractButton, QWidget

from deepdive.ui.widgets import key_bindings as keys


class WindowUndo(QObject):
    """Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y) for ``window``, on the workspace's ``stack``;
    ``flush`` saves what the window has not saved yet."""

    def __init__(
        self, window: QWidget, stack: QUndoStack, flush: Callable[[], object] | None = None
    ) -> None:
        super().__init__(window)
        self._stack = stack
        self._flush = flush
        self._buttons: list[tuple[QAbstractButton, QAction]] = []
        # Declared in the keys catalogue, so the shortcuts sheet lists them.
        self.undo_action = keys.WINDOW_UNDO.bind_action(window, lambda: self._step(stack.undo))
        self.redo_action = keys.WINDOW_REDO.bind_action(window, lambda: self._step(stack.redo))
        stack.indexChanged.connect(self._follow)
        stack.cleanChanged.connect(self._follow)
        self._follow()

    def show_on(self, undo: QAbstractButton, redo: QAbstractButton) -> None:
        """Buttons that do the same, their tooltips naming the step."""
        for button, action in ((undo, self.undo_action), (redo, self.redo_action)):
            button.clicked.connect(action.trigger)
            self._buttons.append((button, action))
        self._follow()

    def _step(self, move: Callable[[], None]) -> None:
        if self._flush is not None:
            self._flush()  # what was typed a moment ago is a step of its own: undone first
        if shiboken6.isValid(self._stack):
            move()

    def _follow(self, *_args: object) -> None:
        stack = self._stack
        if not (shiboken6.isValid(stack) and shiboken6.isValid(self.undo_action)):
            return  # the window is being torn down
        self.undo_action.setEnabled(stack.canUndo())
        self.undo_action.setText(self.tr("&Undo {step}").format(step=stack.undoText()).strip())
        self.redo_action.setEnabled(stack.canRedo())
        self.redo_action.setText(self.tr("&Redo {step}").format(step=stack.redoText()).strip())
        for button, action in self._buttons:
            button.setEnabled(action.isEnabled())
            button.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
