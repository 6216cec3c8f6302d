"""Pieces of the session runner: the stage list, the timer panel, the stage briefing."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepdive.templates import Stage
from deepdive.text.markdown import markdown_to_html
from deepdive.ui.sessions.timer import TimerReading, clock_text

Index = QModelIndex | QPersistentModelIndex


def minutes_text(seconds: float) -> str:
    """``12 min`` or ``1 h 05 min``."""
    minutes = round(seconds / 60)
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d} min" if hours else f"{rest} min"


class StageListModel(QAbstractListModel):
    """The session's stages with their planned and used time and whether answered."""

    def __init__(self, stages: tuple[Stage, ...], parent: Any = None) -> None:
        super().__init__(parent)
        self._stages = stages
        self._answered: set[str] = set()
        self._used: dict[str, float] = {}
        self._current = 0

    def set_state(self, current: int, answered: set[str], used: dict[str, float]) -> None:
        """Which stage is current, which are answered, seconds used on each."""
        self._current = current
        self._answered = set(answered)
        self._used = dict(used)
        if self._stages:
            self.dataChanged.emit(self.index(0), self.index(len(self._stages) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._stages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._stages):
            return None
        row = index.row()
        stage = self._stages[row]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            mark = "✓ " if stage.id in self._answered else ""
            used = self._used.get(stage.id, 0.0)
            timing = f"{stage.minutes} min"
            if used >= 30:
                timing = f"{minutes_text(used)} of {stage.minutes} min"
            return f"{row + 1}. {stage.title}\n{mark}{timing}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return stage.purpose
        return None


class TimerPanel(QFrame):
    """The stage's countdown with start/pause and extend; over time shown calmly."""

    toggle_requested = Signal()
    extend_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timerPanel")
        self.time = QLabel("0:00", self)
        self.time.setObjectName("timerTime")
        self.time.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.caption = QLabel(self)
        self.caption.setObjectName("timerCaption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.toggle_button = QPushButton(self.tr("Start timer"), self)
        self.toggle_button.setAccessibleName(self.tr("Start or pause the stage timer"))
        self.toggle_button.setToolTip(self.tr("Start or pause the stage timer (F5)"))
        self.extend_button = QPushButton(self.tr("+5 min"), self)
        self.extend_button.setAccessibleName(self.tr("Give this stage five more minutes"))
        self.extend_button.setToolTip(self.tr("Give this stage five more minutes (F6)"))
        self.toggle_button.clicked.connect(self.toggle_requested)
        self.extend_button.clicked.connect(self.extend_requested)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.extend_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        layout.setSpacing(2)
        layout.addWidget(self.time)
        layout.addWidget(self.caption)
        layout.addLayout(buttons)

    def show_reading(self, reading: TimerReading) -> None:
        """Show the timer now."""
        self.time.setText(timer_text(reading))
        self.caption.setText(timer_caption(reading))
        self.setProperty("over", reading.is_over)
        self.time.setProperty("over", reading.is_over)
        self.time.style().unpolish(self.time)
        self.time.style().polish(self.time)
        self.toggle_button.setText(
            self.tr("Pause timer") if reading.running else self.tr("Start timer")
        )
        self.time.setAccessibleName(f"{timer_text(reading)} {timer_caption(reading)}")


def timer_text(reading: TimerReading) -> str:
    """The big figure: time left, or time over."""
    if reading.is_over:
        return f"+{clock_text(reading.overrun)}"
    return clock_text(reading.remaining)


def timer_caption(reading: TimerReading) -> str:
    """The words under the figure."""
    planned = minutes_text(reading.planned)
    if reading.is_over:
        return f"over the {planned} planned"
    state = "left" if reading.running or reading.elapsed else "planned"
    if state == "planned":
        return f"{planned} planned — timer not started"
    paused = "" if reading.running else " · paused"
    return f"left of {planned}{paused}"


class StageBrief(QWidget):
    """The current stage: where we are, its title and purpose, questions and guidance.

    ``heading`` (position, title, purpose) and ``briefing`` (questions beside guidance)
    are separate widgets so the runner can lay them out with the timer and the editor.
    """

    prompt_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QWidget(parent)
        self.position = QLabel(self.heading)
        self.position.setObjectName("stagePosition")
        self.title = QLabel(self.heading)
        self.title.setObjectName("stageTitle")
        self.title.setWordWrap(True)
        self.purpose = QLabel(self.heading)
        self.purpose.setObjectName("stagePurpose")
        self.purpose.setWordWrap(True)
        heading = QVBoxLayout(self.heading)
        heading.setContentsMargins(0, 0, 0, 0)
        heading.setSpacing(4)
        heading.addWidget(self.position)
        heading.addWidget(self.title)
        heading.addWidget(self.purpose)

        self.prompts = QListWidget(parent)
        self.prompts.setObjectName("promptList")
        self.prompts.setAccessibleName(self.tr("Questions for the room"))
        wrap_list(self.prompts)
        self.prompts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.prompts.setToolTip(
            self.tr("The selected question is shown on the projector (Alt+Down, Alt+Up)")
        )
        self.guidance = QTextBrowser(parent)
        self.guidance.setObjectName("guidance")
        self.guidance.setAccessibleName(self.tr("Guidance for the facilitator"))
        self.guidance.setOpenExternalLinks(False)
        self.prompts.currentRowChanged.connect(self._on_row_changed)
        self.briefing = QSplitter(Qt.Orientation.Horizontal, parent)
        self.briefing.addWidget(_captioned(self.tr("Questions for the room"), self.prompts))
        self.briefing.addWidget(_captioned(self.tr("Guidance for you"), self.guidance))
        self.briefing.setStretchFactor(0, 1)
        self.briefing.setStretchFactor(1, 1)
        self.briefing.setChildrenCollapsible(False)
        self.hide()  # a holder for the two parts; it is never shown itself

    def show_stage(self, stage: Stage, number: int, count: int) -> None:
        """Show ``stage``, the ``number``-th of ``count``."""
        self.position.setText(
            self.tr("STAGE {n} OF {count} · ABOUT {minutes} MINUTES").format(
                n=number, count=count, minutes=stage.minutes
            )
        )
        self.title.setText(stage.title)
        self.purpose.setText(stage.purpose)
        self.prompts.blockSignals(True)
        self.prompts.clear()
        self.prompts.addItems(list(stage.prompts))
        self.prompts.blockSignals(False)
        self.prompts.setCurrentRow(0)
        self.guidance.setHtml(markdown_to_html(stage.guidance))

    def step_prompt(self, step: int) -> None:
        """Select the next (+1) or previous (-1) question."""
        count = self.prompts.count()
        if count:
            self.prompts.setCurrentRow(max(0, min(count - 1, self.prompts.currentRow() + step)))

    def _on_row_changed(self, row: int) -> None:
        if row >= 0:
            self.prompt_chosen.emit(row)


def wrap_list(view: QListView) -> None:
    """Wrap long items to the view's width instead of scrolling sideways."""
    view.setWordWrap(True)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideNone)


def _captioned(caption: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(caption)
    label.setObjectName("paneCaption")
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget)
    return box
