"""The case list marks a case that holds identifiers, and the status bar names it; the
mark goes once they are fixed. Counting happens off the GUI thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, unlock_vault

from deepdive.services.events import EventInput
from deepdive.ui.cases.case_table_model import Column

MARKED = "DD-1 holds 1 identifier to fix — Privacy ▸ Check this case for identifiers"


def test_typing_an_identifier_in_an_event_marks_the_case_until_it_is_fixed(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path, tmp_path: Path
) -> None:
    window = make_window()
    window.resize(1366, 768)
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    other = window.services.cases.create("DD-2", "Sam", summary="Sam rang 07911 123456.")
    event = window.services.events.add(
        case.id, EventInput("2016-03-14", "health", "Jay saw the GP.")
    )
    view = window.view
    model = view.case_list.model
    view.select_case(case.id)
    view.tally.count_all()  # (the window starts counting a moment after it opens)
    qtbot.waitUntil(lambda: model.flag(other.id) == 1)
    assert model.flag(case.id) == 0

    chronology = view.chronology
    view.case_tabs.setCurrentWidget(chronology)
    chronology.select_event(event.id)
    description = chronology.editor.texts["description"]
    description.editor.setFocus()
    description.editor.selectAll()
    qtbot.keyClicks(description.editor, "Jay saw the GP; NHS number 943 476 5919.")
    assert chronology.flush()
    qtbot.waitUntil(lambda: model.flag(case.id) == 1)
    row = model.row_of(case.id)
    assert row is not None
    code = model.index(row, Column.CODE)
    icon = code.data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert code.data(Qt.ItemDataRole.ToolTipRole) == MARKED
    assert window.statusBar().currentMessage() == MARKED
    window.grab().save(str(tmp_path / "marked.png"))

    description.editor.selectAll()
    qtbot.keyClicks(description.editor, "Jay saw the GP.")
    assert chronology.flush()
    qtbot.waitUntil(lambda: model.flag(case.id) == 0)
    assert code.data(Qt.ItemDataRole.DecorationRole) is None
    assert window.statusBar().currentMessage() == "DD-1 holds no identifiers to fix."
    assert model.flag(other.id) == 1  # the other case is still marked


def test_unlocking_the_vault_counts_registered_names_too(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultCase, VaultPerson

    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay", summary="Jayden rang.")
    model = window.view.case_list.model
    window.view.tally.count_all()
    qtbot.waitUntil(lambda: case.id in window.view.tally.counts)  # type: ignore[union-attr]
    assert model.flag(case.id) == 0  # locked: nobody's name is known
    vault = Vault.create(workspace_path.with_suffix(".vault"), "correct horse battery")
    vault.put_case(VaultCase("DD-1", 90, (VaultPerson("Jay", ("Jayden Marsh",)),)))
    vault.lock()
    unlock_vault(window, "correct horse battery")
    qtbot.waitUntil(lambda: model.flag(case.id) == 1)
    window.privacy_menu.lock()
    qtbot.waitUntil(lambda: model.flag(case.id) == 0)


def test_the_session_summary_underlines_an_nhs_number(
    qtbot: QtBot, make_window: WindowFactory, workspace_path: Path
) -> None:
    from datetime import date

    from PySide6.QtGui import QTextCharFormat

    from deepdive.templates import builtin_template

    window = make_window()
    window.show()
    assert window.open_workspace(workspace_path)
    assert window.services is not None and window.view is not None
    case = window.services.cases.create("DD-1", "Jay")
    template = builtin_template("deep-dive-case-study")
    session = window.services.sessions.start(
        case.id,
        template,
        title="Deep Dive",
        held_on=date(2022, 3, 17),
        facilitator_role="Innovation coach",
        participants=[],
    )
    said = "The GP has NHS number 943 476 5919 on file."
    window.services.sessions.save_response(session.id, template.stages[1].id, {"text": said})
    window.view.select_case(case.id)
    sessions = window.view.sessions
    window.view.case_tabs.setCurrentWidget(sessions)
    assert sessions.select_session(session.id)
    underlined = []
    block = sessions.summary.document().firstBlock()
    while block.isValid():
        for item in block.layout().formats():
            if item.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
                underlined.append(block.text()[item.start : item.start + item.length])
        block = block.next()
    assert underlined == ["943 476 5919"]
