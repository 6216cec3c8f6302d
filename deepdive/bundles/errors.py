"""Errors met exporting or importing a case bundle, with messages fit to show."""

from __future__ import annotations

from deepdive.errors import DeepDiveError


class BundleError(DeepDiveError):
    """A bundle cannot be written or read; on import, nothing was written."""


class BundleCodeConflict(BundleError):
    """The workspace already has a case with the bundle's code.

    Import it as a copy under ``suggested`` (or another new code), or cancel.
    """

    def __init__(self, message: str, code: str, suggested: str) -> None:
        super().__init__(message)
        self.code = code
        self.suggested = suggested
