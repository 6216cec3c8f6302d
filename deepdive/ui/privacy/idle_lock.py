"""Locking the key vault again after the user has been away for a while.

Any key press, click or scroll in the app counts as activity. A timer looks every
few seconds at how long it has been; once past the user's chosen minutes, the vault
is locked (its key and contents are dropped from memory) and ``locked`` fires. A change
to the vault left unsaved (a conflict with another program, "Decide later") is saved
first if it now can be, without asking anyone (the user is away); if it still cannot,
``locked`` says so, so the user is told what was dropped.
The clock is a function, so tests move time on instead of waiting.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, QTimer, Signal

from deepdive.errors import DeepDiveError
from deepdive.privacy.vault import Vault
from deepdive.ui.privacy.context import PrivacyContext

DEFAULT_IDLE_MINUTES = 15
CHECK_EVERY_MS = 5000
_SETTING = "privacy/idle_minutes"
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def idle_minutes(settings: QSettings) -> int:
    """The user's choice of minutes before the vault locks itself."""
    try:
        value = int(str(settings.value(_SETTING, DEFAULT_IDLE_MINUTES)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES
    return min(max(value, 1), 240)


def set_idle_minutes(settings: QSettings, minutes: int) -> None:
    """Remember the user's choice."""
    settings.setValue(_SETTING, min(max(minutes, 1), 240))


class IdleLock(QObject):
    """Locks ``context``'s vault after ``minutes`` without activity."""

    locked = Signal(bool)  # True: a change to the vault that could not be saved was dropped

    def __init__(
        self,
        context: PrivacyContext,
        minutes: int = DEFAULT_IDLE_MINUTES,
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._clock = clock
        self.minutes = minutes
        self._last_activity = clock()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.check)
        context.vault_changed.connect(self._on_vault_changed)
        self._watching = False

    def _on_vault_changed(self) -> None:
        unlocked = self._context.vault is not None
        if unlocked and not self._watching:
            self._last_activity = self._clock()
            app = QCoreApplication.instance()
            if app is not None:
                app.installEventFilter(self)
            self._timer.start()
            self._watching = True
        elif not unlocked and self._watching:
            self._stop_watching()

    def _stop_watching(self) -> None:
        app = QCoreApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        self._watching = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = self._clock()
        return False

    def check(self) -> bool:
        """Lock now if the user has been away long enough; True if it locked."""
        if self._context.vault is None:
            return False
        if self._clock() - self._last_activity < self.minutes * 60:
            return False
        dropped = not save_quietly(self._context.vault)
        self._context.set_vault(None)
        self.locked.emit(dropped)
        return True


def save_quietly(vault: Vault) -> bool:
    """Save what the vault holds unsaved without asking anyone; True when nothing
    unsaved is left (there was none, or it merged with the file now)."""
    if not vault.has_unsaved_changes():
        return True
    asking, vault.on_conflict = vault.on_conflict, None
    try:
        vault.save()
    except DeepDiveError:
        return False
    finally:
        vault.on_conflict = asking
    return True
