"""File ▸ Export case study…: choose what goes in, then write it on a worker thread.

The case is read through the services on the UI thread (quick), and the timeline is
drawn there too (Qt drawing belongs to the GUI thread). Writing the document, the slow
part for a big chronology, runs on a QThread; the worker only emits signals and never
touches a widget. When it is done the dialog offers to open the file.

Every export passes the leak check before the file appears at its destination. With
the key vault unlocked it looks for every registered name and identifier and
"shifted dates" uses the case's secret shift. Exports fail closed: when the
workspace has a key vault, Export asks to unlock it and writes nothing while it stays
locked; only a workspace with no vault is checked for patterns and likely names
alone. Possible unregistered names stop the worker and ask the user as every app
export does (:class:`~deepdive.ui.privacy.possible_names.PossibleNamesQuestion`);
"Cancel" writes nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
    QMessageBox,
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
    TimelineSpec,
    assemble_case_study,
    record_export,
    study_timeline_spec,
    write_case_study,
)
from deepdive.export.gate import LeakCheckGate, gate_with_vault
from deepdive.export.output import (
    REFERENCE_DOCUMENT,
    check_destination,
    destination_kind,
    find_libreoffice,
)
from deepdive.files.special import refuse_special_file
from deepdive.privacy.vault import default_vault_path
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.ui.privacy.possible_names import PossibleNamesQuestion

if TYPE_CHECKING:
    from deepdive.privacy.leakcheck import LeakReport
    from deepdive.privacy.places import Located
    from deepdive.privacy.vault import Vault
    from deepdive.ui.privacy.context import PrivacyContext

_NO_MARKING = "None"
_FORMATS = (
    (ExportFormat.DOCX, "Word document (.docx)"),
    (ExportFormat.PDF, "PDF (.pdf)"),
    (ExportFormat.MD, "Markdown (.md)"),
)


ANSWER_TIMEOUT_S = 30 * 60.0
"""How long an export waits for the user's answer about possible names."""


class NoAnswerError(DeepDiveError):
    """Nobody answered the question about possible names in time; nothing was written."""


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:g} seconds"


