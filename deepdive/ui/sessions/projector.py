"""Keeps the presentation window in step with the runner, and gives it the timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

from deepdive.domain.ages import BirthMonth
from deepdive.templates import Stage
from deepdive.ui.sessions.presentation import PresentationWindow
from deepdive.ui.sessions.timer import TimerReading
from deepdive.ui.timeline.layout import LANES_BY_CATEGORY, ONE_LANE, TimelineEvent
from deepdive.ui.widgets.screen_fit import fit_to_screen

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

PROJECTOR_SCALE = 1.5
"""How much larger the timeline draws on the projector than on a laptop screen."""


def projector_screen(laptop: QScreen | None) -> QScreen | None:
    """The screen for the room: another screen than the laptop's (None: there is one)."""
    others = [s for s in QGuiApplication.screens() if s is not laptop]
    return others[0] if others else None


class Projector(QObject):
    """Opens the presentation view and passes the runner's stage, question and timer on."""

    next_stage_requested = Signal()
    previous_stage_requested = Signal()
    next_prompt_requested = Signal()
    previous_prompt_requested = Signal()
    next_event_requested = Signal()
    previous_event_requested = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.window: PresentationWindow | None = None
        self._owner: QWidget | None = None
        self._drawn: dict[int, tuple[EventInfo, TimelineEvent]] = {}

    def open(self, title: str, owner: QWidget) -> tuple[PresentationWindow, bool]:
        """The presentation window, and whether it was opened just now.

        A new window goes full screen on a second screen when there is one, and is an
        ordinary window beside the runner when there is only one screen.
        """
        if self.window is not None:
            self.window.raise_()
            return self.window, False
        window = PresentationWindow(title, owner)
        window.next_stage_requested.connect(self.next_stage_requested)
        window.previous_stage_requested.connect(self.previous_stage_requested)
        window.next_prompt_requested.connect(self.next_prompt_requested)
        window.previous_prompt_requested.connect(self.previous_prompt_requested)
        window.next_event_requested.connect(self.next_event_requested)
        window.previous_event_requested.connect(self.previous_event_requested)
        window.closed.connect(self._on_closed)
        self._owner = owner
        # A window system may make the new full-screen window the active one: the
        # first time it does, the keyboard goes back to the runner on the laptop.
        window.activated.connect(self._on_first_activation)
        self.window = window
        self._attach_timeline(window)
        # The room's window never takes the keyboard: the runner keeps it on the laptop.
        window.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
        target = projector_screen(owner.screen())
        if target is not None:
            window.setScreen(target)
            window.setGeometry(target.geometry())
            window.showFullScreen()
        else:
            window.show()
            fit_to_screen(window, remembered=True)  # one screen: a window within it
        owner.activateWindow()
        owner.raise_()
        return window, True

    def show_stage(self, stage: Stage, number: int, count: int, prompt: int) -> None:
        """Show a stage (the chronology stage with the timeline) and one of its questions."""
        if self.window is not None:
            chronology = stage.response.kind.value == "events"
            self.window.show_stage(stage, number, count, chronology)
            self.window.show_prompt(prompt)

    def show_prompt(self, row: int) -> None:
        """Put another question on screen."""
        if self.window is not None:
            self.window.show_prompt(row)

    def show_reading(self, reading: TimerReading) -> None:
        """Show the timer."""
        if self.window is not None:
            self.window.show_reading(reading)

    def set_chronology(
        self, events: list[EventInfo], birth: BirthMonth | None, marked: list[int]
    ) -> None:
        """The case's events for the chronology stage, and which the room has marked."""
        if self.window is None:
            return
        from deepdive.ui.timeline.sources import from_infos
        from deepdive.ui.timeline.view import TimelineView

        view = self.window.timeline_widget
        if isinstance(view, TimelineView):
            # Events read again but unchanged (the same objects) keep their drawn form,
            # so marking one key episode on a long chronology redoes one, not all.
            drawn = []
            for event in events:
                known = self._drawn.get(event.id)
                if known is None or known[0] is not event:
                    known = (event, from_infos([event])[0])
                    self._drawn[event.id] = known
                drawn.append(known[1])
            view.set_events(drawn, birth, keep_window=True)
        self.window.set_events(events, marked)
        self.mark(marked)

    def mark(self, marked: list[int]) -> None:
        """Show the events the room has marked; the latest is ringed on the timeline."""
        if self.window is None:
            return
        self.window.set_marked(marked)
        from deepdive.ui.timeline.view import TimelineView

        view = self.window.timeline_widget
        if isinstance(view, TimelineView):
            view.select_event(marked[-1] if marked else None)

    def walk(self, on: bool) -> None:
        """Show the walk through the chronology (one event at a time), or not."""
        if self.window is not None and self.window.walking != on:
            self.window.set_walking(on)
            from deepdive.ui.timeline.view import TimelineView

            view = self.window.timeline_widget
            if isinstance(view, TimelineView):
                # The walk's strip is one line of events, so the event itself gets the wall.
                view.set_mode(ONE_LANE if on else LANES_BY_CATEGORY)
                if not on:
                    view.set_walked(None)

    def show_walk_event(
        self,
        event: EventInfo | None,
        position: str,
        people: dict[int, str],
        pseudonym: str,
        birth: BirthMonth | None,
    ) -> None:
        """Put the walk's current event on the wall, ringed on the timeline beneath."""
        if self.window is None:
            return
        self.window.show_walk_event(event, position, people, pseudonym, birth)
        from deepdive.ui.timeline.view import TimelineView

        view = self.window.timeline_widget
        if isinstance(view, TimelineView):
            view.select_event(event.id if event is not None else None)
            if event is not None:
                first = event.span.start.earliest().toordinal()
                last = event.span.start.latest().toordinal() if event.span.end is None else first
                view.set_walked((first + last + 1) / 2)  # where the event's mark is

    def close(self) -> None:
        """Close the presentation view."""
        if self.window is not None:
            self.window.close()

    def _attach_timeline(self, window: PresentationWindow) -> None:
        from deepdive.ui.timeline.view import TimelineView
        from deepdive.ui.widgets.palette import palette_for

        view = TimelineView(scale=PROJECTOR_SCALE)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the room's window is driven by keys
        # The room's window is light in either theme (it reads best on a projector).
        view.setPalette(palette_for(False))
        window.set_timeline_widget(view)

    def _on_first_activation(self) -> None:
        if self.window is not None:
            self.window.activated.disconnect(self._on_first_activation)
        if self._owner is not None:
            self._owner.activateWindow()

    def _on_closed(self) -> None:
        if self.window is not None:
            self.window.deleteLater()
        self.window = None
