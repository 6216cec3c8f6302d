"""Running a whole Deep Dive session by keyboard, and finding every word afterwards."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPlainTextEdit
from session_ui_helpers import FakeClock, focused, press, tab_to, type_text
from ui_helpers import ScriptedPrompter, answer_next_dialog
from workspace_helpers import reopen

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.services.session_results import Participant
from deepdive.templates import builtin_template
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.response_editors import MapResponse, ScaleResponse
from deepdive.ui.sessions.runner import SessionRunner
from deepdive.ui.sessions.session_dialog import SessionDialog
from deepdive.ui.sessions.sessions_panel import SessionsPanel
from deepdive.ui.sessions.stage_editors import ActionsResponse
from deepdive.ui.sessions.summary import SessionRecord, summary_html

ALT = Qt.KeyboardModifier.AltModifier


def next_stage() -> None:
    press(Qt.Key.Key_Right, ALT)


def open_panel(qtbot, services: Services, prompter: ScriptedPrompter) -> SessionsPanel:  # type: ignore[no-untyped-def]
    panel = SessionsPanel(services, prompter=prompter)
    qtbot.addWidget(panel)
    panel.runner_clock = FakeClock()
    panel.show()
    return panel


def test_a_whole_deep_dive_session_by_keyboard_is_all_there_after_reopening(
    qtbot, services: Services
) -> None:  # type: ignore[no-untyped-def]
    case = add_demo_case(services)
    prompter = ScriptedPrompter(confirm_answers=[True])
    panel = open_panel(qtbot, services, prompter)
    clock = panel.runner_clock
    assert isinstance(clock, FakeClock)
    panel.show_case(case)

    def plan(dialog: QDialog) -> None:
        assert isinstance(dialog, SessionDialog)
        assert dialog.template.currentData() == "deep-dive-case-study"
        assert "never by name" in " ".join(
            label.text() for label in dialog.findChildren(type(dialog.message))
        )
        dialog.title.setText("Deep Dive — Jay, second look")
        dialog.held_on.setText("14/05/2024")
        dialog.facilitator.setEditText("Innovation coach")
        dialog.add_participant("social worker", "Children's Social Care")
        dialog.add_participant("police officer", "Police")
        dialog.add_participant("CAMHS clinician", "Health/CAMHS")
        assert dialog.start_button is not None
        dialog.start_button.click()

    answer_next_dialog(plan)
    session_id = panel.new_session()
    assert session_id is not None
    runner = panel.runners[session_id]
    qtbot.waitExposed(runner)
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    assert runner.index == 0

    # 1. Opening: start the timer and write the ground rules.
    press(Qt.Key.Key_F5)
    assert runner.timer.running
    type_text("Ground rules: curiosity, not blame. Roles only, never names.")
    clock.advance(minutes=9)
    runner.timer.refresh()
    next_stage()

    # 2. Who is the young person?
    assert runner.index == 1
    type_text("Jay chose three words: **loyal**, stubborn, grafter.")
    clock.advance(minutes=14)
    next_stage()

    # 3. Walk the chronology from the earliest entry, event by event: the second is
    # marked a key practice episode (K) and the room's reflection is typed beside it.
    events = runner.current_editor()
    assert isinstance(events, EventsResponse)
    walk = events.walk
    assert focused() is walk.view
    order = [e.span.sort_key() for e in walk.model.events()]
    assert order == sorted(order) and len(order) == len(services.events.list_events(case.id))
    press(Qt.Key.Key_Down)
    second = walk.model.current_event()
    assert second is not None and not second.key_episode
    assert walk.position_text() == f"Event 2 of {len(order)}"
    press(Qt.Key.Key_K)
    assert services.events.get(second.id).key_episode
    tab_to(walk.reflection.editor)
    type_text("Nan was in the record in 2012 and 2016; nobody called her.")
    clock.advance(minutes=43)
    next_stage()

    # 4. What helped / did not / was missing: a point in each column.
    helped = runner.current_editor()
    assert isinstance(helped, MapResponse)
    for column, point in zip(
        helped.columns,
        ("One key worker who stayed", "A 45-week CAMHS wait", "Anyone asking Nan"),
        strict=True,
    ):
        tab_to(column.entry)
        type_text(point)
        press(Qt.Key.Key_Return)
    next_stage()

    # 5. Would this be good enough for my child?
    type_text("Not before 2019; mostly yes in the hub period.")
    next_stage()

    # 6. Whose risk: 3 on the scale, and why.
    scale = runner.current_editor()
    assert isinstance(scale, ScaleResponse)
    assert focused() is scale.bar
    press(Qt.Key.Key_3)
    tab_to(scale.note.editor)
    type_text("Mostly risk to the organisation until the hub.")
    next_stage()

    # 7 and 8. Two lists.
    for point in ("Family search on day one", "Plan every ending"):
        type_text(point)
        press(Qt.Key.Key_Return)
    next_stage()
    type_text("The family resource was there all along")
    press(Qt.Key.Key_Return)
    next_stage()

    # 9. Actions: action, owner role, due date, Enter.
    actions = runner.current_editor()
    assert isinstance(actions, ActionsResponse)
    assert focused() is actions.panel.new_action
    type_text("Add a family network check to section 20 decisions")
    press(Qt.Key.Key_Tab)
    type_text("Team manager")
    tab_to(actions.panel.new_due)
    type_text("31/05/2024")
    press(Qt.Key.Key_Return)
    assert actions.panel.model.rowCount() == 1

    # Back a stage and forward again by keyboard: nothing is lost on the way.
    press(Qt.Key.Key_Left, ALT)
    assert runner.index == 7
    assert runner.current_editor().value() == {"items": ["The family resource was there all along"]}
    press(Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert runner.index == 8
    assert runner.progress.value() == 9

    with qtbot.waitSignal(runner.closed):
        runner.next_button.click()  # on the last stage: "Finish session…"
    assert prompter.questions and "complete" in prompter.questions[-1]
    assert session_id not in panel.runners
    panel.close()

    again = reopen(services)
    try:
        detail = again.sessions.get(session_id)
        assert (detail.status, detail.title, detail.held_on) == (
            "complete",
            "Deep Dive — Jay, second look",
            date(2024, 5, 14),
        )
        assert detail.participants == (
            Participant("social worker", "Children's Social Care"),
            Participant("police officer", "Police"),
            Participant("CAMHS clinician", "Health/CAMHS"),
        )
        assert detail.minutes_used["opening"] == 9
        assert detail.minutes_used["walk-the-chronology"] == 43
        answers = again.sessions.responses(session_id)
        assert answers["opening"]["text"] == (
            "Ground rules: curiosity, not blame. Roles only, never names."
        )
        assert answers["who-is-the-young-person"]["text"] == (
            "Jay chose three words: **loyal**, stubborn, grafter."
        )
        assert answers["walk-the-chronology"] == {
            "event_ids": [second.id],
            "notes": "",
            "reflections": {
                str(second.id): "Nan was in the record in 2012 and 2016; nobody called her."
            },
        }
        assert again.events.get(second.id).key_episode
        assert answers["what-helped"] == {
            "columns": [
                ["One key worker who stayed"],
                ["A 45-week CAMHS wait"],
                ["Anyone asking Nan"],
            ]
        }
        assert answers["good-enough"]["text"] == "Not before 2019; mostly yes in the hub period."
        assert answers["risk"] == {
            "value": 3,
            "note": "Mostly risk to the organisation until the hub.",
        }
        assert answers["nwd-differently"]["items"] == [
            "Family search on day one",
            "Plan every ending",
        ]
        assert answers["learning"]["items"] == ["The family resource was there all along"]
        [action] = again.actions.list_actions(case.id, session_id)
        assert (action.description, action.owner_role, action.due_on, action.stage_id) == (
            "Add a family network check to section 20 decisions",
            "Team manager",
            date(2024, 5, 31),
            "actions",
        )
        # The links show on the chronology's side too.
        linked = {link.event_id for link in again.sessions.event_links(case.id)}
        assert second.id in linked
        page = summary_html(SessionRecord.read(again, session_id))
        for words in ("curiosity, not blame", "Anyone asking Nan", "3 out of 10", "Team manager"):
            assert words in page
    finally:
        again.close()


def test_typing_is_kept_even_when_the_runner_closes_at_once(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case_id = services.cases.create("DD-2019-014", "Jay").id
    session_id = services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="",
        participants=[],
    ).id
    runner = SessionRunner(services, session_id, ScriptedPrompter(), clock=FakeClock())
    qtbot.addWidget(runner)
    runner.show()
    runner.activateWindow()
    qtbot.waitUntil(runner.isActiveWindow)
    editor = runner.current_editor().findChild(QPlainTextEdit)
    assert editor is not None
    editor.setFocus()
    type_text("Said in the last second before the laptop lid closed")
    runner.close()  # no pause for the autosave timer
    assert services.sessions.responses(session_id)["opening"]["text"] == (
        "Said in the last second before the laptop lid closed"
    )
    assert services.sessions.get(session_id).status == "in_progress"


def test_the_runner_reopens_on_the_stage_the_room_was_on(qtbot, services: Services) -> None:  # type: ignore[no-untyped-def]
    case_id = services.cases.create("DD-2019-014", "Jay").id
    session_id = services.sessions.start(
        case_id,
        builtin_template("deep-dive-case-study"),
        title="Deep Dive",
        held_on=None,
        facilitator_role="",
        participants=[],
    ).id
    first = SessionRunner(services, session_id, ScriptedPrompter(), clock=FakeClock())
    qtbot.addWidget(first)
    first.go_to(5)
    first.close()
    second = SessionRunner(services, session_id, ScriptedPrompter(), clock=FakeClock())
    qtbot.addWidget(second)
    assert second.index == 5
    assert second.brief.title.text() == "Whose risk were we managing?"
