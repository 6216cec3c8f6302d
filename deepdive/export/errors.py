"""Errors an export can meet, each with a message fit to show as it is."""

from __future__ import annotations

from deepdive.errors import DeepDiveError


class ExportError(DeepDiveError):
    """The export could not be written; nothing was written at the destination."""


class ReferenceDocError(ExportError):
    """The reference document (a team's .docx/.dotx) cannot be used."""


class LibreOfficeMissingError(ExportError):
    """PDF export needs LibreOffice, and it is not installed."""
