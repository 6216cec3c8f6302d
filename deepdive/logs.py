"""Logging to the log folder. Tracebacks are kept; case text never is.

An exception's message can carry what the user typed (a pseudonym in a validation
message, parameters in a database error), so only the exception's type and the
stack of code locations are written.
"""

from __future__ import annotations

import logging
import logging.handlers
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from deepdive.files.private import make_private_folder, private_opener, tighten
from deepdive.paths import log_dir

LOG_NAME = "deepdive.log"
_logger = logging.getLogger("deepdive")


def configure_logging() -> Path:
    """Send DeepDive's log to a rotating file in the log folder; returns its path."""
    folder = log_dir()
    path = folder / LOG_NAME
    for existing in [h for h in _logger.handlers if isinstance(h, logging.FileHandler)]:
        if Path(existing.baseFilename) == path.absolute():
            return path
        # The data folder moved (another DEEPDIVE_DATA_DIR): log to the new one.
        _logger.removeHandler(existing)
        existing.close()
    try:
        make_private_folder(folder)
        handler = _PrivateRotatingFileHandler(
            path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return path
    # A log made by an older DeepDive may be readable by others.
    for made in (folder, *folder.glob(f"{LOG_NAME}*")):
        tighten(made)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)
    return path


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are readable by their owner only (0600)."""

    def _open(self) -> Any:
        return open(
            self.baseFilename,
            self.mode,
            encoding=self.encoding,
            errors=self.errors,
            opener=private_opener,
        )


# One record stays readable and small whatever the error: a RecursionError's thousand
# frames would otherwise fill half of the rotated log and push earlier history out.
MAX_RECORD_CHARS = 16_000
_KEPT_AT_EACH_END = 25
_LONGEST_CYCLE = 12
_seen: dict[tuple[str, ...], int] = {}


def log_note(message: str) -> None:
    """Write one line worth knowing later (never case text) to the log."""
    configure_logging()
    _logger.info(message)


def scrubbed_traceback(
    exc_type: type[BaseException], tb: TracebackType | None, exc: BaseException | None = None
) -> str:
    """The traceback's code locations and the exception type, without any message.

    A missing module is named, though: a module name is code, never case text, and
    without it a broken installation cannot be diagnosed. Frames repeated by
    recursion are written once with a count, a very long stack keeps its two ends,
    and the whole is at most :data:`MAX_RECORD_CHARS` characters.
    """
    frames = "".join(compact_frames(traceback.extract_tb(tb)))
    detail = ""
    if isinstance(exc, ImportError) and exc.name:
        detail = f" (module {exc.name!r})"
    record = (
        "Traceback (most recent call last):\n"
        f"{frames}{exc_type.__module__}.{exc_type.__qualname__}{detail}"
    )
    if len(record) > MAX_RECORD_CHARS:
        half = MAX_RECORD_CHARS // 2
        record = (
            f"{record[:half]}\n  [… {len(record) - 2 * half} characters left out …]\n"
            + (record[-half:])
        )
    return record


def compact_frames(stack: traceback.StackSummary) -> list[str]:
    """One short entry per frame (location and source line), recursion folded up."""
    lines = [_frame_text(frame) for frame in stack]
    folded: list[str] = []
    n = 0
    while n < len(lines):
        period, repeats = _cycle_at(lines, n)
        if repeats > 2:
            folded += lines[n : n + period]
            folded.append(f"  [the {_frames(period)} above repeated {repeats - 1} more times]\n")
            n += period * repeats
        else:
            folded.append(lines[n])
            n += 1
    if len(folded) > 2 * _KEPT_AT_EACH_END:
        left_out = len(folded) - 2 * _KEPT_AT_EACH_END
        folded = [
            *folded[:_KEPT_AT_EACH_END],
            f"  [… {left_out} more entries left out …]\n",
            *folded[-_KEPT_AT_EACH_END:],
        ]
    return folded


def _frame_text(frame: traceback.FrameSummary) -> str:
    source = f"\n    {frame.line.strip()}" if frame.line else ""
    return f'  File "{frame.filename}", line {frame.lineno}, in {frame.name}{source}\n'


def _cycle_at(lines: list[str], start: int) -> tuple[int, int]:
    """The shortest run of frames that repeats from ``start``, and how many times."""
    for period in range(1, _LONGEST_CYCLE + 1):
        unit = lines[start : start + period]
        if len(unit) < period:
            break
        repeats = 1
        while lines[start + repeats * period : start + (repeats + 1) * period] == unit:
            repeats += 1
        if repeats > 2:
            return period, repeats
    return 1, 1


def _frames(n: int) -> str:
    return "frame" if n == 1 else f"{n} frames"


def log_exception(
    exc_type: type[BaseException],
    tb: TracebackType | None,
    where: str = "application",
    exc: BaseException | None = None,
) -> Path:
    """Log an unexpected error without its message; returns the log file's path.

    The same error again (a paint handler failing on every repaint, say) is logged as
    one short line, and after the tenth time only at every power of ten.
    """
    path = configure_logging()
    record = scrubbed_traceback(exc_type, tb, exc)
    signature = (where, record)
    count = _seen[signature] = _seen.get(signature, 0) + 1
    if count == 1:
        _logger.error("Unexpected error in %s\n%s", where, record)
    elif count <= 10 or _is_power_of_ten(count):
        _logger.error(
            "Unexpected error in %s again: %s (%d times so far; traceback logged above)",
            where,
            exc_type.__qualname__,
            count,
        )
    return path


def _is_power_of_ten(n: int) -> bool:
    while n >= 10 and n % 10 == 0:
        n //= 10
    return n == 1
