"""Exporting a case study (.docx, .md, .pdf) and rendering any Markdown file as .docx."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from deepdive.export.assemble import assemble_case_study
from deepdive.export.case_document import TimelinePicture, write_case_study_docx
from deepdive.export.errors import ExportError
from deepdive.export.markdown_export import case_study_markdown
from deepdive.export.model import CaseStudy
from deepdive.export.options import (
    DEFAULT_MARKING,
    ExportFormat,
    ExportGate,
    ExportOptions,
    Progress,
)
from deepdive.export.output import (
    REFERENCE_DOCUMENT,
    check_destination,
    convert_to_pdf,
    destination_kind,
    require_libreoffice,
    write_atomically,
)
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import TextReport
from deepdive.services import Services
from deepdive.text.links import UNSAFE_LINK_NOTE, defuse_markdown_links

_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


@dataclass(frozen=True)
class ExportResult:
    """What was written, and anything the person exporting should know."""

    path: Path
    format: ExportFormat
    dropped_characters: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def messages(self) -> list[str]:
        """Plain sentences for the person exporting (dropped characters, skipped parts)."""
        out = list(self.notes)
        if self.dropped_characters:
            out.append(
                f"{self.dropped_characters} control character(s) that a document cannot hold "
                "were left out."
            )
        return out


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
    if kind is ExportFormat.MD:
        text, defused = defuse_markdown_links(report.clean(case_study_markdown(study, options)))
        if defused:
            report.note_once(UNSAFE_LINK_NOTE)
        write_atomically(
            out, lambda path: path.write_text(text, encoding="utf-8"), gate, writes, reads
        )
    elif kind is ExportFormat.DOCX:

        def write_docx(path: Path) -> None:
            nonlocal report
            report = write_case_study_docx(
                study, options, path, timeline_png=timeline_png, progress=progress
            )

        write_atomically(out, write_docx, gate, writes, reads)
    else:
        require_libreoffice()  # say so before any work is done
        with tempfile.TemporaryDirectory(prefix="deepdive-export-") as work:
            docx_path = Path(work) / f"{study.case.code}.docx"
            try:
                report = write_case_study_docx(
                    study, options, docx_path, timeline_png=timeline_png, progress=progress
                )
            except OSError as exc:
                raise ExportError(f"Cannot write a temporary file: {exc.strerror}.") from exc
            if gate is not None:
                gate(docx_path)
            write_atomically(out, lambda path: convert_to_pdf(docx_path, path), None, writes, reads)
    return ExportResult(out, kind, report.dropped, tuple(notes + report.notes))


def render_markdown_file(
    source: Path,
    out: Path,
    *,
    reference_doc: Path | None = None,
    marking: str | None = DEFAULT_MARKING,
    gate: ExportGate | None = None,
) -> ExportResult:
    """Turn any Markdown file into a house-style Word document."""
    reads = {"the Markdown file being rendered": source, REFERENCE_DOCUMENT: reference_doc}
    check_destination(out, inputs=reads)
    report = TextReport()
    text = report.clean(read_markdown(source))
    match = _FIRST_HEADING.search(text)
    title = match.group(1).strip() if match else source.stem

    def write(path: Path) -> None:
        doc = WordDocument(reference_doc)
        doc.state.report = report
        doc.add(doc.markdown.blocks(text))
        doc.finish(title=title, marking=marking, label=title)
        doc.save(path)

    write_atomically(out, write, gate, inputs=reads)
    return ExportResult(out, ExportFormat.DOCX, report.dropped, tuple(report.notes))


def read_markdown(source: Path) -> str:
    """A Markdown file's text (UTF-8, with or without a byte-order mark)."""
    try:
        data = source.read_bytes()
    except IsADirectoryError:
        raise ExportError(f"{source} is a folder, not a Markdown file.") from None
    except OSError as exc:
        raise ExportError(f"Cannot read {source}: {exc.strerror or exc}.") from exc
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ExportError(
            f"{source.name}, line {line}: is not UTF-8 text; save it as UTF-8 and try again."
        ) from exc
