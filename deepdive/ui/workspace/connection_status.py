"""Where the window is: the workspace file, or the team workspace, its server and whether
the server is answering (the status bar's permanent label and the window title)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from deepdive import APP_NAME
from deepdive.storage.address import ServerAddress
from deepdive.ui.workspace.team_workspace import server_name


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConnectionStatus", text)


def window_title(where: Path | ServerAddress) -> str:
    """The main window's title for a workspace: its file name, or its database and server."""
    if isinstance(where, ServerAddress):
        return _tr("{database} on {server} — {app}").format(
            database=where.database, server=server_name(where), app=APP_NAME
        )
    return f"{where.name} — {APP_NAME}"


class ConnectionLabel(QLabel):
    """The status bar's permanent label: which workspace, which server, connected or not."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("workspaceLabel")
        self.address: ServerAddress | None = None
        self.connected = True

    def show_file(self, path: Path) -> None:
        """A workspace file is open."""
        self.address = None
        self.connected = True
        self.setToolTip("")
        self.setText(str(path))

    def show_server(self, address: ServerAddress, connected: bool = True) -> None:
        """A team workspace is open; ``connected``: whether its server answers."""
        self.address = address
        self.connected = connected
        server = server_name(address)
        if connected:
            text = _tr("Team workspace {database} on {server} · connected")
        else:
            text = _tr(
                "Team workspace {database} on {server} · not connected: trying again "
                "(your typing is kept)"
            )
        self.setText(text.format(database=address.database, server=server))
        self.setToolTip(address.shown)
        self.setAccessibleName(self.text())

    def set_connected(self, connected: bool) -> None:
        """The server answers again, or has stopped answering."""
        if self.address is not None and connected != self.connected:
            self.show_server(self.address, connected)
