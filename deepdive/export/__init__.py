"""Case study exports: Word (.docx), Markdown and PDF, in the house style or a team's.

Core code (no Qt). The app and the command line are composition roots: they supply
the timeline picture and the privacy gate (see :data:`ExportGate`).
"""

from deepdive.export.api import (
    ExportResult,
    export_case_study,
    read_markdown,
    record_export,
    render_markdown_file,
    write_case_study,
)
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
from deepdive.export.timeline_spec import (
    SpecEvent,
    SpecTick,
    TimelineDrawer,
    TimelineSpec,
    study_timeline_spec,
)

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
