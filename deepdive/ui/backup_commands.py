"""Backups in the app: automatic ones after a pause and on close, Back up now, Restore.

:class:`BackupScheduler` watches one open workspace's changes. After
``IDLE_BACKUP_MS`` without a change it makes a verified backup, and it makes one as the
workspace closes, whenever something changed since the last. (Before a schema upgrade
the workspace opener makes its own.) :class:`BackupCommands` runs the File menu's
"Back up now" and "Restore from backup…".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.storage.backup import (
    BackupInfo,
    BackupKind,
    case_count,
    list_backups,
    make_backup,
    restore_backup,
)
from deepdive.ui.prompts import Prompter
from deepdive.ui.restore_dialog import BackupRow, RestoreDialog

IDLE_BACKUP_MS = 3 * 60 * 1000
_log = logging.getLogger("deepdive")


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupCommands", text)


class BackupScheduler(QObject):
    """Backs one open workspace up after a pause in editing and when it closes."""

    backed_up = Signal(object)  # BackupInfo
    failed = Signal(str)

    def __init__(
        self,
        services: Services,
        root: Path,
        idle_ms: int = IDLE_BACKUP_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._root = root
        self.changed_since_backup = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._on_idle)
        self._unsubscribe = services.changes.subscribe(self._on_change)
        services.workspace.call_before_close(self._on_closing)

    def back_up(self, kind: BackupKind) -> BackupInfo | None:
        """Make a verified backup now; None (and ``failed``) if it could not be made."""
        try:
            info = make_backup(self._services.workspace.path, self._root, kind)
        except DeepDiveError as exc:
            self.failed.emit(str(exc))
            return None
        self.changed_since_backup = False
        self.backed_up.emit(info)
        return info

    def _on_change(self, _change: Change) -> None:
        self.changed_since_backup = True
        self._timer.start()

    def _on_idle(self) -> None:
        if self.changed_since_backup:
            self.back_up(BackupKind.IDLE)

    def _on_closing(self) -> None:
        """Called by the workspace as it closes, while it is still locked."""
        self._timer.stop()
        self._unsubscribe()
        if self.changed_since_backup:
            try:
                self.back_up(BackupKind.CLOSE)
            except Exception:  # closing must go on; the log says why
                _log.exception("The backup on close failed")


class BackupCommands:
    """File ▸ Back up now and File ▸ Restore from backup…."""

    def __init__(
        self,
        parent: QWidget,
        prompter: Prompter,
        root: Callable[[], Path],
        open_workspace: Callable[[Path], bool],
    ) -> None:
        self._parent = parent
        self._prompter = prompter
        self._root = root
        self._open_workspace = open_workspace

    def back_up_now(
        self, services: Services, scheduler: BackupScheduler | None
    ) -> BackupInfo | None:
        """Back the open workspace up at once and say where the copy is."""
        if scheduler is not None:
            info = scheduler.back_up(BackupKind.MANUAL)
            if info is None:
                return None
        else:
            try:
                info = make_backup(services.workspace.path, self._root(), BackupKind.MANUAL)
            except DeepDiveError as exc:
                self._prompter.warn(self._parent, _tr("Back up now"), str(exc))
                return None
        return info

    def restore_from_backup(self, services: Services) -> Path | None:
        """Choose a backup and restore it as a new workspace; offer to open it."""
        workspace = services.workspace.path
        rows = [
            BackupRow(info, case_count(info.path)) for info in list_backups(workspace, self._root())
        ]
        dialog = RestoreDialog(workspace.name, rows, self._parent)
        accepted = dialog.exec() == RestoreDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not accepted or chosen is None:
            return None
        suggested = workspace.parent / suggested_restore_name(workspace, chosen.info.made_at)
        target = self._prompter.new_workspace_path(self._parent, suggested)
        if target is None:
            return None
        if target.suffix == "":
            target = target.with_suffix(".deepdive")
        try:
            restored = restore_backup(chosen.info.path, target)
        except DeepDiveError as exc:
            self._prompter.warn(self._parent, _tr("Restore from backup"), str(exc))
            return None
        made = chosen.info.made_at.astimezone().strftime("%d %b %Y, %H:%M")
        if self._prompter.ask(
            self._parent,
            _tr("Restore from backup"),
            _tr(
                "The backup from {made} is now the workspace {path}. {current} is unchanged. "
                "Open the restored workspace now?"
            ).format(made=made, path=restored, current=workspace.name),
            _tr("Open it"),
        ):
            self._open_workspace(restored)
        return restored


def suggested_restore_name(workspace: Path, made_at: datetime) -> str:
    """A name for a restored copy: ``team (restored 2024-05-03 1402).deepdive``."""
    stamp = made_at.astimezone().strftime("%Y-%m-%d %H%M")
    return f"{workspace.stem} (restored {stamp}){workspace.suffix or '.deepdive'}"
