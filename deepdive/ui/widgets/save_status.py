"""Whether some edits are failing to save: what the one save-problem bar shows.

The entry point makes one :class:`SaveStatus` (it is part of
:class:`~deepdive.ui.editors.app_services.AppServices`); every pending save of a window
reports to it and the status bar's label listens to it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class SaveStatus(QObject):
    """Whether any window's edits are failing to save, for the one save-problem bar."""

    problem = Signal(str)
    cleared = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._failing: dict[int, str] = {}

    @property
    def failing(self) -> bool:
        """Whether some edits are waiting to be saved after a failure."""
        return bool(self._failing)

    def report(self, source: int, message: str) -> None:
        """The edits of ``source`` (an id) could not be saved; say so."""
        self._failing[source] = message
        self.problem.emit(message)

    def resolve(self, source: int) -> None:
        """``source`` saved again, or has nothing left to save."""
        if self._failing.pop(source, None) is not None and not self._failing:
            self.cleared.emit()
