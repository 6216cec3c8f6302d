"""When a workspace will not open: explain, keep the file, and offer the way back.

A damaged workspace (and a file that once was one: it has backups) is never written to.
The user is told what is wrong and offered:

* **Restore the backup** — the newest backup that passes its integrity check takes
  the damaged file's place; the damaged file is renamed beside it, never deleted;
* **Open another file…**;
* **Start afresh** (only when there is no backup) — the damaged file is renamed
  aside and a new, empty workspace is made in its place;
* **Cancel** — nothing changes.

Any other reason a workspace cannot open (in use elsewhere, newer, read-only) gets
its own message.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.storage.backup import BackupInfo, newest_good_backup
from deepdive.storage.errors import NotAWorkspaceError, WorkspaceCorruptError
from deepdive.storage.lock import acquire_lock
from deepdive.storage.restore import replace_damaged, set_aside
from deepdive.ui.widgets.prompts import Prompter


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenWorkspaceFlow", text)


class Choice(Enum):
    """What the user chose for a damaged workspace."""

    RESTORE = "restore"
    OPEN_ANOTHER = "open-another"
    START_AFRESH = "start-afresh"
    CANCEL = "cancel"


class DamagedWorkspaceDialog(QMessageBox):
    """Explains the damage and offers the ways back; buttons are named for tests."""

    def __init__(
        self,
        path: Path,
        reason: str,
        backup: tuple[BackupInfo, int] | None,
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_tr("This workspace is damaged"))
        self.setText(
            _tr("<b>{name} is damaged, so DeepDive will not open or change it.</b>").format(
                name=path.name
            )
        )
        if backup is not None:
            info, cases = backup
            made = info.made_at.astimezone().strftime("%d %b %Y at %H:%M")
            offer = _tr(
                "The newest good backup was made on {made} and holds {cases}. "
                "DeepDive can put it in the damaged file's place; the damaged file is kept "
                "beside it under a new name, not deleted. Anything typed after the backup "
                "was made is not in it."
            ).format(
                made=made, cases=_tr("1 case") if cases == 1 else _tr("{n} cases").format(n=cases)
            )
        else:
            offer = _tr(
                "There is no backup of it on this computer. You can open another file, or "
                "keep the damaged file aside (renamed, not deleted) and start a new, empty "
                "workspace in its place."
            )
        self.setInformativeText(f"{offer}\n\n{_tr('What was found:')} {reason}")
        self.choices: dict[Choice, object] = {}
        if backup is not None:
            restore = self.addButton(_tr("Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
            restore.setObjectName("restoreBackup")
            self.choices[Choice.RESTORE] = restore
            self.setDefaultButton(restore)
        another = self.addButton(_tr("Open another file…"), QMessageBox.ButtonRole.ActionRole)
        another.setObjectName("openAnother")
        self.choices[Choice.OPEN_ANOTHER] = another
        if backup is None:
            afresh = self.addButton(
                _tr("Keep it aside and start afresh"), QMessageBox.ButtonRole.DestructiveRole
            )
            afresh.setObjectName("startAfresh")
            self.choices[Choice.START_AFRESH] = afresh
        cancel = self.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName("cancel")
        self.choices[Choice.CANCEL] = cancel
        self.setEscapeButton(cancel)

    def choice(self) -> Choice:
        """The button the user clicked (Cancel if the dialog was closed)."""
        clicked = self.clickedButton()
        for choice, button in self.choices.items():
            if button is clicked:
                return choice
        return Choice.CANCEL


def is_damage(error: DeepDiveError, backup: object) -> bool:
    """Whether the failure is a damaged workspace (rather than in use, newer, read-only)."""
    if isinstance(error, WorkspaceCorruptError):
        return True
    # An empty or overwritten file that has backups was a workspace once.
    return isinstance(error, NotAWorkspaceError) and backup is not None


class OpenWorkspaceFlow:
    """Turns a failed open into an explanation and, where possible, a way back."""

    def __init__(
        self,
        parent: QWidget,
        prompter: Prompter,
        open_services: Callable[[Path], Services],
        backup_root: Callable[[], Path],
        ask: Callable[[DamagedWorkspaceDialog], Choice] | None = None,
    ) -> None:
        self._parent = parent
        self._prompter = prompter
        self._open_services = open_services
        self._backup_root = backup_root
        self._ask = ask or _ask_with_dialog

    def recover(self, path: Path, error: DeepDiveError) -> Services | None:
        """Explain why ``path`` did not open; returns services if a way back was taken."""
        path = path.expanduser().absolute()
        backup = None
        if isinstance(error, WorkspaceCorruptError | NotAWorkspaceError) and path.is_file():
            backup = newest_good_backup(path, self._backup_root())
        if not path.is_file() or not is_damage(error, backup):
            self._prompter.warn(self._parent, _tr("Cannot open workspace"), str(error))
            return None
        choice = self._ask(DamagedWorkspaceDialog(path, str(error), backup, self._parent))
        try:
            if choice is Choice.RESTORE and backup is not None:
                aside = replace_damaged(path, backup[0].path)
                return self._opened(path, aside)
            if choice is Choice.START_AFRESH:
                aside = self._set_aside(path)
                return self._opened(path, aside)
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, _tr("Cannot open workspace"), str(exc))
            return None
        if choice is Choice.OPEN_ANOTHER:
            other = self._prompter.open_workspace_path(self._parent, path.parent)
            if other is not None:
                return self.open_or_recover(other)
        return None

    def open_or_recover(self, path: Path) -> Services | None:
        """Open ``path``, or explain why not and offer the way back."""
        try:
            return self._open_services(path)
        except DeepDiveError as exc:
            return self.recover(path, exc)

    def _set_aside(self, path: Path) -> Path:
        lock = acquire_lock(path)  # never move a file another DeepDive has open
        try:
            return set_aside(path)
        finally:
            lock.release()

    def _opened(self, path: Path, aside: Path) -> Services | None:
        services = self.open_or_recover(path)
        if services is not None:
            self._prompter.inform(
                self._parent,
                _tr("Workspace restored"),
                _tr("{name} is open again. The damaged file is kept as {aside}.").format(
                    name=path.name, aside=aside
                ),
            )
        return services


def _ask_with_dialog(dialog: DamagedWorkspaceDialog) -> Choice:
    dialog.exec()
    choice = dialog.choice()
    dialog.deleteLater()
    return choice
