"""Learning themes on one chronology event or one session response: chips and a box.

Type a theme and press Enter: an existing theme is offered as you type (any part of
its name, ignoring case) and a new name becomes a new theme. Each theme shows as a
chip with a ✕ that takes it off. On events, adding and removing are steps on the
workspace's undo stack like every other event edit. The chips follow changes made
elsewhere (an undo, a rename or merge in the Learning view).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, Entity
from deepdive.ui.learning.flow_layout import FlowLayout
from deepdive.ui.widgets.change_relay import ChangeRelay

if TYPE_CHECKING:  # the service module (and SQLAlchemy) load with the workspace
    from deepdive.services.themes import ThemeInfo
    from deepdive.ui.learning.theme_undo import ResponseSpot

CHIP_TEXT_MAX = 160  # pixels of a theme's name on its chip, beside the chronology table
CHIP_STYLE = """
QFrame#themeChip { border: 1px solid palette(mid); border-radius: 10px;
                   background: palette(alternate-base); }
QFrame#themeChip QToolButton { border: none; padding: 0 2px; }
"""


class ThemeTarget(Protocol):
    """What the themes are on: one event, or one stage's response in a session."""

    def current(self) -> list[ThemeInfo]:
        """The themes on it now, by name."""

    def apply(self, name: str) -> None:
        """Add the theme called ``name`` (created if new); raises DeepDiveError."""

    def remove(self, theme: ThemeInfo) -> None:
        """Take ``theme`` off; raises DeepDiveError."""

    def concerns(self, change: Change) -> bool:
        """Whether ``change`` may have changed its themes."""


class EventThemes:
    """The themes of one chronology event; changes go on the undo stack when given one."""

    def __init__(
        self, services: Services, event_id: int, undo_stack: QUndoStack | None = None
    ) -> None:
        self._services = services
        self.event_id = event_id
        self._undo_stack = undo_stack

    def current(self) -> list[ThemeInfo]:
        return self._services.themes.event_themes(self.event_id)

    def apply(self, name: str) -> None:
        from deepdive.ui.learning.theme_undo import ApplyThemeCommand, EventSpot

        themes = self._services.themes
        command = ApplyThemeCommand(themes, EventSpot(themes, self.event_id), name)
        if command.apply() and self._undo_stack is not None:
            self._undo_stack.push(command)

    def remove(self, theme: ThemeInfo) -> None:
        from deepdive.ui.learning.theme_undo import EventSpot, RemoveThemeCommand

        themes = self._services.themes
        command = RemoveThemeCommand(themes, EventSpot(themes, self.event_id), theme)
        command.apply()
        if self._undo_stack is not None:
            self._undo_stack.push(command)

    def concerns(self, change: Change) -> bool:
        return change.entity is Entity.THEME or (
            change.entity is Entity.EVENT and self.event_id in change.ids
        )


class ResponseThemes:
    """The themes of one stage's response in a session (undoable when given a stack)."""

    def __init__(
        self,
        services: Services,
        session_id: int,
        stage_id: str,
        undo_stack: QUndoStack | None = None,
    ) -> None:
        self._services = services
        self.session_id = session_id
        self.stage_id = stage_id
        self._undo_stack = undo_stack

    def current(self) -> list[ThemeInfo]:
        return self._services.themes.response_themes(self.session_id, self.stage_id)

    def apply(self, name: str) -> None:
        from deepdive.ui.learning.theme_undo import ApplyThemeCommand

        command = ApplyThemeCommand(self._services.themes, self._spot(), name)
        if command.apply() and self._undo_stack is not None:
            self._undo_stack.push(command)

    def remove(self, theme: ThemeInfo) -> None:
        from deepdive.ui.learning.theme_undo import RemoveThemeCommand

        command = RemoveThemeCommand(self._services.themes, self._spot(), theme)
        command.apply()
        if self._undo_stack is not None:
            self._undo_stack.push(command)

    def _spot(self) -> ResponseSpot:
        from deepdive.ui.learning.theme_undo import ResponseSpot

        return ResponseSpot(self._services.themes, self.session_id, self.stage_id)

    def concerns(self, change: Change) -> bool:
        return change.entity is Entity.THEME or (
            change.entity is Entity.SESSION and self.session_id in change.ids
        )


