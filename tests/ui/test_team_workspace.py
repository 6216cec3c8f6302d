"""The app on a team workspace: File ▸ Open team workspace…, the password asked for in
the app (never shown), a server that cannot be used said in the dialog, and the window
saying which workspace and server it is on."""

from __future__ import annotations

import gc
import importlib.util
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from ui_helpers import WindowFactory

from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import ServerAddress, parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.ui.shell.app import _open_first_workspace, open_services
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.widgets.window_settings import WindowSettings
from deepdive.ui.workspace.server_passwords import KeyringPasswords
from deepdive.ui.workspace.team_workspace import TeamWorkspaceDialog


class MemoryPasswords:
    """A keyring that keeps passwords in memory (the OS keyring is the user's own)."""

    def __init__(self, available: bool = True) -> None:
        self.available = available
        self.kept: dict[str, str] = {}

    def get(self, address: ServerAddress) -> str | None:
        return self.kept.get(address.shown)

    def remember(self, address: ServerAddress, password: str) -> bool:
        self.kept[address.shown] = password
        return True

    def forget(self, address: ServerAddress) -> None:
        self.kept.pop(address.shown, None)


WAIT_S = 10

Step = Callable[[TeamWorkspaceDialog], None]


def answer_with(
    window: MainWindow, *steps: Step, passwords: MemoryPasswords | None = None
) -> list[str]:
    """Answer the team workspace dialog with ``steps`` (each ends in a click); returns
    what the dialog said after each. The dialog is accepted when the last step connects."""
    said: list[str] = []
    opener = window.team.opener()
    opener.passwords = passwords or MemoryPasswords(available=False)

    def ask(dialog: TeamWorkspaceDialog) -> bool:
        for step in steps:
            step(dialog)
            said.append(dialog.message.text() if dialog.message.isVisibleTo(dialog) else "")
        return dialog.result() == TeamWorkspaceDialog.DialogCode.Accepted

    opener.ask = ask
    return said


def type_address(text: str) -> Step:
    def step(dialog: TeamWorkspaceDialog) -> None:
        dialog.address_field.setText(text)
        dialog.connect_to_server()

    return step


def type_password(password: str, remember: bool = False) -> Step:
    def step(dialog: TeamWorkspaceDialog) -> None:
        assert dialog.password_shown
        dialog.password_field.setText(password)
        dialog.remember_box.setChecked(remember)
        dialog.connect_to_server()

    return step


@pytest.fixture
def team_database(
    pg_databases: PgDatabases,
    pg_cluster: PgCluster,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> Iterator[str]:
    """A team workspace's database that the facilitator (a password login) may use; no
    PGPASSWORD or .pgpass to find the password in."""
    monkeypatch.delenv("PGPASSWORD", raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    url = pg_databases.take()
    # The facilitator is a member of a team, as a programme lead sets them up: a case
    # they add goes into that team (row-level security: see tests/server_teams).
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(url), tmp_path / "owner")
    )
    try:
        teams = TeamService(lead.workspace)
        teams.create("North")
        teams.add_member("North", FACILITATOR)
    finally:
        lead.close()
    yield url
    pg_databases.give_back(url)


def facilitator_url(url: str, pg_cluster: PgCluster) -> str:
    return pg_cluster.url(url.split("?", 1)[0].rsplit("/", 1)[1], FACILITATOR)


def test_the_password_is_asked_for_in_the_app_and_never_shown(
    make_window: WindowFactory, team_database: str, pg_cluster: PgCluster, settings: QSettings
) -> None:
    window = make_window()
    address = facilitator_url(team_database, pg_cluster)
    said = answer_with(window, type_address(address), type_password(FACILITATOR_PASSWORD))
    assert window.choose_team_workspace()
    assert said[0].startswith("The server asks for a password for postgresql://facilitator@/")
    assert window.services is not None and window.services.workspace.server is not None
    database = parse_server_address(address).database
    assert window.windowTitle() == f"{database} on this computer:5432 — DeepDive"
    label = window.team.label
    assert label.text() == f"Team workspace {database} on this computer:5432 · connected"
    assert label.toolTip() == address
    settings.sync()
    stored = Path(settings.fileName()).read_text()
    assert address in stored  # the recent list holds the address…
    for shown in (window.windowTitle(), label.text(), label.toolTip(), stored):
        assert FACILITATOR_PASSWORD not in shown  # …and never the password
    window.services.cases.create("DD-1", "Jay")
    assert window.view is not None
    assert window.view.case_list.model.summary_at(0).code == "DD-1"


def test_a_wrong_password_or_no_server_is_said_in_the_dialog_and_nothing_changes(
    make_window: WindowFactory, team_database: str, pg_cluster: PgCluster
) -> None:
    window = make_window()
    address = facilitator_url(team_database, pg_cluster)
    said = answer_with(
        window,
        type_address("mysql://ana@server/db"),
        type_address("postgresql://ana:s3cret@127.0.0.1:1/deepdive"),
        type_address(address),
        type_password("Wr0ngPassw0rd"),
    )
    assert not window.choose_team_workspace()
    assert said[0].startswith("mysql://… is not a workspace DeepDive can open")
    assert said[1].startswith(
        "Cannot open the team workspace postgresql://ana@127.0.0.1:1/deepdive: "
    )
    assert "s3cret" not in said[1]
    assert f'password authentication failed for user "{FACILITATOR}"' in said[3]
    assert "Wr0ngPassw0rd" not in said[3]
    assert window.services is None and window.windowTitle() == "DeepDive"


