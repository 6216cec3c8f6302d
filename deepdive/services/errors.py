"""Typed errors raised by services, each with a message fit to show the user."""

from __future__ import annotations

from deepdive.errors import DeepDiveError
from deepdive.storage.errors import ChangedElsewhereError, undo_refused

__all__ = [
    "ChangedElsewhereError",
    "DuplicateError",
    "NotFoundError",
    "ValidationError",
    "undo_refused",
]


class ValidationError(DeepDiveError):
    """Input that cannot be saved; ``field`` names the field to show the message beside."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class NotFoundError(DeepDiveError):
    """The thing asked for is not in the workspace (perhaps deleted elsewhere)."""


class DuplicateError(ValidationError):
    """The value must be unique in the workspace and is already used."""
