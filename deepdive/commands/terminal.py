"""Everything the command line prints passes through one sanitising function.

Text from a workspace, a template another team shared, a bundle or a scanned file
can hold escape sequences and other control characters; printed raw, they would
drive the terminal (clear the screen, rewrite earlier lines, retitle the window) or
reorder what is shown. :func:`terminal_safe_output` puts
:func:`deepdive.text.clean.for_terminal` between every command and the terminal, so
no command, however it prints, can print them.

The same streams notice when whoever reads the output has gone (``deepdive cases |
head -1`` closes the pipe after one line): writing then raises :class:`OutputClosed`,
which the command line ends quietly, as any Unix tool that a closed pipe stops.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from deepdive.text.clean import for_terminal


class OutputClosed(BaseException):
    """The reader of standard output or error has closed its end of the pipe.

    A BaseException, as KeyboardInterrupt is: no ``except Exception`` or ``except
    OSError`` in a command may mistake it for a failure of its own and report it.
    """

    def __init__(self, fileno: int | None) -> None:
        super().__init__("the reader of the output has gone")
        self.fileno = fileno
        """The closed stream's file descriptor (None if it has none)."""


class _SafeStream(io.TextIOBase):
    """A text stream that writes what it is given through :func:`for_terminal`."""

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            self._stream.write(for_terminal(text))
        except BrokenPipeError as exc:
            raise OutputClosed(self._fileno()) from exc
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError as exc:
            raise OutputClosed(self._fileno()) from exc

    def _fileno(self) -> int | None:
        try:
            return self._stream.fileno()
        except (OSError, ValueError):  # a stream with no descriptor (io.StringIO)
            return None

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


def flush_output() -> None:
    """Flush standard output and error now, inside the command, so a reader that has
    gone is met here (as :class:`OutputClosed`) rather than by Python's own flush at
    exit, which would print its complaint on stderr."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()


def silence(closed: OutputClosed) -> None:
    """Send what is left for the closed stream to the null device, so nothing still
    buffered for it fails again at exit."""
    if closed.fileno is None:
        return
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, closed.fileno)
    finally:
        os.close(null)
