"""What the main window shows when no workspace could be opened: the ways forward."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class NoWorkspacePlaceholder(QWidget):
    """Shown when no workspace could be opened: the ways forward."""

    def __init__(
        self,
        open_existing: Callable[[], object],
        create_new: Callable[[], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        text = QLabel(
            self.tr("No workspace is open. Open an existing workspace or create a new one."),
            self,
        )
        text.setObjectName("emptyHint")
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        open_button = QPushButton(self.tr("Open workspace…"), self)
        new_button = QPushButton(self.tr("New workspace…"), self)
        open_button.clicked.connect(open_existing)
        new_button.clicked.connect(create_new)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(text)
        layout.addWidget(open_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
