"""The Privacy menu in the main window: the vault unlocked, edited, used and locked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultPerson
from deepdive.ui.privacy.idle_lock import IdleLock
from deepdive.ui.privacy.report_dialogs import ExportHistoryDialog, FindingsDialog
from deepdive.ui.privacy.unlock_dialog import UnlockDialog
from deepdive.ui.privacy.vault_editor import AddNameDialog, VaultColumn, VaultEditorDialog
from deepdive.ui.shell.main_window import MainWindow

PASSPHRASE = "correct horse battery"


def open_case(make_window: WindowFactory, workspace_path: Path) -> tuple[MainWindow, int]:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-2019-014", "Jay")
    window.services.people.add(case.id, "Mum", "parent")
    window.view.select_case(case.id)
    return window, case.id


def unlock(window: MainWindow, passphrase: str = PASSPHRASE) -> None:
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog)
        dialog.passphrase.setText(passphrase)
        dialog.confirm.setText(passphrase)
        if not dialog.unlock():
            dialog.reject()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()


def test_the_workspace_works_without_the_vault_and_patterns_are_still_flagged(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _case_id = open_case(make_window, workspace_path)
    menu = window.privacy_menu
    menu.update_enabled()
    assert menu.context.vault is None
    assert menu.unlock_action.isEnabled() and not menu.lock_action.isEnabled()
    assert window.view is not None
    summary = window.view.overview.summary
    summary.set_markdown("Mum rang from 07911 123456 about the review.")
    found = [f.text for f in menu.context.detector().detect(summary.markdown())]
    assert found == ["07911 123456"]  # "Mum" is the cast's pseudonym, never a name


def test_creating_the_vault_beside_the_workspace_and_flagging_its_names(
    qtbot,
    make_window: WindowFactory,
    workspace_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    window, case_id = open_case(make_window, workspace_path)
    unlock(window)
    menu = window.privacy_menu
    assert menu.context.vault is not None
    vault_file = workspace_path.with_suffix(".vault")
    assert vault_file.exists() and not workspace_path.read_bytes().count(b"DDVAULT")

    def fill_entries(dialog: QDialog) -> None:
        assert isinstance(dialog, VaultEditorDialog)
        assert [dialog.model.person_at(r).pseudonym for r in range(dialog.model.rowCount())] == [
            "Jay",
            "Mum",
        ]
        assert dialog.edit_cell(0, VaultColumn.REAL_NAMES, "Jayden Marsh; JJ")
        assert not dialog.edit_cell(0, VaultColumn.BORN, "31/02/2005")
        assert "not a date of birth" in dialog.message.text()
        assert dialog.edit_cell(0, VaultColumn.BORN, "12/03/2005")
        assert dialog.edit_cell(1, VaultColumn.REAL_NAMES, "Kerry O'Neill")
        dialog.accept()

    answer_next_dialog(fill_entries)
    menu.edit_action.trigger()

    saved = Vault.open(vault_file, PASSPHRASE).case("DD-2019-014")
    assert saved is not None
    jay = saved.person("Jay")
    assert jay is not None and jay.real_names == ("Jayden Marsh", "JJ")
    assert [d.isoformat() for d in jay.dates_of_birth] == ["2005-03-12"]

    assert window.view is not None
    window.services.cases.update(case_id, summary="Jayden and Kerry O'Neill met on 12/03/2005.")  # type: ignore[union-attr]
    found = [
        (f.text, f.pseudonym)
        for f in menu.context.detector().detect("Jayden and Kerry O'Neill met on 12/03/2005.")
    ]
    assert found == [("Jayden", "Jay"), ("Kerry O'Neill", "Mum"), ("12/03/2005", "Jay")]

    menu.check_action.trigger()  # the list opens beside the window, to work through
    shown = menu.findings.dialog
    assert isinstance(shown, FindingsDialog) and shown.isVisible()
    rows = shown.model
    assert [rows.index(r, 3).data() for r in range(rows.rowCount())] == [
        "Jayden",
        "Kerry O'Neill",
        "12/03/2005",
    ]
    assert rows.index(0, 0).data() == "case › summary"
    shown.close()

    menu.lock_action.trigger()
    assert menu.context.vault is None
    assert [f.text for f in menu.context.detector().detect("Jayden rang.")] == []


def test_a_wrong_passphrase_is_explained_in_the_dialog(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE)
    messages: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, UnlockDialog) and not dialog.creating
        dialog.passphrase.setText("not the passphrase")
        assert not dialog.unlock()
        messages.append(dialog.message.text())
        assert dialog.isVisible()  # it stays open to try again
        dialog.reject()

    answer_next_dialog(fill)
    window.privacy_menu.unlock_action.trigger()
    assert messages == [
        "That passphrase does not open test.vault. Check the passphrase (capital letters count) "
        "and try again."
    ]
    assert window.privacy_menu.context.vault is None


def test_a_new_name_is_added_to_the_vault_from_the_text(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    unlock(window)
    context = window.privacy_menu.context
    assert window.view is not None
    summary = window.view.overview.summary
    summary.set_markdown("The hub worker met Kayleigh at the gym.")
    position = summary.markdown().index("Kayleigh") + 1
    fixes = dict(summary.assist.quick_fixes(position))

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AddNameDialog)
        dialog.person.setCurrentIndex(dialog.person.findData(AddNameDialog.NEW_PERSON))
        dialog.new_pseudonym.setText("Friend 1")
        dialog.accept()

    answer_next_dialog(fill)
    fixes["Add “Kayleigh” to the key vault…"]()
    (finding,) = context.detector().detect(summary.markdown())
    assert (finding.text, finding.registered, finding.pseudonym) == ("Kayleigh", True, "Friend 1")
    replace = dict(summary.assist.quick_fixes(position))["Replace “Kayleigh” with “Friend 1”"]
    replace()
    assert summary.markdown() == "The hub worker met Friend 1 at the gym."


def test_a_possible_school_is_added_to_the_vault_as_a_place_the_child_goes(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    unlock(window)
    context = window.privacy_menu.context
    assert window.view is not None
    summary = window.view.overview.summary
    summary.set_markdown("Jay moved to Newfield Secondary School in May.")
    fixes = dict(summary.assist.quick_fixes(summary.markdown().index("Newfield") + 1))
    seen: list[tuple[str, str]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, AddNameDialog)
        seen.append((str(dialog.kind.currentData()), dialog.kind.currentText()))
        dialog.person.setCurrentIndex(dialog.person.findData("Jay"))
        dialog.accept()

    answer_next_dialog(fill)
    fixes["Add “Newfield Secondary School” to the key vault…"]()
    assert seen == [("other_identifiers", "a school, surgery or other place they go")]
    vault = context.vault
    assert vault is not None
    entries = vault.case("DD-2019-014")
    assert entries is not None
    (person,) = entries.people
    assert person.other_identifiers == ("Newfield Secondary School",)
    found = context.detector().detect("Jay left Newfield Secondary School; Newfield rang.")
    assert [(f.text, f.registered, f.blocking, f.replacement) for f in found] == [
        ("Newfield Secondary School", True, True, "the secondary school"),
        ("Newfield", True, True, "[identifier]"),
    ]


def test_the_vault_locks_itself_after_the_idle_time(
    make_window: WindowFactory, workspace_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    now = [1000.0]
    unlock(window)
    context = window.privacy_menu.context
    vault = context.vault
    assert vault is not None
    idle = IdleLock(context, minutes=5, clock=lambda: now[0], parent=window)
    context.set_vault(vault)  # start watching with the test's clock
    now[0] += 4 * 60
    assert not idle.check() and context.vault is not None
    now[0] += 2 * 60
    assert idle.check()
    assert context.vault is None


def test_the_export_history_lists_what_was_exported(
    make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    exported = tmp_path / "DD-2019-014.docx"
    exported.write_bytes(b"a document")
    assert window.services is not None
    window.services.audit.record_export("DD-2019-014", "docx", exported, "clean")
    rows: list[tuple[str, str, str]] = []

    def read(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportHistoryDialog)
        model = dialog.model
        rows.extend(
            (model.index(0, 1).data(), model.index(0, 3).data(), model.index(0, 4).data())
            for _ in [0]
        )
        dialog.reject()

    answer_next_dialog(read)
    window.privacy_menu.history_action.trigger()
    assert rows == [("DD-2019-014", "DD-2019-014.docx", "clean")]


def test_checking_a_clean_case_says_so_and_mentions_the_locked_vault(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    window, case_id = open_case(make_window, workspace_path)
    assert window.services is not None
    window.services.cases.update(case_id, summary="Jay settled well at the new placement.")
    window.privacy_menu.check_action.trigger()
    assert prompter.questions[-1].startswith("No identifiers found in DD-2019-014.")
    assert "The key vault is locked" in prompter.questions[-1]


def test_another_workspace_locks_the_vault(
    make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window, _ = open_case(make_window, workspace_path)
    unlock(window)
    assert window.privacy_menu.context.vault is not None
    assert window.open_workspace(tmp_path / "other.deepdive")
    window.privacy_menu.update_enabled()
    assert window.privacy_menu.context.vault is None


def test_vault_person_entries_survive_even_without_a_cast_member(tmp_path: Path) -> None:
    # A person removed from the cast keeps their vault entry (nothing is silently lost).
    vault = Vault.create(tmp_path / "v.vault", PASSPHRASE)
    vault.put_case(vault.ensure_case("DD-1").with_person(VaultPerson("Old", real_names=("A B",))))
    case = Vault.open(tmp_path / "v.vault", PASSPHRASE).case("DD-1")
    assert case is not None and case.person("old") is not None
