"""Nothing lost, in the app: saving through a full disk, backups, restore, damaged files,
a workspace open elsewhere, and case bundles from the File menu."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QDialog, QMessageBox
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog
from workspace_helpers import disk_full

from deepdive.paths import backup_dir
from deepdive.services import Services
from deepdive.storage.backup import BackupKind, list_backups, make_backup
from deepdive.storage.workspace import open_workspace
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.workspace.backup_commands import BackupScheduler
from deepdive.ui.workspace.bundle_commands import BundleCommands
from deepdive.ui.workspace.restore_dialog import BackupColumn, RestoreDialog


def _codes(window: MainWindow) -> list[str]:
    assert window.services is not None
    return sorted(c.code for c in window.services.cases.list_cases())


def _with_case(path: Path, code: str = "DD-1") -> None:
    services = Services.for_workspace(open_workspace(path))
    services.cases.create(code, "Jay", summary="Lives with Nan")
    services.close()


def _click(name: str) -> Any:
    def fill(dialog: QDialog) -> None:
        button = dialog.findChild(QAbstractButton, name)
        assert button is not None, name
        button.click()

    return fill


# ------------------------------------------------------------------ saving


def test_a_save_that_fails_keeps_the_text_says_so_and_retries(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    window.view.select_case(case.id)
    overview = window.view.overview
    typed = "What Jay said about Nan's house, word for word. " * 2000
    with disk_full(window.services.workspace):
        with qtbot.waitSignal(window.app_services.save_status.problem, timeout=5000):
            overview.summary.editor.setFocus()
            overview.summary.editor.insertPlainText(typed)
        label = window.nothing_lost.save_problem
        assert label.isVisible()
        assert label.text() == (
            "Could not save — your text is safe in this window; free some space."
        )
        assert "the disk is full" in label.toolTip()
        assert overview.summary.markdown() == typed, "the text stays in the window"
        assert overview.has_unsaved_edits
        assert window.services.cases.get(case.id).summary == "", "nothing half-written"
    with qtbot.waitSignal(window.app_services.save_status.cleared, timeout=6000):
        pass  # the retry after space was freed
    assert not label.isVisible()
    assert not overview.has_unsaved_edits
    assert window.services.cases.get(case.id).summary == typed


def test_typing_without_a_pause_is_saved_when_the_first_keystrokes_deadline_comes(
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    """Someone who never pauses still has their words saved: the pause timer restarts
    with each keystroke, the deadline set by the first one does not. Time is moved on
    by firing the app's own timers, not by waiting (no wall clock in the test)."""
    from PySide6.QtCore import QTimer

    from deepdive.ui.editors.autosave import MAX_WAIT_MS, PAUSE_MS, PendingSaves

    written: list[dict[str, object]] = []
    saves = PendingSaves(written.append)
    timers = {timer.interval(): timer for timer in saves.findChildren(QTimer)}
    pause, deadline = timers[PAUSE_MS], timers[MAX_WAIT_MS]
    assert MAX_WAIT_MS <= 2000  # the promise: at most two seconds of typing at risk

    saves.set("summary", "a")
    for typed in ("ab", "abc"):  # keystrokes keep coming, each before the pause ends
        assert pause.isActive() and deadline.isActive()
        saves.set("summary", typed)
    assert written == []
    deadline.timeout.emit()  # MAX_WAIT_MS after the first keystroke, still typing
    assert written == [{"summary": "abc"}]
    assert not saves.has_pending and not pause.isActive()

    saves.set("summary", "abcd")  # the next keystroke starts a new deadline
    assert deadline.isActive()
    pause.timeout.emit()  # and a pause saves it as before
    assert written[-1] == {"summary": "abcd"}


# ----------------------------------------------------------------- backups


