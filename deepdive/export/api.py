"""Exporting a case study (.docx, .md, .pdf); rendering Markdown is in :mod:`.render`."""

from __future__ import annotations

import tempfile
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
    report = TextReport()
    checked: AccessibilityReport | None = None
    if kind is ExportFormat.MD:
        text, defused = defuse_markdown_links(report.clean(case_study_markdown(study, options)))
        if defused:
            report.note_once(UNSAFE_LINK_NOTE)
        write_atomically(
            out, lambda path: path.write_text(text, encoding="utf-8"), gate, writes, reads
        )
    elif kind is ExportFormat.DOCX:
        with libreoffice() as office:

            def write_docx(path: Path) -> None:
                nonlocal report, checked
                report = write_case_study_docx(
                    study, options, path, timeline_png=timeline_png, progress=progress
                )
                _number_contents(path, office, notes, progress)
                checked = check_accessibility(path)

            write_atomically(out, write_docx, gate, writes, reads)
    else:
        with (
            libreoffice(require_libreoffice()) as office,
            tempfile.TemporaryDirectory(prefix="deepdive-export-") as work,
        ):
            docx_path = Path(work) / f"{study.case.code}.docx"
            try:
                report = write_case_study_docx(
                    study, options, docx_path, timeline_png=timeline_png, progress=progress
                )
            except OSError as exc:
                raise ExportError(f"Cannot write a temporary file: {exc.strerror}.") from exc
            # The PDF's own layout numbers its contents (one LibreOffice run, not two).
            checked = check_accessibility(docx_path)
            if gate is not None:
                gate(docx_path)
            assert office is not None  # require_libreoffice() found it
            write_atomically(
                out,
                lambda path: office.to_pdf(docx_path, path, number_contents=True),
                None,
                writes,
                reads,
            )
    return ExportResult(out, kind, report.dropped, tuple(notes + report.notes), checked)


def _number_contents(
    path: Path, office: LibreOffice | None, notes: list[str], progress: Progress | None
) -> None:
    """Lay the finished document out once and write its contents page's page numbers."""
    if progress is not None:
        progress(99, 100, "Numbering the contents page")
    note = number_contents(path, office)
    if note:
        notes.append(note)
