"""What the leak check's findings mean on the command line.

Registered identifiers and validated patterns (NHS numbers, postcodes, …) stop the
command: exit 1, each finding and where it is on stderr, nothing written. Lower-
confidence findings (possible names nobody registered, such as an unregistered full
name in an event) stop it too unless the person accepts them: with
``--accept-possible-names``; at a terminal by answering y to a question; never
silently. What was accepted goes into the workspace's export audit log by count and
kind, never the found text (see ``LeakCheckGate.verdict``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from deepdive.commands.common import at_terminal
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.leakcheck import LeakReport, PartFinding

ACCEPT_OPTION = "--accept-possible-names"
T = TypeVar("T")


def add_accept_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--accept-possible-names``."""
    parser.add_argument(
        ACCEPT_OPTION,
        action="store_true",
        help="write the file although the leak check found possible names nobody "
        "registered (the audit log records how many and of which kind, never the names)",
    )


class PossibleNamesFound(DeepDiveError):
    """Lower-confidence findings and nobody to ask: stopped, nothing written."""

    def __init__(self, report: LeakReport) -> None:
        self.report = report
        found = report.needs_confirmation
        super().__init__(
            f"The export was stopped: it may carry {_what(found)}; nothing was written. "
            f"Replace each with a pseudonym (or register it in the key vault), or run again "
            f"with {ACCEPT_OPTION} if none of them is a real person's name:\n"
            f"{report.describe(found)}"
        )


class PossibleNamesAnswer:
    """The leak check's ``confirm`` on the command line; ``how`` says how it was accepted."""

    def __init__(self, accept: bool) -> None:
        self._accept = accept
        self.how = "not asked"

    def __call__(self, report: LeakReport) -> bool:
        if self._accept:
            self.how = f"accepted with {ACCEPT_OPTION}"
            return True
        if not at_terminal():
            raise PossibleNamesFound(report)
        found = report.needs_confirmation
        print(
            f"The leak check found {_what(found)}:\n{report.describe(found)}",
            file=sys.stderr,
        )
        print("Write the file with these in it? [y/N] ", end="", file=sys.stderr, flush=True)
        answer = sys.stdin.readline().strip().casefold()
        if answer in ("y", "yes"):
            self.how = "accepted at the terminal"
            return True
        return False


def stopped_by_check(write: Callable[[], T]) -> T | None:
    """Run ``write``; None (after saying why on stderr) if the leak check stopped it, or
    the last check of a shifted or relative export found a date it could not move."""
    from deepdive.export.date_leftovers import DatesLeft
    from deepdive.privacy.leakcheck import ExportBlocked, ExportCancelled

    try:
        return write()
    except (ExportBlocked, ExportCancelled, PossibleNamesFound, DatesLeft) as exc:
        print(f"deepdive: {exc}", file=sys.stderr)
        return None


def _what(found: list[PartFinding]) -> str:
    n = len(found)
    if all(item.finding.kind.value == "possible_name" for item in found):
        return f"{n} possible name{'' if n == 1 else 's'} nobody registered"
    return f"{n} lower-confidence finding{'' if n == 1 else 's'} (possible names or identifiers)"
