"""Exports from the app fail closed: with a key vault beside the workspace, locked, File ▸
Export case study… and Save timeline picture ask to unlock it, and write nothing when
the person cancels. (Bundles and the programme report: test_vault_gates.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.services.events import EventInput
from deepdive.ui.export.export_dialog import ExportDialog
from deepdive.ui.privacy.unlock_dialog import UnlockDialog
from deepdive.ui.shell.main_window import MainWindow

PASSPHRASE = "correct horse battery"


def _window(
    make_window: WindowFactory, workspace_path: Path, key_episode: str = "Started at college"
) -> MainWindow:
    vault = Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE)
    entries = vault.ensure_case("DD-1")
    vault.put_case(entries.with_person(VaultPerson("Jay", real_names=("Jayden Marsh",))))
    vault.lock()
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jay moved to a new school.")
    window.services.events.add(
        case.id, EventInput("2016-03-14", "education", key_episode, key_episode=True)
    )
    window.view.select_case(case.id)
    return window


def _answer_unlock(asked: list[str], passphrase: str | None) -> None:
    """When the unlock dialog opens: cancel it (None) or unlock with ``passphrase``."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        asked.append(dialog.windowTitle())
        if passphrase is None:
            dialog.reject()
        else:
            dialog.passphrase.setText(passphrase)
            assert dialog.unlock()

    answer_next_dialog(fill)


def _export_from_the_window(
    window: MainWindow, qtbot: QtBot, out: Path, unlock_with: str | None
) -> tuple[list[str], str]:
    """File ▸ Export case study…, Export to ``out``; what the unlock dialog was asked and
    the dialog's last status."""
    asked: list[str] = []
    status: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(out))
        _answer_unlock(asked, unlock_with)  # opens inside the click, before any writing
        with qtbot.waitSignal(dialog.export_finished, timeout=60000):
            dialog.export_button.click()
        qtbot.waitUntil(lambda: not dialog.is_running())
        status.append(dialog.status.text())
        dialog.reject()

    answer_next_dialog(fill)
    window.export_command.action.trigger()
    return asked, status[0]


def test_a_locked_vault_is_asked_for_and_cancelling_writes_nothing(
    make_window: WindowFactory, workspace_path: Path, tmp_path: Path, qtbot: QtBot
) -> None:
    window = _window(make_window, workspace_path)
    services = window.services
    assert services is not None
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "DD-1.docx"

    asked, status = _export_from_the_window(window, qtbot, out, unlock_with=None)
    assert asked == ["Unlock the key vault"]
    assert "unlock it to export" in status and "Nothing was written" in status
    assert list(folder.iterdir()) == [], "no file and no .part file"
    assert services.audit.list_exports("DD-1") == []

    # Unlocked when asked: the export goes ahead, checked against the vault's names.
    asked, status = _export_from_the_window(window, qtbot, out, unlock_with=PASSPHRASE)
    assert asked == ["Unlock the key vault"]
    assert out.is_file(), status
    assert [p.name for p in folder.iterdir()] == ["DD-1.docx"]
    assert services.audit.list_exports("DD-1")[0].check_result == "leak check passed"


def test_saving_the_timeline_picture_asks_for_a_locked_vault_first(
    make_window: WindowFactory,
    workspace_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    window = _window(make_window, workspace_path, key_episode="Jayden went home")
    assert window.view is not None
    window.view.case_tabs.setCurrentWidget(window.view.chronology)
    pane = window.view.chronology.timeline
    qtbot.waitUntil(lambda: any("Jayden" in e.label for e in pane.view.events))
    said: list[str] = []
    pane.status.connect(said.append)
    asked_where: list[bool] = []
    monkeypatch.setattr(  # the file dialog must never open: nothing may be written
        QFileDialog, "getSaveFileName", lambda *_a, **_k: (asked_where.append(True), ("", ""))[1]
    )
    asked: list[str] = []
    _answer_unlock(asked, None)
    pane.choose_picture_file()
    assert asked == ["Unlock the key vault"]
    assert said == [
        "This workspace has a key vault: unlock it to save the timeline picture. Nothing was saved."
    ]
    assert asked_where == []

    # Unlocked: a key episode's label carrying a registered name keeps the picture in.
    _answer_unlock(asked, PASSPHRASE)
    pane.choose_picture_file()
    assert asked[-1] == "Unlock the key vault"
    assert said[-1].startswith("The timeline picture was not saved: its words hold 1 identifier")
    assert asked_where == []
