"""The app holds the key vault unlocked while an administrator runs ``deepdive vault``
(a real process) on the same workspace: nothing either of them saves is lost. The
app's next save merges; an entry removed there and changed here is asked about; the
app's exports look for names added there."""

from __future__ import annotations

from pathlib import Path

from cli_helpers import run_deepdive
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QMessageBox
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog, underlines

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services.events import EventInput
from deepdive.ui.privacy.highlighter import BLOCKING_COLOUR
from deepdive.ui.privacy.report_dialogs import FindingsDialog
from deepdive.ui.privacy.unlock_dialog import UnlockDialog
from deepdive.ui.privacy.vault_conflict import KEEP_MINE, LATER
from deepdive.ui.privacy.vault_editor import VaultColumn, VaultEditorDialog
from deepdive.ui.shell.main_window import MainWindow

PASSPHRASE = "correct horse battery"


def _window(make_window: WindowFactory, workspace_path: Path) -> MainWindow:
    """The app with case DD-1 (Jay, and Mum in the cast) open and the vault unlocked."""
    vault = Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE)
    vault.put_case(VaultCase("DD-1", 120, (VaultPerson("Jay", real_names=("Jayden Marsh",)),)))
    vault.lock()
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jay lives with Mum.")
    window.services.people.add(case.id, "Mum", "parent")
    window.view.select_case(case.id)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        assert dialog.unlock()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()
    assert window.privacy_menu.context.vault is not None
    return window


def _deepdive_vault(workspace: Path, *args: str) -> None:
    """``deepdive vault ARGS`` run by an administrator while the app is open."""
    result = run_deepdive(
        "vault",
        *args,
        "--workspace",
        workspace,
        data_dir=workspace.parent,
        env={"DEEPDIVE_PASSPHRASE": PASSPHRASE},
    )
    assert result.returncode == 0, result.stderr


def _edit_in_the_app(
    window: MainWindow,
    row: int,
    column: VaultColumn,
    text: str,
    answer: tuple[str, list[str]] | None = None,
) -> str:
    """Privacy ▸ Edit this case's vault entries…, type ``text`` in one cell (answering
    the question about a conflict with ``answer``'s button); the editor's message."""
    said: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, VaultEditorDialog)
        if answer is not None:
            _answer_conflict(*answer)  # the question opens while the edit is saved
        dialog.edit_cell(row, column, text)
        said.append(dialog.message.text() if dialog.message.isVisibleTo(dialog) else "")
        dialog.accept()

    answer_next_dialog(fill)
    window.privacy_menu.edit_action.trigger()
    return said[0]


def _answer_conflict(button: str, shown: list[str]) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QMessageBox)
        shown.append(dialog.text())
        chosen = next(b for b in dialog.buttons() if b.text() == button)
        chosen.click()

    answer_next_dialog(fill)


def _people(workspace: Path) -> dict[str, VaultPerson]:
    case = Vault.open(workspace.with_suffix(".vault"), PASSPHRASE).case("DD-1")
    assert case is not None
    return {p.pseudonym: p for p in case.people}


