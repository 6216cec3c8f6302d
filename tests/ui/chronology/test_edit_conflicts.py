"""Two people on one workspace editing the same event in the app: a colleague (a second
Services on the same file) saves while the editor holds typed text. The save shows both
versions; each choice does what it says, read back from the workspace; nothing typed is
lost and undo never writes over the colleague."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QGuiApplication, QUndoStack
from pytestqt.qtbot import QtBot
from ui_helpers import answer_conflict

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology import ChronologyPanel
from deepdive.ui.conflicts.dialog import Choice, ConflictDialog, ConflictField, Resolution
from deepdive.ui.conflicts.set_aside import set_aside_folder

MINE = "Pattern of missing episodes starts here."
THEIRS = "First missing episode (police record)."


@pytest.fixture
def event_id(services: Services) -> int:
    case = services.cases.create("DD-2019-014", "Jay", birth="2004-05")
    return services.events.add(
        case.id, EventInput("2016-03-14", "missing", "Jay reported missing overnight.")
    ).id


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def panel(
    qtbot: QtBot, services: Services, event_id: int, stack: QUndoStack, tmp_path: Path
) -> ChronologyPanel:
    settings = QSettings(str(tmp_path / "chronology.ini"), QSettings.Format.IniFormat)
    made = ChronologyPanel(services, stack, settings=settings)
    qtbot.addWidget(made)
    made.resize(1100, 800)
    made.show()
    qtbot.waitExposed(made)
    made.show_case(services.cases.get(services.events.get(event_id).case_id))
    made.select_event(event_id)
    assert made.editor.event_id == event_id
    return made


def type_significance(qtbot: QtBot, panel: ChronologyPanel, text: str) -> None:
    field = panel.editor.texts["significance"].editor
    field.setFocus()
    qtbot.keyClicks(field, text)


def test_keep_mine_shows_both_then_saves_mine_over_theirs_and_undo_gives_theirs_back(
    qtbot: QtBot,
    panel: ChronologyPanel,
    services: Services,
    colleague: Services,
    event_id: int,
    stack: QUndoStack,
) -> None:
    type_significance(qtbot, panel, "Pattern ")
    assert panel.editor.flush()  # a step of my own typing, saved before the colleague's
    type_significance(qtbot, panel, MINE[len("Pattern ") :])
    colleague.events.update(event_id, significance=THEIRS, outcome="Return interview held.")
    seen: list[ConflictDialog] = []
    answer_conflict(Choice.KEEP_MINE, "significance", seen=seen)
    assert panel.editor.flush()
    [dialog] = seen
    differing = {r.field.name: r.field for r in dialog.rows if r.field.differs}
    assert set(differing) == {"significance"}  # their outcome is not in question: it is kept
    assert (differing["significance"].theirs, differing["significance"].mine) == (THEIRS, MINE)
    assert differing["significance"].both_changed
    stored = services.events.get(event_id)
    assert (stored.significance, stored.outcome) == (MINE, "Return interview held.")
    assert panel.editor.texts["outcome"].markdown() == "Return interview held."
    # Undo takes back my save over theirs only (the steps either side of their save are
    # not merged into one): theirs, as they saved it, comes back.
    stack.undo()
    assert services.events.get(event_id).significance == THEIRS
    # My step before theirs would overwrite it: it is refused and dropped.
    stack.undo()
    assert services.events.get(event_id).significance == THEIRS


def test_take_theirs_keeps_theirs_and_sets_mine_aside_on_the_clipboard_and_in_a_file(
    qtbot: QtBot, panel: ChronologyPanel, services: Services, colleague: Services, event_id: int
) -> None:
    type_significance(qtbot, panel, MINE)
    colleague.events.update(event_id, significance=THEIRS)
    answer_conflict(Choice.TAKE_THEIRS, "significance")
    assert panel.editor.flush()
    assert services.events.get(event_id).significance == THEIRS
    assert panel.editor.texts["significance"].markdown() == THEIRS
    clipboard = QGuiApplication.clipboard()
    assert MINE in clipboard.text()
    [kept] = set_aside_folder().glob("*.md")
    assert MINE in kept.read_text(encoding="utf-8") and oct(kept.stat().st_mode)[-3:] == "600"
    assert str(kept) in panel.editor.messages["significance"].text()
    assert panel.editor.flush()  # nothing is waiting to be saved over theirs later
    assert services.events.get(event_id).significance == THEIRS


def test_merge_by_editing_saves_the_merged_text(
    qtbot: QtBot, panel: ChronologyPanel, services: Services, colleague: Services, event_id: int
) -> None:
    type_significance(qtbot, panel, MINE)
    colleague.events.update(event_id, significance=THEIRS)
    both = f"{THEIRS} {MINE}"
    answer_conflict(Choice.MERGED, "significance", merged=both)
    assert panel.editor.flush()
    assert services.events.get(event_id).significance == both
    assert panel.editor.texts["significance"].markdown() == both


def test_changes_to_different_fields_are_both_kept_without_asking(
    qtbot: QtBot, panel: ChronologyPanel, services: Services, colleague: Services, event_id: int
) -> None:
    asked: list[list[ConflictField]] = []

    def ask(_parent: object, _what: str, fields: list[ConflictField]) -> Resolution:
        asked.append(fields)
        return Resolution(Choice.TAKE_THEIRS, {})

    panel.editor.ask = ask
    type_significance(qtbot, panel, MINE)
    colleague.events.update(event_id, outcome="Return interview held.")
    assert panel.editor.flush()
    assert not asked
    stored = services.events.get(event_id)
    assert (stored.significance, stored.outcome) == (MINE, "Return interview held.")
    assert "both kept" in panel.editor.messages["significance"].text()


def test_an_undo_that_would_overwrite_a_colleagues_later_change_is_refused(
    qtbot: QtBot,
    panel: ChronologyPanel,
    services: Services,
    colleague: Services,
    event_id: int,
    stack: QUndoStack,
) -> None:
    type_significance(qtbot, panel, MINE)
    assert panel.editor.flush()
    assert stack.count() == 1
    colleague.events.update(event_id, significance=THEIRS)
    stack.undo()
    assert services.events.get(event_id).significance == THEIRS
    assert stack.count() == 0  # the step is dropped, with a message, not replayed later


def test_an_event_deleted_by_a_colleague_comes_back_as_a_new_event_with_the_typing(
    qtbot: QtBot, panel: ChronologyPanel, services: Services, colleague: Services, event_id: int
) -> None:
    case_id = services.events.get(event_id).case_id
    type_significance(qtbot, panel, MINE)
    colleague.events.delete(event_id)
    panel.editor.flush()
    assert panel.editor.is_draft
    assert panel.editor.texts["significance"].markdown() == MINE
    panel.editor.flush()  # leaving it adds it
    [again] = services.events.list_events(case_id)
    assert (again.significance, again.description) == (MINE, "Jay reported missing overnight.")
