"""Picking chronology events for a stage (e.g. marking the key practice episodes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deepdive.templates import Stage
from deepdive.ui.editors.markdown_editor import MarkdownEditor
from deepdive.ui.sessions.event_table import EVENT_ID_ROLE, EventTable, event_line
from deepdive.ui.sessions.response_editors import ResponseEditor
from deepdive.ui.sessions.walk_panel import WalkPanel

__all__ = ["EVENT_ID_ROLE", "EventPickModel", "EventTable", "EventsResponse", "event_line"]

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

Index = QModelIndex | QPersistentModelIndex


class EventPickModel(QAbstractListModel):
    """The case's events as checkable rows in date order, key practice episodes starred.

    Filtering is done here rather than in a QSortFilterProxyModel subclass: PySide6
    6.12 mishandles the bool a Python ``filterAcceptsRow`` returns (a refcount error
    that crashes the interpreter on exit), and a list of ids is quick to rebuild.
    """

    picked_changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[EventInfo] = []
        self._all_lines: list[str] = []
        self._search: list[str] = []
        self._events: list[EventInfo] = []
        self._lines: list[str] = []
        self._picked: list[int] = []
        self._words: list[str] = []
        self._key_only = False

    def set_events(self, events: list[EventInfo]) -> None:
        """Show these events in the chronology's order (by date, from the earliest, as
        the event service gives them; key episodes starred, not put first)."""
        ordered = list(events)
        self._all = ordered
        self._all_lines = [event_line(e) for e in ordered]
        self._search = [
            f"{line} {e.description}".casefold()
            for line, e in zip(self._all_lines, ordered, strict=True)
        ]
        known = {e.id for e in ordered}
        self._picked = [i for i in self._picked if i in known]
        self._apply_filter()

    def set_filter(self, text: str, key_only: bool) -> None:
        """Show only events containing every word of ``text`` (and only key episodes)."""
        self._words = text.casefold().split()
        self._key_only = key_only
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.beginResetModel()
        shown = [
            row
            for row, (event, text) in enumerate(zip(self._all, self._search, strict=True))
            if (event.key_episode or not self._key_only)
            and all(word in text for word in self._words)
        ]
        self._events = [self._all[row] for row in shown]
        self._lines = [self._all_lines[row] for row in shown]
        self.endResetModel()

    def set_picked(self, event_ids: list[int]) -> None:
        """Tick these events (without reporting an edit)."""
        self._picked = list(dict.fromkeys(event_ids))
        if self._events:
            self.dataChanged.emit(self.index(0), self.index(len(self._events) - 1))

    def picked(self) -> list[int]:
        """The ticked events' ids, in the order they were ticked."""
        return list(self._picked)

    def events(self) -> list[EventInfo]:
        """The events shown, in their order."""
        return list(self._events)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._events)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsUserCheckable if index.isValid() else base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._events):
            return None
        event = self._events[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = "★ " if event.key_episode else ""
            return mark + self._lines[index.row()]
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if event.id in self._picked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return event.description
        if role == Qt.ItemDataRole.FontRole and event.key_episode:
            font = QFont()
            font.setBold(True)
            return font
        if role == EVENT_ID_ROLE:
            return event.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        event_id = self._events[index.row()].id
        checked = (
            value == Qt.CheckState.Checked
            if isinstance(value, Qt.CheckState)
            else int(value) == Qt.CheckState.Checked.value
        )
        if checked and event_id not in self._picked:
            self._picked.append(event_id)
        elif not checked and event_id in self._picked:
            self._picked.remove(event_id)
        else:
            return False
        self.dataChanged.emit(index, index)
        self.picked_changed.emit()
        return True


class EventsResponse(ResponseEditor):
    """Walk the chronology event by event, tick events, and note what the room said.

    The walk (the first tab) keeps the room's reflections on each event; the second
    tab lists every event to tick the ones the room chose, with notes on them all.
    """

    walk_changed = Signal()  # the walk's event changed, or the walk was shown or left
    save_requested = Signal()  # save what is typed now (marking a key episode picks it)

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventPickModel(self)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Find events by words in them"))
        self.search.setAccessibleName(self.tr("Find events"))
        self.search.setClearButtonEnabled(True)
        self.key_only = QCheckBox(self.tr("Key practice episodes only"), self)
        self.view = EventTable(self)
        self.view.setModel(self.model)
        self.view.setObjectName("eventPicker")
        self.view.setAccessibleName(self.tr("Chronology events to link"))
        self.view.setAlternatingRowColors(True)
        self.count = QLabel(self)
        self.count.setObjectName("quietHint")
        self.empty = QLabel(
            self.tr(
                "This case's chronology has no events yet. Add them in the chronology, "
                "or note the key moments the room names below."
            ),
            self,
        )
        self.empty.setWordWrap(True)
        self.empty.setObjectName("quietHint")
        self.notes = MarkdownEditor(self.tr("Notes on the chronology"), self)
        self.notes.editor.setPlaceholderText(
            self.tr("What the room said about these moments, and anything missing from the record")
        )
        self.walk = WalkPanel(self)
        self.search.textChanged.connect(self._on_filter_changed)
        self.key_only.toggled.connect(self._on_filter_changed)
        self.model.picked_changed.connect(self._on_picked)
        self.notes.text_edited.connect(lambda _text: self.edited.emit(self.value()))
        self.walk.reflection_edited.connect(lambda _id, _text: self.edited.emit(self.value()))
        self.walk.key_episode_changed.connect(self._on_key_episode_changed)
        self.walk.about_to_mark.connect(self.save_requested)
        self.walk.current_changed.connect(self.walk_changed)

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        tools = QHBoxLayout()
        tools.addWidget(self.search, 1)
        tools.addWidget(self.key_only)
        top_layout.addLayout(tools)
        top_layout.addWidget(self.view, 1)
        top_layout.addWidget(self.empty)
        top_layout.addWidget(self.count)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(self.notes)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([300, 160])
        splitter.setChildrenCollapsible(False)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.walk, self.tr("Walk event by event"))
        self.tabs.addTab(splitter, self.tr("Choose events and notes"))
        self.tabs.currentChanged.connect(lambda _index: self.walk_changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)

    @property
    def walking(self) -> bool:
        """Whether the walk (rather than the list to choose from) is on screen."""
        return self.tabs.currentWidget() is self.walk

    def set_events(self, events: list[EventInfo]) -> None:
        """The case's chronology to walk and pick from (in date order)."""
        self.model.set_events(events)
        self.walk.set_events(events)
        self.empty.setVisible(not events)
        self._show_count()

    def set_value(self, value: dict[str, Any]) -> None:
        self.model.set_picked([int(i) for i in value.get("event_ids", [])])
        self.notes.set_markdown(str(value.get("notes", "")))
        stored = value.get("reflections", {})
        reflections = stored if isinstance(stored, dict) else {}
        self.walk.set_reflections({int(k): str(v) for k, v in reflections.items()})
        self._show_count()

    def value(self) -> dict[str, Any]:
        return {
            "event_ids": self.model.picked(),
            "notes": self.notes.markdown(),
            "reflections": {str(k): v for k, v in self.walk.reflections().items()},
        }

    def focus_editor(self) -> None:
        if self.walking:
            self.walk.focus_walk()
            return
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0))

    def _on_filter_changed(self, *_args: object) -> None:
        self.model.set_filter(self.search.text(), self.key_only.isChecked())

    def _on_key_episode_changed(self, event_id: int, marked: bool) -> None:
        # Marking a key practice episode in the walk is also the room choosing it.
        picked = self.model.picked()
        if marked and event_id not in picked:
            self.model.set_picked([*picked, event_id])
            self._on_picked()
            self.save_requested.emit()  # in the same undo step as the mark

    def _on_picked(self) -> None:
        self._show_count()
        self.edited.emit(self.value())

    def _show_count(self) -> None:
        picked = len(self.model.picked())
        self.count.setText(
            self.tr("{n} marked by the room · Space ticks the selected event").format(n=picked)
        )