def test_a_name_added_with_deepdive_vault_is_kept_and_looked_for(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window = _window(make_window, workspace_path)
    _deepdive_vault(workspace_path, "add", "DD-1", "Mum", "--real-name", "Kerry Marsh")

    # The app's export takes the new name in before it checks (the report is blocked).
    assert window.services is not None
    case = window.services.cases.find("DD-1")
    event = window.services.events.add(
        case.id, EventInput("2020-01-01", "family", "Kerry Marsh took Jay in", key_episode=True)
    )
    window.services.themes.apply_to_event(event.id, "Trusted adult")
    report = tmp_path / "report.docx"
    window.learning.choose_path = lambda parent, start: report
    assert window.learning.export_report() is None
    assert not report.exists()
    findings = window.privacy_menu.findings.dialog  # what stopped it, listed by place
    assert isinstance(findings, FindingsDialog) and findings.isVisible()
    model = findings.model
    cells = [
        str(model.index(row, column).data())
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert any("Kerry Marsh" in cell for cell in cells)

    # The app's next change to the vault keeps the administrator's entry.
    assert _edit_in_the_app(window, 0, VaultColumn.ALIASES, "JJ") == ""
    people = _people(workspace_path)
    assert people["Jay"].aliases == ("JJ",)
    assert people["Mum"].real_names == ("Kerry Marsh",)


def test_an_entry_removed_there_and_changed_here_is_asked_about(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window = _window(make_window, workspace_path)
    _deepdive_vault(workspace_path, "remove", "DD-1", "Jay")

    # "Decide later": nothing is saved, the editor says so and keeps what was typed.
    shown: list[str] = []
    said = _edit_in_the_app(window, 0, VaultColumn.ALIASES, "JJ", (LATER, shown))
    assert "DD-1 › Jay: removed elsewhere, changed here" in shown[0]
    assert "Nothing was saved, so neither change is lost" in said
    assert "Jay" not in _people(workspace_path)
    vault = window.privacy_menu.context.vault
    assert vault is not None and vault.has_unsaved_changes()

    # The next change asks again; keeping this window's version saves both changes.
    said = _edit_in_the_app(window, 1, VaultColumn.REAL_NAMES, "Kerry Marsh", (KEEP_MINE, shown))
    assert said == ""
    assert len(shown) == 2
    people = _people(workspace_path)
    assert people["Jay"].aliases == ("JJ",)
    assert people["Jay"].real_names == ("Jayden Marsh",)
    assert people["Mum"].real_names == ("Kerry Marsh",)
    assert not vault.has_unsaved_changes()


def _left_undecided(window: MainWindow, workspace_path: Path) -> Vault:
    """Jay removed by ``deepdive vault``, given an alias here, "Decide later" chosen."""
    _deepdive_vault(workspace_path, "remove", "DD-1", "Jay")
    _edit_in_the_app(window, 0, VaultColumn.ALIASES, "JJ", (LATER, []))
    vault = window.privacy_menu.context.vault
    assert vault is not None and vault.has_unsaved_changes()
    return vault


def test_locking_with_a_change_left_undecided_asks_before_dropping_it(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    window = _window(make_window, workspace_path)
    vault = _left_undecided(window, workspace_path)

    # Lock: asked again which to keep; "Decide later", then Cancel keeps it unlocked.
    shown: list[str] = []
    _answer_conflict(LATER, shown)
    prompter.confirm_answers.append(False)
    window.privacy_menu.lock_action.trigger()
    assert "DD-1 › Jay: removed elsewhere, changed here" in shown[0]
    assert "Locking now drops it" in prompter.questions[-1]
    assert window.privacy_menu.context.vault is vault and vault.has_unsaved_changes()

    # Lock again and keep this window's version: saved, then locked.
    _answer_conflict(KEEP_MINE, shown)
    window.privacy_menu.lock_action.trigger()
    assert window.privacy_menu.context.vault is None
    assert _people(workspace_path)["Jay"].aliases == ("JJ",)


def test_the_idle_lock_says_when_it_dropped_a_change_it_could_not_save(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    window = _window(make_window, workspace_path)
    _left_undecided(window, workspace_path)
    idle = window.privacy_menu.idle_lock
    idle.minutes = 0  # the user has been away long enough
    assert idle.check()  # no question while nobody is there
    assert window.privacy_menu.context.vault is None
    assert "could not be saved" in prompter.warnings[-1]
    assert "Jay" not in _people(workspace_path)


def test_back_in_the_app_a_name_added_elsewhere_is_underlined_at_once(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window = _window(make_window, workspace_path)
    assert window.view is not None
    summary = window.view.overview.summary
    summary.set_markdown("Jay visits Lena Fairbrother on Sundays.")
    blocking = ("Lena Fairbrother", BLOCKING_COLOUR.name())
    assert blocking not in underlines(summary)  # a possible name only, so far

    _deepdive_vault(workspace_path, "add", "DD-1", "Mum", "--real-name", "Lena Fairbrother")
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)  # back from it
    assert underlines(summary) == [blocking]
