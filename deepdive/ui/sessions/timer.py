"""A stage's countdown: start, pause, extend; running over is shown, never alarmed.

Elapsed time is read from an injected clock (seconds, monotonic), so tests move time
forward by hand and never sleep. The Qt timer only asks the display to refresh.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

Clock = Callable[[], float]
"""Seconds from an arbitrary start that never go backwards (``time.monotonic``)."""

TICK_MS = 250
EXTEND_MINUTES = 5


@dataclass(frozen=True)
class TimerReading:
    """What the timer shows at one moment."""

    elapsed: int
    """Whole seconds spent on the stage."""
    planned: int
    """Seconds planned for the stage, including extensions."""
    running: bool

    @property
    def remaining(self) -> int:
        """Seconds left (0 once over time)."""
        return max(0, self.planned - self.elapsed)

    @property
    def overrun(self) -> int:
        """Seconds past the planned time (0 while within it)."""
        return max(0, self.elapsed - self.planned)

    @property
    def is_over(self) -> bool:
        """Whether the stage has run past its planned time."""
        return self.elapsed > self.planned

    @property
    def fraction_used(self) -> float:
        """How much of the planned time has gone, 0 to 1."""
        return 1.0 if self.planned <= 0 else min(1.0, self.elapsed / self.planned)


def clock_text(seconds: int) -> str:
    """``12:05`` for minutes and seconds, ``1:02:05`` past an hour."""
    hours, rest = divmod(max(0, seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class StageTimer(QObject):
    """Counts time on the current stage; one instance follows the runner across stages."""

    changed = Signal(object)  # TimerReading

    def __init__(self, clock: Clock | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock or time.monotonic
        self._planned = 0
        self._banked = 0.0  # seconds counted before the current run
        self._started_at: float | None = None
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.refresh)

    def load(self, planned_minutes: int, elapsed_seconds: float, running: bool) -> None:
        """Show a stage: its planned minutes, time already spent, whether to keep counting."""
        self._planned = planned_minutes * 60
        self._banked = max(0.0, elapsed_seconds)
        self._started_at = self._clock() if running else None
        if running:
            self._ticker.start()
        else:
            self._ticker.stop()
        self.refresh()

    def start(self) -> None:
        """Start (or resume) counting."""
        if self._started_at is None:
            self._started_at = self._clock()
            self._ticker.start()
            self.refresh()

    def pause(self) -> None:
        """Stop counting, keeping the time so far."""
        if self._started_at is not None:
            self._banked += self._clock() - self._started_at
            self._started_at = None
            self._ticker.stop()
            self.refresh()

    def toggle(self) -> None:
        """Start when paused, pause when running."""
        if self.running:
            self.pause()
        else:
            self.start()

    def extend(self, minutes: int = EXTEND_MINUTES) -> None:
        """Give the stage more time (for this run of the session)."""
        self._planned += minutes * 60
        self.refresh()

    @property
    def running(self) -> bool:
        """Whether the timer is counting."""
        return self._started_at is not None

    def elapsed_seconds(self) -> float:
        """Seconds spent on the stage so far."""
        running = 0.0 if self._started_at is None else self._clock() - self._started_at
        return self._banked + max(0.0, running)

    def reading(self) -> TimerReading:
        """The timer now."""
        return TimerReading(int(self.elapsed_seconds()), self._planned, self.running)

    def refresh(self) -> None:
        """Tell the displays what the timer shows now."""
        self.changed.emit(self.reading())
