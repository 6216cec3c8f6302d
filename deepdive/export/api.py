"""Exporting a case study (.docx, .md, .pdf); rendering Markdown is in :mod:`.render`."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from deepdive.export.accessibility import AccessibilityReport, check_accessibility
from deepdive.export.assemble import assemble_case_study
from deepdive.export.case_document import TimelinePicture, write_case_study_docx
from deepdive.export.contents import number_contents
from deepdive.export.errors import ExportError
from deepdive.export.libreoffice import LibreOffice, libreoffice
from deepdive.export.markdown_export import case_study_markdown
from deepdive.export.model import CaseStudy
from deepdive.export.options import (
    ExportFormat,
    ExportGate,
    ExportOptions,
    Progress,
)
from deepdive.export.output import (
    REFERENCE_DOCUMENT,
    check_destination,
    destination_kind,
    require_libreoffice,
    write_atomically,
)
from deepdive.export.result import ExportResult as ExportResult  # where callers find it
from deepdive.export.wordml import TextReport
from deepdive.files.destination import Inputs
from deepdive.files.kinds import FileKind
from deepdive.services import Services
from deepdive.text.links import UNSAFE_LINK_NOTE, defuse_markdown_links


def export_case_study(
    services: Services,
    case: str | int,
    out: Path,
    *,
    format: ExportFormat | None = None,
    options: ExportOptions | None = None,
    gate: ExportGate | None = None,
    timeline_png: TimelinePicture | None = None,
    progress: Progress | None = None,
    today: date | None = None,
) -> ExportResult:
    """Read the case (by code or id) through the services and export it to ``out``."""
    options = options or ExportOptions()
    study = assemble_case_study(services, case, options, today=today)
    result = write_case_study(
        study,
        out,
        format=format,
        options=options,
        gate=gate,
        timeline_png=timeline_png,
        progress=progress,
    )
    record_export(services, study.case.code, result, checked=gate is not None)
    return result


def record_export(
    services: Services, case_code: str, result: ExportResult, *, checked: bool = True
) -> None:
    """Add the export to the workspace's audit log (when, which case, file, checksum)."""
    verdict = "leak check passed" if checked else "not checked"
    services.audit.record_export(case_code, result.format.value, result.path, verdict)


def write_case_study(
    study: CaseStudy,
    out: Path,
    *,
    format: ExportFormat | None = None,
    options: ExportOptions | None = None,
    gate: ExportGate | None = None,
    timeline_png: TimelinePicture | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write an assembled case study; nothing appears at ``out`` unless it is complete."""
    options = options or ExportOptions()
    kind = format or ExportFormat.for_path(out) or ExportFormat.DOCX
    writes = destination_kind(kind)
    reads = {REFERENCE_DOCUMENT: options.reference_doc}
    check_destination(out, writes, reads)
    notes: list[str] = []
    if timeline_png is None and study.events:
        notes.append("The timeline picture was left out: it is drawn by the desktop app.")
    job = _Job(study, options, out, gate, timeline_png, progress, writes, reads, notes)
    if kind is ExportFormat.MD:
        report, checked = _write_markdown(job)
    elif kind is ExportFormat.DOCX:
        report, checked = _write_word(job)
    else:
        report, checked = _write_pdf(job)
    return ExportResult(out, kind, report.dropped, tuple(notes + report.notes), checked)


@dataclass(frozen=True)
class _Job:
    """One case study being written, and where."""

    study: CaseStudy
    options: ExportOptions
    out: Path
    gate: ExportGate | None
    timeline_png: TimelinePicture | None
    progress: Progress | None
    writes: FileKind
    reads: Inputs
    notes: list[str]

    def docx(self, path: Path) -> TextReport:
        """Write the study as Word at ``path``; what was left out or changed."""
        return write_case_study_docx(
            self.study, self.options, path, timeline_png=self.timeline_png, progress=self.progress
        )


Written = tuple[TextReport, AccessibilityReport | None]


def _write_markdown(job: _Job) -> Written:
    report = TextReport()
    text, defused = defuse_markdown_links(report.clean(case_study_markdown(job.study, job.options)))
    if defused:
        report.note_once(UNSAFE_LINK_NOTE)
    write_atomically(
        job.out,
        lambda path: path.write_text(text, encoding="utf-8"),
        job.gate,
        job.writes,
        job.reads,
    )
    return report, None


def _write_word(job: _Job) -> Written:
    report = TextReport()
    checked: AccessibilityReport | None = None
    with libreoffice() as office:

        def write_docx(path: Path) -> None:
            nonlocal report, checked
            report = job.docx(path)
            _number_contents(path, office, job.notes, job.progress)
            checked = check_accessibility(path)

        write_atomically(job.out, write_docx, job.gate, job.writes, job.reads)
    return report, checked


def _write_pdf(job: _Job) -> Written:
    with (
        libreoffice(require_libreoffice()) as office,
        tempfile.TemporaryDirectory(prefix="deepdive-export-") as work,
    ):
        docx_path = Path(work) / f"{job.study.case.code}.docx"
        try:
            report = write_case_study_docx(
                job.study,
                job.options,
                docx_path,
                timeline_png=job.timeline_png,
                progress=job.progress,
            )
        except OSError as exc:
            raise ExportError(f"Cannot write a temporary file: {exc.strerror}.") from exc
        # The PDF's own layout numbers its contents (one LibreOffice run, not two).
        checked = check_accessibility(docx_path)
        if job.gate is not None:
            job.gate(docx_path)
        assert office is not None  # require_libreoffice() found it
        write_atomically(
            job.out,
            lambda path: office.to_pdf(docx_path, path, number_contents=True),
            None,
            job.writes,
            job.reads,
        )
    return report, checked


def _number_contents(
    path: Path, office: LibreOffice | None, notes: list[str], progress: Progress | None
) -> None:
    """Lay the finished document out once and write its contents page's page numbers."""
    if progress is not None:
        progress(99, 100, "Numbering the contents page")
    note = number_contents(path, office)
    if note:
        notes.append(note)
