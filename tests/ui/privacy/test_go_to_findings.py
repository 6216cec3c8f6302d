"""A stopped export lists its findings by place; "Go to" opens the event and field with
the text selected, and "Replace" fixes it there as typing would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog

from deepdive.services.events import EventInput
from deepdive.ui.export_dialog import ExportDialog
from deepdive.ui.main_window import MainWindow
from deepdive.ui.privacy.report_dialogs import FindingsDialog

NHS = "943 476 5919"


def _window(make_window: WindowFactory, workspace_path: Path) -> tuple[MainWindow, int, int]:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jay is 14.")
    window.services.events.add(case.id, EventInput("2015", "family", "Jay moved to Nan's."))
    event = window.services.events.add(
        case.id,
        EventInput(
            "2016-03-14",
            "health",
            "Jay saw the GP.",
            significance=f"The GP wrote down NHS number {NHS} for the referral.",
        ),
    )
    window.view.select_case(case.id)
    return window, case.id, event.id


def _export_and_choose_fix(qtbot: QtBot, window: MainWindow, out: Path) -> list[str]:
    status: list[str] = []

    def export(dialog: QDialog) -> None:
        assert isinstance(dialog, ExportDialog)
        dialog.path_edit.setText(str(out))
        dialog.export_button.click()
        qtbot.waitUntil(lambda: dialog.fix_button.isVisible(), timeout=30000)
        status.append(dialog.status.text())
        dialog.fix_button.click()

    answer_next_dialog(export)
    window.export_action.trigger()
    return status


def test_go_to_from_a_stopped_export_selects_the_event_and_the_text_in_its_field(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window, _case_id, event_id = _window(make_window, workspace_path)
    assert window.view is not None and window.services is not None
    status = _export_and_choose_fix(qtbot, window, tmp_path / "jay.docx")
    assert not (tmp_path / "jay.docx").exists()
    assert (
        f"case › chronology › 14 Mar 2016 › Significance and impact: NHS number “{NHS}”"
        in status[0]
    )
    findings = window.privacy_menu.findings.dialog
    assert isinstance(findings, FindingsDialog) and findings.isVisible()
    assert not findings.isModal()  # it stays beside the window while things are fixed
    assert findings.model.index(0, 0).data() == (
        "case › chronology › 14 Mar 2016 › Significance and impact"
    )
    findings.grab().save(str(tmp_path / "findings.png"))

    assert findings.go_to_selected()
    chronology = window.view.chronology
    assert window.view.case_tabs.currentWidget() is chronology
    assert chronology.editor.event_id == event_id
    assert chronology.selected_ids() == [event_id]
    significance = chronology.editor.texts["significance"].editor
    assert significance.textCursor().selectedText() == NHS
    qtbot.waitUntil(significance.hasFocus)  # the keyboard is in the field
    window.grab().save(str(tmp_path / "went-to.png"))

    assert findings.fix_button.text() == "&Replace with “[NHS number]”"
    assert findings.fix_selected()
    assert chronology.editor.texts["significance"].markdown() == (
        "The GP wrote down NHS number [NHS number] for the referral."
    )
    assert chronology.flush()
    saved = next(e for e in window.services.events.list_events(1) if e.id == event_id)
    assert saved.significance == "The GP wrote down NHS number [NHS number] for the referral."
    assert findings.model.index(0, 4).data() == "replaced by “[NHS number]”"
    assert not findings.fix_button.isEnabled()
    significance.undo()  # replaced as typing would: one undo brings it back
    assert NHS in chronology.editor.texts["significance"].markdown()
    findings.close()


def test_check_this_case_lists_places_and_goes_to_the_cast_and_the_summary(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    window, case_id, _event_id = _window(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    # Typed a moment ago: the check saves it first.
    window.view.overview.summary.editor.setPlainText("Jay lives at S1 2HH.")
    dialog = window.privacy_menu.check_case()
    assert isinstance(dialog, FindingsDialog)
    where = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    assert where == [
        "case › summary",
        "case › chronology › 14 Mar 2016 › Significance and impact",
    ]
    assert dialog.go_to_selected()
    overview = window.view.overview
    assert window.view.case_tabs.currentWidget() is overview
    assert overview.summary.editor.textCursor().selectedText() == "S1 2HH"
    assert dialog.fix_selected()
    assert overview.summary.markdown() == "Jay lives at [postcode]."
    assert overview.flush()
    assert window.services.cases.get(case_id).summary == "Jay lives at [postcode]."
    dialog.close()
