"""The main window as a user meets it: cases created, edited, deleted, and kept."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.cases.case_table_model import Column
from deepdive.ui.shell.main_window import MainWindow


def _fill_case_dialog(code: str, pseudonym: str | None = None):  # type: ignore[no-untyped-def]
    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseCodeDialog)
        dialog.code.setText(code)
        if pseudonym is not None:
            dialog.pseudonym.setText(pseudonym)
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    return fill


def _listed(window: MainWindow) -> list[tuple[str, str]]:
    assert window.view is not None
    proxy = window.view.case_list.proxy
    return [
        (
            proxy.index(row, Column.CODE).data(),
            proxy.index(row, Column.PSEUDONYM).data(),
        )
        for row in range(proxy.rowCount())
    ]


def test_create_edit_and_find_it_again_after_reopening(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.view is not None
    assert window.view.banner.isVisible(), "an empty workspace offers the demo case"

    answer_next_dialog(_fill_case_dialog("dd-2019-014", "Jay"))
    window.case_menu.new_case_action.trigger()
    assert _listed(window) == [("DD-2019-014", "Jay")]
    overview = window.view.overview
    assert overview.title.text() == "Jay"
    assert not window.view.banner.isVisible()

    overview.pseudonym.selectAll()
    qtbot.keyClicks(overview.pseudonym, "Jayden-Lee")
    with qtbot.waitSignal(overview.saved, timeout=3000):
        pass
    assert _listed(window) == [("DD-2019-014", "Jayden-Lee")]
    assert overview.title.text() == "Jayden-Lee"

    overview.summary.editor.setFocus()
    qtbot.keyClicks(overview.summary.editor, "Lives with **Nan**")
    overview.summary.editor.insertPlainText(" — 🌱 עברית")  # pasted: QTest types ASCII only
    with qtbot.waitSignal(overview.saved, timeout=3000):
        pass  # saved after a pause in typing, with no Save command
    assert not overview.has_unsaved_edits
    window.close()

    again = make_window()
    assert again.open_workspace(workspace_path)
    assert _listed(again) == [("DD-2019-014", "Jayden-Lee")]
    assert again.view is not None
    again.view.select_case(again.view.case_list.model.summary_at(0).id)
    assert again.view.overview.summary.markdown() == "Lives with **Nan** — 🌱 עברית"
    preview = again.view.overview.summary.preview
    assert "Lives with Nan" in preview.toPlainText()  # the Markdown is rendered, not shown
    assert "**" not in preview.toPlainText()
    found = preview.document().find("Nan")
    assert found.charFormat().fontWeight() >= QFont.Weight.Bold


def test_delete_asks_first_names_what_is_lost_and_respects_no(
    make_window: WindowFactory, prompter: ScriptedPrompter, workspace_path: Path
) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Sam")
    window.services.people.add(case.id, "Mum", "parent")
    window.view.select_case(case.id)

    prompter.confirm_answers = [False]
    window.case_menu.delete_case_action.trigger()
    assert "DD-1" in prompter.questions[-1]
    assert "1 person in the cast" in prompter.questions[-1]
    assert _listed(window) == [("DD-1", "Sam")]

    prompter.confirm_answers = [True]
    window.case_menu.delete_case_action.trigger()
    assert _listed(window) == []
    assert window.view.overview.case_id is None
    window.close()
    again = make_window()
    again.open_workspace(workspace_path)
    assert _listed(again) == []


def test_rename_refuses_a_code_in_use_next_to_the_field(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    window.services.cases.create("DD-1", "Sam")
    second = window.services.cases.create("DD-2", "Alex")
    window.view.select_case(second.id)
    seen: list[str] = []

    def try_taken_code_then_cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseCodeDialog)
        dialog.code.setText("DD-1")
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        seen.append(dialog.messages["code"].text())
        assert dialog.isVisible(), "a refused value keeps the dialog open"
        assert dialog.pseudonym.text() == "Alex", "what was typed is kept"
        dialog.reject()

    answer_next_dialog(try_taken_code_then_cancel)
    window.case_menu.rename_case_action.trigger()
    assert seen and "already a case DD-1" in seen[0]
    assert sorted(_listed(window)) == [("DD-1", "Sam"), ("DD-2", "Alex")]


def test_duplicate_and_archive(make_window: WindowFactory, workspace_path: Path) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    original = window.services.cases.create("DD-7", "Riley", summary="Original")
    window.view.select_case(original.id)

    answer_next_dialog(_fill_case_dialog("DD-8"))
    window.case_menu.duplicate_case_action.trigger()
    assert sorted(_listed(window)) == [("DD-7", "Riley"), ("DD-8", "Riley")]
    assert window.view.overview.subtitle.text().startswith("DD-8")

    window.case_menu.archive_case_action.trigger()
    assert _listed(window) == [("DD-7", "Riley")], "archived cases leave the working list"
    window.case_menu.show_archived_action.setChecked(True)
    assert sorted(_listed(window)) == [("DD-7", "Riley"), ("DD-8", "Riley")]


def test_search_and_status_filter_combine(make_window: WindowFactory, workspace_path: Path) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    window.services.cases.create("DD-2019-014", "Jay", status="final")
    window.services.cases.create("DD-2020-001", "Jade", status="draft")
    window.services.cases.create("DD-2021-003", "Kai", status="draft")
    panel = window.view.case_list

    panel.search.setText("ja")
    assert sorted(_listed(window)) == [("DD-2019-014", "Jay"), ("DD-2020-001", "Jade")]
    panel.status.setCurrentIndex(panel.status.findData("draft"))
    assert _listed(window) == [("DD-2020-001", "Jade")]
    panel.search.setText("2021")
    assert _listed(window) == [("DD-2021-003", "Kai")]


def test_a_bad_birth_month_is_explained_beside_the_field_and_kept(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Sam", birth="2005-02")
    window.view.select_case(case.id)
    overview = window.view.overview
    overview.birth.clear()
    qtbot.keyClicks(overview.birth, "May 2004")
    overview.flush()
    message = overview.messages["birth"]
    assert not message.isHidden()
    assert "2004-05" in message.text()
    assert overview.birth.text() == "May 2004"
    assert window.services.cases.get(case.id).birth_text == "2005-02"


def test_the_demo_case_is_offered_and_added(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    window.open_workspace(workspace_path)
    assert window.view is not None
    qtbot.mouseClick(window.view.banner.demo_button, Qt.MouseButton.LeftButton)
    assert _listed(window) == [("DEMO-001", "Jay")]
    assert window.view.overview.title.text() == "Jay"
    assert window.view.overview.cast.model.rowCount() >= 8
    assert not window.view.banner.isVisible()


def test_a_file_that_is_not_a_workspace_is_explained_and_nothing_changes(
    make_window: WindowFactory, prompter: ScriptedPrompter, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Not a workspace\n", encoding="utf-8")
    window = make_window()
    assert not window.open_workspace(notes)
    assert "is not a DeepDive workspace" in prompter.warnings[-1]
    assert window.view is None
    assert not window.case_menu.new_case_action.isEnabled()
    assert notes.read_text(encoding="utf-8") == "Not a workspace\n"


def test_recent_workspaces_and_layout_are_remembered(
    make_window: WindowFactory, tmp_path: Path
) -> None:
    first, second = tmp_path / "one.deepdive", tmp_path / "two.deepdive"
    window = make_window()
    window.open_workspace(first)
    window.open_workspace(second)
    assert window.view is not None
    window.view.splitter.setSizes([300, 900])
    sizes = window.view.splitter.sizes()
    window.close()

    again = make_window()
    again.workspace_menu.recent_menu.aboutToShow.emit()
    entries = [a.text() for a in again.workspace_menu.recent_menu.actions()]
    assert entries == [str(second), str(first)]
    again.open_workspace(second)
    assert again.view is not None
    assert again.view.splitter.sizes() == sizes


def test_the_demo_programme_is_offered_and_added(
    qtbot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window = make_window()
    window.show()
    window.open_workspace(workspace_path)
    assert window.view is not None
    qtbot.mouseClick(window.view.banner.programme_button, Qt.MouseButton.LeftButton)
    listed = _listed(window)
    assert len(listed) == 13 and ("DEMO-002", "Mia") in listed
    assert window.view.overview.title.text() == "Jay"
    assert not window.view.banner.isVisible()
    assert len(window.services.measures.list_measures()) == 2
    # From the menu again: nothing is added twice.
    window.case_menu.demo_programme_action.trigger()
    assert len(_listed(window)) == 13
