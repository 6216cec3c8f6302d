"""The right response editor for a stage, and whether a stored response says anything."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from deepdive.services import Services
from deepdive.templates import ResponseKind, Stage
from deepdive.ui.sessions.actions_panel import ActionsPanel
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.response_editors import (
    ListResponse,
    MapResponse,
    ResponseEditor,
    ScaleResponse,
    TextResponse,
)


class ActionsResponse(ResponseEditor):
    """The actions agreed at this stage; each is saved as a case action when added."""

    def __init__(
        self,
        stage: Stage,
        services: Services,
        case_id: int,
        session_id: int,
        parent: QWidget | None = None,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        super().__init__(parent)
        hint = QLabel(
            self.tr(
                "Each action has an owner role (never a name) and a due date. They also "
                "appear in the case's action list, where they can be ticked off later."
            ),
            self,
        )
        hint.setObjectName("quietHint")
        hint.setWordWrap(True)
        self.panel = ActionsPanel(services, self, show_origin=False, undo_stack=undo_stack)
        self.panel.show_session_stage(case_id, session_id, stage.id)
        self.panel.model.modelReset.connect(lambda: self.edited.emit({}))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.panel, 1)

    def set_value(self, value: dict[str, Any]) -> None:
        """Actions are rows of their own; the stage's stored value is always empty."""

    def value(self) -> dict[str, Any]:
        return {}

    def focus_editor(self) -> None:
        self.panel.new_action.setFocus()

    def has_actions(self) -> bool:
        """Whether any action was agreed at this stage."""
        return self.panel.model.rowCount() > 0


def editor_for(
    stage: Stage,
    services: Services,
    case_id: int,
    session_id: int,
    parent: QWidget,
    undo_stack: QUndoStack | None = None,
) -> ResponseEditor:
    """A new editor for ``stage``'s response kind (its actions' changes on ``undo_stack``)."""
    kind = stage.response.kind
    if kind is ResponseKind.LIST:
        return ListResponse(stage, parent)
    if kind is ResponseKind.SCALE:
        return ScaleResponse(stage, parent)
    if kind is ResponseKind.MAP:
        return MapResponse(stage, parent)
    if kind is ResponseKind.EVENTS:
        return EventsResponse(stage, parent)
    if kind is ResponseKind.ACTIONS:
        return ActionsResponse(stage, services, case_id, session_id, parent, undo_stack)
    return TextResponse(stage, parent)


def says_something(kind: ResponseKind, value: dict[str, Any]) -> bool:
    """Whether a stored response holds anything the room said."""
    if kind is ResponseKind.TEXT:
        return bool(str(value.get("text", "")).strip())
    if kind is ResponseKind.LIST:
        return bool(value.get("items"))
    if kind is ResponseKind.SCALE:
        return value.get("value") is not None or bool(str(value.get("note", "")).strip())
    if kind is ResponseKind.MAP:
        return any(value.get("columns", []))
    if kind is ResponseKind.EVENTS:
        reflections = value.get("reflections", {})
        said = (
            any(str(text).strip() for text in reflections.values())
            if isinstance(reflections, dict)
            else False
        )
        return bool(value.get("event_ids")) or bool(str(value.get("notes", "")).strip()) or said
    return False
