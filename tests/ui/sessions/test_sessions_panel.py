"""The Sessions tab: the list with statuses, the summary, deleting, details, case actions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from session_ui_helpers import FakeClock
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.session_results import Participant
from deepdive.templates import builtin_template
from deepdive.ui.sessions.actions_model import ActionColumn
from deepdive.ui.sessions.session_dialog import SessionDialog
from deepdive.ui.sessions.session_table_model import SessionColumn
from deepdive.ui.sessions.sessions_panel import SessionsPanel
from deepdive.ui.shell.style import Appearance


def make_panel(qtbot, services: Services, prompter: ScriptedPrompter) -> SessionsPanel:  # type: ignore[no-untyped-def]
    panel = SessionsPanel(services, prompter=prompter)
    qtbot.addWidget(panel)
    panel.runner_clock = FakeClock()
    panel.resize(1200, 800)
    panel.show()
    return panel


def cell(panel: SessionsPanel, row: int, column: SessionColumn) -> str:
    return str(panel.model.data(panel.model.index(row, column)))


def plan(services: Services, case_id: int, title: str, held_on: date | None) -> int:
    return services.sessions.start(
        case_id,
        builtin_template("gibbs-reflective-cycle"),
        title=title,
        held_on=held_on,
        facilitator_role="Practice supervisor",
        participants=[Participant("social worker")],
    ).id


def test_the_list_shows_each_session_with_its_status_and_a_summary(
    qtbot, services: Services
) -> None:  # type: ignore[no-untyped-def]
    case = add_demo_case(services)
    planned = plan(services, case.id, "Gibbs cycle after the review", date(2024, 6, 3))
    panel = make_panel(qtbot, services, ScriptedPrompter())
    panel.show_case(case)
    assert panel.model.rowCount() == 2
    assert [cell(panel, r, SessionColumn.STATUS) for r in range(2)] == ["Planned", "Complete"]
    assert cell(panel, 0, SessionColumn.DATE) == "3 Jun 2024"
    services.sessions.set_status(planned, "in_progress")
    assert cell(panel, 0, SessionColumn.STATUS) == "In progress"

    panel.table.selectRow(1)  # the demo's finished Deep Dive
    page = panel.summary.toPlainText()
    for words in (
        "Deep Dive — Jay",
        "In the room (by role and agency)",
        "police officer — Police",
        "Would this be good enough for my child?",
        "3 out of 10",
        "One key worker who stayed for 32 months",
        'Add a "family network contacted?" check',
    ):
        assert words in page, words
    assert panel.run_button.text() == "Reopen and run"
    assert panel.summary.isReadOnly()


def test_an_empty_case_says_how_to_start(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.get(services.cases.create("DD-2019-014", "Jay").id)
    panel = make_panel(qtbot, services, ScriptedPrompter())
    panel.show_case(case)
    assert panel.empty_hint.isVisible()
    assert "New session" in panel.empty_hint.text()
    assert not panel.run_button.isEnabled()


def test_a_session_is_deleted_only_after_saying_what_is_lost(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.get(services.cases.create("DD-2019-014", "Jay").id)
    session_id = plan(services, case.id, "Gibbs", None)
    services.sessions.save_response(session_id, "feelings", {"text": "Anxious, then relieved."})
    prompter = ScriptedPrompter(confirm_answers=[False, True])
    panel = make_panel(qtbot, services, prompter)
    panel.show_case(case)
    assert not panel.delete_selected()
    assert services.sessions.list_sessions(case.id)
    assert panel.delete_selected()
    assert prompter.questions[0] == (
        "Delete the session 'Gibbs'? This permanently removes 1 answered stage."
    )
    assert services.sessions.list_sessions(case.id) == []
    assert panel.empty_hint.isVisible()


def test_details_are_changed_and_a_bad_date_is_explained(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case = services.cases.get(services.cases.create("DD-2019-014", "Jay").id)
    session_id = plan(services, case.id, "Gibbs", None)
    panel = make_panel(qtbot, services, ScriptedPrompter())
    panel.show_case(case)
    seen: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, SessionDialog)
        assert not dialog.template.isEnabled()
        assert dialog.participant_list() == [Participant("social worker", None)]
        dialog.held_on.setText("31/02/2024")
        dialog.save_button.click()
        seen.append(dialog.message.text())
        assert dialog.isVisible()
        dialog.held_on.setText("1 March 2024")
        dialog.add_participant("teacher", "Education")
        dialog.save_button.click()

    answer_next_dialog(fill)
    panel.edit_selected()
    assert seen == ["The date: 31 February 2024 is not a real date"]
    detail = services.sessions.get(session_id)
    assert detail.held_on == date(2024, 3, 1)
    assert detail.participants[-1] == Participant("teacher", "Education")


def test_case_actions_are_ticked_off_and_edited_in_place(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case = add_demo_case(services)
    panel = make_panel(qtbot, services, ScriptedPrompter())
    panel.show_case(case)
    table = panel.actions_panel.model
    assert table.rowCount() == 5
    assert table.data(table.index(0, ActionColumn.ORIGIN)) == "Deep Dive — Jay"
    second = table.action_at(1)
    assert not second.done
    done = table.index(1, ActionColumn.DONE)
    assert table.setData(done, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    due = table.index(1, ActionColumn.DUE)
    assert not table.setData(due, "next Tuesday", Qt.ItemDataRole.EditRole)
    assert "'next Tuesday' is not a date" in panel.actions_panel.feedback.text()
    assert table.setData(due, "15/09/2022", Qt.ItemDataRole.EditRole)
    [saved] = [a for a in services.actions.list_actions(case.id) if a.id == second.id]
    assert (saved.done, saved.due_on) == (True, date(2022, 9, 15))

    panel.actions_panel.new_action.setText("Share the case study with the hub team")
    panel.actions_panel.new_owner.setEditText("Hub manager")
    panel.actions_panel.new_due.setText("soon")
    assert panel.actions_panel.add_from_fields() is None
    assert panel.actions_panel.new_action.text() == "Share the case study with the hub team"
    panel.actions_panel.new_due.setText("")
    added = panel.actions_panel.add_from_fields()
    assert added is not None and added.session_id is None
    assert table.data(table.index(5, ActionColumn.ORIGIN)) == "Added to the case"


def test_the_sessions_tab_and_menu_in_the_main_window(
    make_window: WindowFactory, workspace_path: Path, prompter: ScriptedPrompter
) -> None:
    window = make_window()
    window.show()
    window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = add_demo_case(window.services)
    window.view.select_case(case.id)
    panel = window.view.sessions
    tabs = window.view.case_tabs
    tabs.setCurrentWidget(panel)
    assert tabs.tabText(tabs.currentIndex()) == "&Sessions"
    assert panel.model.rowCount() == 1
    assert panel.prompter is prompter
    assert window.sessions_menu.new_session_action.isEnabled()
    # Every control on the tab has a name a screen reader can say.
    kinds = (QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractItemView, QAbstractButton)
    unnamed = [
        type(w).__name__
        for w in panel.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(w.parent(), QComboBox)
        and not (w.accessibleName() or (isinstance(w, QAbstractButton) and w.text()))
    ]
    assert unnamed == []


def test_actions_grow_with_a_larger_interface_font(
    qtbot, services: Services, appearance: Appearance
) -> None:  # type: ignore[no-untyped-def]
    from deepdive.ui.widgets.preferences import Theme

    case = add_demo_case(services)
    panel = make_panel(qtbot, services, ScriptedPrompter())
    panel.resize(900, 600)
    panel.show()
    panel.show_case(case)
    actions = panel.actions_panel
    due = actions.new_due
    hint_width = due.fontMetrics().horizontalAdvance(due.placeholderText())
    assert due.minimumWidth() > hint_width  # the hint "Due, e.g. 31/05/2022" is never cut
    row_before = actions.table.rowHeight(0)

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    points = app.font().pointSizeF()
    try:
        appearance.apply(Theme.LIGHT, points * 2)  # Preferences: interface font size
        qtbot.waitUntil(lambda: actions.table.rowHeight(0) > row_before * 1.5)
        assert due.minimumWidth() > due.fontMetrics().horizontalAdvance(due.placeholderText())
    finally:
        appearance.apply(Theme.SYSTEM, 0)
