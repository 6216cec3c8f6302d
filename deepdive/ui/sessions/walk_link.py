"""Joins a stage's walk through the chronology to the projector and the workspace."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from deepdive.domain.ages import BirthMonth
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.ui.sessions.events_picker import EventsResponse
from deepdive.ui.sessions.projector import Projector


class WalkLink(QObject):
    """Gives each walk the case's cast and undo stack; puts its event on the projector."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        projector: Projector,
        undo_stack: QUndoStack,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._case_id = case_id
        self._projector = projector
        self._undo_stack = undo_stack

    def bind(self, editor: EventsResponse, birth: BirthMonth | None) -> None:
        """Ready a new events stage's walk (names of the cast, marking, themes, B)."""
        try:
            case = self._services.cases.get(self._case_id)
        except DeepDiveError:
            people, pseudonym = {}, ""
        else:
            people = {p.id: p.pseudonym for p in case.people}
            pseudonym = case.pseudonym
        editor.walk.bind(
            self._services, self._undo_stack, people=people, pseudonym=pseudonym, birth=birth
        )
        editor.walk.blank_requested.connect(self._on_blank_requested)

    def show(self, editor: EventsResponse | None) -> None:
        """The projector walks with ``editor``'s walk (None: the room is not walking)."""
        self._projector.walk(editor is not None)
        if editor is not None:
            walk = editor.walk
            self._projector.show_walk_event(
                walk.model.current_event(),
                walk.position_text(),
                walk.people,
                walk.pseudonym,
                walk.birth,
            )

    def _on_blank_requested(self) -> None:
        if self._projector.window is not None:
            self._projector.window.toggle_blank()
