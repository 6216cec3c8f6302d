"""Rendering any Markdown file as a house-style Word document (``deepdive render``).

Kept apart from the case study export so that rendering imports no workspace,
services or database code: it is a whole process that should start quickly.
"""

from __future__ import annotations

import re
from pathlib import Path

from deepdive.export.accessibility import AccessibilityReport, check_word_document
from deepdive.export.errors import ExportError
from deepdive.export.options import DEFAULT_MARKING, ExportFormat, ExportGate
from deepdive.export.output import REFERENCE_DOCUMENT, check_destination, write_atomically
from deepdive.export.result import ExportResult
from deepdive.export.word_document import WordDocument
from deepdive.export.wordml import TextReport

_FIRST_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


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
    checked: AccessibilityReport | None = None
    text = report.clean(read_markdown(source))
    match = _FIRST_HEADING.search(text)
    title = match.group(1).strip() if match else source.stem

    def write(path: Path) -> None:
        nonlocal checked
        doc = WordDocument(reference_doc)
        doc.state.report = report
        doc.add(doc.markdown.blocks(text))
        doc.finish(title=title, marking=marking, label=title)
        checked = check_word_document(doc.document)
        doc.save(path)

    write_atomically(out, write, gate, inputs=reads)
    return ExportResult(out, ExportFormat.DOCX, report.dropped, tuple(report.notes), checked)


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
