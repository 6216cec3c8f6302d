"""Brings the core's 'what changed' notifications into Qt as a signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from deepdive.services.changes import ChangeBus


class ChangeRelay(QObject):
    """Re-emits every :class:`Change` published on a bus as ``changed``."""

    changed = Signal(object)

    def __init__(self, bus: ChangeBus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self.changed.emit)

    def detach(self) -> None:
        """Stop listening to the bus (when its workspace closes)."""
        self._unsubscribe()
