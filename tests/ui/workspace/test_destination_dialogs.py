"""The app's save dialogs refuse a workspace, a vault or a file of another kind with a
message that explains; a backup runs on a worker thread while the window answers."""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter, WindowFactory

from deepdive.demo import add_demo_case
from deepdive.paths import backup_dir
from deepdive.services import Services
from deepdive.storage.backup import BackupKind, case_count, list_backups
from deepdive.storage.workspace import open_workspace
from deepdive.ui.export.export_dialog import ExportDialog
from deepdive.ui.learning.commands import LearningCommands
from deepdive.ui.sessions.template_library import TemplateFiles, TemplateLibraryDialog
from deepdive.ui.workspace.backup_commands import BackupScheduler
from deepdive.ui.workspace.bundle_commands import BundleCommands


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_export_dialog_refuses_the_open_workspace_with_a_message(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    case = add_demo_case(services)
    dialog = ExportDialog(services, case, marking="", reference_doc="", folder=tmp_path)
    qtbot.addWidget(dialog)
    workspace = services.workspace.path
    before = _sha(workspace)
    dialog.path_edit.setText(str(workspace))
    with qtbot.waitSignal(dialog.export_finished, timeout=5000) as finished:
        dialog.export_button.click()
    assert finished.args[0] is None
    box = dialog.findChild(QMessageBox, "destinationRefused")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        f"{workspace} is a DeepDive workspace: DeepDive never writes over it, whatever it is "
        "called. Choose another name for a Word document."
    )
    assert dialog.status.text() == box.text()
    assert not dialog.is_running() and dialog.export_button.isEnabled()
    box.accept()
    assert _sha(workspace) == before


def test_the_export_dialog_refuses_its_own_reference_document_as_destination(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    case = add_demo_case(services)
    team = tmp_path / "team.docx"
    document = docx.Document()
    document.add_paragraph("Our team's letterhead")
    document.save(str(team))
    before = _sha(team)
    # The reference document comes from the preferences; the destination is typed.
    dialog = ExportDialog(services, case, marking="", reference_doc=str(team), folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(team))
    with qtbot.waitSignal(dialog.export_finished, timeout=5000) as finished:
        dialog.export_button.click()
    assert finished.args[0] is None
    box = dialog.findChild(QMessageBox, "destinationRefused")
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        f"{team} is also the reference document, which DeepDive reads to make a Word "
        "document: writing over it would destroy it. Choose another name."
    )
    box.accept()
    assert _sha(team) == before


class _Files(TemplateFiles):
    """Answers every save dialog with one path."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def export_path(self, parent: QWidget | None, suggested: str) -> Path | None:
        return self.path

    def save_path(self, parent: QWidget, suggested: Path) -> Path | None:
        return self.path


def test_bundle_template_and_report_dialogs_refuse_the_open_workspace(
    services: Services, qtbot: QtBot
) -> None:
    case = add_demo_case(services)
    workspace = services.workspace.path
    before = _sha(workspace)
    prompter = ScriptedPrompter()
    parent = QWidget()
    qtbot.addWidget(parent)

    bundles = BundleCommands(parent, prompter, files=_Files(workspace), gate_for=lambda *_: None)  # type: ignore[arg-type]
    assert bundles.export_case(services, case.id) is None
    library = TemplateLibraryDialog(services, prompter=prompter, files=_Files(workspace))
    qtbot.addWidget(library)
    library.select("gibbs-reflective-cycle")
    assert library.export_selected() is None
    learning = LearningCommands(
        parent, lambda: services, prompter, lambda _id: None, choose_path=lambda *_: workspace
    )
    assert learning.export_report() is None

    assert len(prompter.warnings) == 3
    for warning, kind in zip(
        prompter.warnings,
        ("a DeepDive case bundle", "a DeepDive session template", "a Word document"),
        strict=True,
    ):
        assert warning.startswith(f"{workspace} is a DeepDive workspace: DeepDive never writes")
        assert warning.endswith(f"Choose another name for {kind}.")
    assert _sha(workspace) == before


def test_a_backup_from_the_app_runs_on_a_worker_while_the_window_answers(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(workspace_path)
    assert window.services is not None
    window.services.cases.create("DD-1", "Jay")
    scheduler = window.nothing_lost.scheduler
    assert scheduler is not None
    window_answered = threading.Event()
    backup_threads: list[threading.Thread] = []
    answered_mid_backup: list[bool] = []

    def on_progress(_done: int, _total: int, _what: str) -> None:
        """Runs on the thread making the backup; holds it until the window answers."""
        backup_threads.append(threading.current_thread())
        answered_mid_backup.append(window_answered.wait(10))

    def on_started(_kind: object) -> None:
        assert scheduler.worker is not None
        scheduler.worker.progressed.connect(on_progress, Qt.ConnectionType.DirectConnection)
        # The window's event loop runs this only if it is free while the backup runs.
        QTimer.singleShot(0, window_answered.set)

    scheduler.started.connect(on_started)
    with qtbot.waitSignal(scheduler.backed_up, timeout=20000):
        window.nothing_lost.back_up_action.trigger()
        assert scheduler.is_running()  # the action returned with the backup under way
        assert not window.nothing_lost.backup_progress.isHidden()

    assert backup_threads and threading.main_thread() not in backup_threads
    assert answered_mid_backup[0] is True, "the window answered while the backup ran"
    [backup] = list_backups(workspace_path, backup_dir())
    assert backup.kind is BackupKind.MANUAL
    assert window.nothing_lost.backup_progress.isHidden()
    assert window.statusBar().currentMessage() == f"Backed up to {backup.path}"


def test_closing_while_a_backup_runs_waits_for_it_then_backs_up_the_last_edits(
    qtbot: QtBot, workspace_path: Path
) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    scheduler = BackupScheduler(services, backup_dir())
    services.cases.create("DD-1", "Jay")
    scheduler.back_up(BackupKind.MANUAL)
    assert scheduler.is_running()
    services.cases.create("DD-2", "Sam")  # typed while the backup runs
    services.close()
    assert not scheduler.is_running()
    newest, older = list_backups(workspace_path, backup_dir())
    assert (newest.kind, older.kind) == (BackupKind.CLOSE, BackupKind.MANUAL)
    assert case_count(newest.path) == 2
    scheduler.deleteLater()
