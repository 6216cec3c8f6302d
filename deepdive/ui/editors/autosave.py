"""Saving as the user types: after a short pause, at the latest within two seconds, at
once when focus moves, and on close.

There is no Save command to forget. Edits are collected and written together:
``PAUSE_MS`` after the last keystroke, and never later than ``MAX_WAIT_MS`` after the
first unsaved one, even while typing goes on, so pulling the plug loses at most the
last two seconds. Any change of keyboard focus (another field, another window, a
dialog) writes at once.

A failed save (full disk, I/O error, locked file) rolls back whole in the service, so
nothing half-written reaches the workspace. The text stays in the window and in the
pending edits, the save-problem bar says so, and the save is tried again every
``RETRY_MS`` until it succeeds. A value the service refuses (a real name typed as a
pseudonym) is not retried: it stays in its field, and in :attr:`PendingSaves.refused`
until that field is edited again, so nobody is told "All changes saved" meanwhile.
:class:`CaseSaves` keeps each case's refused values as drafts while other cases are
shown, so going back to the case shows the typed text again with its reason. The
drafts live in memory for as long as the app runs and are never written to disk: a
refused value is by definition what the workspace must not hold (a real name, an NHS
number), and any other file would hold it unencrypted.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget

from deepdive.errors import DeepDiveError
from deepdive.ui.editors.app_services import save_status_of
from deepdive.ui.widgets.save_status import SaveStatus

PAUSE_MS = 800
MAX_WAIT_MS = 1500
RETRY_MS = 2000


def _tr(text: str) -> str:
    return QCoreApplication.translate("Autosave", text)


class PendingSaves(QObject):
    """Collects field edits and writes them together after a pause in typing."""

    saved = Signal()
    save_failed = Signal(str, object)  # message, the field it concerns (or None)

    def __init__(
        self,
        write: Callable[[dict[str, object]], None],
        parent: QObject | None = None,
        status: SaveStatus | None = None,
    ) -> None:
        """``status``: where failures are reported (default: the window's, through
        ``parent``)."""
        super().__init__(parent)
        self._status = status if status is not None else save_status_of(parent)
        self._write = write
        self._pending: dict[str, object] = {}
        self._refused: dict[str, tuple[object, str]] = {}  # field: (typed value, why)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.flush)
        # Started by the first unsaved edit and not restarted by the next ones.
        self._deadline = QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.setInterval(MAX_WAIT_MS)
        self._deadline.timeout.connect(self.flush)
        app = QCoreApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusObjectChanged.connect(self._on_focus_moved)
        key = self._key = id(self)
        status = self._status
        self.destroyed.connect(lambda: status.resolve(key))

    def set(self, field: str, value: object) -> None:
        """Remember the new value of ``field`` and restart the pause timer."""
        self._pending[field] = value
        self._refused.pop(field, None)
        self._timer.start(PAUSE_MS)
        if not self._deadline.isActive():
            self._deadline.start(MAX_WAIT_MS)

    @property
    def has_pending(self) -> bool:
        """Whether some edits are not yet in the workspace."""
        return bool(self._pending)

    @property
    def refused(self) -> dict[str, str]:
        """Fields whose typed value the workspace refused, with why (until edited again)."""
        return {field: why for field, (_value, why) in self._refused.items()}

    @property
    def drafts(self) -> dict[str, tuple[object, str]]:
        """The refused fields' typed values, with why: ``{field: (value, why)}``."""
        return dict(self._refused)

    def keep_drafts(self, drafts: dict[str, tuple[object, str]]) -> None:
        """Hold these refused values again (typed earlier, before another case was shown)."""
        self._refused.update(drafts)

    def discard(self) -> None:
        """Forget pending edits (only when their target no longer exists)."""
        self._pending.clear()
        self._refused.clear()
        self._timer.stop()
        self._deadline.stop()
        self._status.resolve(self._key)

    def flush(self) -> bool:
        """Write pending edits now; returns False if the save failed (edits are kept)."""
        self._timer.stop()
        self._deadline.stop()
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
                self._refused[field] = (batch[field], str(exc))
            else:
                self._timer.start(RETRY_MS)
                self._status.report(self._key, str(exc))
            self.save_failed.emit(str(exc), field)
            return False
        for key, value in batch.items():
            if self._pending.get(key) is value:
                del self._pending[key]
        self._status.resolve(self._key)
        self.saved.emit()
        return True

    def _on_focus_moved(self, _focused: QObject | None) -> None:
        if self._pending:
            self.flush()


