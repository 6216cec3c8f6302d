"""Where to save the timeline picture, and how its dates are shown.

The chronology's "Save picture…" asks the same question about dates as an export
does: real dates, ages, or dates shifted by the case's secret shift (which needs the
unlocked key vault). The picture is then drawn from the export's own spec
(:func:`~deepdive.export.timeline_spec.chronology_spec`), so it never shows what an
export with those dates would hide.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.export.options import DateMode

_SHIFTED = 2


class SavePictureDialog(QDialog):
    """Asks for the picture's dates (real, ages, shifted) and its file (.png or .svg)."""

    def __init__(self, path: Path, *, can_shift: bool, parent: QWidget | None = None) -> None:
        """``can_shift``: the key vault is unlocked, so shifted dates can be drawn."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Save timeline picture"))
        self.dates_combo = QComboBox(self)
        self.dates_combo.setAccessibleName(self.tr("Dates in the picture"))
        for mode, label in (
            (DateMode.REAL, self.tr("Real dates")),
            (DateMode.RELATIVE, self.tr("Ages (relative dates)")),
            (DateMode.SHIFTED, self.tr("Shifted dates (needs the unlocked key vault)")),
        ):
            self.dates_combo.addItem(label, mode)
        self.dates_note = QLabel(self.tr("Unlock the key vault to draw shifted dates."), self)
        self.dates_note.setObjectName("quietHint")
        self.dates_note.setAccessibleName(self.tr("Why shifted dates are not available"))
        self.dates_note.setWordWrap(True)
        self.dates_note.setVisible(not can_shift)
        model = self.dates_combo.model()
        if isinstance(model, QStandardItemModel) and not can_shift:
            item = model.item(_SHIFTED)
            if item is not None:
                item.setEnabled(False)
                item.setToolTip(self.tr("Unlock the key vault to draw shifted dates."))
        self.path_edit = QLineEdit(str(path), self)
        self.path_edit.setAccessibleName(self.tr("Save the picture as"))
        self.path_edit.textChanged.connect(self._on_path_changed)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose where to save the picture"))
        browse.clicked.connect(self._choose_path)
        hint = QLabel(
            self.tr(
                "The picture shows the events in view, with their labels' dates written as "
                "an export with these dates writes them. A name ending .svg saves a "
                "drawing; any other name, a PNG picture."
            ),
            self,
        )
        hint.setObjectName("quietHint")
        hint.setWordWrap(True)
        dates_row = QVBoxLayout()
        dates_row.setSpacing(2)
        dates_row.addWidget(self.dates_combo)
        dates_row.addWidget(self.dates_note)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Dates"), dates_row)
        form.addRow(self.tr("Save as"), path_row)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            Qt.Orientation.Horizontal,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._on_path_changed(self.path_edit.text())

    def choose(self, mode: DateMode) -> None:
        """Pick the dates shown (an unavailable choice is left as it was)."""
        index = self.dates_combo.findData(mode)
        model = self.dates_combo.model()
        if isinstance(model, QStandardItemModel):
            item = model.item(index)
            if item is not None and item.isEnabled():
                self.dates_combo.setCurrentIndex(index)

    def date_mode(self) -> DateMode:
        """How the picture shows dates."""
        return DateMode(self.dates_combo.currentData())

    def path(self) -> Path:
        """The file chosen."""
        return Path(self.path_edit.text().strip()).expanduser()

    def _on_path_changed(self, text: str) -> None:
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setEnabled(bool(text.strip()))

    def _choose_path(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save timeline picture"),
            self.path_edit.text(),
            self.tr("PNG picture (*.png);;SVG drawing (*.svg)"),
        )
        if name:
            self.path_edit.setText(name)
