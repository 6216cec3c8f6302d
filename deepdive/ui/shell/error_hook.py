"""The application-wide exception hook: log the traceback, show a short message.

A user never sees a Python traceback. Expected errors (DeepDiveError) show their
message; anything else is logged (without case text) and explained in one line.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from deepdive.errors import DeepDiveError
from deepdive.logs import log_exception

ShowMessage = Callable[[str, str], None]


def _message_box(title: str, text: str) -> None:
    parent: QWidget | None = QApplication.activeWindow()
    QMessageBox.warning(parent, title, text)


def install_exception_hook(show: ShowMessage = _message_box) -> None:
    """Replace ``sys.excepthook`` so unexpected errors are logged and explained."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        if isinstance(exc, DeepDiveError):
            show("DeepDive", str(exc))
            return
        log = log_exception(exc_type, tb, "the app", exc)
        show(
            "Something went wrong",
            "DeepDive hit an unexpected problem and stopped what it was doing. "
            "Your saved work is safe.\n\n"
            f"Details for support are in {log}",
        )

    sys.excepthook = hook
