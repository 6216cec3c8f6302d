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

from deepdive.ui.app import create_application, open_services
from deepdive.ui.main_window import MainWindow


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    """pytest-qt builds the one QApplication of the run with this class."""
    return QApplication


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail a test that leaves top-level windows behind."""
    create_application()
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
def make_window(qtbot, settings: QSettings, prompter: ScriptedPrompter) -> WindowFactory:  # type: ignore[no-untyped-def]
    """Builds main windows that are closed and deleted after the test."""

    def make() -> MainWindow:
        window = MainWindow(open_services, settings, prompter)
        qtbot.addWidget(window)
        return window

    return make
