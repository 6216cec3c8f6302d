"""Walking a case's chronology on the projector outside a session (Sessions menu).

The same walk as in a session's chronology stage, for a team looking at the
chronology together: one event at a time on the projector, driven from this window
by keyboard, clicker or mouse. Key practice episodes can be marked (undoable with
the chronology's other edits) and learning themes tagged on events; reflections
belong to a session, so there is no field for them here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from deepdive.domain.ages import BirthMonth
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.projector import Projector
from deepdive.ui.sessions.walk_panel import WalkPanel
from deepdive.ui.widgets import key_bindings as keys
from deepdive.ui.widgets.change_relay import ChangeRelay
from deepdive.ui.widgets.window_undo import WindowUndo


class ChronologyWalkWindow(QWidget):
    """A window that walks one case's chronology, with the room's view on a projector."""

    def __init__(
        self,
        services: Services,
        case_id: int,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._services = services
        self._case_id = case_id
        case = services.cases.get(case_id)
        self._title = self.tr("{name}'s chronology").format(name=case.pseudonym)
        self._birth = BirthMonth(case.birth_year, case.birth_month) if case.birth_year else None
        self.setWindowTitle(self.tr("Walk the chronology — {code}").format(code=case.code))
        self.resize(1100, 700)
        self.heading = QLabel(self._title, self)
        self.heading.setObjectName("sectionHeading")
        self.present_button = QPushButton(self.tr("Show on projector"), self)
        self.present_button.setToolTip(keys.PRESENTATION.tip(self.tr("Show on projector")))
        self.walk = WalkPanel(self)
        self.walk.show_reflections(False)
        stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.undo = WindowUndo(self, stack)  # Ctrl+Z here undoes marks and themes
        self.walk.bind(
            services,
            stack,
            people={p.id: p.pseudonym for p in case.people},
            pseudonym=case.pseudonym,
            birth=self._birth,
        )
        self.projector = Projector(self)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.present_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.walk, 1)
        self.present_button.clicked.connect(self.show_presentation)
        keys.PRESENTATION.bind_action(self, self.show_presentation)
        self.walk.current_changed.connect(self._update_projector)
        self.walk.blank_requested.connect(self._on_blank_requested)
        self.projector.next_event_requested.connect(lambda: self.walk.step(1))
        self.projector.previous_event_requested.connect(lambda: self.walk.step(-1))
        self._relay = ChangeRelay(services.changes, self)
        self._relay.changed.connect(self._on_changed)
        self._load()
        self.walk.focus_walk()

    def shown_case_id(self) -> int | None:
        """The case this window shows (read again after a gap in hearing others)."""
        return self._case_id

    @property
    def presentation(self) -> PresentationWindow | None:
        """The room's window, while it is open."""
        return self.projector.window

    def show_presentation(self) -> PresentationWindow:
        """Open the room's window (full screen on a second screen when there is one)."""
        window, opened = self.projector.open(self._title, self)
        if opened:
            window.where.setText(self._title)
            self.projector.set_chronology(self._events, self._birth, [])
            self.projector.walk(True)
            self._update_projector()
        return window

    def _load(self) -> None:
        self._events = self._services.events.list_events(self._case_id)
        self.walk.set_events(self._events)

    def _update_projector(self) -> None:
        self.projector.show_walk_event(
            self.walk.model.current_event(),
            self.walk.position_text(),
            self.walk.people,
            self.walk.pseudonym,
            self._birth,
        )

    def _on_blank_requested(self) -> None:
        if self.projector.window is not None:
            self.projector.window.toggle_blank()

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.EVENT and change.case_id == self._case_id:
            self._load()
            self.projector.set_chronology(self._events, self._birth, [])
            self._update_projector()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.projector.close()
        self._relay.detach()
        super().closeEvent(event)
