"""Every undoable change can reach the undo stack either applied first (the editors'
way: a refusal never reaches the stack) or pushed alone (the push makes the change;
a refusal is reported and the stack keeps nothing)."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack

from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.ui.chronology.undo import AddEventCommand


def _descriptions(services: Services, case_id: int) -> list[str]:
    return [event.description for event in services.events.list_events(case_id)]


def test_a_command_pushed_alone_makes_its_change_and_undoes_it(
    services: Services,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    case = services.cases.create("DD-1", "Jay")
    stack = QUndoStack()
    stack.push(AddEventCommand(services.events, case.id, EventInput("2016-03", "health", "Seen")))
    assert _descriptions(services, case.id) == ["Seen"]
    stack.undo()
    assert _descriptions(services, case.id) == []
    stack.redo()
    assert _descriptions(services, case.id) == ["Seen"]


def test_a_command_applied_first_is_not_made_twice_by_the_push(
    services: Services,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    case = services.cases.create("DD-1", "Jay")
    stack = QUndoStack()
    command = AddEventCommand(services.events, case.id, EventInput("2016-03", "health", "Seen"))
    info = command.apply()
    stack.push(command)
    assert info.description == "Seen"
    assert _descriptions(services, case.id) == ["Seen"]  # once, not twice
    stack.undo()
    assert _descriptions(services, case.id) == []


def test_a_refused_change_pushed_alone_is_reported_and_not_kept(
    services: Services,
    qtbot,  # type: ignore[no-untyped-def]
) -> None:
    case = services.cases.create("DD-1", "Jay")
    stack = QUndoStack()
    said: list[str] = []
    refused = EventInput("the 45th of Smarch", "health", "Seen")
    stack.push(AddEventCommand(services.events, case.id, refused, said.append))
    assert len(said) == 1 and "45th of Smarch" in said[0]
    assert stack.count() == 0 and not stack.canUndo()
    assert _descriptions(services, case.id) == []
