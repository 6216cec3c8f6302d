"""Saving as the user types: after a short pause, on leaving a field, and on close.

There is no Save command to forget. A failed save (full disk, locked file) keeps the
text in the window, says so, and tries again.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from deepdive.errors import DeepDiveError

PAUSE_MS = 800
RETRY_MS = 5000


class PendingSaves(QObject):
    """Collects field edits and writes them together after a pause in typing."""

    saved = Signal()
    save_failed = Signal(str, object)  # message, the field it concerns (or None)

    def __init__(
        self, write: Callable[[dict[str, object]], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._write = write
        self._pending: dict[str, object] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.flush)

    def set(self, field: str, value: object) -> None:
        """Remember the new value of ``field`` and restart the pause timer."""
        self._pending[field] = value
        self._timer.start(PAUSE_MS)

    @property
    def has_pending(self) -> bool:
        """Whether some edits are not yet in the workspace."""
        return bool(self._pending)

    def discard(self) -> None:
        """Forget pending edits (only when their target no longer exists)."""
        self._pending.clear()
        self._timer.stop()

    def flush(self) -> bool:
        """Write pending edits now; returns False if the save failed (edits are kept)."""
        self._timer.stop()
        if not self._pending:
            return True
        batch = dict(self._pending)
        try:
            self._write(batch)
        except DeepDiveError as exc:
            field = getattr(exc, "field", None)
            if field is not None and field in batch:
                # The value itself is wrong: keep it out of the retry loop until edited.
                self._pending.pop(field, None)
            else:
                self._timer.start(RETRY_MS)
            self.save_failed.emit(str(exc), field)
            return False
        for key, value in batch.items():
            if self._pending.get(key) is value:
                del self._pending[key]
        self.saved.emit()
        return True
