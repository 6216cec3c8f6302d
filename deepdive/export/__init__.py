"""Case study exports: Word (.docx), Markdown and PDF, in the house style or a team's.

Core code (no Qt). The app and the command line are composition roots: they supply
the timeline picture and the privacy gate (see :data:`ExportGate`).

Names are imported on first use (PEP 562): ``deepdive render`` needs the Word writer
but none of the workspace, services and database code the case study export reads.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deepdive.export.api import export_case_study, record_export, write_case_study
    from deepdive.export.assemble import assemble_case_study
    from deepdive.export.case_document import TimelinePicture
    from deepdive.export.errors import ExportError, LibreOfficeMissingError, ReferenceDocError
    from deepdive.export.model import CaseStudy, SessionWriteUp
    from deepdive.export.options import (
        DEFAULT_MARKING,
        DateMode,
        ExportFormat,
        ExportGate,
        ExportOptions,
        Progress,
        Section,
    )
    from deepdive.export.render import read_markdown, render_markdown_file
    from deepdive.export.result import ExportResult
    from deepdive.export.timeline_page import study_timeline_spec
    from deepdive.export.timeline_spec import (
        SpecEvent,
        SpecTick,
        TimelineDrawer,
        TimelineSpec,
    )

_WHERE = {
    "export_case_study": "api",
    "record_export": "api",
    "write_case_study": "api",
    "assemble_case_study": "assemble",
    "TimelinePicture": "case_document",
    "ExportError": "errors",
    "LibreOfficeMissingError": "errors",
    "ReferenceDocError": "errors",
    "CaseStudy": "model",
    "SessionWriteUp": "model",
    "DEFAULT_MARKING": "options",
    "DateMode": "options",
    "ExportFormat": "options",
    "ExportGate": "options",
    "ExportOptions": "options",
    "Progress": "options",
    "Section": "options",
    "read_markdown": "render",
    "render_markdown_file": "render",
    "ExportResult": "result",
    "SpecEvent": "timeline_spec",
    "SpecTick": "timeline_spec",
    "TimelineDrawer": "timeline_spec",
    "TimelineSpec": "timeline_spec",
    "study_timeline_spec": "timeline_page",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "DEFAULT_MARKING",
    "CaseStudy",
    "DateMode",
    "ExportError",
    "ExportFormat",
    "ExportGate",
    "ExportOptions",
    "ExportResult",
    "LibreOfficeMissingError",
    "Progress",
    "ReferenceDocError",
    "Section",
    "SessionWriteUp",
    "SpecEvent",
    "SpecTick",
    "TimelineDrawer",
    "TimelinePicture",
    "TimelineSpec",
    "assemble_case_study",
    "export_case_study",
    "read_markdown",
    "record_export",
    "render_markdown_file",
    "study_timeline_spec",
    "write_case_study",
]