class CaseSaves(QObject):
    """Autosave for a panel that shows one case at a time.

    Each case gets its own :class:`PendingSaves`. Edits to a case the user has left
    whose save failed keep retrying there, and only there: they are never written
    into the case now on screen.
    """

    saved = Signal()
    # message, the field it concerns (or None), whether it is the case on screen
    save_failed = Signal(str, object, bool)

    def __init__(
        self,
        write: Callable[[int | None, dict[str, object]], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._write = write
        self._case_id: int | None = None
        self._current = self._saves_for(None)
        self._retrying: list[PendingSaves] = []
        self._drafts: dict[int, dict[str, tuple[object, str]]] = {}

    def switch_to(self, case_id: int | None) -> None:
        """Edits from now on are for ``case_id``; the previous case's are saved first,
        and what it refused is kept as its drafts (see :attr:`drafts`)."""
        if not self._current.flush():
            self._retrying.append(self._current)
        else:
            self._current.deleteLater()
        if self._case_id is not None:
            left = self._current.drafts
            if left:
                self._drafts[self._case_id] = left
            else:
                self._drafts.pop(self._case_id, None)
        self._case_id = case_id
        self._current = self._saves_for(case_id)
        if case_id is not None:
            self._current.keep_drafts(self._drafts.pop(case_id, {}))

    @property
    def drafts(self) -> dict[str, tuple[object, str]]:
        """The case on screen's refused values, ``{field: (value, why)}``: typed and not
        saved, to show in their fields again (also after another case was shown)."""
        return self._current.drafts

    @property
    def cases_with_drafts(self) -> list[int]:
        """The cases not on screen that hold refused values (kept as drafts)."""
        return list(self._drafts)

    def set(self, field: str, value: object) -> None:
        """Remember an edit to the case on screen (saved after a pause in typing)."""
        self._current.set(field, value)

    def flush(self) -> bool:
        """Save pending edits now (also those of cases left earlier); False if any failed."""
        results = [saves.flush() for saves in [*self._retrying, self._current]]
        self._retrying = [saves for saves in self._retrying if saves.has_pending]
        return all(results)

    @property
    def has_pending(self) -> bool:
        """Whether some typing has not reached the workspace yet."""
        return any(saves.has_pending for saves in [*self._retrying, self._current])

    @property
    def refused(self) -> dict[str, str]:
        """Fields of the case on screen whose typed value was refused, with why."""
        return self._current.refused

    def _saves_for(self, case_id: int | None) -> PendingSaves:
        saves = PendingSaves(lambda fields: self._write(case_id, fields), self)
        saves.saved.connect(self.saved)
        saves.save_failed.connect(
            lambda message, field: self.save_failed.emit(message, field, saves is self._current)
        )
        return saves


class SaveProblemLabel(QLabel):
    """Stays in the status bar while some edits cannot be saved, saying the text is safe."""

    def __init__(self, status: SaveStatus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldMessage")  # the style sheet's error colour
        self.setText(_disk_text())
        self.setAccessibleName(_tr("Save problem"))
        self.hide()
        status.problem.connect(self._on_problem)
        status.cleared.connect(self.hide)
        if status.failing:
            self.show()

    def _on_problem(self, message: str) -> None:
        self.setToolTip(message)
        # A team workspace's server away is not a full disk: no space to free.
        self.setText(_server_text() if "server" in message.lower() else _disk_text())
        self.show()


def _disk_text() -> str:
    return _tr("Could not save — your text is safe in this window; free some space.")


def _server_text() -> str:
    return _tr(
        "Could not save — the server is not answering; your text is safe in this window "
        "and is saved when it answers."
    )
