"""File ▸ Export case study…: choose what goes in, then write it on a worker thread.

The case is read through the services on the UI thread (quick), and the timeline is
drawn there too (Qt drawing belongs to the GUI thread). Writing the document, the slow
part for a big chronology, runs on a QThread; the worker only emits signals and never
touches a widget. When it is done the dialog offers to open the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.export import (
    CaseStudy,
    DateMode,
    ExportFormat,
    ExportGate,
    ExportOptions,
    ExportResult,
    Section,
    assemble_case_study,
    record_export,
    write_case_study,
)
from deepdive.export.gate import default_gate
from deepdive.export.output import find_libreoffice
from deepdive.services import Services
from deepdive.services.results import CaseDetail

_NO_MARKING = "None"
_FORMATS = (
    (ExportFormat.DOCX, "Word document (.docx)"),
    (ExportFormat.PDF, "PDF (.pdf)"),
    (ExportFormat.MD, "Markdown (.md)"),
)


class ExportWorker(QObject):
    """Writes an assembled case study; lives on a worker thread, talks only by signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(str)

    def __init__(
        self,
        study: CaseStudy,
        out: Path,
        kind: ExportFormat,
        options: ExportOptions,
        gate: ExportGate | None,
        picture: bytes | None,
    ) -> None:
        super().__init__()
        self._job = (study, out, kind, options, gate, picture)

    def run(self) -> None:
        """Write the file (called on the worker thread)."""
        study, out, kind, options, gate, picture = self._job
        try:
            result = write_case_study(
                study,
                out,
                format=kind,
                options=options,
                gate=gate,
                timeline_png=(lambda: picture or b"") if picture is not None else None,
                progress=self.progressed.emit,
            )
        except DeepDiveError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # never a traceback in front of the user: log it
            from deepdive.logs import log_exception

            log = log_exception(type(exc), exc.__traceback__, "export")
            self.failed.emit(
                QObject.tr(
                    self, "An unexpected error stopped the export; details are in {log}."
                ).format(log=log)
            )
            return
        self.succeeded.emit(result)


class ExportDialog(QDialog):
    """Choose sections, sessions, dates and marking; export with a progress bar."""

    export_finished = Signal(object)  # ExportResult, or None when it failed

    def __init__(
        self,
        services: Services,
        case: CaseDetail,
        *,
        marking: str,
        reference_doc: str,
        folder: Path | None = None,
        timeline: Callable[[CaseStudy], bytes] | None = None,
        gate: ExportGate | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._case = case
        self._timeline = timeline
        self._gate = gate if gate is not None else default_gate()
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self.exported: ExportResult | None = None
        self.setWindowTitle(self.tr("Export case study — {code}").format(code=case.code))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_file_box(folder or _documents_folder()))
        columns = QHBoxLayout()
        columns.addWidget(self._build_sections_box(), 1)
        columns.addWidget(self._build_sessions_box(), 1)
        layout.addLayout(columns)
        layout.addWidget(self._build_document_box(marking, reference_doc))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.status = QLabel(self.tr("Choose what to include, then export."), self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Export status"))
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("&Open the file"), self)
        self.open_button.setAccessibleName(self.tr("Open the exported file"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self.open_file)
        self.export_button = QPushButton(self.tr("&Export"), self)
        self.export_button.setAccessibleName(self.tr("Export the case study"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start_export)
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close this dialog"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # ----------------------------------------------------------------- building
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
                _disable_item(self.format_combo, index)
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
        # TODO(lead): enable shifted dates once the app can hand over the unlocked vault's
        # date shift for the case (ExportOptions.date_shift_days).
        _disable_item(self.dates_combo, 2)
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
        form.addRow(self.tr("Dates"), self.dates_combo)
        form.addRow(self.tr("Marking"), self.marking_combo)
        form.addRow(self.tr("Team template"), self.reference_edit)
        form.addRow(self.tr("Authors (roles)"), self.authors_edit)
        return box

    # ------------------------------------------------------------------ choices
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

    # ------------------------------------------------------------------ running
    def start_export(self) -> None:
        """Read the case, draw the timeline, then write the file on a worker thread."""
        text = self.path_edit.text().strip()
        if not text:
            self._show_failure(self.tr("Choose where to save the export."))
            return
        out = Path(text).expanduser()
        options = self.options()
        try:
            study = assemble_case_study(self._services, self._case.id, options)
        except DeepDiveError as exc:
            self._show_failure(str(exc))
            return
        picture: bytes | None = None
        if self._timeline is not None and Section.TIMELINE in options.sections and study.events:
            try:
                picture = self._timeline(study)
            except Exception:  # drawing must never cost the export: it goes without
                picture = b""
        self._set_running(True)
        self.status.setText(self.tr("Exporting…"))
        thread = QThread(self)
        worker = ExportWorker(study, out, self.chosen_format(), options, self._gate, picture)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._show_failure)
        worker.succeeded.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def is_running(self) -> bool:
        """Whether an export is being written now."""
        return self._thread is not None

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.export_button,
            self.close_button,
            self.format_combo,
            self.path_edit,
            self.sessions_list,
            self.marking_combo,
        ):
            widget.setEnabled(not running)
        for check in self.section_boxes.values():
            check.setEnabled(not running)
        self.open_button.setVisible(False)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setValue(round(100 * done / total) if total else 0)
        self.status.setText(self.tr(what))

    def _on_succeeded(self, result: ExportResult) -> None:
        self.exported = result
        record_export(self._services, self._case.code, result)
        self.progress.setValue(100)
        lines = [self.tr("Saved {path}.").format(path=result.path)]
        lines += [self.tr(message) for message in result.messages()]
        self.status.setText("\n".join(lines))
        self.open_button.setVisible(True)
        self.open_button.setFocus()
        self.export_finished.emit(result)

    def _show_failure(self, message: str) -> None:
        self.progress.setValue(0)
        self.status.setText(message)
        if self._thread is None:
            self.export_finished.emit(None)

    def _on_thread_finished(self) -> None:
        failed = self.exported is None
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self._set_running(False)
        self.open_button.setVisible(not failed)
        if failed:
            self.export_finished.emit(None)

    def open_file(self) -> None:
        """Open the exported file in the program the system uses for it."""
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.path)))

    def reject(self) -> None:
        if self.is_running():
            self.status.setText(self.tr("Please wait: the export is being written."))
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_running():
            event.ignore()
            self.status.setText(self.tr("Please wait: the export is being written."))
            return
        super().closeEvent(event)


def _documents_folder() -> Path:
    from PySide6.QtCore import QStandardPaths

    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


def _disable_item(combo: QComboBox, index: int) -> None:
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(index)
        if item is not None:
            item.setEnabled(False)


def draw_timeline(study: CaseStudy) -> bytes:
    """The case's timeline picture, drawn by the chronology's timeline code."""
    from deepdive.ui.timeline.picture import timeline_png

    return timeline_png(study.case, list(study.events))
