"""One editor per response kind: Markdown text, a list, a 0–10 scale, a three-column map.

Each reports its whole value as the stored JSON shape (docs/template-format.md) on
every change, so the runner can autosave it. The events picker and the actions
table live in their own modules.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deepdive.templates import SCALE_MAX, SCALE_MIN, Stage
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.sessions.item_list import ItemListEditor


class ResponseEditor(QWidget):
    """What every response editor offers the runner."""

    edited = Signal(dict)

    def set_value(self, value: dict[str, Any]) -> None:
        """Show a stored response without reporting it as an edit."""
        raise NotImplementedError

    def value(self) -> dict[str, Any]:
        """The response as stored."""
        raise NotImplementedError

    def focus_editor(self) -> None:
        """Put the keyboard in the main field."""
        self.setFocus()


class TextResponse(ResponseEditor):
    """Free text in Markdown, with a preview beside it."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = MarkdownEditor(self.tr("Notes for {stage}").format(stage=stage.title), self)
        if stage.response.placeholder:
            self.editor.editor.setPlaceholderText(stage.response.placeholder)
        self.editor.text_edited.connect(lambda _text: self.edited.emit(self.value()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.editor)

    def set_value(self, value: dict[str, Any]) -> None:
        self.editor.set_markdown(str(value.get("text", "")))

    def value(self) -> dict[str, Any]:
        return {"text": self.editor.markdown()}

    def focus_editor(self) -> None:
        self.editor.editor.setFocus()


class ListResponse(ResponseEditor):
    """A list of short items, such as learning points."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = (stage.response.item_label or self.tr("an item")).lower()
        self.items = ItemListEditor(stage.title, label, parent=self)
        self.items.items_changed.connect(lambda _items: self.edited.emit(self.value()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.items)

    def set_value(self, value: dict[str, Any]) -> None:
        self.items.set_items([str(i) for i in value.get("items", [])])

    def value(self) -> dict[str, Any]:
        return {"items": self.items.items()}

    def focus_editor(self) -> None:
        self.items.entry.setFocus()


class MapResponse(ResponseEditor):
    """Three columns of items, such as Signs of Safety's worries, strengths and next steps."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.columns: list[ItemListEditor] = []
        for heading in stage.response.columns:
            column = ItemListEditor(heading, self.tr("a point"), heading=heading, parent=self)
            column.items_changed.connect(lambda _items: self.edited.emit(self.value()))
            layout.addWidget(column, 1)
            self.columns.append(column)

    def set_value(self, value: dict[str, Any]) -> None:
        stored = list(value.get("columns", []))
        for number, column in enumerate(self.columns):
            items = stored[number] if number < len(stored) else []
            column.set_items([str(i) for i in items])

    def value(self) -> dict[str, Any]:
        return {"columns": [column.items() for column in self.columns]}

    def focus_editor(self) -> None:
        self.columns[0].entry.setFocus()


class ScaleResponse(ResponseEditor):
    """A 0–10 rating the room agrees on, with a note of why."""

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        spec = stage.response
        question = QLabel(spec.label or stage.title, self)
        question.setObjectName("scaleQuestion")
        question.setWordWrap(True)
        self.bar = ScaleBar(spec.label or stage.title, self)
        self.bar.value_chosen.connect(lambda _value: self.edited.emit(self.value()))
        ends = QHBoxLayout()
        low = QLabel(f"0 — {spec.low or ''}", self)
        high = QLabel(f"{spec.high or ''} — 10", self)
        for end in (low, high):
            end.setObjectName("quietHint")
            end.setWordWrap(True)
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        ends.addWidget(low, 1)
        ends.addWidget(high, 1)
        self.note = MarkdownEditor(self.tr("Why this number"), self)
        self.note.editor.setPlaceholderText(
            self.tr("Why the room chose this number, and any views that differed")
        )
        self.note.text_edited.connect(lambda _text: self.edited.emit(self.value()))
        question.setBuddy(self.bar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(question)
        layout.addWidget(self.bar)
        layout.addLayout(ends)
        layout.addWidget(self.note, 1)

    def set_value(self, value: dict[str, Any]) -> None:
        raw = value.get("value")
        self.bar.set_value(raw if isinstance(raw, int) else None)
        self.note.set_markdown(str(value.get("note", "")))

    def value(self) -> dict[str, Any]:
        return {"value": self.bar.value(), "note": self.note.markdown()}

    def focus_editor(self) -> None:
        self.bar.setFocus()


class ScaleBar(QFrame):
    """Eleven buttons, 0 to 10. With the keyboard: arrows, Home, End, digits, Delete."""

    value_chosen = Signal(object)  # int or None

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scaleBar")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(accessible_name)
        self._value: int | None = None
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)  # so a rating can be taken back to "not rated"
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(6)
        for number in range(SCALE_MIN, SCALE_MAX + 1):
            button = QPushButton(str(number), self)
            button.setCheckable(True)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the bar takes the keys
            button.setAccessibleName(self.tr("Rate {n}").format(n=number))
            button.setMinimumHeight(40)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(button, number)
            layout.addWidget(button)
        self.group.idClicked.connect(self._on_clicked)
        self._show()

    def value(self) -> int | None:
        """The rating, or None when not rated yet."""
        return self._value

    def set_value(self, value: int | None) -> None:
        """Show a rating without reporting it as chosen."""
        self._value = value
        self._show()

    def choose(self, value: int | None) -> None:
        """Set the rating as the user does, reporting it."""
        if value is not None:
            value = max(SCALE_MIN, min(SCALE_MAX, value))
        if value == self._value:
            return
        self._value = value
        self._show()
        self.value_chosen.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self._value
        if key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.choose(SCALE_MIN if current is None else current + 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.choose(SCALE_MIN if current is None else current - 1)
        elif key == Qt.Key.Key_Home:
            self.choose(SCALE_MIN)
        elif key == Qt.Key.Key_End:
            self.choose(SCALE_MAX)
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.choose(None)
        elif Qt.Key.Key_0 <= key <= Qt.Key.Key_9 and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            digit = key - Qt.Key.Key_0
            # "1" then "0" makes ten, as people type it.
            self.choose(10 if digit == 0 and current == 1 else digit)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def _on_clicked(self, number: int) -> None:
        self.choose(None if number == self._value else number)

    def _show(self) -> None:
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == self._value)
        rated = (
            self.tr("not rated yet")
            if self._value is None
            else self.tr("{n} out of 10").format(n=self._value)
        )
        self.setAccessibleDescription(rated)
        self.setToolTip(
            self.tr("Rating: {rated}. Arrow keys or digits change it.").format(rated=rated)
        )
