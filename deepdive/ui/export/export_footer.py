"""The foot of the export dialog: progress, what is happening, and its buttons."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget


class ExportFooter(QWidget):
    """The progress bar and status line over Open, Fix, Export and Close (the dialog
    connects the buttons)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Choose what to include, then export."), self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export status"))
        self.open_button = QPushButton(self.tr("&Open the file"), self)
        self.open_button.setAccessibleName(self.tr("Open the exported file"))
        self.open_button.setVisible(False)
        self.export_button = QPushButton(self.tr("&Export"), self)
        self.export_button.setAccessibleName(self.tr("Export the case study"))
        self.export_button.setDefault(True)
        self.fix_button = QPushButton(self.tr("Show where, and &fix…"), self)
        self.fix_button.setAccessibleName(
            self.tr("Close this dialog and list the identifiers that stopped the export")
        )
        self.fix_button.setVisible(False)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close this dialog"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.fix_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
