"""The timeline alone in a window of its own, full screen with larger type, for a projector."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from deepdive.ui.timeline.view import TimelineView

PROJECTOR_SCALE = 1.6  # the timeline on a projector: type this much larger


class PresenterWindow(QWidget):
    """The timeline alone, full screen, with larger type."""

    closed = Signal()

    def __init__(self, source: TimelineView, pane: QWidget) -> None:
        # A window of its own (it goes full screen), owned by the pane for its lifetime.
        super().__init__(pane, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("Timeline — DeepDive"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, False)
        self.view = TimelineView(self, scale=PROJECTOR_SCALE)
        self.view.set_summary(source.summary)
        self.view.set_mode(source.mode)
        self.view.set_events(source.events, source.birth)
        self.view.select_event(source.selected)
        hint = QLabel(self.tr("Escape closes · + and − zoom · arrows move · 0 shows all"), self)
        hint.setObjectName("quietHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint, 0, Qt.AlignmentFlag.AlignRight)
        for keys in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.activated.connect(self.close)

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        self.closed.emit()
