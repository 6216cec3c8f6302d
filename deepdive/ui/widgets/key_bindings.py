"""The keys that work inside a panel rather than from a menu, in one catalogue.

Menu commands carry their own shortcuts; these keys do not appear in any menu
(Ctrl+Enter in the event editor, Delete in the chronology table, …). Each is declared
here once and bound from here (:meth:`KeyBinding.bind`), so the keyboard shortcuts
sheet (:mod:`deepdive.ui.shell.help_dialogs`) and the tooltips (:meth:`KeyBinding.tip`)
list exactly the keys that work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("Keys", text)


@dataclass(frozen=True)
class KeyBinding:
    """Keys (portable text such as "Ctrl+Return") that do one command in one place."""

    place: str
    command: str
    keys: tuple[str, ...]

    def sequences(self) -> list[QKeySequence]:
        """The keys as Qt key sequences."""
        return [QKeySequence(keys) for keys in self.keys]

    def shown(self) -> str:
        """The keys as this computer writes them ("Ctrl+Return, Ctrl+Enter")."""
        native = QKeySequence.SequenceFormat.NativeText
        return ", ".join(sequence.toString(native) for sequence in self.sequences())

    def tip(self, text: str) -> str:
        """``text`` with the keys after it, for a tooltip: "Add an event (Ins, Ctrl+E)"."""
        return f"{text} ({self.shown()})"

    def matches(self, event: QKeyEvent) -> bool:
        """Whether a key press is one of these keys."""
        pressed = QKeySequence(event.keyCombination())
        keypad = QKeySequence(
            QKeyCombination(
                event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier, Qt.Key(event.key())
            )
        )
        return any(pressed == s or keypad == s for s in self.sequences())

    def bind(
        self,
        owner: QWidget,
        slot: Callable[[], object],
        context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut,
    ) -> list[QShortcut]:
        """Make the keys call ``slot`` while ``owner`` (or, by default, a field inside
        it) has the focus."""
        made = []
        for sequence in self.sequences():
            shortcut = QShortcut(sequence, owner)
            shortcut.setContext(context)
            shortcut.setWhatsThis(self.command)
            shortcut.activated.connect(slot)
            made.append(shortcut)
        return made

    def bind_action(self, owner: QWidget, slot: Callable[[], object]) -> QAction:
        """An action on ``owner`` (for its whole window) that the keys trigger."""
        action = QAction(self.command, owner)
        action.setShortcuts(self.sequences())
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda _checked=False: slot())
        owner.addAction(action)
        return action


CATALOGUE: list[KeyBinding] = []


def _key(place: str, command: str, *keys: str) -> KeyBinding:
    binding = KeyBinding(place, command, keys)
    CATALOGUE.append(binding)
    return binding


# Places, as the sheet names them.
_CHRONOLOGY = _tr("Chronology")
_TABLE = _tr("Chronology table")
_EDITOR = _tr("Event editor")
_SESSION = _tr("Running a session")
_TEXT = _tr("Any text field")

NEW_EVENT = _key(_CHRONOLOGY, _tr("Add an event"), "Insert")
FIND_EVENTS = _key(_CHRONOLOGY, _tr("Find events"), "Ctrl+F")
OPEN_EVENT = _key(_TABLE, _tr("Open the selected event in the editor"), "Return", "Enter")
EDIT_EVENT = _key(_CHRONOLOGY, _tr("Edit the selected event (not the case)"), "F2")
DELETE_EVENTS = _key(_TABLE, _tr("Delete the selected events (Ctrl+Z brings them back)"), "Delete")
SAVE_AND_NEXT = _key(_EDITOR, _tr("Save the event and start the next"), "Ctrl+Return", "Ctrl+Enter")
LEAVE_EDITOR = _key(_EDITOR, _tr("Back to the table (a new event left empty is dropped)"), "Escape")
NEXT_FIELD = _key(_EDITOR, _tr("Next field, previous field"), "Tab", "Shift+Tab")
NEXT_STAGE = _key(_SESSION, _tr("Next stage"), "Alt+Right", "Ctrl+PgDown")
PREVIOUS_STAGE = _key(_SESSION, _tr("Previous stage"), "Alt+Left", "Ctrl+PgUp")
NEXT_QUESTION = _key(_SESSION, _tr("Next question"), "Alt+Down")
PREVIOUS_QUESTION = _key(_SESSION, _tr("Previous question"), "Alt+Up")
TIMER = _key(_SESSION, _tr("Start or pause the timer"), "F5")
MORE_TIME = _key(_SESSION, _tr("Five more minutes"), "F6")
PRESENTATION = _key(_SESSION, _tr("Show on projector"), "Ctrl+Shift+P")
# In the runner and the walk, windows of their own, as Edit ▸ Undo does in the main window.
WINDOW_UNDO = _key(_SESSION, _tr("Undo the last change (the Undo button names it)"), "Ctrl+Z")
WINDOW_REDO = _key(_SESSION, _tr("Redo what was undone"), "Ctrl+Shift+Z", "Ctrl+Y")
_WALK = _tr("Walking the chronology")
WALK_NEXT = _key(_WALK, _tr("Next event"), "Down", "Right", "Space", "PgDown")
WALK_PREVIOUS = _key(_WALK, _tr("Previous event"), "Up", "Left", "PgUp")
WALK_KEY_EPISODE = _key(_WALK, _tr("Mark or unmark a key practice episode"), "K")
WALK_BLANK = _key(_WALK, _tr("Blank the projector, or bring it back"), "B", ".")
WALK_JUMP = _key(_WALK, _tr("Jump to a date"), "Ctrl+J")
_AGENCIES = _tr("Manage agencies")
ADD_AGENCY = _key(_AGENCIES, _tr("Add an agency"), "Insert")
RENAME_AGENCY = _key(_AGENCIES, _tr("Rename the selected agency"), "F2")
DELETE_AGENCY = _key(_AGENCIES, _tr("Delete the selected agency if nothing names it"), "Delete")
SPELLING_MENU = _key(_TEXT, _tr("Spelling suggestions and privacy fixes for the word"), "Menu")
