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
from deepdive.ui.privacy.report_dialogs import FindingsDialog
from deepdive.ui.privacy.unlock_dialog import UnlockDialog
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.workspace.bundle_commands import BundleCommands

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


def _rows(findings: FindingsDialog) -> list[tuple[str, str]]:
    model = findings.model
    return [(model.index(r, 0).data(), model.index(r, 3).data()) for r in range(model.rowCount())]


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
    # What stopped it is listed beside the window, by its place in the case.
    findings = window.privacy_menu.findings.dialog
    assert isinstance(findings, FindingsDialog) and findings.isVisible()
    assert findings.windowTitle() == "What stopped the bundle of DD-1"
    assert _rows(findings) == [
        ("case › summary", "Kayleigh"),
        ("case › chronology › 1 Jan 2020 › What happened", "Kayleigh"),
    ]
    assert list(bundle.parent.iterdir()) == [], "blocked: nothing at the destination"
    findings.close()

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
    assert list(report.parent.iterdir()) == []
    # Named by the case and the part of the report; Go to opens that case from another.
    findings = window.privacy_menu.findings.dialog
    assert isinstance(findings, FindingsDialog) and findings.isVisible()
    assert _rows(findings) == [
        ("Key practice episodes › DD-1 › chronology › 1 Jan 2020 › What happened", "Kayleigh")
    ]
    findings.grab().save(str(tmp_path / "report-findings.png"))
    assert window.services is not None and window.view is not None
    window.view.select_case(window.services.cases.find("DD-2").id)
    assert findings.go_to_selected()
    assert window.view.selected_case_id() == window.services.cases.find("DD-1").id
    description = window.view.chronology.editor.texts["description"]
    assert description.editor.textCursor().selectedText() == "Kayleigh"
    assert findings.fix_selected()
    assert description.markdown() == "Sis visits"
    findings.close()

    window.privacy_menu.lock()
    asked: list[str] = []
    _cancel_unlock(asked)
    assert window.learning.export_report() is None
    assert asked == ["Unlock the key vault"]
    assert "unlock it to write the report" in prompter.warnings[-1]
    assert list(report.parent.iterdir()) == []


def test_bundle_import_asks_to_unlock_and_refuses_a_registered_name_as_a_pseudonym(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    from deepdive.bundles import export_case_bundle
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    theirs = Services.for_workspace(open_workspace(tmp_path / "theirs.deepdive"))
    case = theirs.cases.create("DD-7", "Sam")
    theirs.people.add(case.id, "Kayleigh Marsh", "Parent")  # no vault there: not refused
    bundle = export_case_bundle(theirs, "DD-7", tmp_path / "named.ddcase", None)
    theirs.close()
    window = _window(make_window, workspace_path)
    files = ScriptedFiles()
    window.nothing_lost.set_bundle_commands(BundleCommands(window, prompter, files))  # type: ignore[arg-type]
    assert window.services is not None

    asked: list[str] = []
    _cancel_unlock(asked)
    files.paths = [bundle]
    window.nothing_lost.import_bundle_action.trigger()
    assert asked == ["Unlock the key vault"]
    assert "unlock it to import a bundle" in prompter.warnings[-1]
    assert files.paths == [bundle], "not even asked which bundle"

    _unlock(window)
    window.nothing_lost.import_bundle_action.trigger()
    assert "'Kayleigh Marsh' is a real name registered in the key vault" in prompter.warnings[-1]
    assert [c.code for c in window.services.cases.list_cases()] == ["DD-1", "DD-2"]
