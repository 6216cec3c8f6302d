"""The export's worker: writes an assembled case study on a worker thread.

It only emits signals and never touches a widget; when the leak check finds possible
names it asks the dialog (on the GUI thread) and waits, for a bounded time, for the
answer. The timeline picture is drawn beforehand on the GUI thread (:func:`draw_timeline`).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from deepdive.errors import DeepDiveError
from deepdive.export import (
    CaseStudy,
    ExportFormat,
    ExportGate,
    ExportOptions,
    ExportResult,
    TimelineSpec,
    record_export,
    write_case_study,
)
from deepdive.export.gate import LeakCheckGate
from deepdive.services import Services

if TYPE_CHECKING:
    from deepdive.privacy.leakcheck import LeakReport

ANSWER_TIMEOUT_S = 30 * 60.0
"""How long an export waits for the user's answer about possible names."""


class NoAnswerError(DeepDiveError):
    """Nobody answered the question about possible names in time; nothing was written."""


def _duration(seconds: float) -> str:
    if seconds >= 120:
        return f"{seconds / 60:.0f} minutes"
    return f"{seconds:g} seconds"


class ExportWorker(QObject):
    """Writes an assembled case study; lives on a worker thread, talks only by signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)  # ExportResult
    failed = Signal(str)
    confirm_needed = Signal(object)  # LeakReport with possible names: answer()

    def __init__(
        self,
        study: CaseStudy,
        out: Path,
        kind: ExportFormat,
        options: ExportOptions,
        gate: ExportGate | None,
        picture: tuple[TimelineSpec | None, bytes] | None,
    ) -> None:
        """``picture`` is the timeline drawn ahead on the GUI thread, with its spec."""
        super().__init__()
        self._job = (study, out, kind, options, picture)
        self.gate = gate
        self._answered = threading.Event()
        self._answer = False
        self.answer_timeout_s = ANSWER_TIMEOUT_S

    def ask(self, report: LeakReport) -> bool:
        """Ask the dialog (on the GUI thread) about possible names, and wait for the
        answer (called by the gate, on the worker thread).

        The wait is bounded: with no answer within :attr:`answer_timeout_s` the export
        stops (nothing is written) rather than holding its thread for ever.
        """
        self._answered.clear()
        self.confirm_needed.emit(report)
        if not self._answered.wait(self.answer_timeout_s):
            raise NoAnswerError(
                f"No answer came about the possible names within "
                f"{_duration(self.answer_timeout_s)}, so the export stopped; nothing was "
                "written. Export again when you are ready."
            )
        return self._answer

    def answer(self, go_ahead: bool) -> None:
        """The user's answer to :meth:`ask` (called on the GUI thread)."""
        self._answer = go_ahead
        self._answered.set()

    def run(self) -> None:
        """Write the file (called on the worker thread)."""
        study, out, kind, options, picture = self._job

        def drawn(spec: TimelineSpec) -> bytes:  # the picture drawn for this very spec
            return picture[1] if picture is not None and picture[0] == spec else b""

        try:
            result = write_case_study(
                study,
                out,
                format=kind,
                options=options,
                gate=self.gate,
                timeline_png=drawn if picture is not None else None,
                progress=self.progressed.emit,
            )
        except DeepDiveError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # never a traceback in front of the user: log it
            from deepdive.logs import log_exception

            log = log_exception(type(exc), exc.__traceback__, "export")
            self.failed.emit(
                QObject.tr(
                    self, "An unexpected error stopped the export; details are in {log}."
                ).format(log=log)
            )
            return
        self.succeeded.emit(result)


def draw_timeline(spec: TimelineSpec) -> bytes:
    """An export's timeline picture, drawn by the chronology's timeline code from the
    spec the export worked out (every string in it presented already)."""
    from deepdive.ui.timeline.picture import spec_png

    return spec_png(spec)


def record_in_audit(
    services: Services,
    code: str,
    result: ExportResult,
    gate: ExportGate | None,
    how: str,
) -> None:
    """Record a written export in the workspace's audit log, with the leak check's
    verdict (``how`` possible names were answered) when the app's check ran."""
    if isinstance(gate, LeakCheckGate):
        verdict = gate.verdict(how)
        services.audit.record_export(code, result.format.value, result.path, verdict)
    else:
        record_export(services, code, result)
