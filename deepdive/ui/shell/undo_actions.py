"""Edit ▸ Undo and Redo: the steps of the case on screen and of the workspace, by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QMetaObject, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

if TYPE_CHECKING:
    from deepdive.ui.workspace.workspace_view import WorkspaceView


class UndoActions(QObject):
    """Edit ▸ Undo and Redo at the top of the Edit menu, following the open workspace."""

    def __init__(self, window: QMainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self._window = window
        self._menu = menu
        self._actions: list[QAction] = []
        self._follow: QMetaObject.Connection | None = None

    @staticmethod
    def _tr(text: str) -> str:
        return QCoreApplication.translate("MainWindow", text)

    def attach(self, view: WorkspaceView) -> None:
        """Edit ▸ Undo and Redo now follow ``view``'s histories."""
        for old in self._actions:
            self._menu.removeAction(old)
            old.deleteLater()
        history = view.undo  # the case on screen's steps and the workspace's, latest first
        undo = QAction(self._tr("&Undo"), self._window)
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = QAction(self._tr("&Redo"), self._window)
        redo.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )

        def follow() -> None:  # the step each would take, by name, as QUndoStack's own do
            if not (shiboken6.isValid(history) and shiboken6.isValid(undo)):
                return  # the window is being torn down
            held = view.holds_typed_text()  # a cell's typing is not a step yet: wait for it
            undo.setEnabled(history.can_undo() and not held)
            undo.setText(self._tr("&Undo {step}").format(step=history.undo_text()).strip())
            redo.setEnabled(history.can_redo() and not held)
            redo.setText(self._tr("&Redo {step}").format(step=history.redo_text()).strip())

        def step(move: Callable[[], None]) -> None:
            # What was typed a moment ago is a step of its own, so it is undone first.
            view.case_tabs.flush()
            if not view.holds_typed_text():
                move()

        undo.triggered.connect(lambda _checked=False: step(history.undo))
        redo.triggered.connect(lambda _checked=False: step(history.redo))
        history.changed.connect(follow)
        if self._follow is not None:
            QObject.disconnect(self._follow)
        self._follow = self._menu.aboutToShow.connect(follow)
        follow()
        self._actions = [undo, redo]
        existing = self._menu.actions()
        if existing:
            self._menu.insertActions(existing[0], self._actions)
        else:
            self._menu.addActions(self._actions)
