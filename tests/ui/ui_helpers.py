"""Helpers for UI tests: a scripted prompter and a way to answer modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QTextCharFormat
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from deepdive.ui.conflicts.dialog import Choice, ConflictDialog
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.learning.view import LearningView
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.widgets.prompts import Prompter

WindowFactory = Callable[[], MainWindow]


@dataclass
class ScriptedPrompter(Prompter):
    """Answers questions from a script and records what the user was told."""

    confirm_answers: list[bool] = field(default_factory=list)
    questions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    paths: list[Path | None] = field(default_factory=list)

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.questions.append(text)
        return self.confirm_answers.pop(0)

    def ask(
        self, parent: QWidget | None, title: str, text: str, action: str, details: str = ""
    ) -> bool:
        self.questions.append(f"{text}\n{details}" if details else text)
        return self.confirm_answers.pop(0)

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        self.warnings.append(text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        self.questions.append(text)

    def open_workspace_path(self, parent: QWidget | None, start: Path) -> Path | None:
        return self.paths.pop(0)

    def new_workspace_path(self, parent: QWidget | None, start: Path) -> Path | None:
        return self.paths.pop(0)


def answer_next_dialog(fill: Callable[[QDialog], None]) -> None:
    """When the next modal dialog opens, let ``fill`` complete it."""

    def run() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(10, run)
            return
        fill(dialog)

    QTimer.singleShot(0, run)


def unlock_vault(window: MainWindow, passphrase: str) -> None:
    """Unlock the workspace's existing key vault as a person does (Privacy ▸ Unlock)."""
    from deepdive.ui.privacy.unlock_dialog import UnlockDialog

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(passphrase)
        assert dialog.unlock()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()
    assert window.privacy_menu.context.vault is not None


def underlines(editor: MarkdownEditor) -> list[tuple[str, str]]:
    """(underlined text, colour name) for every identifier underline in the editor."""
    found = []
    block = editor.editor.document().firstBlock()
    while block.isValid():
        for item in block.layout().formats():
            if item.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                text = block.text()[item.start : item.start + item.length]
                found.append((text, item.format.underlineColor().name()))
        block = block.next()
    return found


def right_click_and_choose(
    qtbot: QtBot, target: QWidget, point: QPoint, choose: str | None
) -> list[str]:
    """Right-click ``target`` at ``point`` as a mouse does (through its window, so Qt
    makes the context-menu event itself); return the menu's entries, choosing one."""
    seen: list[str] = []
    tries = [200]

    def answer() -> None:
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            tries[0] -= 1
            if tries[0] > 0:
                QTimer.singleShot(10, answer)
            return
        seen.extend(action.text() for action in menu.actions())
        chosen = next((a for a in menu.actions() if a.text() == choose), None)
        menu.close()
        if chosen is not None:
            chosen.trigger()

    QTimer.singleShot(0, answer)
    window = target.window()
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(
        handle,
        Qt.MouseButton.RightButton,
        Qt.KeyboardModifier.NoModifier,
        target.mapTo(window, point),
    )
    qtbot.waitUntil(lambda: bool(seen))
    return seen


def edit_action(window: MainWindow, name: str) -> QAction:
    """The Edit menu's entry whose text starts with ``name`` ("Undo", "Redo")."""
    window.menus.edit.aboutToShow.emit()  # as opening the menu does: typing is saved first
    return next(a for a in window.menus.edit.actions() if step_text(a).startswith(name))


def step_text(action: QAction) -> str:
    """An undo or redo action's text as shown, without its mnemonic: "Undo Add person"."""
    return action.text().replace("&", "")


def open_learning_view(window: MainWindow) -> LearningView:
    """Open Learning across cases from the main window's menu, as a person does."""
    window.learning.update_enabled()
    window.learning.learning_action.trigger()
    view = window.learning.view
    assert isinstance(view, LearningView)
    return view


def answer_conflict(
    choice: Choice, field: str, merged: str = "", seen: list[ConflictDialog] | None = None
) -> None:
    """Answer the next "changed elsewhere" dialog with ``choice``; to merge, ``merged``
    is typed into ``field``'s editor first. Each dialog shown is added to ``seen``."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ConflictDialog)
        if seen is not None:
            seen.append(dialog)
        if choice is Choice.KEEP_MINE:
            dialog.keep_mine.click()
        elif choice is Choice.TAKE_THEIRS:
            dialog.take_theirs.click()
        else:
            dialog.merge.click()
            [row] = [r for r in dialog.rows if r.field.name == field]
            assert isinstance(row.editor, QPlainTextEdit)
            row.editor.setPlainText(merged)
            dialog.save_merged.click()

    answer_next_dialog(fill)
