"""Helpers for UI tests: a scripted prompter and a way to answer modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from deepdive.ui.main_window import MainWindow
from deepdive.ui.prompts import Prompter

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

    def ask(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        self.questions.append(text)
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
