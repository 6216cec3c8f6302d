"""The facilitator's side of walking the chronology, one event at a time.

The list of events (in date order, from the earliest) is on the left; the event the
room is on, what comes next, and the room's reflections on this event are on the
right, with its key practice episode flag and learning themes. The projector shows
the same event in large type.

Keys (while the walk has the focus): Down, Right, Page Down or Space go on; Up, Left
or Page Up go back (Page Up and Page Down, which presentation clickers send, work
even while typing a reflection); Home and End go to the first and last event; K marks
or unmarks the event as a key practice episode (Ctrl+Z in its window undoes it); B blanks the
projector; Ctrl+J jumps to a date.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from deepdive.domain.ages import BirthMonth
from deepdive.domain.dates import DateError
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.errors import DeepDiveError
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.learning.theme_tags_editor import ThemeTagsEditor
from deepdive.ui.sessions.event_slide import EventSlide
from deepdive.ui.sessions.event_table import EventTable, event_line
from deepdive.ui.sessions.walk_marking import toggle_key_episode
from deepdive.ui.sessions.walk_model import WalkModel
from deepdive.ui.widgets import key_bindings as keys

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.events import EventInfo


class WalkPanel(QWidget):
    """Walks the chronology event by event; see the module docstring for the keys."""

    current_changed = Signal()  # another event is on screen (or the walk changed)
    reflection_edited = Signal(int, str)  # event id, the room's reflection as typed
    key_episode_changed = Signal(int, bool)  # event id, marked now (within the undo step)
    about_to_mark = Signal()  # what was typed before marking is saved first, as its own step
    blank_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("walkPanel")
        self._services: Services | None = None
        self._undo_stack: QUndoStack | None = None
        self._people: dict[int, str] = {}
        self._pseudonym = ""
        self._birth: BirthMonth | None = None
        self._reflections: dict[int, str] = {}
        self._loading = False
        self._shown_id: int | None = -1  # the event whose reflection is in the field
        self.model = WalkModel(self)

        self.previous_button = QPushButton(self.tr("◀ Previous"), self)
        self.previous_button.setAccessibleName(self.tr("Previous event"))
        self.previous_button.setToolTip(self.tr("Previous event (Up, Left, Page Up)"))
        self.next_button = QPushButton(self.tr("Next ▶"), self)
        self.next_button.setAccessibleName(self.tr("Next event"))
        self.next_button.setToolTip(self.tr("Next event (Down, Right, Page Down, Space)"))
        self.position = QLabel(self)
        self.position.setObjectName("walkPosition")
        self.key_only = QCheckBox(self.tr("Key episodes only"), self)
        self.key_only.setAccessibleName(self.tr("Walk only the key practice episodes"))
        self.from_date = self._date_box(self.tr("From"), self.tr("Walk from this date"))
        self.to_date = self._date_box(self.tr("To"), self.tr("Walk up to this date"))
        self.jump = self._date_box(self.tr("Jump to a date"), self.tr("Jump to a date"))
        self.jump.setMaximumWidth(170)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()

        self.view = EventTable(self)
        self.view.setObjectName("walkList")
        self.view.setModel(self.model)
        self.view.setAccessibleName(self.tr("The chronology, walked from the earliest entry"))
        self.view.setAlternatingRowColors(True)
        self.slide = EventSlide(self, fit=False)
        self.slide.setObjectName("walkSlide")
        self.coming = QLabel(self)
        self.coming.setObjectName("quietHint")
        self.coming.setWordWrap(True)
        self.key_box = QCheckBox(self.tr("Key practice episode (K)"), self)
        self.key_box.setAccessibleName(self.tr("Key practice episode"))
        self.reflection = MarkdownEditor(self.tr("The room's reflections on this event"), self)
        self.reflection.editor.setPlaceholderText(
            self.tr("What the room says about this event: what was happening, who knew what")
        )
        self.themes = ThemeTagsEditor(self, chip_text_max=300)
        themes_caption = QLabel(self.tr("Learning themes on this event"), self)
        themes_caption.setObjectName("paneCaption")
        themes_caption.setBuddy(self.themes.line)
        reflection_caption = self.reflection_caption = QLabel(
            self.tr("The room's reflections on this event"), self
        )
        reflection_caption.setObjectName("paneCaption")
        reflection_caption.setBuddy(self.reflection.editor)

        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.position)
        nav.addWidget(self.next_button)
        nav.addSpacing(12)
        nav.addWidget(self.jump)
        nav.addSpacing(12)
        nav.addWidget(self.key_only)
        nav.addWidget(self.from_date)
        nav.addWidget(self.to_date)
        nav.addStretch(1)

        slide_scroll = QScrollArea(self)
        slide_scroll.setWidgetResizable(True)
        slide_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        slide_holder = QWidget(slide_scroll)
        holder_layout = QVBoxLayout(slide_holder)
        holder_layout.setContentsMargins(4, 0, 4, 0)
        holder_layout.addWidget(self.slide)
        holder_layout.addWidget(self.coming)
        holder_layout.addStretch(1)
        self.slide.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        slide_scroll.setWidget(slide_holder)
        notes = QWidget(self)
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(0, 0, 0, 0)
        key_row = QHBoxLayout()
        key_row.addWidget(reflection_caption, 1)
        key_row.addWidget(self.key_box)
        notes_layout.addLayout(key_row)
        notes_layout.addWidget(self.reflection, 1)
        themes_row = QHBoxLayout()
        themes_row.addWidget(themes_caption, 0, Qt.AlignmentFlag.AlignTop)
        themes_row.addWidget(self.themes, 1)
        notes_layout.addLayout(themes_row)
        self._notes_layout = notes_layout
        right = self._right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(slide_scroll)
        right.addWidget(notes)
        right.setChildrenCollapsible(False)
        right.setSizes([200, 200])
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(self.view)
        body.addWidget(right)
        body.setChildrenCollapsible(False)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([300, 460])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(nav)
        layout.addWidget(self.message)
        layout.addWidget(body, 1)

        self.model.current_changed.connect(self._on_current_changed)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self.model.set_current_row(current.row())
        )
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.key_only.toggled.connect(lambda _on: self._apply_filter())
        self.from_date.returnPressed.connect(self._apply_filter)
        self.to_date.returnPressed.connect(self._apply_filter)
        self.jump.returnPressed.connect(self._on_jump)
        self.key_box.clicked.connect(lambda _checked: self.toggle_key_episode())
        self.reflection.text_edited.connect(self._on_reflection_edited)
        self._bind_keys()
        self._on_current_changed(-1)

    def _date_box(self, placeholder: str, name: str) -> QLineEdit:
        box = QLineEdit(self)
        box.setPlaceholderText(placeholder)
        box.setAccessibleName(name)
        box.setClearButtonEnabled(True)
        box.setMaximumWidth(120)
        return box

    def _bind_keys(self) -> None:
        def bind(keys: tuple[str, ...], slot: object, owner: QWidget) -> None:
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), owner)
                context = (
                    Qt.ShortcutContext.WidgetShortcut
                    if owner is self.view
                    else Qt.ShortcutContext.WidgetWithChildrenShortcut
                )
                shortcut.setContext(context)
                shortcut.activated.connect(slot)

        # Clickers send Page Up/Down: they work anywhere in the walk, even mid-sentence.
        bind(("PgDown",), lambda: self.step(1), self)
        bind(("PgUp",), lambda: self.step(-1), self)
        bind(("Right", "Space"), lambda: self.step(1), self.view)
        bind(("Left",), lambda: self.step(-1), self.view)
        # The keys the shortcuts sheet lists (Down and Up move the list itself).
        only_list = Qt.ShortcutContext.WidgetShortcut
        keys.WALK_KEY_EPISODE.bind(self.view, self.toggle_key_episode, only_list)
        keys.WALK_BLANK.bind(self.view, self.blank_requested.emit, only_list)
        keys.WALK_JUMP.bind(self, self.jump.setFocus)
        # Ctrl+Z is the window's (runner or walk): one undo for everything done there.

    # ----------------------------------------------------------------- binding
    def bind(
        self,
        services: Services,
        undo_stack: QUndoStack,
        *,
        people: dict[int, str],
        pseudonym: str,
        birth: BirthMonth | None,
    ) -> None:
        """The workspace (for marking key episodes and themes) and how to name people."""
        self._services = services
        self._undo_stack = undo_stack
        self._people = dict(people)
        self._pseudonym = pseudonym
        self._birth = birth
        self.themes.bind(services, undo_stack)
        self._shown_id = -1  # show the event's themes now that there is a workspace
        self._on_current_changed(self.model.current_row)

    @property
    def people(self) -> dict[int, str]:
        """The case's cast by id (pseudonyms)."""
        return self._people

    @property
    def pseudonym(self) -> str:
        """The young person's pseudonym."""
        return self._pseudonym

    @property
    def birth(self) -> BirthMonth | None:
        """The young person's approximate birth month."""
        return self._birth

    def show_reflections(self, shown: bool) -> None:
        """Offer the reflections field (only a session has somewhere to keep them)."""
        self.reflection.setVisible(shown)
        self.reflection_caption.setText(
            self.tr("The room's reflections on this event") if shown else ""
        )
        if not shown:  # the event itself takes the room the field would have had
            self._notes_layout.addStretch(1)
            self._right.setSizes([600, 120])

    def set_events(self, events: list[EventInfo]) -> None:
        """The case's chronology (walked in date order)."""
        self.model.set_events(events)

    def set_reflections(self, reflections: dict[int, str]) -> None:
        """The room's reflections, by event (without reporting an edit)."""
        self._reflections = dict(reflections)
        self.model.set_noted({i for i, text in reflections.items() if text.strip()})
        self._show_reflection(self.model.current_event())

    def reflections(self) -> dict[int, str]:
        """The room's reflections by event id (only events with some text)."""
        return {i: text for i, text in self._reflections.items() if text.strip()}

    # ------------------------------------------------------------------ moving
    def step(self, by: int) -> None:
        """Go on (positive) or back (negative) through the walk."""
        self.model.step(by)

    def position_text(self) -> str:
        """Where the walk is: "Event 3 of 41"."""
        row, count = self.model.current_row, self.model.rowCount()
        if row < 0:
            return self.tr("No events")
        return self.tr("Event {n} of {count}").format(n=row + 1, count=count)

    def focus_walk(self) -> None:
        """Give the keyboard to the walk (its list of events)."""
        self.view.setFocus()

    def _on_current_changed(self, row: int) -> None:
        event = self.model.current_event()
        self.position.setText(self.position_text())
        self.previous_button.setEnabled(row > 0)
        self.next_button.setEnabled(0 <= row < self.model.rowCount() - 1)
        self.slide.show_event(event, "", self._people, self._pseudonym, self._birth)
        coming = self.model.next_event()
        self.coming.setText(
            self.tr("Next: {line}").format(line=event_line(coming))
            if coming is not None
            else (self.tr("This is the last event of the walk.") if event else "")
        )
        self.key_box.setEnabled(event is not None and self._services is not None)
        self.key_box.setChecked(bool(event and event.key_episode))
        shown = event.id if event is not None else None
        if shown != self._shown_id:
            # The same event read again (after an edit anywhere) keeps the field as it
            # is, with its cursor, so typing there is never interrupted.
            self._shown_id = shown
            self.themes.show_event(shown)
            self._show_reflection(event)
        self._select_current()
        self.current_changed.emit()

    def _select_current(self) -> None:
        row = self.model.current_row
        if row < 0 or self.view.currentIndex().row() == row:
            return
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.scrollTo(index)

    def _show_reflection(self, event: EventInfo | None) -> None:
        self._loading = True
        self.reflection.set_markdown(self._reflections.get(event.id, "") if event else "")
        self.reflection.setEnabled(event is not None)
        self._loading = False

    def _on_reflection_edited(self, text: str) -> None:
        event = self.model.current_event()
        if self._loading or event is None:
            return
        self._reflections[event.id] = text
        self.model.set_noted({i for i, t in self._reflections.items() if t.strip()})
        self.reflection_edited.emit(event.id, text)

    # ----------------------------------------------------------- filter, jump
    def _parse(self, box: QLineEdit, last: bool) -> date | None:
        text = box.text().strip()
        if not text:
            return None
        when = parse_uk_date(text)
        return when.latest() if last else when.earliest()

    def _apply_filter(self) -> None:
        try:
            first = self._parse(self.from_date, last=False)
            last = self._parse(self.to_date, last=True)
        except DateError as exc:
            self._say(str(exc))
            return
        self._say("")
        self.model.set_filter(self.key_only.isChecked(), first, last)

    def _on_jump(self) -> None:
        try:
            day = self._parse(self.jump, last=False)
        except DateError as exc:
            self._say(str(exc))
            return
        if day is None:
            return
        if self.model.go_to_date(day):
            self._say("")
            self.focus_walk()
        else:
            self._say(self.tr("No event in the walk comes on or after that date."))

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    # ---------------------------------------------------------------- marking
    def toggle_key_episode(self) -> None:
        """Mark the event on screen as a key practice episode, or unmark it (undoable)."""
        event = self.model.current_event()
        if event is None or self._services is None or self._undo_stack is None:
            self.key_box.setChecked(bool(event and event.key_episode))
            return
        self.about_to_mark.emit()

        def then(marked: bool) -> None:
            self.key_episode_changed.emit(event.id, marked)

        try:
            toggle_key_episode(self._services, self._undo_stack, event, self._say, then)
        except DeepDiveError as exc:
            self._say(str(exc))
            self.key_box.setChecked(event.key_episode)
