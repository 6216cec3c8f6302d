"""The composition root of the desktop app: wires the core's services into the UI."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from deepdive import APP_NAME, installed_version
from deepdive.logs import configure_logging
from deepdive.paths import backup_dir, default_workspace
from deepdive.resources import resource_path
from deepdive.services import Services
from deepdive.ui.error_hook import install_exception_hook
from deepdive.ui.main_window import MainWindow
from deepdive.ui.style import apply_appearance, apply_style


def open_services(path: Path) -> Services:
    """Open a workspace file and bind the services to it.

    Their identifier guard follows the key vault: the privacy context sets the vault's
    registered identifiers into it while the vault is unlocked.
    """
    from deepdive.privacy.guard import VaultGuard
    from deepdive.storage.workspace import open_workspace
    from deepdive.ui.privacy.context import current_context

    guard = VaultGuard()
    services = Services.for_workspace(open_workspace(path, backup_dir=backup_dir()), guard)
    current_context().use_guard(guard)
    return services


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with DeepDive's names and style (or the existing one)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName("deepdive")
    app.setWindowIcon(QIcon(str(resource_path("icons", "deepdive.svg"))))
    apply_style(app)
    return app


def run_app(workspace: Path | None = None) -> int:
    """Open the main window on ``workspace`` (default: the user's own) and run."""
    configure_logging()
    app = create_application()
    install_exception_hook()
    settings = QSettings()
    window = MainWindow(open_services, settings)
    preferences = window.preferences
    apply_appearance(app, preferences.theme, preferences.font_point_size)
    window.show()
    window.show_opening()
    # The window paints first; the case list follows from a quick look, and the
    # workspace (with the database layer behind it) opens once that has loaded in the
    # background, so start-up never looks frozen.
    QTimer.singleShot(0, lambda: _open_first_workspace(app, window, workspace))
    return app.exec()


def _open_first_workspace(app: QApplication, window: MainWindow, workspace: Path | None) -> None:
    app.setApplicationVersion(installed_version())
    # What start-up loaded (modules, classes, the screens) lives for the whole session:
    # keep it out of the collector's full passes, which would otherwise pause the
    # window for longer as the session grows.
    window.begin_opening(workspace or default_workspace(), opened=gc.freeze)
