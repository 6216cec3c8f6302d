"""File ▸ Open team workspace…: a workspace on a PostgreSQL server, and its password.

The dialog takes the address (``postgresql://[user@]host[:port]/dbname``) and tries it
as libpq would (a password in the URL, ``PGPASSWORD``, ``.pgpass``), then with a
password remembered in the OS keyring. Only when the server still asks for one does the
password field appear. A wrong password, a server that does not answer or a missing
driver is said inside the dialog, which stays open; nothing else changes. The password
is never shown: not in the field, the title, the recent list or any message.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.parse import parse_qsl, urlsplit

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.storage.address import ServerAddress, parse_server_address
from deepdive.ui.workspace.server_passwords import KeyringPasswords, PasswordStore

ConnectServer = Callable[[ServerAddress, str | None], Services]
"""Opens the team workspace at an address, with a password (None: libpq finds one)."""

_PASSWORD_NEEDED = "ServerPasswordNeededError"


def _tr(text: str) -> str:
    return QCoreApplication.translate("TeamWorkspace", text)


def server_name(address: ServerAddress) -> str:
    """The server as a person names it: ``host:port``, or "this computer" for a socket."""
    parts = urlsplit(address.shown)
    query = dict(parse_qsl(parts.query))
    host = parts.hostname or query.get("host") or "localhost"
    if host.startswith("/") or host in ("localhost", "127.0.0.1", "::1"):
        host = _tr("this computer")
    port = parts.port or query.get("port")
    return f"{host}:{port}" if port else host


class _Finished(QObject):
    done = Signal()


def connect_without_freezing(
    connect: ConnectServer, address: ServerAddress, password: str | None
) -> Services:
    """``connect(address, password)`` on a thread of its own, the window painting and
    answering meanwhile (a server that does not answer takes up to its connect timeout
    to say so). Raises what ``connect`` raised."""
    outcome: list[Services | BaseException] = []
    finished = _Finished()
    loop = QEventLoop()
    finished.done.connect(loop.quit)  # queued: delivered once the loop runs

    def work() -> None:
        try:
            outcome.append(connect(address, password))
        except BaseException as exc:  # handed to the GUI thread, raised there
            outcome.append(exc)
        finished.done.emit()

    worker = threading.Thread(target=work, name="deepdive-connect", daemon=True)
    worker.start()
    loop.exec()
    worker.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


def _needs_password(error: DeepDiveError) -> bool:
    # Named, not imported: the storage layer (and SQLAlchemy) loads with the workspace.
    return any(kind.__name__ == _PASSWORD_NEEDED for kind in type(error).__mro__)


class TeamWorkspaceDialog(QDialog):
    """Asks for a team workspace's address (and its password when the server wants
    one); on success ``services`` and ``address`` are the opened workspace's."""

    def __init__(
        self,
        connect: ConnectServer,
        passwords: PasswordStore,
        parent: QWidget | None = None,
        address: ServerAddress | None = None,
        problem: DeepDiveError | None = None,
    ) -> None:
        """``problem``: why opening ``address`` failed a moment ago, said at once."""
        super().__init__(parent)
        self.setWindowTitle(_tr("Open team workspace"))
        self.services: Services | None = None
        self.address: ServerAddress | None = None
        self._connect = connect
        self._passwords = passwords
        self._connecting = False
        self._cancelled = False
        intro = QLabel(
            _tr(
                "A team workspace lives on your organisation's PostgreSQL server. Type its "
                "address as your administrator gave it."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.address_field = QLineEdit(self)
        self.address_field.setObjectName("teamAddress")
        self.address_field.setPlaceholderText(_tr("postgresql://user@host:5432/dbname"))
        self.address_field.setAccessibleName(_tr("Server address"))
        self.address_field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 48)
        if address is not None:
            self.address_field.setText(address.shown)
        self.password_field = QLineEdit(self)
        self.password_field.setObjectName("teamPassword")
        self.password_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_field.setAccessibleName(_tr("Password"))
        self.remember_box = QCheckBox(_tr("Remember the password in this computer's keyring"))
        self.remember_box.setObjectName("rememberPassword")
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        connect_button.setText(_tr("Connect"))
        connect_button.setObjectName("connect")
        self.buttons.accepted.connect(self.connect_to_server)
        self.buttons.rejected.connect(self.reject)
        self._form = QFormLayout()
        self._form.addRow(_tr("&Address:"), self.address_field)
        self._form.addRow(_tr("&Password:"), self.password_field)
        self._form.addRow("", self.remember_box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self._form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._show_password(False)
        if problem is not None and address is not None:
            self._explain(address, problem, None)

    @property
    def password_shown(self) -> bool:
        """Whether the server asked for a password and the field is offered."""
        return self._form.isRowVisible(self.password_field)

    def connect_to_server(self) -> bool:
        """Try the address (and password); accept on success, else say why and stay."""
        if self._connecting:
            return False
        try:
            address = parse_server_address(self.address_field.text().strip())
        except DeepDiveError as exc:
            self._say(str(exc))
            return False
        typed = self.password_field.text() if self.password_shown else ""
        password = typed or (None if self.password_shown else self._passwords.get(address))
        self._say(_tr("Connecting to {server}…").format(server=server_name(address)))
        self._set_connecting(True)
        try:
            services = connect_without_freezing(self._connect, address, password)
        except DeepDiveError as exc:
            self._explain(address, exc, password)
            return False
        finally:
            self._set_connecting(False)
        if self._cancelled:  # while it was connecting
            services.close()
            return False
        if typed and self.remember_box.isChecked():
            self._passwords.remember(address, typed)
        self.services, self.address = services, address
        self.accept()
        return True

    def _explain(self, address: ServerAddress, error: DeepDiveError, password: str | None) -> None:
        if _needs_password(error):
            self._show_password(True)
            self._say(
                _tr("The server asks for a password for {address}.").format(address=address.shown)
            )
            self.password_field.setFocus()
        else:
            self._say(hide_password(str(error), address, password))

    def reject(self) -> None:
        """Cancel: nothing opens (a connection being made is closed when it comes)."""
        self._cancelled = self._connecting
        super().reject()

    def _set_connecting(self, connecting: bool) -> None:
        self._connecting = connecting
        for widget in (self.address_field, self.password_field, self.remember_box):
            widget.setEnabled(not connecting)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not connecting)

    def _show_password(self, shown: bool) -> None:
        self._form.setRowVisible(self.password_field, shown)
        self._form.setRowVisible(self.remember_box, shown and self._passwords.available)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))


