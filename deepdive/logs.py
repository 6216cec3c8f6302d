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


def log_note(message: str) -> None:
    """Write one line worth knowing later (never case text) to the log."""
    configure_logging()
    _logger.info(message)


def scrubbed_traceback(
    exc_type: type[BaseException], tb: TracebackType | None, exc: BaseException | None = None
) -> str:
    """The traceback's code locations and the exception type, without any message.

    A missing module is named, though: a module name is code, never case text, and
    without it a broken installation cannot be diagnosed.
    """
    frames = "".join(traceback.format_tb(tb))
    detail = ""
    if isinstance(exc, ImportError) and exc.name:
        detail = f" (module {exc.name!r})"
    return (
        "Traceback (most recent call last):\n"
        f"{frames}{exc_type.__module__}.{exc_type.__qualname__}{detail}"
    )


def log_exception(
    exc_type: type[BaseException],
    tb: TracebackType | None,
    where: str = "application",
    exc: BaseException | None = None,
) -> Path:
    """Log an unexpected error without its message; returns the log file's path."""
    path = configure_logging()
    _logger.error("Unexpected error in %s\n%s", where, scrubbed_traceback(exc_type, tb, exc))
    return path