class ExportWorker(QObject):
    """Writes an assembled case study; lives on a worker thread, talks only by signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(str)
    confirm_needed = Signal(object)  # LeakReport with possible names: answer()

    def __init__(
        self,
        study: CaseStudy,
        out: Path,
        kind: ExportFormat,
        options: ExportOptions,
        gate: ExportGate | None,
        picture: tuple[TimelineSpec | None, bytes] | None,
    ) -> None:
        """``picture`` is the timeline drawn ahead on the GUI thread, with its spec."""
        super().__init__()
        self._job = (study, out, kind, options, picture)
        self.gate = gate
        self._answered = threading.Event()
        self._answer = False
        self.answer_timeout_s = ANSWER_TIMEOUT_S

    def ask(self, report: LeakReport) -> bool:
        """Ask the dialog (on the GUI thread) about possible names, and wait for the
        answer (called by the gate, on the worker thread).

        The wait is bounded: with no answer within :attr:`answer_timeout_s` the export
        stops (nothing is written) rather than holding its thread for ever.
        """
        self._answered.clear()
        self.confirm_needed.emit(report)
        if not self._answered.wait(self.answer_timeout_s):
            raise NoAnswerError(
                f"No answer came about the possible names within "
                f"{_duration(self.answer_timeout_s)}, so the export stopped; nothing was "
                "written. Export again when you are ready."
            )
        return self._answer

    def answer(self, go_ahead: bool) -> None:
        """The user's answer to :meth:`ask` (called on the GUI thread)."""
        self._answer = go_ahead
        self._answered.set()

    def run(self) -> None:
        """Write the file (called on the worker thread)."""
        study, out, kind, options, picture = self._job

        def drawn(spec: TimelineSpec) -> bytes:  # the picture drawn for this very spec
            return picture[1] if picture is not None and picture[0] == spec else b""

        try:
            result = write_case_study(
                study,
                out,
                format=kind,
                options=options,
                gate=self.gate,
                timeline_png=drawn if picture is not None else None,
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
        remember_folder: Callable[[Path], None] | None = None,
        timeline: Callable[[TimelineSpec], bytes] | None = None,
        gate: ExportGate | None = None,
        privacy: PrivacyContext | None = None,
        unlock: Callable[[], object] | None = None,
        vault_path: Path | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """``privacy`` holds the key vault while it is unlocked; ``unlock`` asks for it
        (the Privacy menu's unlock). When the vault at ``vault_path`` (default: beside
        the workspace) exists, nothing is written until it is unlocked. ``gate``
        replaces the leak check (tests). The file is proposed in ``folder`` when it
        exists (the last one used for this workspace), else in the user's documents
        folder (created if missing); ``remember_folder`` is told where each export went."""
        super().__init__(parent)
        self._services = services
        self._vault_path = vault_path or default_vault_path(services.workspace.path)
        self._case = case
        self.case_code = case.code
        self._timeline = timeline
        self._fixed_gate = gate
        self._gate: ExportGate | None = None
        self._question = PossibleNamesQuestion(self)
        self._privacy = privacy
        self._unlock = unlock
        self._remember_folder = remember_folder
        self._failed = False  # a failure is shown: cleared when another file is chosen
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self.exported: ExportResult | None = None
        self.setWindowTitle(self.tr("Export case study — {code}").format(code=case.code))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        start = folder if folder is not None and folder.is_dir() else _documents_folder()
        layout.addWidget(self._build_file_box(start))
        columns = QHBoxLayout()
        columns.addWidget(self._build_sections_box(), 1)
        columns.addWidget(self._build_sessions_box(), 1)
        layout.addLayout(columns)
        layout.addWidget(self._build_document_box(marking, reference_doc))
        layout.addWidget(self._build_privacy_box())
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
        self.fix_button = QPushButton(self.tr("Show where, and &fix…"), self)
        self.fix_button.setAccessibleName(
            self.tr("Close this dialog and list the identifiers that stopped the export")
        )
        self.fix_button.setVisible(False)
        self.fix_button.clicked.connect(self._fix_findings)
        self.to_fix: list[Located] = []  # what stopped the export, once "fix" is chosen
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setAccessibleName(self.tr("Close this dialog"))
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.fix_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        if privacy is not None:
            privacy.vault_changed.connect(self._show_vault_state)
        self._show_vault_state()

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
        self.path_edit.textChanged.connect(self._on_path_changed)
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

    def _build_privacy_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Leak check"), self)
        row = QHBoxLayout(box)
        self.privacy_note = QLabel(box)
        self.privacy_note.setWordWrap(True)
        self.privacy_note.setAccessibleName(self.tr("What the leak check looks for"))
        self.unlock_button = QPushButton(self.tr("&Unlock key vault…"), box)
        self.unlock_button.setAccessibleName(self.tr("Unlock the key vault"))
        self.unlock_button.clicked.connect(self.unlock_vault)
        row.addWidget(self.privacy_note, 1)
        row.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    # -------------------------------------------------------------------- vault
    def vault(self) -> Vault | None:
        """The key vault, while it is unlocked."""
        return self._privacy.vault if self._privacy is not None else None

    def unlock_vault(self) -> None:
        """Ask for the passphrase (through the Privacy menu) and use the vault."""
        if self._unlock is not None and self.vault() is None:
            self._unlock()
        self._show_vault_state()

    def _vault_ready(self) -> bool:
        """Fail closed: a key vault that exists is unlocked (asked for now) first."""
        if self.vault() is not None or not self._vault_path.exists():
            return True
        self.unlock_vault()
        return self.vault() is not None

    def _show_vault_state(self) -> None:
        unlocked = self.vault() is not None
        _enable_item(self.dates_combo, 2, unlocked)
        self.dates_combo.setItemData(
            2,
            None if unlocked else self.tr("Unlock the key vault to export shifted dates."),
            Qt.ItemDataRole.ToolTipRole,
        )
        self.dates_note.setVisible(not unlocked)
        self.unlock_button.setVisible(not unlocked and self._unlock is not None)
        if unlocked:
            self.privacy_note.setText(
                self.tr(
                    "Before the file is saved, it is checked for the real names and "
                    "identifiers registered in the key vault, and for NHS and NI numbers, "
                    "postcodes, phone numbers, emails, addresses and dates of birth. "
                    "Anything found stops the export; possible names are shown to you first."
                )
            )
        elif self._vault_path.exists():
            self.privacy_note.setText(
                self.tr(
                    "The key vault is locked. It is needed to export, so that the check "
                    "looks for its registered names: Export asks for its passphrase first."
                )
            )
        else:
            self.privacy_note.setText(
                self.tr(
                    "The key vault is locked, so registered names are not looked for: the "
                    "check finds patterns (NHS and NI numbers, postcodes, phone numbers, "
                    "emails, addresses, dates of birth) and likely names only."
                )
            )

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

    def _on_path_changed(self) -> None:
        """Another file is chosen: what was said about the last one no longer applies."""
        if self._failed and not self.is_running():
            self._failed = False
            self.progress.setValue(0)
            self.status.setText(self.tr("Choose what to include, then export."))

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
        try:  # before any work: never a workspace, a vault, a backup, another kind,
            # nor the reference document it is made from
            check_destination(
                out,
                destination_kind(self.chosen_format()),
                {REFERENCE_DOCUMENT: options.reference_doc},
            )
            if options.reference_doc is not None:  # typed: it can name a pipe
                refuse_special_file(options.reference_doc)
        except DeepDiveError as exc:
            self._show_failure(str(exc))
            self._explain_refusal(str(exc))
            return
        if not self._vault_ready():
            self._show_failure(
                self.tr(
                    "This workspace has a key vault: unlock it to export, so the check looks "
                    "for its registered names. Nothing was written."
                )
            )
            return
        vault = self.vault()
        if options.date_mode is DateMode.SHIFTED:
            if vault is None:
                self._show_failure(self.tr("Unlock the key vault to export shifted dates."))
                return
            try:  # a case new to the vault gets its secret shift now
                shift = vault.ensure_case(self._case.code).date_shift_days
            except DeepDiveError as exc:
                self._show_failure(str(exc))
                return
            options = replace(options, date_shift_days=shift)
        try:
            study = assemble_case_study(self._services, self._case.id, options)
        except DeepDiveError as exc:
            self._show_failure(str(exc))
            return
        picture: tuple[TimelineSpec | None, bytes] | None = None
        if self._timeline is not None and Section.TIMELINE in options.sections and study.events:
            try:  # the spec's strings are the export's: dates as the export shows them
                spec = study_timeline_spec(study, options)
                if spec is not None:
                    picture = (spec, self._timeline(spec))
            except Exception:  # drawing must never cost the export: it goes without
                picture = (None, b"")
        worker = ExportWorker(study, out, self.chosen_format(), options, self._fixed_gate, picture)
        if self._fixed_gate is None:
            try:  # every case's registered identifiers while the vault is unlocked
                worker.gate = gate_with_vault(
                    self._services, vault, [self._case.code], confirm=worker.ask
                )
            except DeepDiveError as exc:
                self._show_failure(str(exc))
                return
        self._gate = worker.gate
        self._question = PossibleNamesQuestion(self)
        self.exported = None  # a second export from the same dialog starts afresh
        self._set_running(True)
        self.status.setText(self.tr("Exporting…"))
        thread = QThread(self)
        worker.moveToThread(thread)
        thread.started.connect(worker.run)
        worker.progressed.connect(self._on_progress)
        worker.confirm_needed.connect(self._confirm_possible_names)
        worker.succeeded.connect(self._on_succeeded)
        worker.failed.connect(self._show_failure)
        worker.succeeded.connect(thread.quit)
        worker.failed.connect(thread.quit)
        thread.finished.connect(self._on_thread_finished)
        self._thread, self._worker = thread, worker
        thread.start()

    def _explain_refusal(self, message: str) -> None:
        """A message box over the dialog (not blocking it) saying why nothing was written."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Export case study"),
            message,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("destinationRefused")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def is_running(self) -> bool:
        """Whether an export is being written now."""
        return self._thread is not None

    def _set_running(self, running: bool) -> None:
        for widget in (
            self.export_button,
            self.close_button,
            self.fix_button,
            self.format_combo,
            self.path_edit,
            self.sessions_list,
            self.marking_combo,
            self.dates_combo,
            self.reference_edit,
            self.authors_edit,
            self.unlock_button,
        ):
            widget.setEnabled(not running)
        for check in self.section_boxes.values():
            check.setEnabled(not running)
        self.open_button.setVisible(False)
        self.fix_button.setVisible(False)

    def _confirm_possible_names(self, report: LeakReport) -> None:
        """The check found possible names: the user decides (the worker waits)."""
        self.status.setText(self.tr("Possible names were found; waiting for your answer…"))
        go_ahead = False
        try:
            go_ahead = self._question(report)
        finally:
            if self._worker is not None:
                self._worker.answer(go_ahead)

    def _on_progress(self, done: int, total: int, what: str) -> None:
        self.progress.setValue(round(100 * done / total) if total else 0)
        self.status.setText(self.tr(what))

    def _on_succeeded(self, result: ExportResult) -> None:
        self.exported = result
        if isinstance(self._gate, LeakCheckGate):
            self._services.audit.record_export(
                self._case.code,
                result.format.value,
                result.path,
                self._gate.verdict(self._question.how),
            )
        else:
            record_export(self._services, self._case.code, result)
        self.progress.setValue(100)
        self._failed = False
        if self._remember_folder is not None:
            self._remember_folder(result.path.parent)
        lines = [self.tr("Saved {path}.").format(path=result.path)]
        lines += [self.tr(message) for message in result.messages()]
        if result.accessibility is not None and result.accessibility.passed:
            lines.append(
                self.tr(
                    "Accessibility check passed: alt text, headings, table headers, "
                    "contrast, title and language."
                )
            )
        self.status.setText("\n".join(lines))
        self.open_button.setVisible(True)
        self.open_button.setFocus()
        self.export_finished.emit(result)

    def _show_failure(self, message: str) -> None:
        self.progress.setValue(0)
        self.status.setText(message)
        self._failed = True
        if self._thread is None:
            self.export_finished.emit(None)

    def _on_thread_finished(self) -> None:
        failed = self.exported is None
        if self._thread is not None:
            self._thread.deleteLater()
        self._thread, self._worker = None, None
        self._set_running(False)
        self.open_button.setVisible(not failed)
        self.fix_button.setVisible(failed and bool(self._blocking_found()))
        if failed:
            self.export_finished.emit(None)

    def _blocking_found(self) -> list[Located]:
        """What stopped the last export, each at its place in the case (if it did)."""
        gate = self._gate
        if not isinstance(gate, LeakCheckGate) or gate.report is None:
            return []
        if not gate.report.blocking:
            return []
        return [found for found in gate.located if found.finding.blocking]

    def _fix_findings(self) -> None:
        """Close, leaving the findings for the window to list (see ``to_fix``)."""
        self.to_fix = self._blocking_found()
        self.reject()

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


def _disable_item(combo: QComboBox, index: int) -> None:
    _enable_item(combo, index, False)


def _enable_item(combo: QComboBox, index: int, enabled: bool) -> None:
    model = combo.model()
    if isinstance(model, QStandardItemModel):
        item = model.item(index)
        if item is not None:
            item.setEnabled(enabled)


def draw_timeline(spec: TimelineSpec) -> bytes:
    """An export's timeline picture, drawn by the chronology's timeline code from the
    spec the export worked out (every string in it presented already)."""
    from deepdive.ui.timeline.picture import spec_png

    return spec_png(spec)