class ThemeTagsEditor(QWidget):
    """Chips for the themes on one item, and a box to add one; see the module docstring."""

    themes_changed = Signal()  # a theme was added or taken off here

    def __init__(
        self, parent: QWidget | None = None, *, chip_text_max: int = CHIP_TEXT_MAX
    ) -> None:
        super().__init__(parent)
        self.chip_text_max = chip_text_max
        self._services: Services | None = None
        self._undo_stack: QUndoStack | None = None
        self._target: ThemeTarget | None = None
        self._shown: list[ThemeInfo] = []
        self._names_stale = True
        self._relay: ChangeRelay | None = None
        self.setStyleSheet(CHIP_STYLE)
        self.chip_area = QWidget(self)
        self.chip_area.setAccessibleName(self.tr("Learning themes on this item"))
        self._flow = FlowLayout(self.chip_area)
        self.none_label = QLabel(self.tr("No learning themes yet."), self)
        self.none_label.setObjectName("quietHint")
        self.line = QLineEdit(self)
        self.line.setAccessibleName(self.tr("Add a learning theme"))
        self.line.setPlaceholderText(self.tr("Type a theme and press Enter (new or existing)"))
        self.line.setClearButtonEnabled(True)
        self.add_button = QPushButton(self.tr("Add"), self)
        self.add_button.setAccessibleName(self.tr("Add this learning theme"))
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        self._names = QStringListModel(self)
        self.completer = QCompleter(self._names, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.line.setCompleter(self.completer)
        self.setFocusProxy(self.line)  # a form label's mnemonic lands in the box

        entry = QHBoxLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.line, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.chip_area)
        layout.addWidget(self.none_label)
        layout.addLayout(entry)
        layout.addWidget(self.message)

        self.line.returnPressed.connect(self._on_entered)
        self.add_button.clicked.connect(self._on_entered)
        self.line.textEdited.connect(self._on_typing)
        self.set_target(None)

    # ------------------------------------------------------------------ binding
    def bind(self, services: Services, undo_stack: QUndoStack | None = None) -> None:
        """The workspace whose themes are edited, and the undo stack for their changes."""
        if self._relay is not None:
            self._relay.detach()
        self._services, self._undo_stack = services, undo_stack
        relay = self._relay = ChangeRelay(services.changes, self)
        relay.changed.connect(self._on_changed)
        self.destroyed.connect(lambda *_args: relay.detach())
        self._names_stale = True

    @property
    def bound(self) -> bool:
        """Whether a workspace is bound (without one the field stays hidden)."""
        return self._services is not None

    def show_event(self, event_id: int | None) -> None:
        """Edit the themes of one event (None: an unsaved or no event)."""
        if self._services is None or event_id is None:
            self.set_target(None)
        else:
            self.set_target(EventThemes(self._services, event_id, self._undo_stack))

    def show_response(self, session_id: int, stage_id: str) -> None:
        """Edit the themes of one stage's response in a session."""
        if self._services is not None:
            target = ResponseThemes(self._services, session_id, stage_id, self._undo_stack)
            self.set_target(target)

    def set_target(self, target: ThemeTarget | None) -> None:
        """Show and edit the themes of ``target`` (None: nothing to tag yet)."""
        self._target = target
        self._show_message("")
        self.line.setEnabled(target is not None)
        self.add_button.setEnabled(target is not None)
        if target is None:
            self.line.clear()
            self.line.setPlaceholderText(self.tr("Themes can be added once the event is saved"))
        else:
            self.line.setPlaceholderText(self.tr("Type a theme and press Enter (new or existing)"))
        self.reload(force=True)

    # ------------------------------------------------------------------ reading
    def theme_names(self) -> list[str]:
        """The names on the chips, in order."""
        return [t.name for t in self._shown]

    def chips(self) -> list[QFrame]:
        """The chip widgets, in order."""
        return [c for c in self.chip_area.findChildren(QFrame, "themeChip") if c.isVisibleTo(self)]

    def reload(self, *, force: bool = False) -> None:
        """Read the target's themes again and show them (chips rebuilt only if changed)."""
        themes: list[ThemeInfo] = []
        if self._target is not None:
            try:
                themes = self._target.current()
            except DeepDiveError:
                themes = []  # the item went away; its panel will move on
        if force or [(t.id, t.name) for t in themes] != [(t.id, t.name) for t in self._shown]:
            self._shown = themes
            self._build_chips()

    def _build_chips(self) -> None:
        while (item := self._flow.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        for theme in self._shown:
            chip = self._chip(theme)
            self._flow.addWidget(chip)
            chip.show()  # at once, not when the layout gets round to it
        self.chip_area.setVisible(bool(self._shown))
        self.none_label.setVisible(not self._shown and self._target is not None)
        self.chip_area.updateGeometry()

    def _chip(self, theme: ThemeInfo) -> QFrame:
        chip = QFrame(self.chip_area)
        chip.setObjectName("themeChip")
        # A long name is shortened so the chip fits the narrow pane; the tip gives it whole.
        label = QLabel(chip)
        label.setText(
            label.fontMetrics().elidedText(
                theme.name, Qt.TextElideMode.ElideRight, self.chip_text_max
            )
        )
        label.setToolTip(theme.name)
        remove = QToolButton(chip)
        remove.setText("✕")
        remove.setAccessibleName(self.tr("Remove theme “{name}”").format(name=theme.name))
        remove.setToolTip(self.tr("Take this theme off"))
        remove.setCursor(Qt.CursorShape.PointingHandCursor)
        remove.clicked.connect(lambda _checked=False, t=theme: self.remove_theme(t.id))
        layout = QHBoxLayout(chip)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        layout.addWidget(label)
        layout.addWidget(remove)
        return chip

    # ----------------------------------------------------------------- changing
    def add_theme(self, name: str) -> bool:
        """Add the theme called ``name`` (created if new); False with a message if refused."""
        if self._target is None or not name.strip():
            return False
        try:
            self._target.apply(name)
        except DeepDiveError as exc:
            self._show_message(str(exc))
            return False
        self._show_message("")
        self.line.clear()
        self.reload()
        self.themes_changed.emit()
        return True

    def remove_theme(self, theme_id: int) -> bool:
        """Take the theme off; False with a message if refused."""
        theme = next((t for t in self._shown if t.id == theme_id), None)
        if self._target is None or theme is None:
            return False
        try:
            self._target.remove(theme)
        except DeepDiveError as exc:
            self._show_message(str(exc))
            return False
        self._show_message("")
        self.reload()
        self.themes_changed.emit()
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)  # the chip's button is gone
        return True

    def _on_entered(self) -> None:
        popup = self.completer.popup()
        if popup is not None and popup.isVisible():
            popup.hide()
        self.add_theme(self.line.text())

    def _on_typing(self, _text: str) -> None:
        self._show_message("")
        if self._names_stale and self._services is not None:
            try:
                self._names.setStringList(self._services.themes.names())
                self._names_stale = False
            except DeepDiveError:
                pass

    def _on_changed(self, change: Change) -> None:
        if change.entity is Entity.THEME:
            self._names_stale = True
        if self._target is not None and self._target.concerns(change):
            self.reload()

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def bind_to_owner(tags: ThemeTagsEditor, owner: object) -> None:
    """Bind ``tags`` to the services and undo stack of the panel that owns it, if it has them.

    The chronology's event editor is made by its panel, which holds both; this keeps
    the editor's own constructor unchanged.
    """
    services = getattr(owner, "services", None)
    if isinstance(services, Services):
        stack = getattr(owner, "undo_stack", None)
        tags.bind(services, stack if isinstance(stack, QUndoStack) else None)
