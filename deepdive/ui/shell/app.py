"""The composition root of the desktop app: everything the UI shares is made here.

:func:`run_app` makes the QApplication, the app-wide parts the screens share
(:class:`~deepdive.ui.editors.app_services.AppServices`: the privacy context with the key
vault, the save status, the spell checker), the appearance, and the main window,
handing each what it needs; the window hands them on to the menus, commands and
panels it builds. Nothing in ``deepdive.ui`` keeps state of its own at module level.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deepdive import APP_NAME, installed_version
from deepdive.logs import configure_logging
from deepdive.paths import backup_dir, data_dir, default_workspace
from deepdive.resources import resource_path
from deepdive.services import Services
from deepdive.storage.address import ServerAddress
from deepdive.ui.editors.app_services import AppServices
from deepdive.ui.shell.error_hook import install_exception_hook
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.shell.style import Appearance


def open_services(where: Path | ServerAddress, password: str | None = None) -> Services:
    """Open a workspace file (or a team workspace on a server, with ``password`` when
    given) and bind the services to it, with an identifier guard that the main window's
    privacy context keeps in step with the key vault."""
    from deepdive.privacy.guard import VaultGuard

    if isinstance(where, ServerAddress):
        from deepdive.storage.server import open_server_workspace, server_anchor

        anchor = server_anchor(where, data_dir())
        workspace = open_server_workspace(where, anchor, password=password)
        return Services.for_workspace(workspace, VaultGuard())
    from deepdive.storage.workspace import open_workspace

    return Services.for_workspace(open_workspace(where, backup_dir=backup_dir()), VaultGuard())


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with DeepDive's names and icon (or the existing one)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("deepdive")
    app.setWindowIcon(QIcon(str(resource_path("icons", "deepdive.svg"))))
    return app


def compose(app: QApplication, settings: QSettings) -> MainWindow:
    """Wire the app: the shared parts, the look, and the main window that hands them on."""
    shared = AppServices.create()
    appearance = Appearance(app, shared.spelling)
    appearance.apply()  # the default look until the preferences are read
    window = MainWindow(open_services, settings, app_services=shared, appearance=appearance)
    preferences = window.preferences
    appearance.apply(preferences.theme, preferences.font_point_size)
    return window


def run_app(workspace: Path | ServerAddress | None = None) -> int:
    """Open the main window on ``workspace`` (default: the user's own file; or a team
    workspace on a server) and run."""
    configure_logging()
    app = create_application()
    install_exception_hook()
    window = compose(app, QSettings())
    window.show()
    window.show_opening()
    # The window paints first; the case list follows from a quick look, and the
    # workspace (with the database layer behind it) opens once that has loaded in the
    # background, so start-up never looks frozen.
    QTimer.singleShot(0, lambda: _open_first_workspace(app, window, workspace))
    return app.exec()


def _open_first_workspace(
    app: QApplication, window: MainWindow, workspace: Path | ServerAddress | None
) -> None:
    app.setApplicationVersion(installed_version())
    if isinstance(workspace, ServerAddress):  # no quick look at a server: open it
        window.open_workspace(workspace)
        gc.freeze()
        return
    # What start-up loaded (modules, classes, the screens) lives for the whole session:
    # keep it out of the collector's full passes, which would otherwise pause the
    # window for longer as the session grows.
    window.begin_opening(workspace or default_workspace(), opened=gc.freeze)
