"""A short list of items the room names: type and press Enter to add; edit, reorder, delete."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from deepdive.ui.privacy.cell_fixes import CellFixes


class ItemListEditor(QWidget):
    """Items in a list view with an 'add' line underneath; reports the whole list on change."""

    items_changed = Signal(list)

    def __init__(
        self,
        accessible_name: str,
        item_label: str,
        heading: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._loading = False
        self.model = QStringListModel(self)
        self.view = _ItemView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(accessible_name)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setToolTip(
            self.tr("F2 edits an item, Delete removes it, Ctrl+Up and Ctrl+Down move it")
        )
        # Identifiers in an item are underlined and fixed with a right-click.
        self.fixes = CellFixes(self.view)
        self.entry = QLineEdit(self)
        self.entry.setPlaceholderText(self.tr("Add {item} and press Enter").format(item=item_label))
        self.entry.setAccessibleName(self.tr("Add to {name}").format(name=accessible_name))
        self.entry.returnPressed.connect(self.add_entry)
        self.view.delete_pressed.connect(self.remove_current)
        self.view.move_requested.connect(self.move_current)
        self.model.dataChanged.connect(self._on_model_changed)
        self.model.rowsRemoved.connect(self._on_model_changed)
        self.model.rowsMoved.connect(self._on_model_changed)
        self.model.rowsInserted.connect(self._on_model_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        if heading:
            title = QLabel(heading, self)
            title.setObjectName("columnHeading")
            title.setWordWrap(True)
            title.setBuddy(self.entry)
            layout.addWidget(title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.entry)

    def set_items(self, items: list[str]) -> None:
        """Show ``items`` without reporting them as an edit."""
        self._loading = True
        self.model.setStringList(list(items))
        self._loading = False

    def items(self) -> list[str]:
        """The items, blank ones left out."""
        return [item.strip() for item in self.model.stringList() if item.strip()]

    def add_entry(self) -> None:
        """Add what is typed in the entry line to the end of the list."""
        text = " ".join(self.entry.text().split())
        if not text:
            return
        row = self.model.rowCount()
        self._loading = True  # an inserted row is blank until its text is set
        self.model.insertRows(row, 1)
        self.model.setData(self.model.index(row), text)
        self._loading = False
        self.entry.clear()
        self.view.scrollToBottom()
        self._on_model_changed()

    def remove_current(self) -> None:
        """Remove the selected item."""
        index = self.view.currentIndex()
        if index.isValid():
            self.model.removeRows(index.row(), 1)

    def move_current(self, step: int) -> None:
        """Move the selected item up (-1) or down (+1)."""
        index = self.view.currentIndex()
        if not index.isValid():
            return
        row = index.row()
        target = row + step
        if not 0 <= target < self.model.rowCount():
            return
        items = self.model.stringList()
        items[row], items[target] = items[target], items[row]
        self._loading = True
        self.model.setStringList(items)
        self._loading = False
        self.view.setCurrentIndex(self.model.index(target))
        self._on_model_changed()

    def _on_model_changed(self, *_args: object) -> None:
        if self._loading:
            return
        # An item edited to nothing is removed rather than kept as a blank line.
        blanks = [r for r, item in enumerate(self.model.stringList()) if not item.strip()]
        if blanks and self.view.state() != QAbstractItemView.State.EditingState:
            self._loading = True
            for row in reversed(blanks):
                self.model.removeRows(row, 1)
            self._loading = False
        self.items_changed.emit(self.items())


class _ItemView(QListView):
    """A list view that reports Delete and Ctrl+Up/Down when no item is being edited."""

    delete_pressed = Signal()
    move_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.delete_pressed.emit()
                return
            if event.modifiers() & Qt.KeyboardModifier.ControlModifier and event.key() in (
                Qt.Key.Key_Up,
                Qt.Key.Key_Down,
            ):
                self.move_requested.emit(-1 if event.key() == Qt.Key.Key_Up else 1)
                return
        super().keyPressEvent(event)
