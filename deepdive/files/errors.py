"""Errors met when DeepDive chooses, checks or writes a file."""

from __future__ import annotations

from deepdive.errors import DeepDiveError


class DestinationError(DeepDiveError):
    """A destination was refused, or could not be written; nothing there was changed."""


class SpecialFileError(DeepDiveError):
    """A named pipe, device or socket was given where DeepDive needs an ordinary file."""
