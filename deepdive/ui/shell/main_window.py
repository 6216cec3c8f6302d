"""The main window: it composes the features and opens workspaces.

Each feature installs its own menu entries and shortcuts (:meth:`MainWindow._build_menus`
decides only their order) and is told when a workspace opens or closes. Workspaces are
opened through a function the entry point gives (:mod:`deepdive.ui.shell.app`), with the
app services it made; the window owns no part of the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
)

from deepdive import APP_NAME
from deepdive.errors import DeepDiveError
from deepdive.paths import default_workspace
from deepdive.services import Services
from deepdive.storage.address import ServerAddress
from deepdive.ui.agencies.menu import AgenciesMenu
from deepdive.ui.cases.case_menu import CaseMenu
from deepdive.ui.chronology.actions import ChronologyActions
from deepdive.ui.editors.app_services import AppServices
from deepdive.ui.export.export_command import ExportCommand
from deepdive.ui.learning.commands import LearningCommands
from deepdive.ui.privacy.privacy_menu import PrivacyMenu
from deepdive.ui.search.search_command import SearchCommand
from deepdive.ui.sessions.menu import SessionsMenu
from deepdive.ui.shell.help_menu import HelpMenu
from deepdive.ui.shell.preferences_command import PreferencesCommand
from deepdive.ui.shell.style import Appearance
from deepdive.ui.shell.undo_actions import UndoActions
from deepdive.ui.shell.view_menu import ViewActions
from deepdive.ui.teams.menu import TeamsMenu
from deepdive.ui.widgets.menus import InstallsMenus, MenuSlots
from deepdive.ui.widgets.preferences import Preferences, load_preferences, save_preferences
from deepdive.ui.widgets.prompts import Prompter
from deepdive.ui.widgets.screen_fit import fit_to_screen
from deepdive.ui.widgets.window_settings import WindowSettings
from deepdive.ui.workspace.nothing_lost_menu import NothingLostMenu
from deepdive.ui.workspace.placeholder import NoWorkspacePlaceholder
from deepdive.ui.workspace.team_connection import TeamConnection
from deepdive.ui.workspace.workspace_menu import WorkspaceMenu

if TYPE_CHECKING:
    # The workspace's screens (and the database layer behind them) load with the first
    # workspace, after the window has painted.
    from deepdive.ui.cases.case_list_panel import CaseListPanel
    from deepdive.ui.workspace.workspace_view import WorkspaceView


class OpenServices(Protocol):
    """Opens a workspace file, or a team workspace on a server (with a password)."""

    def __call__(self, where: Path | ServerAddress, password: str | None = None) -> Services:
        """The services bound to the opened workspace; raises a DeepDiveError if not."""
        ...


STATUS_TIMEOUT_MS = 4000


class MainWindow(QMainWindow):
    """DeepDive's main window."""

    preferences_changed = Signal(object)  # Preferences

    def __init__(
        self,
        open_services: OpenServices,
        settings: QSettings,
        prompter: Prompter | None = None,
        *,
        app_services: AppServices,
        appearance: Appearance | None = None,
    ) -> None:
        """``app_services`` are the app's shared parts (privacy context, save status,
        spell checker), handed to what this window builds; ``appearance`` is the app's
        look, applied again when the preferences change (None: left as it is)."""
        super().__init__()
        self.app_services = app_services
        self.appearance = appearance
        self._open_services = open_services
        self._settings = WindowSettings(settings)
        self._qsettings = settings
        self.preferences = load_preferences(settings)
        app_services.spelling.set_enabled(self.preferences.spelling)
        self._prompter = prompter or Prompter()
        self.services: Services | None = None
        self.view: WorkspaceView | None = None
        self.setWindowTitle(APP_NAME)
        self.setMinimumSize(820, 520)
        self.team = TeamConnection(self, open_services)
        self._workspace_label = self.team.label
        self._build_menus()
        geometry = self._settings.bytes_value("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        fit_to_screen(self, remembered=restored)  # never taller than the screen
        self._show_placeholder()

    # ------------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        """Each feature installs its own menu entries and shortcuts; the order here is
        the order they appear in (File top to bottom, then the bar left to right)."""
        self.menus = menus = MenuSlots(self)
        for feature in self._make_features():
            feature.install(menus)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        menus.file.addAction(self.quit_action)
        # Edit ▸ Undo and Redo, at the top of the Edit menu, follow the open workspace.
        self.edit_menu = menus.edit
        # What was typed a moment ago becomes its undo step before the menu shows it.
        self.edit_menu.aboutToShow.connect(self._save_typing)
        self.undo_actions = UndoActions(self, self.edit_menu)

    def _make_features(self) -> list[InstallsMenus]:
        """Every feature that puts entries in the menus, each given what it needs."""
        privacy = self.app_services.privacy
        current = self._current
        self.workspace_menu = WorkspaceMenu(
            self,
            self._settings,
            self.choose_new_workspace,
            self.choose_workspace_to_open,
            self.open_workspace,
            self.choose_team_workspace,
        )
        self.teams_menu = TeamsMenu(self, current)
        self.case_menu = CaseMenu(self, self._prompter, self._settings, privacy)
        self.chronology_actions = ChronologyActions(
            self, lambda: self.view.chronology if self.view is not None else None
        )
        self.nothing_lost = NothingLostMenu(
            self, self._prompter, self._open_services, self.open_workspace, current, self._qsettings
        )
        self.sessions_menu = SessionsMenu(self, lambda: self.view, self._prompter)
        self.privacy_menu = PrivacyMenu(self, current, self._prompter, self._qsettings, privacy)
        self.export_command = ExportCommand(
            self, current, lambda: self.preferences, self._settings, self.privacy_menu
        )
        self.view_actions = ViewActions(self, self._settings, lambda: self.view)
        self.learning = LearningCommands(
            self,
            lambda: self.services,
            self._prompter,
            self._open_case_from_learning,
            marking=lambda: self.preferences.marking or None,
            privacy=privacy,
        )
        self.search = SearchCommand(self, current)
        self.preferences_command = PreferencesCommand(
            self, lambda: self.preferences, self.apply_preferences, self.app_services.spelling
        )
        self.help_menu = HelpMenu(self)
        return [
            self.workspace_menu,
            self.teams_menu,
            self.case_menu,
            self.chronology_actions,
            self.nothing_lost,
            self.sessions_menu,
            self.privacy_menu,
            self.export_command,
            self.view_actions,
            self.learning,
            self.search,
            AgenciesMenu(self, self._current),
            self.preferences_command,
            self.help_menu,
        ]

    def _current(self) -> tuple[Services | None, WorkspaceView | None]:
        """The open workspace's services and view (None, None: no workspace open)."""
        return self.services, self.view

    # ------------------------------------------------------------- workspaces
    def begin_opening(self, path: Path, opened: Callable[[], None] | None = None) -> None:
        """Start-up: list the workspace's cases at once, then open it as soon as it loads.

        The database layer and the screens load on a background thread while the
        window shows the case list from a quick read-only look; anything unusual about
        the file (damaged, newer, in use) is left to the full open to explain.
        ``opened`` is called once the workspace is open (the composition root settles
        start-up's memory then).
        """
        from deepdive.services.case_listing import peek_case_summaries
        from deepdive.ui.workspace.opening_preview import BackgroundImports, OpeningPreview

        self._workspace_label.setText(self.tr("Opening {path}…").format(path=path))
        cases = peek_case_summaries(path)
        preview = OpeningPreview(cases, self) if cases else None
        if preview is not None:
            preview.case_list.proxy.set_show_archived(
                self.case_menu.show_archived_action.isChecked()
            )
            self.setCentralWidget(preview)
            preview.show()
        else:
            self.show_opening()
        loader = BackgroundImports(parent=self)

        def open_loaded() -> None:
            loader.deleteLater()
            case_list = preview.take_case_list() if preview is not None else None
            self.open_workspace(path, case_list=case_list)
            if opened is not None:
                opened()

        loader.finished.connect(open_loaded)
        # Loading competes with painting for the interpreter: let the list paint first
        # (but never wait for a paint that a hidden or minimised window will not do).
        if preview is not None and preview.isVisible():
            preview.first_painted.connect(lambda: QTimer.singleShot(0, loader.start))
            QTimer.singleShot(300, loader.start)
        else:
            QTimer.singleShot(0, loader.start)

    def open_workspace(
        self, path: Path | ServerAddress, case_list: CaseListPanel | None = None
    ) -> bool:
        """Open the workspace at ``path`` (a file, or a team workspace's address) in this
        window; explains and returns False if not.

        ``case_list`` is the list shown while it was opening (see :meth:`begin_opening`).
        """
        if isinstance(path, ServerAddress):
            return self._open_team(path)
        try:
            services = self._open_services(path)
        except DeepDiveError as exc:
            case_list = None  # the start-up list goes with the placeholder
            if self.view is None:
                self._show_placeholder()
            # Explain; a damaged file is kept and a backup offered.
            recovered = self.nothing_lost.recover(path, exc)
            if recovered is None:
                return False
            services = recovered
        return self._show_workspace(services, case_list)

    def choose_team_workspace(self) -> bool:
        """File ▸ Open team workspace…: ask for the address (and password) and open it."""
        return self._open_team(None)

    def _open_team(self, address: ServerAddress | None) -> bool:
        services = self.team.open(address)
        if services is None:
            if self.view is None:
                self._show_placeholder()
            return False
        return self._show_workspace(services)

    def _show_workspace(self, services: Services, case_list: CaseListPanel | None = None) -> bool:
        """Show the opened workspace in this window (the one open before is closed)."""
        if not self._close_current():
            services.close()
            return False
        from deepdive.privacy.guard import VaultGuard
        from deepdive.ui.workspace.workspace_view import WorkspaceView

        if isinstance(services.guard, VaultGuard):
            # The services' identifier guard follows the key vault: the privacy context
            # sets the vault's registered identifiers into it while it is unlocked.
            self.app_services.privacy.use_guard(services.guard)
        self.services = services
        self.view = WorkspaceView(
            services, self, case_list=case_list, app_services=self.app_services
        )
        self.view.status_message.connect(self._show_status)
        self.view.lasting_message.connect(self.statusBar().showMessage)
        self.undo_actions.attach(self.view)
        for feature in (self.case_menu, self.export_command, self.search):
            feature.attach(self.view)
        self.sessions_menu.attach(self.view)
        self.nothing_lost.attach(services, self.view)
        state = self._settings.bytes_value("window/splitter")
        if state is None or not self.view.splitter.restoreState(state):
            self.view.fit_case_list_width(self.width())
        self.view_actions.attach(self.view)  # the case list shown or hidden, as last time
        self.setCentralWidget(self.view)
        self.view.show()  # a widget put into an already visible window needs showing
        self._settings.add_recent_workspace(self.team.show(services, self.view))
        QTimer.singleShot(500, self.app_services.spelling.preload)  # the dictionary, while idle
        return True

    def _save_typing(self) -> None:
        if self.view is not None:
            self.view.case_tabs.flush()

    def choose_workspace_to_open(self) -> None:
        """Ask for a workspace file and open it."""
        path = self._prompter.open_workspace_path(self, self._start_folder())
        if path is not None:
            self.open_workspace(path)

    def choose_new_workspace(self) -> None:
        """Ask where to create a workspace, create it and open it."""
        path = self._prompter.new_workspace_path(self, self._start_folder())
        if path is None:
            return
        if path.exists():
            self._prompter.warn(
                self,
                self.tr("New workspace"),
                self.tr("{path} already exists; choose another name, or use Open.").format(
                    path=path
                ),
            )
            return
        self.open_workspace(path)

    def _start_folder(self) -> Path:
        if self.services is not None and self.services.workspace.server is None:
            return self.services.workspace.path.parent
        return default_workspace().parent

    def _close_current(self) -> bool:
        if self.view is None or self.services is None:
            return True
        if not self.view.close_workspace():
            self._prompter.warn(
                self,
                self.tr("Could not save"),
                self.tr(
                    "Your latest edits could not be saved, so the workspace stays open. "
                    "Your text is still in the window."
                ),
            )
            return False
        if not self.view.left.isHidden():  # a hidden list's width is not worth keeping
            self._settings.set_bytes_value("window/splitter", self.view.splitter.saveState())
        self.learning.close_view()
        self.team.closing()
        self.services.close()
        self.services = None
        self.view = None
        for feature in (self.case_menu, self.export_command, self.search):
            feature.attach(None)
        return True

    def show_opening(self) -> None:
        """Say the workspace is being opened (shown for the first moment of start-up)."""
        label = QLabel(self.tr("Opening your workspace…"), self)
        label.setObjectName("emptyHint")
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        label.show()

    def _show_placeholder(self) -> None:
        placeholder = NoWorkspacePlaceholder(
            self.choose_workspace_to_open, self.choose_new_workspace, self
        )
        self.setCentralWidget(placeholder)
        placeholder.show()
        self._workspace_label.setText(self.tr("No workspace open"))

    def _open_case_from_learning(self, case_id: int) -> None:
        """An item behind a theme count was opened: show its case here."""
        if self.view is not None:
            self.view.select_case(case_id)
            self.raise_()
            self.activateWindow()

    def apply_preferences(self, preferences: Preferences) -> None:
        """Store and apply preferences (appearance at once; the rest when next used)."""
        self.preferences = preferences
        save_preferences(self._qsettings, preferences)
        if self.appearance is not None:
            self.appearance.apply(preferences.theme, preferences.font_point_size)
        self.app_services.spelling.set_enabled(preferences.spelling)
        self.preferences_changed.emit(preferences)

    def _show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, STATUS_TIMEOUT_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.set_bytes_value("window/geometry", self.saveGeometry())
        if not self._close_current():
            event.ignore()
            return
        self._settings.sync()
        event.accept()