def test_a_remembered_password_opens_the_workspace_without_asking(
    make_window: WindowFactory, team_database: str, pg_cluster: PgCluster
) -> None:
    window = make_window()
    address = facilitator_url(team_database, pg_cluster)
    passwords = MemoryPasswords()
    answer_with(
        window,
        type_address(address),
        type_password(FACILITATOR_PASSWORD, remember=True),
        passwords=passwords,
    )
    assert window.choose_team_workspace()
    assert passwords.kept == {address: FACILITATOR_PASSWORD}

    asked: list[TeamWorkspaceDialog] = []
    window.team.opener().ask = lambda dialog: asked.append(dialog) or False
    assert window.open_workspace(parse_server_address(address))  # as from Open recent
    assert asked == []
    assert window.services is not None


def test_without_a_keyring_there_is_no_remember_box(
    make_window: WindowFactory, team_database: str, pg_cluster: PgCluster
) -> None:
    window = make_window()
    shown: list[bool] = []

    def look(dialog: TeamWorkspaceDialog) -> None:
        shown.append(dialog.remember_box.isVisibleTo(dialog))

    answer_with(window, type_address(facilitator_url(team_database, pg_cluster)), look)
    assert not window.choose_team_workspace()
    assert shown == [False]


def test_the_command_line_opens_the_app_on_a_team_workspace(
    make_window: WindowFactory, team_database: str
) -> None:
    """``deepdive --workspace postgresql://…`` opens the window on the server (the
    superuser's socket login needs no password, so nothing is asked)."""
    window = make_window()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        _open_first_workspace(app, window, parse_server_address(team_database))
    finally:
        gc.unfreeze()  # start-up freezes what it loaded; the test run goes on
    assert window.services is not None
    assert window.services.workspace.server == parse_server_address(team_database)
    assert "this computer:5432" in window.windowTitle()


def test_an_address_from_the_command_line_that_needs_a_password_asks_for_it(
    make_window: WindowFactory, team_database: str, pg_cluster: PgCluster
) -> None:
    window = make_window()
    address = parse_server_address(facilitator_url(team_database, pg_cluster))
    seen: list[tuple[str, bool, str]] = []

    def look(dialog: TeamWorkspaceDialog) -> None:
        seen.append((dialog.address_field.text(), dialog.password_shown, dialog.message.text()))

    answer_with(window, look, type_password(FACILITATOR_PASSWORD))
    assert window.open_workspace(address)  # as `deepdive --workspace postgresql://…` does
    assert seen == [(address.shown, True, f"The server asks for a password for {address.shown}.")]
    assert window.services is not None


def test_without_the_driver_the_dialog_says_how_to_get_it(
    make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = make_window()
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as on an install without it
    said = answer_with(window, type_address("postgresql://ana@db.example/deepdive"))
    assert not window.choose_team_workspace()
    assert said == [
        "Team workspaces on a PostgreSQL server need DeepDive's server support: "
        "pip install 'deepdive[server]'."
    ]
    assert window.services is None


def test_the_window_answers_while_connecting_and_cancel_opens_nothing(
    qtbot, team_database: str
) -> None:
    """A server slow to answer (here: one that waits to be let through) never freezes
    the window, and Cancel meanwhile leaves nothing open."""
    release = threading.Event()
    opened: list[Services] = []

    def slow(address: ServerAddress, password: str | None) -> Services:
        release.wait(WAIT_S)
        opened.append(open_services(address, password))
        return opened[-1]

    dialog = TeamWorkspaceDialog(slow, MemoryPasswords(available=False))
    qtbot.addWidget(dialog)
    dialog.address_field.setText(team_database)
    while_connecting: list[tuple[bool, str]] = []

    def meanwhile() -> None:  # a timer fires: the window is answering
        while_connecting.append((dialog.address_field.isEnabled(), dialog.message.text()))
        dialog.reject()
        release.set()

    QTimer.singleShot(0, meanwhile)
    assert not dialog.connect_to_server()
    assert while_connecting == [(False, "Connecting to this computer:5432…")]
    assert dialog.services is None
    assert opened[0].workspace._closed  # the connection that came too late is closed


@pytest.mark.skipif(
    importlib.util.find_spec("keyring") is not None, reason="keyring is installed here"
)
def test_without_the_keyring_library_nothing_is_remembered() -> None:
    passwords = KeyringPasswords()
    address = parse_server_address("postgresql://ana@db.example/deepdive")
    assert not passwords.available
    assert not passwords.remember(address, "s3cret")
    assert passwords.get(address) is None


def test_open_recent_lists_a_team_workspace_by_its_address_without_the_password(
    make_window: WindowFactory, settings: QSettings
) -> None:
    window = make_window()
    recent = WindowSettings(settings)
    recent.add_recent_workspace(parse_server_address("postgresql://ana:s3cret@db.example/dd"))
    window.workspace_menu.fill_recent_menu()
    shown = [action.text() for action in window.workspace_menu.recent_menu.actions()]
    assert shown == ["postgresql://ana@db.example/dd"]
    assert "s3cret" not in str(settings.value("workspaces/recent"))