def hide_password(message: str, address: ServerAddress, password: str | None) -> str:
    """``message`` without the URL's password or the one typed."""
    message = address.hide_password(message)
    return message.replace(password, "***") if password else message


class TeamWorkspaceOpener:
    """Opens a team workspace: quietly when the address alone (or a remembered password)
    is enough, otherwise through :class:`TeamWorkspaceDialog`."""

    def __init__(
        self,
        parent: QWidget,
        connect: ConnectServer,
        passwords: PasswordStore | None = None,
        ask: Callable[[TeamWorkspaceDialog], bool] | None = None,
    ) -> None:
        self._parent = parent
        self._connect = connect
        self.passwords: PasswordStore = passwords or KeyringPasswords()
        # How the dialog is put to the person (tests answer it in place).
        self.ask = ask or (lambda dialog: dialog.exec() == QDialog.DialogCode.Accepted)

    def open(self, address: ServerAddress | None = None) -> tuple[ServerAddress, Services] | None:
        """The opened workspace, or None when the person gave up (nothing changed)."""
        problem: DeepDiveError | None = None
        if address is not None:
            remembered = self._passwords_for(address)
            try:
                return address, connect_without_freezing(self._connect, address, remembered)
            except DeepDiveError as exc:
                if remembered is not None:
                    self.passwords.forget(address)  # it no longer opens the workspace
                problem = exc
        dialog = TeamWorkspaceDialog(
            self._connect, self.passwords, self._parent, address=address, problem=problem
        )
        try:
            if self.ask(dialog) and dialog.services is not None and dialog.address is not None:
                return dialog.address, dialog.services
            return None
        finally:
            dialog.deleteLater()

    def _passwords_for(self, address: ServerAddress) -> str | None:
        return None if address.password else self.passwords.get(address)
