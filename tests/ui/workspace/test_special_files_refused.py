"""The app's import dialogs refuse a named pipe at once, as the command line does: a
typed name can name one, and reading it would wait for ever."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.ui.chronology.import_dialog import ImportDialog
from deepdive.ui.export.export_dialog import ExportDialog
from deepdive.ui.sessions.template_library import TemplateFiles, TemplateLibraryDialog
from deepdive.ui.shell.preferences_dialog import PreferencesDialog
from deepdive.ui.widgets.preferences import Preferences
from deepdive.ui.workspace.bundle_commands import BundleCommands, BundleFiles

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Path]:
    """A named pipe. A helper keeps opening and closing its other end, so a regression
    that opens it to read finds it empty (and the test fails) instead of waiting for
    ever, however many times it opens it."""
    path = tmp_path / "from-a-colleague"
    os.mkfifo(path)
    done = threading.Event()

    def write_nothing() -> None:
        while not done.is_set():
            open(path, "wb").close()  # waits for a reader, then gives it an empty pipe

    writer = threading.Thread(target=write_nothing, daemon=True)
    writer.start()
    yield path
    done.set()
    reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the helper's last open end
    writer.join()
    os.close(reader)


def refusal(pipe: Path) -> str:
    return (
        f"{pipe} is a named pipe (FIFO), not an ordinary file; DeepDive reads and writes "
        "ordinary files only. Choose a file."
    )


class _Opens(BundleFiles, TemplateFiles):
    """Answers every open dialog with one path, as if typed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def open_path(self, parent: QWidget, start: Path) -> Path | None:
        return self.path

    def import_path(self, parent: QWidget | None) -> Path | None:
        return self.path


def test_the_chronology_import_dialog_refuses_a_named_pipe(
    services: Services, qtbot: QtBot, pipe: Path
) -> None:
    case = add_demo_case(services)
    dialog = ImportDialog(services, case, pipe, QUndoStack())
    qtbot.addWidget(dialog)
    assert dialog.summary.text() == refusal(pipe)
    assert not dialog.import_button.isEnabled()


def test_bundle_and_template_imports_refuse_a_named_pipe(
    services: Services, qtbot: QtBot, pipe: Path
) -> None:
    prompter = ScriptedPrompter()
    parent = QWidget()
    qtbot.addWidget(parent)
    bundles = BundleCommands(parent, prompter, files=_Opens(pipe))
    assert bundles.import_bundle(services) is None
    library = TemplateLibraryDialog(services, prompter=prompter, files=_Opens(pipe))
    qtbot.addWidget(library)
    assert library.import_file() is None
    assert prompter.warnings == [refusal(pipe), refusal(pipe)]


def test_a_named_pipe_as_reference_document_is_refused_by_export_and_preferences(
    services: Services, qtbot: QtBot, pipe: Path, tmp_path: Path, monkeypatch: Any
) -> None:
    case = add_demo_case(services)
    dialog = ExportDialog(services, case, marking="", reference_doc=str(pipe), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "case.docx"))
    with qtbot.waitSignal(dialog.export_finished, timeout=5000) as finished:
        dialog.export_button.click()
    assert finished.args[0] is None
    assert dialog.status.text() == refusal(pipe)
    box = dialog.findChild(QMessageBox, "destinationRefused")
    assert isinstance(box, QMessageBox) and box.text() == refusal(pipe)
    box.accept()
    assert not (tmp_path / "case.docx").exists()

    # Chosen (or typed) in the Preferences file dialog: refused there and then.
    warned: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_a, **_k: (str(pipe), ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    preferences = PreferencesDialog(Preferences())
    qtbot.addWidget(preferences)
    preferences._choose_reference_doc()
    assert warned == [refusal(pipe)]
    assert preferences.reference_doc.text() == ""
