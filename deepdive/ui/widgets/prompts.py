"""Questions and notices shown to the user, behind one small object.

Windows ask through a :class:`Prompter` they are given, so tests can answer with a
scripted one instead of clicking real message boxes.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

WORKSPACE_FILTER = "DeepDive workspaces (*.deepdive);;All files (*)"


class Prompter:
    """Asks with real Qt dialogs."""

    def confirm(self, parent: QWidget | None, title: str, text: str, action: str) -> bool:
        """A yes/no question whose 'yes' button is named for the action; default is No."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
        yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is yes

    def ask(
        self, parent: QWidget | None, title: str, text: str, action: str, details: str = ""
    ) -> bool:
        """A gentle yes/no question whose default is yes (``details`` behind a button)."""
        box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
        if details:
            box.setDetailedText(details)
        yes = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(yes)
        box.exec()
        return box.clickedButton() is yes

    def warn(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something went wrong and what to do."""
        QMessageBox.warning(parent, title, text)

    def inform(self, parent: QWidget | None, title: str, text: str) -> None:
        """Tell the user something."""
        QMessageBox.information(parent, title, text)

    def open_workspace_path(self, parent: QWidget | None, start: Path) -> Path | None:
        """Choose an existing workspace file."""
        name, _ = QFileDialog.getOpenFileName(
            parent, parent.tr("Open workspace") if parent else "", str(start), WORKSPACE_FILTER
        )
        return Path(name) if name else None

    def new_workspace_path(self, parent: QWidget | None, start: Path) -> Path | None:
        """Choose where a new workspace file goes."""
        name, _ = QFileDialog.getSaveFileName(
            parent, parent.tr("New workspace") if parent else "", str(start), WORKSPACE_FILTER
        )
        if not name:
            return None
        path = Path(name)
        return path if path.suffix else path.with_suffix(".deepdive")
