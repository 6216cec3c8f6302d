"""File ▸ Back up now and Restore from backup… on a team workspace.

Back up now writes what ``deepdive backup`` writes, through the same function
(:func:`~deepdive.bundles.team_backup.make_team_backup`): a verified bundle of every
case this person's role can see, in a new private folder with its manifest. The folder
it goes in is asked for once and remembered; the backup runs on a worker thread with
progress, and the workspace waits for it before it closes.

Restore says that the database itself is restored with the server's own tools, and
brings chosen cases back from a backup set through the bundle import
(:meth:`~deepdive.ui.workspace.bundle_commands.BundleCommands.import_file`): each case
in one transaction, and a case whose code is taken is never overwritten (a new code,
or skipped).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QThread, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QWidget

from deepdive.bundles.errors import BundleCodeConflict
from deepdive.bundles.importer import ImportedCase
from deepdive.bundles.team_backup import TeamBackup, backup_folder, make_team_backup
from deepdive.errors import DeepDiveError
from deepdive.logs import log_exception
from deepdive.paths import data_dir
from deepdive.services import Services
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.worker_thread import worker_thread
from deepdive.ui.workspace.backup_commands import wait_painting
from deepdive.ui.workspace.bundle_commands import BundleCommands
from deepdive.ui.workspace.team_restore_dialog import TeamRestoreDialog
from deepdive.ui.workspace.team_workspace import server_name

FOLDER_KEY = "teamBackups/folder"
_log = logging.getLogger("deepdive")


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamBackupCommands", text)


class BackupFolders:
    """Asks which folder, with Qt's folder dialog (tests give their own answers)."""

    def backups_go_in(self, parent: QWidget, start: Path) -> Path | None:
        """The folder a new backup set is made in."""
        return self._folder(parent, _tr("Back up the team workspace into…"), start)

    def backup_set(self, parent: QWidget, start: Path) -> Path | None:
        """A backup set to bring cases back from."""
        return self._folder(parent, _tr("Choose a backup set"), start)

    def _folder(self, parent: QWidget, title: str, start: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, title, str(start))
        return Path(name) if name else None


