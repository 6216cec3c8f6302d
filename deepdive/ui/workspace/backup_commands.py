"""Backups in the app: automatic ones after a pause and on close, Back up now, Restore.

:class:`BackupScheduler` watches one open workspace's changes. After
``IDLE_BACKUP_MS`` without a change it makes a verified backup, and it makes one as the
workspace closes, whenever something changed since the last. (Before a schema upgrade
the workspace opener makes its own.) Each backup runs on a worker thread
(:class:`BackupWorker`; the one on closing too, waited for as the workspace closes)
through the same orchestration as ``deepdive backup``
(:func:`~deepdive.storage.backup.back_up_workspace`), with progress, so typing goes on
while it runs. :class:`BackupCommands` runs the File menu's "Restore from backup…".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QWidget

from deepdive.errors import DeepDiveError
from deepdive.logs import log_exception
from deepdive.services import Services
from deepdive.services.changes import Change
from deepdive.storage.backup import (
    BackupDone,
    BackupKind,
    back_up_workspace,
    case_count,
    list_backups,
)
from deepdive.storage.restore import restore_backup
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.worker_thread import worker_thread
from deepdive.ui.workspace.restore_dialog import BackupRow, RestoreDialog

IDLE_BACKUP_MS = 3 * 60 * 1000
_log = logging.getLogger("deepdive")


PAINT_EVERY_MS = 50  # while the backup on closing runs, the window repaints this often


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupCommands", text)


class BackupWorker(QObject):
    """Makes one backup on a worker thread; talks to the window only through signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # BackupDone
    failed = Signal(str)

    def __init__(self, workspace: Path, root: Path, kind: BackupKind) -> None:
        super().__init__()
        self.workspace = workspace
        self.root = root
        self.kind = kind
        self.succeeded_once = False

    def run(self) -> None:
        """Make the backup (the one orchestration the command line uses too)."""
        try:
            done = back_up_workspace(self.workspace, self.root, self.kind, self.progressed.emit)
        except DeepDiveError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # logged without its message; the window goes on
            log_exception(type(exc), exc.__traceback__, "backup", exc)
            self.failed.emit(_tr("The backup failed unexpectedly; the log has the details."))
        else:
            self.succeeded_once = True
            self.succeeded.emit(done)


class BackupScheduler(QObject):
    """Backs one open workspace up after a pause in editing and when it closes.

    Automatic and asked-for backups run on a worker thread, so the window keeps
    answering while the workspace is copied and checked; ``progressed`` tells how far
    it is. One runs at a time: one asked for meanwhile starts when it is done. The
    backup on closing is made as the workspace closes, before its lock is given up.
    """

    started = Signal(object)  # BackupKind
    progressed = Signal(int, int, str)
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
        self._thread: QThread | None = None
        self._worker: BackupWorker | None = None
        self._waiting: BackupKind | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(idle_ms)
        self._timer.timeout.connect(self._on_idle)
        self._unsubscribe = services.changes.subscribe(self._on_change)
        services.workspace.call_before_close(self._on_closing)

    def back_up(self, kind: BackupKind) -> None:
        """Start a verified backup on a worker thread (after the one running, if any)."""
        if self._thread is not None:
            self._waiting = kind
            return
        worker = BackupWorker(self._services.workspace.path, self._root, kind)
        thread = worker_thread(
            self,
            worker,
            progressed=self.progressed,
            succeeded=self._on_succeeded,
            failed=self._on_failed,
            finished=self._on_thread_finished,
        )
        self._thread, self._worker = thread, worker
        # Edits made while it runs count for the next backup.
        self.changed_since_backup = False
        self.started.emit(kind)
        thread.start()

    def is_running(self) -> bool:
        """Whether a backup is being made now."""
        return self._thread is not None

    @property
    def worker(self) -> BackupWorker | None:
        """The worker making the backup now (its signals come from its own thread)."""
        return self._worker

    def _finish_running(self) -> None:
        """See the backup under way out, waiting for it if it is still running; True in
        ``changed_since_backup`` if it did not succeed. When waited for on closing, its
        signals still arrive later, through the event loop."""
        thread, worker = self._thread, self._worker
        if thread is None or worker is None:
            return
        thread.wait()
        if not worker.succeeded_once:
            self.changed_since_backup = True
        self._thread, self._worker = None, None
        thread.deleteLater()

    def _on_succeeded(self, done: BackupDone) -> None:
        self.backed_up.emit(done.info)

    def _on_failed(self, message: str) -> None:
        self.changed_since_backup = True  # still not backed up
        self.failed.emit(message)

    def _on_thread_finished(self) -> None:
        sender = self.sender()
        if sender is not None and sender is not self._thread:
            return  # a thread already seen out on closing
        self._finish_running()
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self.back_up(waiting)

    def _on_change(self, _change: Change) -> None:
        self.changed_since_backup = True
        self._timer.start()

    def _on_idle(self) -> None:
        if self.changed_since_backup:
            self.back_up(BackupKind.IDLE)

    def _on_closing(self) -> None:
        """Called by the workspace as it closes, while it is still locked.

        The backup on closing runs on the worker thread like every other, and the
        workspace stays open and locked until it is done: the window keeps painting
        (its progress shows) but takes no input meanwhile, as the person has asked to
        leave. A backup already under way is seen out the same way first.
        """
        self._timer.stop()
        self._unsubscribe()
        self._waiting = None
        self._wait_painting()
        self._finish_running()
        if not self.changed_since_backup:
            return
        self.back_up(BackupKind.CLOSE)
        self._wait_painting()
        self._finish_running()

    def _wait_painting(self) -> None:
        """Wait for the backup under way, painting (and showing progress) meanwhile."""
        if self._thread is not None:
            wait_painting(self._thread)


def wait_painting(thread: QThread) -> None:
    """Wait for ``thread`` to end, the window painting (and showing progress) but taking
    no input meanwhile.

    Events are handled by hand rather than in a nested event loop, which would also
    delete objects the closing window has only just scheduled for deletion.
    """
    skip_input = QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents
    while not thread.wait(PAINT_EVERY_MS):
        QCoreApplication.processEvents(skip_input)
    QCoreApplication.processEvents(skip_input)  # its last progress and its result


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
            restored = restore_backup(chosen.info.path, target, self._root())
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
