"""The presentation view: a separate window for a projector or second screen.

It shows what the room needs and nothing else: where we are, the current question in
large type, a calm timer, and on the chronology stage the young person's timeline.
While the room walks the chronology it shows one event at a time in large type, with
the timeline beneath marking where the room is. The facilitator drives it from the
runner; switching stages there switches it here.

Keys here: Right, Down, Page Down or Space go on (the next event while walking, the
next stage otherwise), Left, Up or Page Up go back; B or . blanks the screen (any key
brings it back); F11 fills the screen and Escape leaves the presentation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.ages import BirthMonth
from deepdive.templates import Stage
from deepdive.ui.sessions.event_slide import EventSlide
from deepdive.ui.sessions.event_table import EventTable
from deepdive.ui.sessions.presentation_list import ChronologyListModel
from deepdive.ui.sessions.runner_parts import timer_caption, timer_text
from deepdive.ui.sessions.timer import TimerReading

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

Index = QModelIndex | QPersistentModelIndex

# A warm off-white and a dark slate read well on projectors in a lit room; the accent
# is a muted teal, and running over time turns the bar a soft amber, never red.
PRESENTATION_STYLE = """
QWidget#presentation { background: #f6f4ef; }
QWidget#presentation QLabel { color: #1e2b33; }
QLabel#presentationWhere { color: #52616b; }
QLabel#presentationTimer { color: #1e2b33; }
QLabel#presentationTimer[over="true"] { color: #8a5a12; }
QLabel#presentationTimerCaption { color: #52616b; }
QLabel#presentationPrompt { color: #14212a; }
QLabel#presentationCount { color: #52616b; }
QProgressBar#presentationBar { background: #e4e0d6; border: none; border-radius: 3px; }
QProgressBar#presentationBar::chunk { background: #4f8a8b; border-radius: 3px; }
QProgressBar#presentationBar[over="true"]::chunk { background: #c89a4b; }
QTableView#presentationEvents {
    background: #fbfaf7; color: #1e2b33; border: 1px solid #e4e0d6; border-radius: 6px;
}
QTableView#presentationEvents::item { padding: 0 10px; }
QTableView#presentationEvents::item:selected { background: #dbe8e6; color: #14212a; }
QLabel#slidePosition, QLabel#slideWhere { color: #52616b; }
QLabel#slideKey { color: #14212a; background: #f1d9a7; border-radius: 6px; padding: 2px 10px; }
QLabel#slideDate, QLabel#slideWhat, QLabel#slideText { color: #14212a; }
QLabel#slideAge { color: #2f6b6c; }
QLabel#slideCaption { color: #52616b; }
QLabel#slideVoice { color: #1d4f50; }
QFrame#slideVoiceBar { background: #4f8a8b; border-radius: 3px; }
QWidget#presentationBlank { background: #000000; }
"""


class PresentationWindow(QWidget):
    """The room's view of the session, in large type, for a projector or second screen."""

    next_stage_requested = Signal()
    previous_stage_requested = Signal()
    next_prompt_requested = Signal()
    previous_prompt_requested = Signal()
    next_event_requested = Signal()
    previous_event_requested = Signal()
    activated = Signal()  # the window became the active one (a click, or the system)
    closed = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(PRESENTATION_STYLE)
        self.setWindowTitle(self.tr("{title} — presentation").format(title=title))
        self.setAccessibleName(self.tr("Presentation view"))
        self.resize(1280, 720)
        self._prompts: tuple[str, ...] = ()
        self._timeline: QWidget | None = None
        self._chronology_stage = False
        self._walking = False

        self.where = QLabel(self)
        self.where.setObjectName("presentationWhere")
        self.where.setWordWrap(True)
        self.timer = QLabel(self)
        self.timer.setObjectName("presentationTimer")
        self.timer.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.timer_caption = QLabel(self)
        self.timer_caption.setObjectName("presentationTimerCaption")
        self.timer_caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("presentationBar")
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(False)
        self.bar.setFixedHeight(6)
        self.bar.setAccessibleName(self.tr("Time used on this stage"))
        self.prompt = QLabel(self)
        self.prompt.setObjectName("presentationPrompt")
        self.prompt.setWordWrap(True)
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.prompt_count = QLabel(self)
        self.prompt_count.setObjectName("presentationCount")
        self.events_model = ChronologyListModel(self)
        self.events = EventTable(self)
        self.events.setObjectName("presentationEvents")
        self.events.setModel(self.events_model)
        self.events.setAccessibleName(self.tr("The young person's chronology"))
        self.events.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.slide = EventSlide(self)
        self.slide.setAccessibleName(self.tr("The event the room is on"))
        self.blank = QWidget(self)
        self.blank.setObjectName("presentationBlank")
        self.blank.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.blank.setAccessibleName(self.tr("Blank screen (any key brings the picture back)"))
        self.blank.hide()

        timer_box = QVBoxLayout()
        timer_box.setSpacing(0)
        timer_box.addWidget(self.timer)
        timer_box.addWidget(self.timer_caption)
        top = QHBoxLayout()
        top.addWidget(self.where, 1, Qt.AlignmentFlag.AlignTop)
        top.addLayout(timer_box)
        self.timeline_area = QFrame(self)
        self.timeline_layout = QVBoxLayout(self.timeline_area)
        self.timeline_layout.setContentsMargins(0, 0, 0, 0)
        self.timeline_layout.addWidget(self.events)
        layout = QVBoxLayout(self)
        self._layout = layout
        layout.setContentsMargins(56, 36, 56, 36)
        layout.setSpacing(14)
        layout.addLayout(top)
        layout.addWidget(self.bar)
        layout.addWidget(self.prompt, 3)
        layout.addWidget(self.prompt_count)
        layout.addWidget(self.slide, 0)
        layout.addWidget(self.timeline_area, 4)

        keys = (
            (("Alt+Right", "Ctrl+PgDown"), self.next_stage_requested.emit),
            (("Alt+Left", "Ctrl+PgUp"), self.previous_stage_requested.emit),
            (("PgDown", "Right"), lambda: self._forward(self.next_stage_requested)),
            (("PgUp", "Left"), lambda: self._back(self.previous_stage_requested)),
            (("Alt+Down",), self.next_prompt_requested.emit),
            (("Alt+Up",), self.previous_prompt_requested.emit),
            (("Down", "Space"), lambda: self._forward(self.next_prompt_requested)),
            (("Up",), lambda: self._back(self.previous_prompt_requested)),
            (("B", "."), self.toggle_blank),
        )
        for sequences, slot in keys:
            for sequence in sequences:
                QShortcut(QKeySequence(sequence), self, slot)
        QShortcut(QKeySequence("F11"), self, self.toggle_full_screen)
        QShortcut(QKeySequence("Esc"), self, self.leave)
        self.slide.hide()
        self._show_timeline(False)
        self._scale_fonts()

    def _forward(self, otherwise: SignalInstance) -> None:
        if self.blank.isVisible():
            self.blank.hide()
        elif self._walking:
            self.next_event_requested.emit()
        else:
            otherwise.emit()

    def _back(self, otherwise: SignalInstance) -> None:
        if self.blank.isVisible():
            self.blank.hide()
        elif self._walking:
            self.previous_event_requested.emit()
        else:
            otherwise.emit()

    # ------------------------------------------------------------- the runner calls
    def show_stage(self, stage: Stage, number: int, count: int, chronology: bool) -> None:
        """Show a new stage; ``chronology`` shows the timeline beneath the question."""
        self.where.setText(
            self.tr("Stage {n} of {count} · {title}").format(
                n=number, count=count, title=stage.title
            )
        )
        self._prompts = stage.prompts
        self._chronology_stage = chronology
        self._show_timeline(chronology)
        self.show_prompt(0)

    def set_walking(self, on: bool) -> None:
        """Walk the chronology event by event (the slide and the timeline strip) or not."""
        self._walking = on
        self.prompt.setVisible(not on)
        self.prompt_count.setVisible(not on)
        self.slide.setVisible(on)
        self._layout.setStretchFactor(self.slide, 5 if on else 0)
        self._show_timeline(self._chronology_stage or on)
        self._scale_fonts()

    @property
    def walking(self) -> bool:
        """Whether the room is walking the chronology event by event."""
        return self._walking

    def show_walk_event(
        self,
        event: EventInfo | None,
        position: str,
        people: dict[int, str],
        pseudonym: str,
        birth: BirthMonth | None,
    ) -> None:
        """Put one event of the walk on the wall (None: nothing to walk)."""
        self.slide.show_event(event, position, people, pseudonym, birth)

    def toggle_blank(self) -> None:
        """Blank the screen for the room, or bring the picture back (B or .)."""
        if self.blank.isVisible():
            self.blank.hide()
        else:
            self.blank.setGeometry(self.rect())
            self.blank.raise_()
            self.blank.show()

    @property
    def blanked(self) -> bool:
        """Whether the screen is blank."""
        return self.blank.isVisible()

    def show_prompt(self, index: int) -> None:
        """Put one of the stage's questions on screen."""
        if not self._prompts:
            self.prompt.setText("")
            self.prompt_count.setText("")
            return
        index = max(0, min(len(self._prompts) - 1, index))
        self.prompt.setText(self._prompts[index])
        self.prompt.setAccessibleName(self._prompts[index])
        self.prompt_count.setText(
            self.tr("Question {n} of {count}").format(n=index + 1, count=len(self._prompts))
            if len(self._prompts) > 1
            else ""
        )

    def show_reading(self, reading: TimerReading) -> None:
        """Show the stage timer."""
        self.timer.setText(timer_text(reading))
        self.timer_caption.setText(timer_caption(reading))
        for widget in (self.timer, self.bar):
            widget.setProperty("over", reading.is_over)
            widget.style().unpolish(widget)
            widget.style().polish(widget)
        self.bar.setValue(int(reading.fraction_used * 1000))

    def set_events(self, events: list[EventInfo], marked: list[int]) -> None:
        """The case's chronology for the chronology stage (when no timeline widget is set)."""
        self.events_model.set_events(events)
        self.events_model.set_marked(marked)

    def set_marked(self, marked: list[int]) -> None:
        """Show which events the room has marked, scrolled to the latest one."""
        self.events_model.set_marked(marked)
        if marked:
            row = self.events_model.row_of(marked[-1])
            if row >= 0:
                self.events.scrollTo(
                    self.events_model.index(row), QAbstractItemView.ScrollHint.PositionAtCenter
                )

    def set_timeline_widget(self, widget: QWidget) -> None:
        """Use the visual timeline (``deepdive.ui.timeline``) on the chronology stage.

        Until a timeline widget is given, the chronology stage shows the events as a list.
        """
        if self._timeline is not None:
            self.timeline_layout.removeWidget(self._timeline)
            self._timeline.deleteLater()
        self._timeline = widget
        widget.setParent(self.timeline_area)
        self.timeline_layout.addWidget(widget)
        self._show_timeline(self._chronology_stage)

    @property
    def timeline_widget(self) -> QWidget | None:
        """The timeline widget given with :meth:`set_timeline_widget`, if any."""
        return self._timeline

    # ----------------------------------------------------------------- the window
    def toggle_full_screen(self) -> None:
        """Fill the screen, or go back to a window."""
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def leave_full_screen(self) -> None:
        """Back to a window."""
        if self.isFullScreen():
            self.showNormal()

    def leave(self) -> None:
        """Leave the presentation (Escape): a blank screen comes back first."""
        if self.blank.isVisible():
            self.blank.hide()
        else:
            self.close()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        self._scale_fonts()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.activated.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed.emit()
        super().closeEvent(event)

    def _show_timeline(self, on: bool) -> None:
        # With the timeline on screen the question gives it most of the room.
        self._layout.setStretchFactor(self.prompt, 1 if on else 3)
        self._layout.setStretchFactor(self.timeline_area, 2 if self._walking else 4)
        self.timeline_area.setVisible(on)
        self.events.setVisible(on and self._timeline is None)
        self._scale_fonts()

    def _scale_fonts(self) -> None:
        # Type scales with the window so the back row can read it on any projector.
        unit = max(8.0, min(self.height() / 720, self.width() / 1280) * 10)
        prompt_size = unit * (2.2 if self._chronology_stage else 4.0)
        for label, size, bold in (
            (self.where, unit * 1.9, False),
            (self.timer, unit * 3.4, True),
            (self.timer_caption, unit * 1.4, False),
            (self.prompt, prompt_size, True),
            (self.prompt_count, unit * 1.4, False),
        ):
            font = QFont(label.font())
            font.setPointSizeF(size)
            font.setBold(bold)
            label.setFont(font)
        self.slide.set_unit(unit * 2.0)
        if self._walking:
            # The strip beneath the event leaves the event most of the wall.
            self.timeline_area.setMaximumHeight(max(140, round(self.height() * 0.26)))
        else:
            self.timeline_area.setMaximumHeight(16777215)
        events_font = QFont(self.events.font())
        events_font.setPointSizeF(unit * 1.5)
        self.events.setFont(events_font)
        self.events.set_row_height_for_font()
