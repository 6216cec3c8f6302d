"""Other people's changes to a team workspace, brought into the window's "what changed"
bus, and whether the server is answering.

The storage layer's :class:`~deepdive.storage.notify_listener.ChangeListener` hears them
on a thread of its own; its callbacks emit signals here, which Qt delivers on the GUI
thread. Each change becomes the same :class:`~deepdive.services.changes.Change` the
services publish for one's own edits, so every panel refreshes what it shows by reading
it again through the services (as this person's role: a notification carries no text).
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.changes import Change, ChangeKind, Entity, everything_changed
from deepdive.services.errors import NotFoundError
from deepdive.storage.notify import Notice, RemoteChange
from deepdive.storage.notify_listener import ChangeListener


class RemoteChanges(QObject):
    """Publishes other people's changes on the services' bus; says when the server goes
    away (``connection_changed(False)``) and comes back (``True``)."""

    connection_changed = Signal(bool)
    everything_changed = Signal()  # too much to list, or heard nothing for a while
    _heard = Signal(object)  # Notice, from the listener's thread
    _connected = Signal(bool)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self._heard.connect(self._publish)
        self._connected.connect(self.connection_changed)
        self._listener = ChangeListener(services.workspace, self._heard.emit, self._connected.emit)
        self._listener.start()

    @property
    def connected(self) -> bool:
        """Whether the server is answering."""
        return self._listener.connected

    def listening(self) -> bool:
        """Whether every change others commit from now on will be heard."""
        return self._listener.listening.is_set()

    def stop(self) -> None:
        """Stop listening (the workspace is closing)."""
        self._listener.stop()

    def _publish(self, notice: Notice) -> None:
        if notice.everything:
            self.everything_changed.emit()
            return
        try:
            for remote in notice.changes:
                change = self._change(remote)
                if change is not None:
                    self._services.changes.publish(change)
        except DeepDiveError:
            # The server went while the panels read what changed: they read it all
            # again when it is back (the listener says so then).
            return

    def _change(self, remote: RemoteChange) -> Change | None:
        try:
            entity, kind = Entity(remote.entity), ChangeKind(remote.kind)
        except ValueError:  # a kind a newer DeepDive knows: nothing here shows it
            return None
        ids = remote.ids
        if ids is None:
            ids = self._all_ids(entity, remote.case_id)
        return Change(entity, kind, ids, remote.case_id)

    def _all_ids(self, entity: Entity, case_id: int | None) -> tuple[int, ...]:
        """Which ids to read again when a change did not list them: a case's events."""
        if entity is not Entity.EVENT or case_id is None:
            return (case_id,) if entity is Entity.CASE and case_id is not None else ()
        try:
            return tuple(row.id for row in self._services.events.list_rows(case_id))
        except DeepDiveError:  # the case went (or may no longer be read)
            return ()

    def everything_may_have_changed(self, cases: Iterable[int]) -> None:
        """After a gap in hearing others (the connection dropped, or too much to list):
        tell every listener that anything may have changed, in the changes they already
        follow (:func:`~deepdive.services.changes.everything_changed`), so every panel
        and window reads what it shows again; ``cases``: the cases on screen.

        Raises :class:`DeepDiveError` when the server goes again meanwhile (it is all
        read again when it is back)."""
        there: list[int] = []
        gone: list[int] = []
        for case_id in cases:
            try:
                self._services.cases.summary(case_id)
            except NotFoundError:
                gone.append(case_id)
            else:
                there.append(case_id)
        # The cases gone first: nothing then reads what is no longer there.
        changes = [Change(Entity.CASE, ChangeKind.REMOVED, (c,), c) for c in gone]
        changes += everything_changed(there, self._ids_of)
        for change in changes:
            self._services.changes.publish(change)

    def _ids_of(self, entity: Entity, case_id: int) -> tuple[int, ...]:
        if entity is not Entity.SESSION:
            return self._all_ids(entity, case_id)
        try:
            return tuple(s.id for s in self._services.sessions.list_sessions(case_id))
        except DeepDiveError:  # the case went (or may no longer be read)
            return ()
