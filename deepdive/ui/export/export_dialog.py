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

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QThread, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QMessageBox,
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
    study_timeline_spec,
)
from deepdive.export.gate import gate_with_vault
from deepdive.export.output import (
    REFERENCE_DOCUMENT,
    check_destination,
    destination_kind,
)
from deepdive.files.special import refuse_special_file
from deepdive.privacy.vault import default_vault_path
from deepdive.services import Services
from deepdive.services.results import CaseDetail
from deepdive.ui.export.export_choices import ExportChoices, documents_folder
from deepdive.ui.export.export_footer import ExportFooter
from deepdive.ui.export.export_worker import ExportWorker, record_in_audit
from deepdive.ui.export.leak_check_box import LeakCheckBox, blocking_found
from deepdive.ui.privacy.possible_names import PossibleNamesQuestion
from deepdive.ui.widgets.worker_thread import worker_thread

if TYPE_CHECKING:
    from deepdive.privacy.leakcheck import LeakReport
    from deepdive.privacy.places import Located
    from deepdive.privacy.vault import Vault
    from deepdive.ui.privacy.context import PrivacyContext


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
        self._remember_folder = remember_folder
        self._failed = False  # a failure is shown: cleared when another file is chosen
        self._thread: QThread | None = None
        self._worker: ExportWorker | None = None
        self.exported: ExportResult | None = None
        self.setWindowTitle(self.tr("Export case study — {code}").format(code=case.code))
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        start = folder if folder is not None and folder.is_dir() else documents_folder()
        self.choices = ExportChoices(services, case, start, marking, reference_doc, self)
        # The controls by name, for the export and for tests.
        self.format_combo = self.choices.format_combo
        self.path_edit = self.choices.path_edit
        self.section_boxes = self.choices.section_boxes
        self.sessions_list = self.choices.sessions_list
        self.dates_combo = self.choices.dates_combo
        self.dates_note = self.choices.dates_note
        self.marking_combo = self.choices.marking_combo
        self.reference_edit = self.choices.reference_edit
        self.authors_edit = self.choices.authors_edit
        self.path_edit.textChanged.connect(self._on_path_changed)
        layout.addWidget(self.choices)
        self.leak_check = LeakCheckBox(privacy, unlock, self._vault_path, self)
        self.leak_check.state_changed.connect(self._show_vault_state)
        self.privacy_note = self.leak_check.privacy_note
        self.unlock_button = self.leak_check.unlock_button
        layout.addWidget(self.leak_check)
        self.footer = ExportFooter(self)
        # The footer's parts by name, for the export and for tests.
        self.progress, self.status = self.footer.progress, self.footer.status
        self.open_button, self.export_button = self.footer.open_button, self.footer.export_button
        self.fix_button, self.close_button = self.footer.fix_button, self.footer.close_button
        self.open_button.clicked.connect(self.open_file)
        self.export_button.clicked.connect(self.start_export)
        self.fix_button.clicked.connect(self._fix_findings)
        self.close_button.clicked.connect(self.reject)
        self.to_fix: list[Located] = []  # what stopped the export, once "fix" is chosen
        layout.addWidget(self.footer)
        self._show_vault_state()

    # -------------------------------------------------------------------- vault
    def vault(self) -> Vault | None:
        """The key vault, while it is unlocked."""
        return self.leak_check.vault()

    def unlock_vault(self) -> None:
        """Ask for the passphrase (through the Privacy menu) and use the vault."""
        self.leak_check.unlock_vault()

    def _show_vault_state(self) -> None:
        self.leak_check.show_state()
        self.choices.show_shifted_dates(self.vault() is not None)

    # ------------------------------------------------------------------ choices
    def chosen_format(self) -> ExportFormat:
        """The format picked."""
        return self.choices.chosen_format()

    def options(self) -> ExportOptions:
        """The export options the controls describe."""
        return self.choices.options()

    def _on_path_changed(self) -> None:
        """Another file is chosen: what was said about the last one no longer applies."""
        if self._failed and not self.is_running():
            self._failed = False
            self.progress.setValue(0)
            self.status.setText(self.tr("Choose what to include, then export."))

    # ------------------------------------------------------------------ running
    def start_export(self) -> None:
        """Read the case, draw the timeline, then write the file on a worker thread."""
        ready = self._ready_to_export()
        if ready is None:
            return
        out, options, vault = ready
        try:
            study = assemble_case_study(self._services, self._case.id, options)
        except DeepDiveError as exc:
            self._show_failure(str(exc))
            return
        picture = self._picture(study, options)
        worker = ExportWorker(study, out, self.chosen_format(), options, self._fixed_gate, picture)
        if self._fixed_gate is None:
            try:  # every case's registered identifiers while the vault is unlocked
                worker.gate = gate_with_vault(
                    self._services, vault, [self._case.code], confirm=worker.ask
                )
            except DeepDiveError as exc:
                self._show_failure(str(exc))
                return
        self._start(worker)

    def _ready_to_export(self) -> tuple[Path, ExportOptions, Vault | None] | None:
        """Where to write, the options and the unlocked vault, once everything that would
        refuse the export has been checked (None: refused, and the dialog says why)."""
        text = self.path_edit.text().strip()
        if not text:
            self._show_failure(self.tr("Choose where to save the export."))
            return None
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
            return None
        if not self.leak_check.vault_ready():
            self._show_failure(
                self.tr(
                    "This workspace has a key vault: unlock it to export, so the check looks "
                    "for its registered names. Nothing was written."
                )
            )
            return None
        vault = self.vault()
        if options.date_mode is DateMode.SHIFTED:
            if vault is None:
                self._show_failure(self.tr("Unlock the key vault to export shifted dates."))
                return None
            try:  # a case new to the vault gets its secret shift now
                shift = vault.ensure_case(self._case.code).date_shift_days
            except DeepDiveError as exc:
                self._show_failure(str(exc))
                return None
            options = replace(options, date_shift_days=shift)
        return out, options, vault

    def _picture(
        self, study: CaseStudy, options: ExportOptions
    ) -> tuple[TimelineSpec | None, bytes] | None:
        """The timeline picture, drawn here on the GUI thread with its spec (None: the
        export has no timeline)."""
        if self._timeline is None or Section.TIMELINE not in options.sections:
            return None
        if not study.events:
            return None
        try:  # the spec's strings are the export's: dates as the export shows them
            spec = study_timeline_spec(study, options)
            return (spec, self._timeline(spec)) if spec is not None else None
        except Exception:  # drawing must never cost the export: it goes without
            return (None, b"")

    def _start(self, worker: ExportWorker) -> None:
        """Write the file on a worker thread, following it with the progress bar."""
        self._gate = worker.gate
        self._question = PossibleNamesQuestion(self)
        self.exported = None  # a second export from the same dialog starts afresh
        self._set_running(True)
        self.status.setText(self.tr("Exporting…"))
        thread = worker_thread(
            self,
            worker,
            progressed=self._on_progress,
            succeeded=self._on_succeeded,
            failed=self._show_failure,
            finished=self._on_thread_finished,
        )
        worker.confirm_needed.connect(self._confirm_possible_names)
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
        # Nothing can be changed while the file is written (the choices, every button).
        for widget in (
            self.choices,
            self.export_button,
            self.close_button,
            self.fix_button,
            self.unlock_button,
        ):
            widget.setEnabled(not running)
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
        # The step is named by the export (the core, which has no translations).
        self.status.setText(what)

    def _on_succeeded(self, result: ExportResult) -> None:
        self.exported = result
        record_in_audit(self._services, self._case.code, result, self._gate, self._question.how)
        self.progress.setValue(100)
        self._failed = False
        if self._remember_folder is not None:
            self._remember_folder(result.path.parent)
        lines = [self.tr("Saved {path}.").format(path=result.path)]
        # What the export says about the file is worded by the export (the core).
        lines += result.messages()
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
        self.fix_button.setVisible(failed and bool(blocking_found(self._gate)))
        if failed:
            self.export_finished.emit(None)

    def _fix_findings(self) -> None:
        """Close, leaving the findings for the window to list (see ``to_fix``)."""
        self.to_fix = blocking_found(self._gate)
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
