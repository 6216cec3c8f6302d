"""The main window's part for team workspaces: opening one (File ▸ Open team
workspace…, an address from the command line or the recent list), saying where the
window is (the title and the status bar's permanent label), and listening to the server
while the workspace is open."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from deepdive.services import Services
from deepdive.storage.address import ServerAddress
from deepdive.ui.workspace.connection_status import ConnectionLabel, window_title
from deepdive.ui.workspace.team_workspace import ConnectServer

if TYPE_CHECKING:
    from deepdive.ui.workspace.server_watch import ServerWatch
    from deepdive.ui.workspace.team_workspace import TeamWorkspaceOpener
    from deepdive.ui.workspace.workspace_view import WorkspaceView


class TeamConnection(QObject):
    """Opens team workspaces for the window and watches the open one's server."""

    def __init__(self, window: QMainWindow, connect: ConnectServer) -> None:
        super().__init__(window)
        self._window = window
        self._connect = connect
        self.label = ConnectionLabel(window)
        window.statusBar().addPermanentWidget(self.label)
        self.watch: ServerWatch | None = None
        self._opener: TeamWorkspaceOpener | None = None

    def opener(self) -> TeamWorkspaceOpener:
        """What asks for the address and password (made when first needed)."""
        if self._opener is None:
            from deepdive.ui.workspace.team_workspace import TeamWorkspaceOpener

            self._opener = TeamWorkspaceOpener(self._window, self._connect)
        return self._opener

    def open(self, address: ServerAddress | None) -> Services | None:
        """The team workspace at ``address`` (None: ask for one), or None if not opened."""
        opened = self.opener().open(address)
        return None if opened is None else opened[1]

    def show(self, services: Services, view: WorkspaceView) -> Path | ServerAddress:
        """Say which workspace the window now shows (and start listening to its
        server); returns where it is, for the recent list."""
        server = services.workspace.server
        where: Path | ServerAddress = server or services.workspace.path
        self._window.setWindowTitle(window_title(where))
        if server is None:
            self.label.show_file(services.workspace.path)
            return where
        from deepdive.ui.workspace.server_watch import ServerWatch

        self.label.show_server(server)
        self.watch = ServerWatch(self._window, services, view, self.label)
        return where

    def closing(self) -> None:
        """The workspace is closing: stop listening to its server."""
        if self.watch is not None:
            self.watch.stop()
            self.watch.deleteLater()
            self.watch = None
