"""What the export dialog lets the user choose: the file and its format, the sections,
the sessions, and the document's dates, marking, team template and authors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.export import DateMode, ExportFormat, ExportOptions, Section
from deepdive.export.output import find_libreoffice
from deepdive.services import Services
from deepdive.services.results import CaseDetail

_NO_MARKING = "None"
_FORMATS = (
    (ExportFormat.DOCX, "Word document (.docx)"),
    (ExportFormat.PDF, "PDF (.pdf)"),
    (ExportFormat.MD, "Markdown (.md)"),
)


class ExportChoices(QWidget):
    """The export's options, as controls; :meth:`options` reads them."""

    def __init__(
        self,
        services: Services,
        case: CaseDetail,
        folder: Path,
        marking: str,
        reference_doc: str,
        parent: QWidget | None = None,
    ) -> None:
        """The file is proposed in ``folder``; ``marking`` and ``reference_doc`` are the
        preferences' protective marking and team template."""
        super().__init__(parent)
        self._services = services
        self._case = case
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._build_file_box(folder))
        columns = QHBoxLayout()
        columns.addWidget(self._build_sections_box(), 1)
        columns.addWidget(self._build_sessions_box(), 1)
        layout.addLayout(columns)
        layout.addWidget(self._build_document_box(marking, reference_doc))

    def _build_file_box(self, folder: Path) -> QGroupBox:
        box = QGroupBox(self.tr("File"), self)
        form = QFormLayout(box)
        self.format_combo = QComboBox(box)
        self.format_combo.setAccessibleName(self.tr("File format"))
        has_office = find_libreoffice() is not None
        for kind, label in _FORMATS:
            self.format_combo.addItem(self.tr(label), kind)
            if kind is ExportFormat.PDF and not has_office:
                index = self.format_combo.count() - 1
                disable_item(self.format_combo, index)
                self.format_combo.setItemData(
                    index,
                    self.tr("PDF export needs LibreOffice, which is not installed."),
                    Qt.ItemDataRole.ToolTipRole,
                )
        self.format_combo.currentIndexChanged.connect(self._on_format_changed)
        self.path_edit = QLineEdit(str(folder / f"{self._case.code}-case-study.docx"), box)
        self.path_edit.setAccessibleName(self.tr("Export to file"))
        browse = QPushButton(self.tr("Choose…"), box)
        browse.setAccessibleName(self.tr("Choose where to save the export"))
        browse.clicked.connect(self._choose_path)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form.addRow(self.tr("Format"), self.format_combo)
        form.addRow(self.tr("Save as"), row)
        return box

    def _build_sections_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sections"), self)
        grid = QGridLayout(box)
        self.section_boxes: dict[Section, QCheckBox] = {}
        for index, section in enumerate(Section):
            check = QCheckBox(self.tr(section.label), box)
            check.setChecked(True)
            check.setAccessibleName(self.tr("Include {section}").format(section=section.label))
            self.section_boxes[section] = check
            grid.addWidget(check, index, 0)
        return box

    def _build_sessions_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Sessions"), self)
        column = QVBoxLayout(box)
        self.sessions_list = QListWidget(box)
        self.sessions_list.setAccessibleName(self.tr("Sessions to include"))
        sessions = self._services.sessions.list_sessions(self._case.id)
        for summary in sorted(sessions, key=lambda s: (s.held_on is None, s.held_on, s.id)):
            held = summary.held_on.strftime("%d %b %Y") if summary.held_on else self.tr("no date")
            item = QListWidgetItem(f"{summary.title} — {held}", self.sessions_list)
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            item.setCheckState(Qt.CheckState.Checked)
        if not sessions:
            empty = QListWidgetItem(self.tr("This case has no sessions yet."), self.sessions_list)
            empty.setFlags(empty.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        column.addWidget(self.sessions_list)
        return box

    def _build_document_box(self, marking: str, reference_doc: str) -> QGroupBox:
        box = QGroupBox(self.tr("Document"), self)
        form = QFormLayout(box)
        self.dates_combo = QComboBox(box)
        self.dates_combo.setAccessibleName(self.tr("Dates"))
        for mode, label in (
            (DateMode.REAL, self.tr("Real dates")),
            (DateMode.RELATIVE, self.tr("Ages (relative dates)")),
            (DateMode.SHIFTED, self.tr("Shifted dates (needs the unlocked key vault)")),
        ):
            self.dates_combo.addItem(label, mode)
        self.dates_note = QLabel(self.tr("Unlock the key vault to export shifted dates"), box)
        self.dates_note.setObjectName("quietHint")
        self.dates_note.setAccessibleName(self.tr("Why shifted dates are not available"))
        self.dates_note.setWordWrap(True)
        # Under the choice, not beside it: the note must never be cut off.
        dates_row = QVBoxLayout()
        dates_row.setSpacing(2)
        dates_row.addWidget(self.dates_combo)
        dates_row.addWidget(self.dates_note)
        self.marking_combo = QComboBox(box)
        self.marking_combo.setEditable(True)
        self.marking_combo.setAccessibleName(self.tr("Protective marking"))
        for text in dict.fromkeys(
            [marking or _NO_MARKING, "OFFICIAL-SENSITIVE", "OFFICIAL", _NO_MARKING]
        ):
            self.marking_combo.addItem(text)
        self.reference_edit = QLineEdit(reference_doc, box)
        self.reference_edit.setAccessibleName(self.tr("Team template (reference document)"))
        self.reference_edit.setPlaceholderText(self.tr("DeepDive's house style"))
        self.authors_edit = QLineEdit(box)
        self.authors_edit.setAccessibleName(self.tr("Authors by role"))
        self.authors_edit.setPlaceholderText(self.tr("As recorded in the sessions; roles only"))
        form.addRow(self.tr("Dates"), dates_row)
        form.addRow(self.tr("Marking"), self.marking_combo)
        form.addRow(self.tr("Team template"), self.reference_edit)
        form.addRow(self.tr("Authors (roles)"), self.authors_edit)
        return box

    def chosen_format(self) -> ExportFormat:
        """The format picked."""
        return ExportFormat(self.format_combo.currentData())

    def options(self) -> ExportOptions:
        """The export options the controls describe."""
        sections = frozenset(s for s, check in self.section_boxes.items() if check.isChecked())
        session_ids = []
        for row in range(self.sessions_list.count()):
            item = self.sessions_list.item(row)
            session_id = item.data(Qt.ItemDataRole.UserRole)
            if session_id is not None and item.checkState() == Qt.CheckState.Checked:
                session_ids.append(int(session_id))
        marking = self.marking_combo.currentText().strip()
        reference = self.reference_edit.text().strip()
        authors = tuple(a.strip() for a in self.authors_edit.text().split(";") if a.strip())
        return ExportOptions(
            sections=sections,
            session_ids=tuple(session_ids),
            date_mode=DateMode(self.dates_combo.currentData()),
            marking=None if marking.casefold() in ("", _NO_MARKING.casefold()) else marking,
            authors=authors,
            reference_doc=Path(reference) if reference else None,
        )

    def _on_format_changed(self) -> None:
        path = Path(self.path_edit.text().strip() or f"{self._case.code}-case-study")
        self.path_edit.setText(str(path.with_suffix(f".{self.chosen_format().value}")))

    def _choose_path(self) -> None:
        kind = self.chosen_format()
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export case study"), self.path_edit.text(), f"*.{kind.value}"
        )
        if name:
            self.path_edit.setText(str(Path(name).with_suffix(f".{kind.value}")))

    def show_shifted_dates(self, available: bool) -> None:
        """Shifted dates need the unlocked key vault: offer them only then, saying why not."""
        enable_item(self.dates_combo, 2, available)
        self.dates_combo.setItemData(
            2,
            None if available else self.tr("Unlock the key vault to export shifted dates."),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.dates_note.setVisible(not available)


def documents_folder() -> Path:
    """The user's documents folder, created if it is missing (else the home folder)."""
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not found:
        return Path.home()
    folder = Path(found)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return Path.home()
    return folder


def disable_item(combo: QComboBox, index: int) -> None:
    """Grey out item ``index`` of ``combo``."""
    enable_item(combo, index, False)


def enable_item(combo: QComboBox, index: int, enabled: bool) -> None:
    """Offer item ``index`` of ``combo`` or grey it out."""
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(index)
        if item is not None:
            item.setEnabled(enabled)
