"""Hearing what others change on a team workspace (PostgreSQL's LISTEN), and noticing
when the server stops answering.

A :class:`ChangeListener` keeps one connection of its own, outside the workspace's
pool, in autocommit, on a small thread. It LISTENs on the shared channel and on every
team channel its role may read (its own teams'; the owner's: all, see
:mod:`deepdive.storage.notify_channels`), looked for again every few seconds so that a
team joined meanwhile is heard. Each notification from another workspace is handed to
``on_notice``; the workspace's own are dropped. The same thread watches the
connection: when it goes (server stopped, network gone, the backend terminated)
``on_connected(False)`` is called and it tries again, a little less often each time,
until the server answers; then ``on_connected(True)`` and a
:class:`~deepdive.storage.notify.Notice` with ``everything`` set, since whatever changed
meanwhile was not heard.

The callbacks run on the listener's thread: a caller with a GUI hands them on to its
own thread (nothing here knows about one).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from deepdive.storage.notify import Notice, decode
from deepdive.storage.notify_channels import SHARED_CHANNEL, visible_channels
from deepdive.storage.teams_errors import refused_access
from deepdive.storage.workspace import Workspace

# How long one wait for notifications lasts: also how soon stop() is heard.
POLL_SECONDS = 0.2
# This often the connection is checked with a round trip to the server, which also
# looks for team channels the role has been given since.
HEARTBEAT_SECONDS = 5.0
RETRY_SECONDS = (0.2, 0.5, 1.0, 2.0, 5.0)
APPLICATION_NAME = "DeepDive listener"

_log = logging.getLogger(__name__)


class ChangeListener:
    """Listens for other people's changes to one team workspace, on a thread of its own."""

    def __init__(
        self,
        workspace: Workspace,
        on_notice: Callable[[Notice], None],
        on_connected: Callable[[bool], None],
    ) -> None:
        self._workspace = workspace
        self._on_notice = on_notice
        self._on_connected = on_connected
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="deepdive-listen", daemon=True)
        self.connected = True  # the workspace has just opened on it
        # Set while LISTEN is in force: every change committed from then on is heard.
        self.listening = threading.Event()
        self._channels: set[str] = set()  # LISTENed to on the current connection
        self._refused = False  # the role may read nothing (in no team): said once

    def start(self) -> None:
        """Start listening (returns at once)."""
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and close the connection (waits for the thread, briefly)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        failures = 0
        first = True
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except Exception:
                _log.debug("Team workspace server not answering", exc_info=True)
                self._set_connected(False)
                self._stop.wait(RETRY_SECONDS[min(failures, len(RETRY_SECONDS) - 1)])
                failures += 1
                continue
            failures = 0
            self.listening.set()
            self._set_connected(True)
            if not first:  # whatever changed while away was not heard: read it again
                self._on_notice(Notice("", (), everything=True))
            first = False
            try:
                self._listen(connection)
            except Exception:
                _log.debug("Team workspace connection lost", exc_info=True)
                if not self._stop.is_set():
                    self._set_connected(False)
            finally:
                self.listening.clear()
                _close(connection)

    def _connect(self) -> Any:
        """A connection of the listener's own, from the workspace's engine (so the same
        address and password), taken out of the pool."""
        pooled = self._workspace.engine.raw_connection()
        driver: Any = pooled.driver_connection
        pooled.detach()
        try:
            driver.rollback()  # the pool's check left a transaction open
            driver.autocommit = True
            # Named apart from the workspace's own connections (server tools, tests).
            driver.execute(f"SET application_name TO '{APPLICATION_NAME}'")
            self._channels = set()
            self._listen_to_channels(driver)
        except BaseException:
            _close(driver)
            raise
        return driver

    def _listen_to_channels(self, connection: Any) -> None:
        """LISTEN on the shared channel and on each team channel the role may read now,
        and stop listening on those it may no longer read (taken out of a team). The
        query is the heartbeat's round trip: it raises when the server has gone."""
        try:
            visible = visible_channels(connection)
        except Exception as exc:
            if not refused_access(exc):
                raise
            # In no team any more (its grants taken back): the server is there, but this
            # role may read nothing. Tell the window once, so it says so.
            visible = {}
            if not self._refused:
                self._on_notice(Notice("", (), everything=True))
            self._refused = True
        else:
            self._refused = False
        wanted = {SHARED_CHANNEL, *visible.values()}
        for channel in sorted(self._channels - wanted):
            connection.execute(f"UNLISTEN {channel}")
            self._channels.discard(channel)
        for channel in sorted(wanted - self._channels):
            connection.execute(f"LISTEN {channel}")  # names checked: letters, digits, _
            self._channels.add(channel)

    def _listen(self, connection: Any) -> None:
        checked = time.monotonic()
        while not self._stop.is_set():
            for note in connection.notifies(timeout=POLL_SECONDS):
                notice = decode(note.payload)
                if notice is not None and notice.origin != self._workspace.change_origin:
                    self._on_notice(notice)
            if time.monotonic() - checked > HEARTBEAT_SECONDS:
                self._listen_to_channels(connection)
                checked = time.monotonic()

    def _set_connected(self, connected: bool) -> None:
        if connected != self.connected:
            self.connected = connected
            self._on_connected(connected)


def _close(connection: Any) -> None:
    try:
        connection.close()
    except Exception:  # already gone with its server
        _log.debug("Closing a lost connection", exc_info=True)
