"""The app's bundle export and programme report look for the unlocked vault's names
(every case's) like the case study export; while a vault that exists stays locked
they write nothing (they fail closed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services.events import EventInput
from deepdive.ui.bundle_commands import BundleCommands
from deepdive.ui.main_window import MainWindow
from deepdive.ui.privacy.unlock_dialog import UnlockDialog

PASSPHRASE = "correct horse battery"


@dataclass
class ScriptedFiles:
    paths: list[Path | None] = field(default_factory=list)

    def save_path(self, parent: Any, suggested: Path) -> Path | None:
        return self.paths.pop(0)

    def open_path(self, parent: Any, start: Path) -> Path | None:
        return self.paths.pop(0)


def _window(make_window: WindowFactory, workspace_path: Path) -> MainWindow:
    # The names belong to another case (a sibling): they must not leave either.
    vault = Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE)
    vault.put_case(VaultCase("DD-2", 90, (VaultPerson("Sis", real_names=("Kayleigh Marsh",)),)))
    vault.lock()
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jay sees Kayleigh on Sundays.")
    window.services.cases.create("DD-2", "Sis")
    event = window.services.events.add(
        case.id, EventInput("2020-01-01", "family", "Kayleigh visits", key_episode=True)
    )
    window.services.themes.apply_to_event(event.id, "Trusted adult")
    window.view.select_case(case.id)
    return window


def _unlock(window: MainWindow) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        assert dialog.unlock()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()
    assert window.privacy_menu.context.vault is not None


def _cancel_unlock(asked: list[str]) -> None:
    """When the unlock dialog opens, note it and cancel it."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        asked.append(dialog.windowTitle())
        dialog.reject()

    answer_next_dialog(fill)


def test_bundle_export_blocks_the_vaults_names_and_fails_closed_while_locked(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window = _window(make_window, workspace_path)
    files = ScriptedFiles()
    window.nothing_lost.set_bundle_commands(BundleCommands(window, prompter, files))  # type: ignore[arg-type]
    bundle = tmp_path / "out" / "jay.ddcase"
    bundle.parent.mkdir()
    _unlock(window)
    files.paths = [bundle]
    window.nothing_lost.export_bundle_action.trigger()
    assert "Kayleigh" in prompter.warnings[-1]
    assert list(bundle.parent.iterdir()) == [], "blocked: nothing at the destination"

    window.privacy_menu.lock()
    asked: list[str] = []
    _cancel_unlock(asked)
    files.paths = [bundle]
    window.nothing_lost.export_bundle_action.trigger()
    assert asked == ["Unlock the key vault"]
    assert "unlock it to export a bundle" in prompter.warnings[-1]
    assert "Nothing was written" in prompter.warnings[-1]
    assert files.paths == [bundle], "not even asked where: nothing can be written"
    assert list(bundle.parent.iterdir()) == []


def test_programme_report_blocks_the_vaults_names_and_fails_closed_while_locked(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    window = _window(make_window, workspace_path)
    report = tmp_path / "out" / "report.docx"
    report.parent.mkdir()
    window.learning.choose_path = lambda parent, start: report
    _unlock(window)
    assert window.learning.export_report() is None
    assert "Kayleigh" in prompter.warnings[-1]
    assert list(report.parent.iterdir()) == []

    window.privacy_menu.lock()
    asked: list[str] = []
    _cancel_unlock(asked)
    assert window.learning.export_report() is None
    assert asked == ["Unlock the key vault"]
    assert "unlock it to write the report" in prompter.warnings[-1]
    assert list(report.parent.iterdir()) == []
