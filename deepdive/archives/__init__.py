"""Zip archives someone sent (.docx, .dotx, .xlsx, .ddcase), read within limits.

One reader for every archive DeepDive opens: chronology import from Word, reference
documents, the identifier scan and case bundles alike.
"""

from deepdive.archives.reader import (
    ArchiveError,
    ArchiveLimits,
    NotAnArchiveError,
    SafeArchive,
    size_text,
)
from deepdive.archives.word import (
    OWN_EXPORT_LIMITS,
    WORD_LIMITS,
    MarkupBudget,
    open_word_document,
    read_word_parts,
    xml_parser,
)
from deepdive.archives.workbook import WORKBOOK_LIMITS, open_workbook, read_workbook_parts

__all__ = [
    "OWN_EXPORT_LIMITS",
    "WORD_LIMITS",
    "WORKBOOK_LIMITS",
    "ArchiveError",
    "ArchiveLimits",
    "MarkupBudget",
    "NotAnArchiveError",
    "SafeArchive",
    "open_word_document",
    "open_workbook",
    "read_word_parts",
    "read_workbook_parts",
    "size_text",
    "xml_parser",
]