class TeamBackupWorker(QObject):
    """Makes one team backup on a worker thread; talks to the window through signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # TeamBackup
    failed = Signal(str)

    def __init__(self, services: Services, folder: Path) -> None:
        super().__init__()
        self.services = services
        self.folder = folder

    def run(self) -> None:
        """Make the backup (the one orchestration ``deepdive backup`` uses too)."""
        try:
            done = make_team_backup(self.services, self.folder, self.progressed.emit)
        except DeepDiveError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # logged without its message; the window goes on
            log_exception(type(exc), exc.__traceback__, "team backup", exc)
            self.failed.emit(_tr("The backup failed unexpectedly; the log has the details."))
        else:
            self.succeeded.emit(done)


class TeamBackupCommands(QObject):
    """Back up now and Restore for one open team workspace."""

    started = Signal()
    progressed = Signal(int, int, str)
    backed_up = Signal(object)  # TeamBackup
    failed = Signal(str)

    def __init__(
        self,
        services: Services,
        window: QWidget,
        prompter: Prompter,
        settings: QSettings,
        bundles: Callable[[], BundleCommands],
        folders: BackupFolders | None = None,
    ) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._prompter = prompter
        self._settings = settings
        self._bundles = bundles
        self.folders = folders or BackupFolders()
        self._running = False
        self._threads: list[tuple[QThread, TeamBackupWorker]] = []
        services.workspace.call_before_close(self.wait)

    # ----------------------------------------------------------------- backup
    def remembered_folder(self) -> Path:
        """Where the last backup set was made (default: team-backups in the data folder)."""
        value = self._settings.value(FOLDER_KEY)
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        return data_dir() / "team-backups"

    def back_up(self) -> bool:
        """Ask where (starting at the remembered folder) and start the backup on a worker
        thread; False if not started."""
        if self._running:
            self._prompter.inform(
                self._window, _tr("Back up now"), _tr("A backup is being made already.")
            )
            return False
        root = self.folders.backups_go_in(self._window, self.remembered_folder())
        if root is None:
            return False
        self._settings.setValue(FOLDER_KEY, str(root))
        folder = backup_folder(root, self._services.workspace.path.stem, datetime.now(UTC))
        worker = TeamBackupWorker(self._services, folder)
        thread = worker_thread(
            self,
            worker,
            progressed=self.progressed,
            succeeded=self._on_succeeded,
            failed=self._on_failed,
            finished=lambda: self._on_finished(thread),
        )
        self._threads.append((thread, worker))
        self._running = True
        self.started.emit()
        thread.start()
        return True

    def is_running(self) -> bool:
        """Whether a backup is being made now."""
        return self._running

    def wait(self) -> None:
        """Wait for the backup under way, if any (the workspace is closing), the window
        painting its progress meanwhile."""
        for thread, _worker in list(self._threads):
            wait_painting(thread)

    def _on_succeeded(self, done: TeamBackup) -> None:
        self._running = False
        self.backed_up.emit(done)

    def _on_failed(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)

    def _on_finished(self, thread: QThread) -> None:
        self._threads = [(t, w) for t, w in self._threads if t is not thread]
        thread.deleteLater()

    # ---------------------------------------------------------------- restore
    def restore(self) -> list[ImportedCase]:
        """Say how the server is restored; bring back the cases chosen from a set."""
        services = self._services
        title = _tr("Restore from backup")
        server = services.workspace.server
        named = services.workspace.name
        if server is not None:
            named = _tr("{database} on {server}").format(
                database=server.database, server=server_name(server)
            )
        dialog = TeamRestoreDialog(
            named,
            lambda parent: self.folders.backup_set(parent, self.remembered_folder()),
            lambda: frozenset(case.code for case in services.cases.list_cases()),
            self._window,
        )
        accepted = dialog.exec() == TeamRestoreDialog.DialogCode.Accepted
        chosen = dialog.chosen()
        dialog.deleteLater()
        if not accepted or not chosen:
            return []
        bundles = self._bundles()
        if not bundles.unlocked_for_import(services, title):
            return []
        # One question for the whole restore, not one per case.
        team = bundles.team_for(services, _tr("the restored cases"), title)
        if team is None:
            return []
        brought: list[ImportedCase] = []
        left: list[str] = []
        for case in chosen:
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                imported = bundles.import_file(services, case.path, title, self._ask_new_code, team)
            finally:
                QGuiApplication.restoreOverrideCursor()
            if imported is None:
                left.append(case.code)
            else:
                brought.append(imported)
        self._prompter.inform(self._window, title, restored_message(brought, left))
        return brought

    def _ask_new_code(self, conflict: BundleCodeConflict) -> bool:
        return self._prompter.ask(
            self._window,
            _tr("Restore from backup"),
            _tr(
                "This team workspace already has a case {code}, and it is not "
                "overwritten. Bring the backup's {code} back as a new case {suggested}, "
                "or skip it?"
            ).format(code=conflict.code, suggested=conflict.suggested),
            _tr("Bring back as {suggested}").format(suggested=conflict.suggested),
        )


def restored_message(brought: list[ImportedCase], left: list[str]) -> str:
    """What a restore did: the cases brought back (and under which code), those not."""
    parts: list[str] = []
    if brought:
        named = [
            _tr("{code} (as {new})").format(code=case.renamed_from, new=case.code)
            if case.renamed_from
            else case.code
            for case in brought
        ]
        parts.append(
            _tr("Brought back {count} case(s): {codes}.").format(
                count=len(brought), codes=", ".join(named)
            )
        )
    if left:
        parts.append(_tr("Not brought back: {codes}.").format(codes=", ".join(left)))
    return " ".join(parts) or _tr("No case was brought back.")
