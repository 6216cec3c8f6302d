"""A filter button with a drop-down list of check items: choose any number, or "Any".

Used for the chronology's domain, source, person and tag filters. The list stays
open while items are ticked (mouse or Space), so several can be chosen in one go;
Enter ticks and closes, Escape closes. The button says what is chosen ("Domain:
Health +1") and so does its accessible description, for screen readers.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QMenu,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QWidget,
)


class ChoiceMenu(QMenu):
    """A menu whose check items toggle without closing it."""

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        action = self.actionAt(event.position().toPoint())
        if action is not None and action.isCheckable() and action.isEnabled():
            action.trigger()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        action = self.activeAction()
        if (
            event.key() == Qt.Key.Key_Space
            and action is not None
            and action.isCheckable()
            and action.isEnabled()
        ):
            action.trigger()
            return
        super().keyPressEvent(event)


class ChoiceFilter(QPushButton):
    """Choose any of a list of values to filter by; none chosen lets everything through."""

    changed = Signal()

    def __init__(
        self, label: str, name: str, everything: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._everything = everything
        self._items: list[tuple[str, Hashable]] = []
        self._chosen: set[Hashable] = set()
        self._full_text = ""
        self.setAccessibleName(name)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.menu_list = ChoiceMenu(self)
        self.menu_list.setAccessibleName(name)
        self.menu_list.setToolTipsVisible(True)
        self.setMenu(self.menu_list)
        self._any = QAction(everything, self)
        self._any.setCheckable(True)
        self._any.triggered.connect(lambda _checked: self.clear())
        self._actions: dict[Hashable, QAction] = {}
        self._rebuild()

    # ---------------------------------------------------------------- choices
    def set_choices(self, items: Sequence[tuple[str, Hashable]]) -> None:
        """Offer these (text, value) items; chosen values no longer offered are dropped
        (without saying so: the offer changes when the case does)."""
        items = list(items)
        if items == self._items:
            return
        self._items = items
        self._chosen &= {value for _text, value in items}
        self._rebuild()

    def choices(self) -> list[tuple[str, Hashable]]:
        """The (text, value) items offered."""
        return list(self._items)

    def chosen(self) -> frozenset[Hashable]:
        """The values chosen (empty: any)."""
        return frozenset(self._chosen)

    def set_chosen(self, values: Iterable[Hashable]) -> None:
        """Choose exactly these of the offered values."""
        offered = {value for _text, value in self._items}
        wanted = set(values) & offered
        if wanted != self._chosen:
            self._chosen = wanted
            self._show_chosen()
            self.changed.emit()

    def clear(self) -> None:
        """Choose nothing ("Any")."""
        self.set_chosen(())
        self._show_chosen()  # "Any" stays ticked even when clicked while ticked

    def toggle_value(self, value: Hashable, on: bool) -> None:
        """Add or remove one value from the choice."""
        wanted = set(self._chosen)
        if on:
            wanted.add(value)
        else:
            wanted.discard(value)
        self.set_chosen(wanted)

    # ---------------------------------------------------------------- drawing
    def _rebuild(self) -> None:
        menu = self.menu_list
        menu.clear()
        self._actions.clear()
        menu.addAction(self._any)
        if self._items:
            menu.addSeparator()
        for text, value in self._items:
            action = QAction(_literal(text), menu)
            action.setCheckable(True)
            action.toggled.connect(lambda on, v=value: self.toggle_value(v, on))
            menu.addAction(action)
            self._actions[value] = action
        self._show_chosen()

    def _show_chosen(self) -> None:
        for value, action in self._actions.items():
            action.blockSignals(True)
            action.setChecked(value in self._chosen)
            action.blockSignals(False)
        self._any.setChecked(not self._chosen)
        names = [text for text, value in self._items if value in self._chosen]
        if not names:
            summary = self._everything
        elif len(names) == 1:
            summary = names[0]
        else:
            summary = self.tr("{first} +{more}").format(first=names[0], more=len(names) - 1)
        self._full_text = f"{self._label}: {summary}"
        self._fit_text()
        described = ", ".join(names) if names else self._everything
        self.setToolTip(f"{self._label}: {described}")
        self.setAccessibleDescription(described)

    def _fit_text(self) -> None:
        # Long choices are cut short with "…" rather than widening the filter bar.
        shown = self.fontMetrics().elidedText(
            self._full_text, Qt.TextElideMode.ElideRight, max(20, self.width() - self._extra())
        )
        self.setText(_literal(shown))

    def _extra(self) -> int:
        """The pixels the button needs besides its text (margins, the drop-down arrow)."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        style = self.style()
        inside = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        arrow = style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, self)
        return max(0, self.width() - inside.width()) + arrow + 8

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_text()

    def sizeHint(self) -> QSize:
        # As wide as "Label: Any", whatever is chosen, so the bar never jumps.
        hint = super().sizeHint()
        text = f"{self._label}: {self._everything}"
        return QSize(self.fontMetrics().horizontalAdvance(text) + _PADDING, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


_PADDING = 40  # about what the button needs besides its text (see _extra)


def _literal(text: str) -> str:
    """Text shown as typed: "&" would otherwise mark a keyboard shortcut."""
    return text.replace("&", "&&")
