"""The main window's "nothing lost" part: backups, restore, case bundles, damaged files.

The window keeps only a few hooks: it asks this part to install its File menu items
(:meth:`NothingLostMenu.install`), calls :meth:`~NothingLostMenu.attach` when a
workspace has opened and :meth:`~NothingLostMenu.recover` when one would not open. Everything
else is here and in the modules it uses, which are imported when first needed so
that start-up stays quick.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QProgressBar

from deepdive.errors import DeepDiveError
from deepdive.paths import backup_dir
from deepdive.services import Services
from deepdive.ui.editors.app_services import save_status_of
from deepdive.ui.editors.autosave import SaveProblemLabel
from deepdive.ui.widgets.menus import MenuSlots
from deepdive.ui.widgets.prompts import Prompter

if TYPE_CHECKING:
    from deepdive.bundles.team_backup import TeamBackup
    from deepdive.storage.backup import BackupInfo
    from deepdive.ui.workspace.backup_commands import BackupCommands, BackupScheduler
    from deepdive.ui.workspace.bundle_commands import BundleCommands
    from deepdive.ui.workspace.team_backup_commands import TeamBackupCommands
    from deepdive.ui.workspace.workspace_view import WorkspaceView

STATUS_MS = 6000


def _tr(text: str) -> str:
    return QCoreApplication.translate("NothingLostMenu", text)


class NothingLostMenu(QObject):
    """File ▸ Back up now, Restore from backup…, Export/Import case bundle…; recovery."""

    def __init__(
        self,
        window: QMainWindow,
        prompter: Prompter,
        open_services: Callable[[Path], Services],
        open_workspace: Callable[[Path], bool],
        current: Callable[[], tuple[Services | None, WorkspaceView | None]],
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(window)
        self._settings = settings if settings is not None else QSettings()
        self._window = window
        self._prompter = prompter
        self._open_services = open_services
        self._open_workspace = open_workspace
        self._current = current
        self.backup_root: Callable[[], Path] = backup_dir
        self.scheduler: BackupScheduler | None = None
        self.team_backups: TeamBackupCommands | None = None
        self._backups: BackupCommands | None = None
        self._bundles: BundleCommands | None = None

        def action(text: str, slot: Callable[[], object], name: str) -> QAction:
            item = QAction(text, window)
            item.setObjectName(name)
            item.triggered.connect(lambda _checked=False: slot())
            return item

        self.back_up_action = action(_tr("&Back up now"), self.back_up_now, "backUpNow")
        self.restore_action = action(
            _tr("Restore from bac&kup…"), self.restore_from_backup, "restoreFromBackup"
        )
        self.export_bundle_action = action(
            _tr("E&xport case bundle…"), self.export_bundle, "exportCaseBundle"
        )
        self.import_bundle_action = action(
            _tr("I&mport case bundle…"), self.import_bundle, "importCaseBundle"
        )
        self.file_actions = [
            self.back_up_action,
            self.restore_action,
            self.export_bundle_action,
            self.import_bundle_action,
        ]
        self.save_problem = SaveProblemLabel(save_status_of(window), window)
        window.statusBar().addWidget(self.save_problem)
        self.backup_progress = QProgressBar(window)
        self.backup_progress.setObjectName("backupProgress")
        self.backup_progress.setRange(0, 100)
        self.backup_progress.setMaximumWidth(window.fontMetrics().averageCharWidth() * 16)
        self.backup_progress.setAccessibleName(_tr("Backup progress"))
        self.backup_progress.hide()
        window.statusBar().addPermanentWidget(self.backup_progress)
        self._asked_for_backup = False
        self.update_enabled()

    def install(self, menus: MenuSlots) -> None:
        """File ▸ Back up now, Restore from backup…, Export and Import case bundle…"""
        menus.add_file_group(self.file_actions, before_show=self.update_enabled)

    # ------------------------------------------------------------- workspace
    def attach(self, services: Services, view: WorkspaceView) -> None:
        """Start automatic backups of a workspace that has just opened."""
        from deepdive.ui.workspace.backup_commands import BackupScheduler

        if self.scheduler is not None:
            self.scheduler.deleteLater()  # its workspace has closed (and was backed up)
            self.scheduler = None
        if self.team_backups is not None:
            self.team_backups.deleteLater()
            self.team_backups = None
        view.selection_changed.connect(lambda _case: self.update_enabled())
        if services.workspace.server is not None:
            self._attach_team(services)
            return
        self.scheduler = BackupScheduler(services, self.backup_root(), parent=self)
        self.scheduler.started.connect(self._on_backup_started)
        self.scheduler.progressed.connect(self._on_backup_progressed)
        self.scheduler.backed_up.connect(self._on_backed_up)
        self.scheduler.failed.connect(self._on_backup_failed)
        self.update_enabled()

    def _attach_team(self, services: Services) -> None:
        """A team workspace: the server's own tools back the database up; Back up now
        makes this person's verified set of bundles of the cases they can see."""
        from deepdive.ui.workspace.team_backup_commands import TeamBackupCommands

        team = TeamBackupCommands(
            services, self._window, self._prompter, self._settings, self._bundle_commands
        )
        team.started.connect(lambda: self._on_backup_started(None))
        team.progressed.connect(self._on_backup_progressed)
        team.backed_up.connect(self._on_team_backed_up)
        team.failed.connect(self._on_backup_failed)
        self.team_backups = team
        self.update_enabled()

    def recover(self, path: Path, error: DeepDiveError) -> Services | None:
        """A workspace would not open: explain, and offer the way back if it is damaged."""
        from deepdive.ui.workspace.open_workspace_flow import OpenWorkspaceFlow

        flow = OpenWorkspaceFlow(
            self._window, self._prompter, self._open_services, self.backup_root
        )
        return flow.recover(path, error)

    def update_enabled(self) -> None:
        """Enable what makes sense for the open workspace and selected case."""
        services, view = self._current()
        has_workspace = services is not None
        for item in (self.back_up_action, self.restore_action):
            item.setEnabled(has_workspace)
        self.import_bundle_action.setEnabled(has_workspace)
        self.export_bundle_action.setEnabled(
            view is not None and view.selected_case_id() is not None
        )

    # --------------------------------------------------------------- commands
    def back_up_now(self) -> None:
        """Save what is pending, then make a verified backup."""
        services, view = self._current()
        if services is None:
            return
        if view is not None:
            view.case_tabs.flush()
        if services.workspace.server is not None:
            if self.team_backups is not None:
                self._asked_for_backup = self.team_backups.back_up()
            return
        if self.scheduler is not None:
            from deepdive.storage.backup import BackupKind

            self._asked_for_backup = True
            self.scheduler.back_up(BackupKind.MANUAL)

    def restore_from_backup(self) -> None:
        """Restore a backup as a new workspace (the open one is never overwritten)."""
        services, view = self._current()
        if services is None:
            return
        if services.workspace.server is None:
            self._backup_commands().restore_from_backup(services)
            return
        if self.team_backups is None:
            return
        if view is not None:
            view.case_tabs.flush()
        brought = self.team_backups.restore()
        if brought and view is not None:
            view.select_case(brought[-1].case_id)

    def export_bundle(self) -> None:
        """Export the selected case as a .ddcase bundle."""
        services, view = self._current()
        if services is None or view is None or view.selected_case_id() is None:
            return
        view.case_tabs.flush()
        case_id = view.selected_case_id()
        assert case_id is not None
        written = self._bundle_commands().export_case(services, case_id)
        if written is not None:
            self._status(_tr("Exported to {path}").format(path=written))

    def import_bundle(self) -> None:
        """Import a .ddcase bundle and show its case."""
        services, view = self._current()
        if services is None:
            return
        imported = self._bundle_commands().import_bundle(services)
        if imported is not None:
            if view is not None:
                view.select_case(imported.case_id)
            self._status(_tr("Imported case {code}").format(code=imported.code))

    # ---------------------------------------------------------------- helpers
    def _backup_commands(self) -> BackupCommands:
        if self._backups is None:
            from deepdive.ui.workspace.backup_commands import BackupCommands

            self._backups = BackupCommands(
                self._window, self._prompter, self.backup_root, self._open_workspace
            )
        return self._backups

    def _bundle_commands(self) -> BundleCommands:
        if self._bundles is None:
            from deepdive.ui.workspace.bundle_commands import BundleCommands

            self._bundles = BundleCommands(self._window, self._prompter)
        return self._bundles

    def set_bundle_commands(self, commands: BundleCommands) -> None:
        """Use these bundle commands (tests give scripted file choosers)."""
        self._bundles = commands

    def _on_backup_started(self, _kind: object) -> None:
        self.backup_progress.setValue(0)
        self.backup_progress.show()
        self._window.statusBar().showMessage(_tr("Backing up…"))

    def _on_backup_progressed(self, done: int, total: int, _what: str) -> None:
        self.backup_progress.setValue(round(100 * done / total) if total else 0)

    def _on_backed_up(self, info: BackupInfo) -> None:
        self.backup_progress.hide()
        self._asked_for_backup = False
        self._status(_tr("Backed up to {path}").format(path=info.path))

    def _on_team_backed_up(self, done: TeamBackup) -> None:
        self.backup_progress.hide()
        self._asked_for_backup = False
        self._status(
            _tr("Backed up {count} cases to {path}").format(count=len(done.cases), path=done.folder)
        )
        self._prompter.inform(self._window, _tr("Back up now"), done.message())

    def _on_backup_failed(self, message: str) -> None:
        self.backup_progress.hide()
        self._window.statusBar().clearMessage()
        if self._asked_for_backup:  # the user is waiting for it: a dialog that explains
            self._asked_for_backup = False
            self._prompter.warn(self._window, _tr("Back up now"), message)
            return
        self._status(_tr("Automatic backup failed: {message}").format(message=message))

    def _status(self, message: str) -> None:
        self._window.statusBar().showMessage(message, STATUS_MS)
