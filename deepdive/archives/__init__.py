"""Zip archives someone sent (.docx, .dotx, .ddcase), read within limits.

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

__all__ = [
    "OWN_EXPORT_LIMITS",
    "WORD_LIMITS",
    "ArchiveError",
    "ArchiveLimits",
    "MarkupBudget",
    "NotAnArchiveError",
    "SafeArchive",
    "open_word_document",
    "read_word_parts",
    "size_text",
    "xml_parser",
]
