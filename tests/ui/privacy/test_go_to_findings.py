"""A stopped export lists its findings by place; "Go to" opens the event and field with
the text selected, and "Replace" fixes it there as typing would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.storage.workspace import open_workspace
from deepdive.ui.export.export_dialog import ExportDialog
from deepdive.ui.privacy.report_dialogs import FindingsDialog
from deepdive.ui.shell.main_window import MainWindow

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
    window.export_command.action.trigger()
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


def _session_with_findings(window: MainWindow, case_id: int) -> int:
    """A session whose list, map and details hold identifiers."""
    from datetime import date

    from deepdive.services.session_results import Participant
    from deepdive.templates import builtin_template

    assert window.services is not None
    session = window.services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Team manager",
        participants=[Participant("Teacher", None), Participant("Youth worker", None)],
    )
    services = window.services
    services.sessions.save_response(
        session.id, "learning", {"items": ["Listen first", f"Jay's NHS number {NHS} was known"]}
    )
    services.sessions.save_response(
        session.id,
        "what-helped",
        {"columns": [["The hub"], ["Moves"], ["A GP at S1 2HH", "A key worker"]]},
    )
    return session.id


def test_go_to_selects_the_list_item_and_the_map_item_and_replace_fixes_them_there(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window, case_id, _event_id = _window(make_window, workspace_path)
    assert window.services is not None and window.view is not None
    session_id = _session_with_findings(window, case_id)
    dialog = window.privacy_menu.check_case()
    assert isinstance(dialog, FindingsDialog)
    where = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]
    item_row = where.index("session “Deep Dive” › Learning › learning point 2")
    map_row = where.index(
        "session “Deep Dive” › What helped, what did not, what was missing › "
        "What was missing › point 1"
    )

    def click(widget: QWidget, at: QPoint | None = None) -> None:
        """A click of the left mouse button, as a social worker fixes things."""
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at or widget.rect().center())

    def choose(row: int) -> None:
        click(dialog.table.viewport(), dialog.table.visualRect(dialog.model.index(row, 0)).center())

    choose(item_row)
    click(dialog.go_to_button)
    runner = window.view.sessions.runners[session_id]
    learning = runner.current_editor()
    view = learning.items.view  # type: ignore[attr-defined]
    assert view.currentIndex().row() == 1  # the item itself is selected
    assert view.currentIndex().data() == f"Jay's NHS number {NHS} was known"
    qtbot.waitUntil(view.hasFocus)
    runner.grab().save(str(tmp_path / "list-item.png"))
    assert dialog.fix_button.text() == "&Replace with “[NHS number]”"
    click(dialog.fix_button)
    assert learning.value() == {
        "items": ["Listen first", "Jay's NHS number [NHS number] was known"]
    }

    choose(map_row)
    click(dialog.go_to_button)
    helped = runner.current_editor()
    column = helped.columns[2].view  # type: ignore[attr-defined]
    assert column.currentIndex().row() == 0 and column.currentIndex().data() == "A GP at S1 2HH"
    click(dialog.fix_button)
    assert helped.value()["columns"][2] == ["A GP at [postcode]", "A key worker"]
    assert runner.flush()
    stored = window.services.sessions.responses(session_id)
    assert stored["learning"]["items"][1] == "Jay's NHS number [NHS number] was known"
    assert stored["what-helped"]["columns"][2][0] == "A GP at [postcode]"
    dialog.close()
    runner.close()


def test_cast_notes_and_session_details_are_gone_to_and_replaced(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    from deepdive.services.session_results import Participant
    from deepdive.ui.cases.people_model import PeopleColumn
    from deepdive.ui.sessions.session_dialog import SessionDialog

    window, case_id, _event_id = _window(make_window, workspace_path)
    services = window.services
    assert services is not None and window.view is not None
    mum = services.people.add(case_id, "Mum", "Parent", notes="Lives at S1 2HH.")
    session_id = _session_with_findings(window, case_id)
    detail = services.sessions.get(session_id)
    services.sessions.update_details(
        session_id,
        title="Deep Dive at S2 4SU",
        held_on=detail.held_on,
        facilitator_role="Team manager",
        participants=list(detail.participants),
    )
    # A role from before roles were checked (the workspace of an older DeepDive).
    older = Services.for_workspace(open_workspace(workspace_path), guard=_NoGuard())
    older.sessions.update_details(
        session_id,
        title="Deep Dive at S2 4SU",
        held_on=detail.held_on,
        facilitator_role="Team manager",
        participants=[Participant("Teacher", None), Participant("Nurse at S3 7HQ", None)],
    )
    older.close()
    other = services.cases.create("DD-2", "Sam")
    window.view.select_case(other.id)  # the case is shown afresh, as after a restart
    window.view.select_case(case_id)
    dialog = window.privacy_menu.check_case()
    assert isinstance(dialog, FindingsDialog)
    where = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]

    dialog.table.selectRow(where.index("cast › Mum › notes"))
    assert dialog.go_to_selected()
    cast = window.view.overview.cast
    assert cast.table.currentIndex() == cast.model.index(0, PeopleColumn.NOTES)
    assert dialog.fix_selected()
    assert next(p for p in services.people.list_people(case_id) if p.id == mum.id).notes == (
        "Lives at [postcode]."
    )

    # A participant: the session's dialog opens on the row, already replaced; Save keeps it.
    seen: dict[str, object] = {}

    def save(session: QDialog) -> None:
        assert isinstance(session, SessionDialog)
        seen["row"] = session.participants.currentRow()
        seen["text"] = session.participants.item(1, 0).text()
        seen["focus"] = session.focusWidget() is session.participants
        session.save_button.click()
        if session.isVisible():  # refused: let the test go on, and fail
            session.reject()

    dialog.table.selectRow(where.index("session “Deep Dive at S2 4SU” › participants"))
    answer_next_dialog(save)
    assert dialog.fix_selected()
    assert seen == {"row": 1, "text": "Nurse at [postcode]", "focus": True}
    roles = [p.role for p in services.sessions.get(session_id).participants]
    assert roles == ["Teacher", "Nurse at [postcode]"]
    assert dialog.model.index(dialog.table.currentIndex().row(), 4).data().startswith("replaced")

    # The title: Go to opens the dialog on it with the text selected; Cancel changes nothing.
    def look(session: QDialog) -> None:
        assert isinstance(session, SessionDialog)
        seen["title"] = (session.title.selectedText(), session.focusWidget() is session.title)
        session.reject()

    dialog.table.selectRow(where.index("session “Deep Dive at S2 4SU” › title"))
    answer_next_dialog(look)
    assert dialog.go_to_selected()
    assert seen["title"] == ("S2 4SU", True)
    assert services.sessions.get(session_id).title == "Deep Dive at S2 4SU"

    dialog.close()

    # The facilitator (also from an older DeepDive): replaced in the dialog's field.
    older = Services.for_workspace(open_workspace(workspace_path), guard=_NoGuard())
    current = older.sessions.get(session_id)
    older.sessions.update_details(
        session_id,
        title=current.title,
        held_on=current.held_on,
        facilitator_role="Team manager at S4 7QQ",
        participants=list(current.participants),
    )
    older.close()
    dialog = window.privacy_menu.check_case()
    assert isinstance(dialog, FindingsDialog)
    where = [dialog.model.index(r, 0).data() for r in range(dialog.model.rowCount())]

    def save_facilitator(session: QDialog) -> None:
        assert isinstance(session, SessionDialog)
        line = session.facilitator.lineEdit()
        seen["facilitator"] = (line.text(), session.focusWidget() is session.facilitator)
        session.save_button.click()
        if session.isVisible():  # refused: let the test go on, and fail
            session.reject()

    dialog.table.selectRow(where.index("session “Deep Dive at S2 4SU” › facilitator"))
    answer_next_dialog(save_facilitator)
    assert dialog.fix_selected()
    assert seen["facilitator"] == ("Team manager at [postcode]", True)
    assert services.sessions.get(session_id).facilitator_role == "Team manager at [postcode]"
    dialog.close()


class _NoGuard:
    """The guard of a DeepDive from before pseudonyms and roles were checked."""

    def identifiers_in(self, text: str, *, role: bool = False) -> list[object]:
        return []
