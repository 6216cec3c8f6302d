"""Key vault entries follow their case: renamed and deleted with it, at once while the
vault is unlocked, at the next unlock while it is locked; entries whose case is gone
are offered to the user after unlocking. Checked by reopening the vault file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.privacy.errors import VaultSaveError
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.privacy.case_follower import CaseChange, PendingChanges
from deepdive.ui.privacy.orphan_dialog import OrphanEntriesDialog
from deepdive.ui.privacy.unlock_dialog import UnlockDialog
from deepdive.ui.shell.main_window import MainWindow

PASSPHRASE = "correct horse battery"
JAY = VaultPerson("Jay", real_names=("Jayden Marsh",), nhs_numbers=("943 476 5919",))


def _window(make_window: WindowFactory, workspace_path: Path) -> MainWindow:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    window.services.cases.create("DD-9", "Sam")
    window.view.select_case(case.id)
    return window


def _vault_file(workspace_path: Path) -> Path:
    return workspace_path.with_suffix(".vault")


def _seed_vault(workspace_path: Path, *cases: VaultCase) -> None:
    vault = Vault.create(_vault_file(workspace_path), PASSPHRASE)
    for case in cases:
        vault.put_case(case)
    vault.lock()


def _on_disk(workspace_path: Path) -> dict[str, VaultCase]:
    vault = Vault.open(_vault_file(workspace_path), PASSPHRASE)
    return {case.code: case for case in vault.cases()}


def _unlock(window: MainWindow) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(PASSPHRASE)
        dialog.confirm.setText(PASSPHRASE)
        assert dialog.unlock()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()
    assert window.privacy_menu.context.vault is not None


def _rename(window: MainWindow, code: str) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseCodeDialog)
        dialog.code.setText(code)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_next_dialog(fill)
    window.case_menu.rename_case_action.trigger()


def test_renaming_and_deleting_with_the_vault_unlocked_moves_the_entries_at_once(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    _seed_vault(workspace_path, VaultCase("DD-1", 120, (JAY,)))
    window = _window(make_window, workspace_path)
    _unlock(window)
    _rename(window, "DD-2019-014")
    saved = _on_disk(workspace_path)
    assert list(saved) == ["DD-2019-014"]
    assert saved["DD-2019-014"].people == (JAY,)
    assert saved["DD-2019-014"].date_shift_days == 120, "the secret shift stays with the case"
    # Exports look for the moved names at once.
    found = window.privacy_menu.context.detector().detect("Jayden came round.")
    assert [f.text for f in found] == ["Jayden"]

    prompter.confirm_answers = [True]
    window.case_menu.delete_case_action.trigger()
    assert _on_disk(workspace_path) == {}, "the deleted case's real identities are gone"


def test_changes_made_while_locked_are_applied_at_the_next_unlock(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    _seed_vault(
        workspace_path,
        VaultCase("DD-1", 120, (JAY,)),
        VaultCase("DD-9", -90, (VaultPerson("Sam", real_names=("Samira Khan",)),)),
    )
    window = _window(make_window, workspace_path)
    assert window.privacy_menu.context.vault is None
    _rename(window, "DD-2")
    assert window.view is not None and window.services is not None
    sam = next(c for c in window.services.cases.list_cases() if c.code == "DD-9")
    window.view.select_case(sam.id)
    prompter.confirm_answers = [True]
    window.case_menu.delete_case_action.trigger()
    assert set(_on_disk(workspace_path)) == {"DD-1", "DD-9"}, "locked: the file is untouched"
    window.close()

    again = make_window()  # another session: the changes were written down
    again.show()
    assert again.open_workspace(workspace_path)
    _unlock(again)
    saved = _on_disk(workspace_path)
    assert list(saved) == ["DD-2"]
    assert saved["DD-2"].people == (JAY,)
    assert again.privacy_menu.follower.pending.get(_vault_file(workspace_path)) == []


def test_entries_without_a_case_are_offered_after_unlocking(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    ghost = VaultCase("OLD-7", 75, (VaultPerson("Nan", real_names=("Edna Price",)),))
    gone = VaultCase("GONE-1", 60, (VaultPerson("Dad", real_names=("Ray Smith",)),))
    _seed_vault(workspace_path, VaultCase("DD-1", 120, (JAY,)), ghost, gone)
    window = _window(make_window, workspace_path)
    seen: list[str] = []

    def sort_out(dialog: QDialog) -> None:
        assert isinstance(dialog, OrphanEntriesDialog)
        seen.extend(dialog.entries.item(row).text() for row in range(dialog.entries.count()))
        # Only cases without entries can take one: DD-9, not DD-1.
        targets = [dialog.target.itemData(i) for i in range(dialog.target.count())]
        assert targets == ["DD-9"]
        dialog.entries.setCurrentRow(1)  # OLD-7
        assert dialog.selected_code() == "OLD-7"
        assert dialog.attach_selected()
        dialog.entries.setCurrentRow(0)  # GONE-1
        assert dialog.remove_selected()
        dialog.accept()

    prompter.confirm_answers = [True]  # yes, remove GONE-1
    _unlock_then(window, sort_out)
    assert seen == ["GONE-1 — Dad", "OLD-7 — Nan"]
    assert "forgotten for good" in prompter.questions[-1]
    saved = _on_disk(workspace_path)
    assert set(saved) == {"DD-1", "DD-9"}
    assert saved["DD-9"].people[0].real_names == ("Edna Price",)
    assert saved["DD-9"].date_shift_days == 75


def _unlock_then(window: MainWindow, then: object) -> None:
    def fill(dialog: QDialog) -> None:
        if not isinstance(dialog, UnlockDialog):
            return
        dialog.passphrase.setText(PASSPHRASE)
        dialog.confirm.setText(PASSPHRASE)
        answer_next_dialog(then)  # type: ignore[arg-type]
        assert dialog.unlock()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()


def test_renaming_onto_old_entries_keeps_every_identifier(tmp_path: Path) -> None:
    path = tmp_path / "cases.vault"
    vault = Vault.create(path, PASSPHRASE)
    vault.put_case(VaultCase("DD-1", 120, (JAY,)))
    stale = VaultPerson("Jay", aliases=("JJ",))
    vault.put_case(VaultCase("DD-2", -70, (stale, VaultPerson("Mum", real_names=("Tina",)))))
    vault.rename_case("dd-1", "dd-2")
    saved = Vault.open(path, PASSPHRASE)
    assert [c.code for c in saved.cases()] == ["DD-2"]
    merged = saved.cases()[0]
    assert merged.date_shift_days == 120
    jay = merged.person("Jay")
    assert jay is not None and jay.real_names == ("Jayden Marsh",) and jay.aliases == ("JJ",)
    assert merged.person("Mum") is not None


def test_a_vault_that_cannot_be_saved_keeps_the_change_waiting(
    make_window: WindowFactory,
    workspace_path: Path,
    prompter: ScriptedPrompter,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _seed_vault(workspace_path, VaultCase("DD-1", 120, (JAY,)))
    window = _window(make_window, workspace_path)
    _unlock(window)

    def full_disk(self: Vault) -> None:
        raise VaultSaveError("The key vault could not be saved (the disk is full).")

    monkeypatch.setattr(Vault, "save", full_disk)
    _rename(window, "DD-3")
    assert "try again the next time" in prompter.warnings[-1]
    monkeypatch.undo()
    assert list(_on_disk(workspace_path)) == ["DD-1"], "the old vault is whole"
    pending = window.privacy_menu.follower.pending.get(_vault_file(workspace_path))
    assert pending == [CaseChange("rename", "DD-1", "DD-3")]


def test_pending_changes_ignore_anything_malformed(tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    pending = PendingChanges(settings)
    vault_path = tmp_path / "x.vault"
    settings.setValue(
        f"privacy/pending_case_changes/{str(vault_path.resolve()).replace('/', '|')}",
        '[["rename", "A", "B"], ["explode", "A", ""], 7, ["remove", "", ""]]',
    )
    assert pending.get(vault_path) == [CaseChange("rename", "A", "B")]
    settings.setValue(
        f"privacy/pending_case_changes/{str(vault_path.resolve()).replace('/', '|')}", "not json"
    )
    assert pending.get(vault_path) == []