def _back_up_now(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Back up now, waiting for the worker thread to finish it."""
    scheduler = window.nothing_lost.scheduler
    assert scheduler is not None
    with qtbot.waitSignal(scheduler.backed_up, timeout=10000):
        window.nothing_lost.back_up_action.trigger()


def test_back_up_now_makes_a_verified_backup(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(workspace_path)
    assert window.services is not None
    window.services.cases.create("DD-1", "Jay")
    _back_up_now(qtbot, window)
    [backup] = list_backups(workspace_path, backup_dir())
    assert backup.kind is BackupKind.MANUAL
    assert "Backed up to" in window.statusBar().currentMessage()


def test_a_pause_in_editing_and_closing_each_make_a_backup(qtbot, workspace_path: Path) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    scheduler = BackupScheduler(services, backup_dir(), idle_ms=50)
    services.cases.create("DD-1", "Jay")
    with qtbot.waitSignal(scheduler.backed_up, timeout=3000) as made:
        pass
    assert made.args[0].kind is BackupKind.IDLE
    services.cases.create("DD-2", "Sam")
    services.close()
    kinds = [b.kind for b in list_backups(workspace_path, backup_dir())]
    assert kinds == [BackupKind.CLOSE, BackupKind.IDLE]
    scheduler.deleteLater()


def test_the_backup_on_closing_is_made_off_the_window_thread_with_progress(
    qtbot, workspace_path: Path
) -> None:
    """Closing never freezes the window: the backup runs on the worker thread while
    the window paints its progress, and is done before the workspace is let go."""
    from PySide6.QtCore import Qt, QThread

    services = Services.for_workspace(open_workspace(workspace_path))
    scheduler = BackupScheduler(services, backup_dir())
    window_thread = QThread.currentThread()
    worker_threads: list[bool] = []
    shown: list[tuple[int, int]] = []

    def on_started(_kind: object) -> None:
        worker = scheduler.worker
        assert worker is not None
        worker.progressed.connect(
            lambda *_: worker_threads.append(QThread.currentThread() is not window_thread),
            Qt.ConnectionType.DirectConnection,
        )

    scheduler.started.connect(on_started)
    scheduler.progressed.connect(lambda done, total, _what: shown.append((done, total)))
    services.cases.create("DD-1", "Jay")
    services.close()
    assert worker_threads and all(worker_threads)  # copied and checked on the worker
    assert shown  # and the window heard how far it was
    [backup] = list_backups(workspace_path, backup_dir())
    assert backup.kind is BackupKind.CLOSE
    scheduler.deleteLater()


def test_closing_without_changes_makes_no_backup(workspace_path: Path) -> None:
    services = Services.for_workspace(open_workspace(workspace_path))
    scheduler = BackupScheduler(services, backup_dir())
    services.close()
    assert list_backups(workspace_path, backup_dir()) == []
    scheduler.deleteLater()


def test_restore_lists_backups_and_restores_into_a_new_file(
    qtbot,
    make_window: WindowFactory,
    prompter: ScriptedPrompter,
    workspace_path: Path,
    tmp_path: Path,
) -> None:
    window = make_window()
    assert window.open_workspace(workspace_path)
    assert window.services is not None
    window.services.cases.create("DD-1", "Jay")
    _back_up_now(qtbot, window)
    window.services.cases.create("DD-2", "Sam")
    _back_up_now(qtbot, window)
    shown: list[list[str]] = []

    def pick_the_older(dialog: QDialog) -> None:
        assert isinstance(dialog, RestoreDialog)
        model = dialog.model
        shown.extend(
            [model.index(r, c).data() for c in BackupColumn] for r in range(model.rowCount())
        )
        dialog.table.selectRow(1)
        dialog.restore_button.click()

    target = tmp_path / "restored.deepdive"
    prompter.paths = [target]
    prompter.confirm_answers = [True]
    answer_next_dialog(pick_the_older)
    window.nothing_lost.restore_action.trigger()

    assert [row[1:3] for row in shown] == [["Backed up by you", "2"], ["Backed up by you", "1"]]
    assert window.services is not None
    assert window.services.workspace.path == target
    assert _codes(window) == ["DD-1"]
    assert "is unchanged" in prompter.questions[-1]
    window.close()
    again = make_window()
    assert again.open_workspace(workspace_path)
    assert _codes(again) == ["DD-1", "DD-2"], "the current workspace was not touched"


def test_restore_never_overwrites_an_existing_file(
    qtbot, make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path
) -> None:
    window = make_window()
    assert window.open_workspace(workspace_path)
    assert window.services is not None
    window.services.cases.create("DD-1", "Jay")
    _back_up_now(qtbot, window)
    window.services.cases.create("DD-2", "Sam")
    prompter.paths = [workspace_path]  # the user picks the open workspace itself
    answer_next_dialog(lambda dialog: dialog.accept())
    window.nothing_lost.restore_action.trigger()
    assert "already exists" in prompter.warnings[-1]
    assert _codes(window) == ["DD-1", "DD-2"]


# ------------------------------------------------------ damaged and in use


def _truncate(path: Path) -> bytes:
    damaged = path.read_bytes()[: path.stat().st_size // 2]
    path.write_bytes(damaged)
    return damaged


def test_a_damaged_workspace_is_replaced_by_its_newest_good_backup_and_kept(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path
) -> None:
    _with_case(workspace_path)
    make_backup(workspace_path, backup_dir(), BackupKind.CLOSE)
    damaged = _truncate(workspace_path)
    explained: list[str] = []

    def restore(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        explained.append(dialog.text() + " " + dialog.informativeText())
        _click("restoreBackup")(dialog)

    window = make_window()
    answer_next_dialog(restore)
    assert window.open_workspace(workspace_path)
    assert _codes(window) == ["DD-1"]
    assert "test.deepdive is damaged" in explained[0]
    assert "holds 1 case." in explained[0] and "not deleted" in explained[0]
    [aside] = workspace_path.parent.glob("test.damaged-*.deepdive")
    assert aside.read_bytes() == damaged
    assert "is open again" in prompter.questions[-1] and aside.name in prompter.questions[-1]


def test_cancel_leaves_a_damaged_workspace_exactly_as_it_was(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    _with_case(workspace_path)
    damaged = _truncate(workspace_path)
    window = make_window()
    answer_next_dialog(_click("cancel"))
    assert not window.open_workspace(workspace_path)
    assert window.view is None
    assert workspace_path.read_bytes() == damaged
    assert sorted(p.name for p in workspace_path.parent.iterdir()) == ["test.deepdive"]


def test_without_a_backup_the_damaged_file_can_be_kept_aside_and_a_new_one_started(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    _with_case(workspace_path)
    damaged = _truncate(workspace_path)
    window = make_window()
    answer_next_dialog(_click("startAfresh"))
    assert window.open_workspace(workspace_path)
    assert _codes(window) == []
    [aside] = workspace_path.parent.glob("test.damaged-*.deepdive")
    assert aside.read_bytes() == damaged


def test_open_another_file_from_the_damaged_workspace_message(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path, tmp_path: Path
) -> None:
    _with_case(workspace_path)
    _truncate(workspace_path)
    other = tmp_path / "other.deepdive"
    _with_case(other, "OTHER-1")
    prompter.paths = [other]
    window = make_window()
    answer_next_dialog(_click("openAnother"))
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.services.workspace.path == other
    assert _codes(window) == ["OTHER-1"]


def test_a_workspace_open_in_another_process_is_refused_with_its_own_message(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path
) -> None:
    _with_case(workspace_path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from deepdive.storage.workspace import open_workspace; "
            "w = open_workspace(sys.argv[1]); print('open', flush=True); sys.stdin.readline()",
            str(workspace_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        window = make_window()
        assert not window.open_workspace(workspace_path)
        assert "already open in another DeepDive window or process" in prompter.warnings[-1]
        assert f"process {holder.pid}" in prompter.warnings[-1]
    finally:
        holder.kill()
        holder.wait(timeout=30)
        for stream in (holder.stdin, holder.stdout):
            if stream is not None:
                stream.close()


# ----------------------------------------------------------------- bundles


@dataclass
class ScriptedFiles:
    """Bundle paths chosen by the test."""

    paths: list[Path | None] = field(default_factory=list)

    def save_path(self, parent: Any, suggested: Path) -> Path | None:
        return self.paths.pop(0)

    def open_path(self, parent: Any, start: Path) -> Path | None:
        return self.paths.pop(0)


def _bundle_window(
    make_window: WindowFactory, prompter: ScriptedPrompter, path: Path, files: ScriptedFiles
) -> MainWindow:
    window = make_window()
    assert window.open_workspace(path)
    window.nothing_lost.set_bundle_commands(BundleCommands(window, prompter, files))  # type: ignore[arg-type]
    return window


def test_export_and_import_a_case_bundle_from_the_file_menu(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path, tmp_path: Path
) -> None:
    files = ScriptedFiles()
    window = _bundle_window(make_window, prompter, workspace_path, files)
    assert window.services is not None and window.view is not None
    assert not window.nothing_lost.export_bundle_action.isEnabled(), "no case chosen yet"
    case = window.services.cases.create("DD-1", "Jay", summary="Lives with Nan")
    window.view.select_case(case.id)
    assert window.nothing_lost.export_bundle_action.isEnabled()
    bundle = tmp_path / "jay.ddcase"
    files.paths = [bundle]
    window.nothing_lost.export_bundle_action.trigger()
    assert bundle.is_file()
    assert "leak check found nothing" in prompter.questions[-1]
    window.close()

    other = _bundle_window(make_window, prompter, tmp_path / "other.deepdive", files)
    files.paths = [bundle]
    other.nothing_lost.import_bundle_action.trigger()
    assert _codes(other) == ["DD-1"]
    assert other.view is not None and other.view.selected_case_id() is not None

    files.paths = [bundle]
    prompter.confirm_answers = [False]
    other.nothing_lost.import_bundle_action.trigger()
    assert "already has a case DD-1" in prompter.questions[-1]
    assert _codes(other) == ["DD-1"], "cancel leaves the workspace as it is"

    files.paths = [bundle]
    prompter.confirm_answers = [True]
    other.nothing_lost.import_bundle_action.trigger()
    assert _codes(other) == ["DD-1", "DD-1-COPY"]


def test_a_hostile_bundle_is_explained_and_changes_nothing(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path, tmp_path: Path
) -> None:
    import zipfile

    bundle = tmp_path / "evil.ddcase"
    with zipfile.ZipFile(bundle, "w") as archive:
        archive.writestr("../../evil.json", "{}")
    files = ScriptedFiles([bundle])
    window = _bundle_window(make_window, prompter, workspace_path, files)
    window.nothing_lost.import_bundle_action.trigger()
    assert "path outside the archive" in prompter.warnings[-1]
    assert _codes(window) == []


def test_an_export_the_leak_check_blocks_writes_nothing(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path, tmp_path: Path
) -> None:
    files = ScriptedFiles()
    window = _bundle_window(make_window, prompter, workspace_path, files)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="NHS number 943 476 5919.")
    window.view.select_case(case.id)
    files.paths = [tmp_path / "jay.ddcase"]
    window.nothing_lost.export_bundle_action.trigger()
    listed = window.privacy_menu.findings.dialog  # what stopped it, by place, to fix
    assert listed is not None and listed.model.index(0, 0).data() == "case › summary"
    assert listed.model.index(0, 2).data() == "NHS number"
    listed.close()
    assert not list(tmp_path.glob("jay*"))


@pytest.mark.parametrize(
    "name", ["backUpNow", "restoreFromBackup", "exportCaseBundle", "importCaseBundle"]
)
def test_the_file_menu_holds_the_nothing_lost_commands(
    make_window: WindowFactory, name: str
) -> None:
    window = make_window()
    file_menu = window.menuBar().actions()[0].menu()
    assert name in [a.objectName() for a in file_menu.actions()]


def test_unsaved_text_stays_with_its_own_case_when_another_is_opened(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    alpha = window.services.cases.create("DD-A", "Alpha", summary="")
    beta = window.services.cases.create("DD-B", "Beta", summary="Beta's own summary")
    window.view.select_case(alpha.id)
    overview = window.view.overview
    typed = "What Alpha said at the review, word for word. " * 2000
    with disk_full(window.services.workspace):
        with qtbot.waitSignal(window.app_services.save_status.problem, timeout=5000):
            overview.summary.editor.setFocus()
            overview.summary.editor.insertPlainText(typed)
        window.view.select_case(beta.id)
        assert overview.summary.markdown() == "Beta's own summary"
        assert overview.has_unsaved_edits, "Alpha's text is still waiting to be saved"
    overview.flush()  # space is free again
    assert not overview.has_unsaved_edits
    assert window.services.cases.get(alpha.id).summary == typed
    assert window.services.cases.get(beta.id).summary == "Beta's own summary"
