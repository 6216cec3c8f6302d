"""Cleaning text on its way into the workspace.

Anything a person can type or paste is kept, including emoji and right-to-left
scripts. Only control characters that no document format can hold are dropped, so a
stray byte from a pasted PDF never breaks an export later. Direction controls
(U+202E and the like) are removed from one-line fields and kept as visible marks in
multi-line text (see :mod:`deepdive.text.clean`).
"""

from __future__ import annotations

from deepdive.text.clean import clean_line, clean_text

__all__ = ["clean_line", "clean_text"]
