"""In the app, a real identity typed where only a pseudonym or role belongs is refused
where it was typed, the typed text stays, and nothing claims all changes were saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog, unlock_vault

from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.cases.people_model import PeopleColumn
from deepdive.ui.shell.main_window import MainWindow

PASSPHRASE = "correct horse battery"
REGISTERED = "'Sarah Thompson' is a real name registered in the key vault"


def _window_with_vault(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> MainWindow:
    """A window on a workspace with one case, and its key vault unlocked."""
    window = make_window()
    window.resize(1366, 768)
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-2019-014", "Jay")
    window.services.people.add(case.id, "Mum", "Parent")
    window.view.select_case(case.id)
    vault = Vault.create(workspace_path.with_suffix(".vault"), PASSPHRASE)
    vault.put_case(VaultCase("DD-2019-014", 90, (VaultPerson("Mum", ("Sarah Thompson",)),)))
    vault.lock()
    unlock_vault(window, PASSPHRASE)
    window.activateWindow()  # the keyboard is back in the window once the dialog is gone
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_a_registered_name_as_a_new_case_pseudonym_is_refused_beside_the_field(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = _window_with_vault(qtbot, make_window, workspace_path)
    assert window.services is not None
    seen: dict[str, object] = {}

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseCodeDialog)
        dialog.code.setText("DD-2020-001")
        dialog.pseudonym.setText("Sarah Thompson")
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        message = dialog.messages["pseudonym"]
        seen.update(
            open=dialog.isVisible(),
            message=message.text(),
            shown=message.isVisible(),
            typed=dialog.pseudonym.text(),
        )
        dialog.grab().save(str(tmp_path / "new-case-refused.png"))
        dialog.reject()

    answer_next_dialog(fill)
    window.case_menu.new_case_action.trigger()
    assert seen["open"] and seen["shown"]
    assert str(seen["message"]).startswith(REGISTERED)
    assert "'Mum'" in str(seen["message"])  # the pseudonym to use instead
    assert seen["typed"] == "Sarah Thompson"  # nothing typed is lost
    assert [c.code for c in window.services.cases.list_cases()] == ["DD-2019-014"]
    assert "Sarah" not in window.windowTitle()
    assert "saved" not in window.statusBar().currentMessage().lower()


def test_a_refused_pseudonym_stays_in_its_field_and_the_status_bar_says_it_was_not_saved(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = _window_with_vault(qtbot, make_window, workspace_path)
    assert window.services is not None and window.view is not None
    overview = window.view.overview
    overview.pseudonym.setFocus()
    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, "Sarah Thompson")
    assert not overview.flush()
    message = overview.messages["pseudonym"]
    assert message.isVisible() and message.text().startswith("Not saved. " + REGISTERED)
    status = window.statusBar().currentMessage()
    assert status.startswith("The pseudonym was not saved: " + REGISTERED)
    assert overview.pseudonym.text() == "Sarah Thompson"  # kept where it was typed
    case = window.services.cases.find("DD-2019-014")
    assert case.pseudonym == "Jay" and overview.title.text() == "Jay"
    window.grab().save(str(tmp_path / "overview-refused.png"))

    # Another field saves; the status bar still does not claim everything was saved.
    overview.summary.editor.setFocus()
    qtbot.keyClicks(overview.summary.editor, "Jay moved school.")
    assert overview.flush()
    assert window.services.cases.find("DD-2019-014").summary == "Jay moved school."
    status = window.statusBar().currentMessage()
    assert status == ("Other changes saved; the pseudonym was not saved (the reason is beside it).")

    # Fixing the field saves it, and only then is everything saved.
    overview.pseudonym.setFocus()
    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, "Jay B")
    assert overview.flush()
    assert window.statusBar().currentMessage() == "All changes saved"
    assert not message.isVisible()


def test_a_titled_name_as_a_cast_role_stays_in_its_cell_with_the_reason_under_the_table(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = _window_with_vault(qtbot, make_window, workspace_path)
    assert window.services is not None and window.view is not None
    cast = window.view.overview.cast
    index = cast.model.index(0, PeopleColumn.ROLE)
    cast.table.setFocus()
    cast.table.setCurrentIndex(index)
    cast.table.edit(index)
    editor = cast.table.focusWidget()
    line = editor if isinstance(editor, QLineEdit) else editor.findChild(QLineEdit)  # type: ignore[union-attr]
    assert isinstance(line, QLineEdit)
    line.selectAll()
    qtbot.keyClicks(line, "Mrs Jones")
    qtbot.keyClick(line, Qt.Key.Key_Return)  # the delegate commits on the next event loop
    qtbot.waitUntil(cast.message.isVisible)
    assert cast.message.text().startswith("Not saved. 'Mrs Jones' is a person's title and name")
    assert index.data() == "Mrs Jones"  # the typed text stays in its cell
    assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("'Mrs Jones'")
    assert window.services.people.list_people(1)[0].role == "Parent"
    assert window.statusBar().currentMessage().startswith("Not saved: 'Mrs Jones'")
    window.grab().save(str(tmp_path / "cast-refused.png"))
    # The editor opens again on what was typed, while the table has the keyboard.
    qtbot.waitUntil(lambda: cast.table.state() == cast.table.State.EditingState)
    again = cast.table.focusWidget()
    line = again if isinstance(again, QLineEdit) else again.findChild(QLineEdit)  # type: ignore[union-attr]
    assert isinstance(line, QLineEdit) and line.text() == "Mrs Jones"
    line.selectAll()
    qtbot.keyClicks(line, "Kinship carer")
    qtbot.keyClick(line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.services.people.list_people(1)[0].role == "Kinship carer")
    assert not cast.message.isVisible()


def test_typing_after_opening_another_workspace_with_the_vault_unlocked(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    """The first keystroke in the other workspace locks the old vault from inside the
    underlining; that redraw waits for the event loop instead of crashing Qt."""
    window = _window_with_vault(qtbot, make_window, workspace_path)
    assert window.open_workspace(tmp_path / "other.deepdive")
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-2", "Sam")
    window.view.select_case(case.id)
    editor = window.view.overview.summary.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Sam rang Sarah Thompson.")
    assert editor.toPlainText() == "Sam rang Sarah Thompson."
    assert window.privacy_menu.context.vault is None  # that workspace's vault is not this one
    assert window.services.guard.identifiers_in("Sarah Thompson") == []


def test_a_refused_pseudonym_and_cast_role_come_back_with_their_reasons_after_another_case(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = _window_with_vault(qtbot, make_window, workspace_path)
    assert window.services is not None and window.view is not None
    first = window.services.cases.find("DD-2019-014")
    other = window.services.cases.create("DD-2020-002", "Sam")
    window.view.select_case(first.id)
    overview = window.view.overview
    overview.pseudonym.setFocus()
    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, "Sarah Thompson")
    assert not overview.flush()
    cast = overview.cast
    role = cast.model.index(0, PeopleColumn.ROLE)
    assert not cast.model.setData(role, "Mrs Jones")  # as the cell's editor commits it

    window.view.select_case(other.id)
    assert overview.pseudonym.text() == "Sam"
    assert not overview.messages["pseudonym"].isVisible() and not cast.message.isVisible()
    overview.summary.editor.setFocus()
    qtbot.keyClicks(overview.summary.editor, "Sam moved.")
    assert overview.flush()  # saved here, but the status bar does not forget the other case
    assert window.statusBar().currentMessage() == (
        "Changes saved; what was typed in DD-2019-014 is still not saved (open it to see why)."
    )
    window.view.select_case(first.id)

    # Nothing typed is lost: the text is back where it was typed, with why.
    assert overview.pseudonym.text() == "Sarah Thompson"
    message = overview.messages["pseudonym"]
    assert message.isVisible() and message.text().startswith("Not saved. " + REGISTERED)
    assert cast.model.index(0, PeopleColumn.ROLE).data() == "Mrs Jones"
    assert cast.message.isVisible() and "'Mrs Jones'" in cast.message.text()
    assert window.statusBar().currentMessage() == (
        "Still not saved: the pseudonym and a cast entry (the reason is beside it)."
    )
    assert overview.title.text() == "Jay"  # the workspace still holds the saved one
    assert window.services.cases.get(first.id).pseudonym == "Jay"
    window.grab().save(str(tmp_path / "draft-back.png"))

    # Fixing it saves it, and the draft is gone.
    overview.pseudonym.setFocus()
    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, "Jay B")
    assert overview.flush()
    window.view.select_case(other.id)
    window.view.select_case(first.id)
    assert overview.pseudonym.text() == "Jay B" and not message.isVisible()
