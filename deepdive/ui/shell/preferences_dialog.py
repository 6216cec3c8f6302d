"""The Preferences dialog: marking, reference document, vault, saving, dates, appearance."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.files.special import refuse_special_file
from deepdive.ui.editors.app_services import spelling_of
from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.widgets.preferences import DEFAULT_MARKING, DateDisplay, Preferences, Theme


class PreferencesDialog(QDialog):
    """Edits a :class:`Preferences`; ``chosen()`` gives the result after OK."""

    def __init__(
        self,
        current: Preferences,
        parent: QWidget | None = None,
        spelling: SpellChecker | None = None,
    ) -> None:
        """``spelling``: the app's spell checker (default: ``parent``'s window's)."""
        super().__init__(parent)
        self._spell_checker = spelling if spelling is not None else spelling_of(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._build()
        self._show(current)

    def _build(self) -> None:
        self.marking = QLineEdit(self)
        self.marking.setAccessibleName(self.tr("Protective marking"))
        self.no_marking = QCheckBox(self.tr("No protective marking"), self)
        self.no_marking.toggled.connect(lambda on: self.marking.setEnabled(not on))
        self.reference_doc = QLineEdit(self)
        self.reference_doc.setAccessibleName(self.tr("Default Word reference document"))
        self.reference_doc.setPlaceholderText(self.tr("DeepDive's own house style"))
        browse = QPushButton(self.tr("Choose…"), self)
        browse.setAccessibleName(self.tr("Choose a Word reference document"))
        browse.clicked.connect(self._choose_reference_doc)
        reference_row = QHBoxLayout()
        reference_row.addWidget(self.reference_doc, 1)
        reference_row.addWidget(browse)
        documents = QGroupBox(self.tr("Documents"), self)
        form = QFormLayout(documents)
        form.addRow(self.tr("Protective &marking"), self.marking)
        form.addRow("", self.no_marking)
        # A row that is a layout gets no buddy from addRow, so its label is made here
        # (otherwise the "&" shows and Alt+R does nothing).
        reference_label = QLabel(self.tr("&Reference document"), self)
        reference_label.setBuddy(self.reference_doc)
        form.addRow(reference_label, reference_row)

        self.date_display = QComboBox(self)
        self.date_display.setAccessibleName(self.tr("Date display"))
        for value, label in (
            (DateDisplay.REAL, self.tr("Real dates")),
            (DateDisplay.SHIFTED, self.tr("Shifted dates (needs the key vault)")),
            (DateDisplay.RELATIVE, self.tr("Relative: the young person's age")),
        ):
            self.date_display.addItem(label, value.value)
        form.addRow(self.tr("&Dates"), self.date_display)

        self.vault_lock = _spin(self, 1, 240, self.tr(" minutes"), self.tr("Lock the vault after"))
        self.autosave = QDoubleSpinBox(self)
        self.autosave.setRange(0.3, 2.0)
        self.autosave.setSingleStep(0.1)
        self.autosave.setSuffix(self.tr(" s"))
        self.autosave.setAccessibleName(self.tr("Save after a pause in typing of"))
        self.backup_idle = _spin(self, 1, 60, self.tr(" minutes"), self.tr("Back up when idle for"))
        self.backups_kept = _spin(self, 3, 100, "", self.tr("Recent backups to keep"))
        safety = QGroupBox(self.tr("Privacy and safety"), self)
        safety_form = QFormLayout(safety)
        safety_form.addRow(self.tr("Lock the key &vault after"), self.vault_lock)
        safety_form.addRow(self.tr("&Save after a pause of"), self.autosave)
        safety_form.addRow(self.tr("&Back up when idle for"), self.backup_idle)
        safety_form.addRow(self.tr("Recent backups &kept"), self.backups_kept)

        self.theme = QComboBox(self)
        self.theme.setAccessibleName(self.tr("Theme"))
        for theme, label in (
            (Theme.SYSTEM, self.tr("Same as the system")),
            (Theme.LIGHT, self.tr("Light")),
            (Theme.DARK, self.tr("Dark")),
        ):
            self.theme.addItem(label, theme.value)
        self.font_size = QDoubleSpinBox(self)
        self.font_size.setRange(0, 32)
        self.font_size.setSingleStep(1)
        self.font_size.setSpecialValueText(self.tr("System size"))
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setAccessibleName(self.tr("Interface font size"))
        appearance = QGroupBox(self.tr("Appearance"), self)
        appearance_form = QFormLayout(appearance)
        appearance_form.addRow(self.tr("&Theme"), self.theme)
        appearance_form.addRow(self.tr("&Font size"), self.font_size)

        self.spelling = QCheckBox(self.tr("Underline misspelt words (UK English)"), self)
        self.spelling.setAccessibleName(self.tr("Check spelling"))
        self.spelling_note = QLabel(self._spell_checker.why_unavailable(), self)
        self.spelling_note.setObjectName("quietHint")
        self.spelling_note.setWordWrap(True)
        self.spelling_note.setVisible(bool(self.spelling_note.text()))
        self.spelling.setEnabled(not self.spelling_note.text())
        appearance_form.addRow(self.tr("S&pelling"), self.spelling)
        appearance_form.addRow("", self.spelling_note)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults,
            self,
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(
            lambda: self._show(Preferences())
        )
        layout = QVBoxLayout(self)
        for group in (documents, safety, appearance):
            layout.addWidget(group)
        _align_labels([form, safety_form, appearance_form])
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _show(self, preferences: Preferences) -> None:
        self.no_marking.setChecked(not preferences.marking)
        self.marking.setText(preferences.marking or DEFAULT_MARKING)
        self.reference_doc.setText(preferences.reference_doc)
        self.date_display.setCurrentIndex(
            self.date_display.findData(preferences.date_display.value)
        )
        self.vault_lock.setValue(preferences.vault_lock_minutes)
        self.autosave.setValue(preferences.autosave_pause_ms / 1000)
        self.backup_idle.setValue(preferences.backup_idle_minutes)
        self.backups_kept.setValue(preferences.backups_kept)
        self.theme.setCurrentIndex(self.theme.findData(preferences.theme.value))
        self.font_size.setValue(preferences.font_point_size)
        self.spelling.setChecked(preferences.spelling)

    def chosen(self) -> Preferences:
        """The preferences as set in the dialog."""
        return Preferences(
            marking="" if self.no_marking.isChecked() else self.marking.text().strip(),
            reference_doc=self.reference_doc.text().strip(),
            vault_lock_minutes=self.vault_lock.value(),
            autosave_pause_ms=round(self.autosave.value() * 1000),
            backup_idle_minutes=self.backup_idle.value(),
            backups_kept=self.backups_kept.value(),
            date_display=DateDisplay(self.date_display.currentData()),
            font_point_size=self.font_size.value(),
            theme=Theme(self.theme.currentData()),
            spelling=self.spelling.isChecked(),
        )

    def _choose_reference_doc(self) -> None:
        start = self.reference_doc.text() or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Word reference document"), start, "Word (*.docx *.dotx)"
        )
        if not name:
            return
        try:  # a typed name can be a pipe: the export would wait to read it
            refuse_special_file(Path(name))
        except DeepDiveError as exc:
            QMessageBox.warning(self, self.tr("Word reference document"), str(exc))
            return
        self.reference_doc.setText(name)


def _align_labels(forms: list[QFormLayout]) -> None:
    """Give every form's labels one width, so the fields of all the groups line up."""
    labels: list[QWidget] = []
    for form in forms:
        for row in range(form.rowCount()):
            item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
            label = item.widget() if item is not None else None
            if label is not None:
                labels.append(label)
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def _spin(parent: QWidget, low: int, high: int, suffix: str, name: str) -> QSpinBox:
    spin = QSpinBox(parent)
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    spin.setAccessibleName(name)
    return spin
