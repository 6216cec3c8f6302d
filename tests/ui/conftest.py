"""Fixtures for UI tests: offscreen Qt, private settings, scripted answers, no leaks."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication
from ui_helpers import ScriptedPrompter, WindowFactory

from deepdive.ui.editors.app_services import AppServices
from deepdive.ui.shell.app import create_application, open_services
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.shell.style import Appearance


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    """pytest-qt builds the one QApplication of the run with this class."""
    return QApplication


@pytest.fixture(scope="session")
def app_services(qapp: QApplication) -> AppServices:
    """The app-wide parts the entry point makes once: one set for the test run, as the
    app has one for its life."""
    return AppServices.create()


@pytest.fixture(scope="session")
def appearance(qapp: QApplication, app_services: AppServices) -> Appearance:
    """The app's look, as the entry point makes it."""
    return Appearance(qapp, app_services.spelling)


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication, appearance: Appearance) -> Iterator[None]:
    """Fail a test that leaves top-level windows behind (each starts with the default look)."""
    create_application()
    appearance.apply()
    before = set(QApplication.topLevelWidgets())
    yield
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    leaked = [w for w in QApplication.topLevelWidgets() if w not in before]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"test leaked top-level widgets: {leaked}"


@pytest.fixture
def prompter() -> ScriptedPrompter:
    """A prompter whose answers the test sets."""
    return ScriptedPrompter()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    """QSettings in a private file, so tests never touch the user's own."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(  # type: ignore[no-untyped-def]
    qtbot, settings: QSettings, prompter: ScriptedPrompter, app_services: AppServices
) -> WindowFactory:
    """Builds main windows that are closed and deleted after the test."""

    def make() -> MainWindow:
        window = MainWindow(open_services, settings, prompter, app_services=app_services)
        qtbot.addWidget(window)
        return window

    return make
