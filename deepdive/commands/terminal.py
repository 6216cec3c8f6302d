"""Everything the command line prints passes through one sanitising function.

Text from a workspace, a template another team shared, a bundle or a scanned file
can hold escape sequences and other control characters; printed raw, they would
drive the terminal (clear the screen, rewrite earlier lines, retitle the window) or
reorder what is shown. :func:`terminal_safe_output` puts
:func:`deepdive.text.clean.for_terminal` between every command and the terminal, so
no command, however it prints, can print them.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from deepdive.text.clean import for_terminal


class _SafeStream(io.TextIOBase):
    """A text stream that writes what it is given through :func:`for_terminal`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self._stream.flush()

    def fileno(self) -> int:
        return self._stream.fileno()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._stream.encoding

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return self._stream.errors


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    """While inside, standard output and standard error print no control characters."""
    saved = sys.stdout, sys.stderr
    if sys.stdout is not None:  # None in a windowed app on Windows
        sys.stdout = _SafeStream(sys.stdout)
    if sys.stderr is not None:
        sys.stderr = _SafeStream(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
