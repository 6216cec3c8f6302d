"""File ▸ Teams… on a team workspace: the owner makes teams, adds members and puts
cases in them, and a member then sees those cases; a refusal is said in the window and
changes nothing; deleting a team with cases asks where they go; a member sees the teams
read-only; a workspace file offers no Teams at all."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, SUPERUSER, PgCluster, PgDatabases
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QWidget,
)
from pytestqt.qtbot import QtBot
from ui_helpers import WindowFactory, answer_next_dialog, unlock_vault

from deepdive.privacy.vault import Vault, VaultCase, VaultPerson, default_vault_path
from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.teams.delete_dialog import DeleteTeamDialog
from deepdive.ui.teams.window import TeamsWindow

Rows = list[tuple[str, str, str]]
PASSPHRASE = "correct horse battery staple"


@pytest.fixture
def workspace(pg_databases: PgDatabases, tmp_path: Path) -> Iterator[str]:
    """A team workspace with no teams yet and two cases, N-1 and N-2; returns its
    database's name (the tests' superuser built it, so owns it)."""
    url = pg_databases.take()
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(url), tmp_path / "lead")
    )
    try:
        lead.cases.create("N-1", "Jay")
        lead.cases.create("N-2", "Kai")
    finally:
        lead.close()
    yield url.split("?", 1)[0].rsplit("/", 1)[1]
    pg_databases.give_back(url)


@pytest.fixture
def two_teams(workspace: str, pg_cluster: PgCluster, tmp_path: Path) -> str:
    """North (the facilitator's team: N-1 and N-2) and South (no members; S-1)."""
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(pg_cluster.url(workspace)), tmp_path / "lead")
    )
    try:
        lead.cases.create("S-1", "Sam")
        teams = TeamService(lead.workspace)
        for team in ("North", "South"):
            teams.create(team)
        teams.add_member("North", FACILITATOR)
        for code, team in (("N-1", "North"), ("N-2", "North"), ("S-1", "South")):
            teams.assign(code, team)
    finally:
        lead.close()
    return workspace


def open_window(make_window: WindowFactory, url: str) -> MainWindow:
    window = make_window()
    window.show()
    assert window.open_workspace(parse_server_address(url))
    assert window.view is not None
    return window


def wait_until_listening(qtbot: QtBot, window: MainWindow) -> None:
    """Until the window hears the server's notices (its listener starts on a thread)."""
    watch = window.team.watch
    assert watch is not None
    qtbot.waitUntil(watch.remote.listening, timeout=10000)


def teams_entry_shown(window: MainWindow) -> bool:
    window.menus.file.aboutToShow.emit()  # as opening the menu does
    action = window.teams_menu.action
    assert action in window.menus.file.actions()
    return action.isVisible() and action.isEnabled()


def open_teams(window: MainWindow) -> TeamsWindow:
    assert teams_entry_shown(window)
    window.teams_menu.action.trigger()
    shown = window.teams_menu.teams_window
    assert isinstance(shown, TeamsWindow) and shown.isVisible()
    return shown


def rows(teams: TeamsWindow) -> Rows:
    """The table as the user reads it."""
    model = teams.model

    def cell(row: int, column: int) -> str:
        return str(model.index(row, column).data())

    return [(cell(row, 0), cell(row, 1), cell(row, 2)) for row in range(model.rowCount())]


def select(teams: TeamsWindow, name: str) -> None:
    row = teams.model.row_of(name)
    assert row is not None
    teams.table.selectRow(row)


def type_answer(text: str, seen: list[QInputDialog] | None = None) -> None:
    """Answer the next small question (a name, a role, a member, a case) with ``text``."""

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        if seen is not None:
            seen.append(dialog)
        dialog.setTextValue(text)
        dialog.accept()

    answer_next_dialog(fill)


def unnamed_controls(shown: QWidget) -> list[str]:
    """The controls of ``shown`` a screen reader could not name."""
    return [
        type(w).__name__
        for w in shown.findChildren(QWidget)
        if isinstance(w, QAbstractButton | QAbstractItemView | QComboBox)
        and w.isVisible()
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not w.accessibleName()
        and not (isinstance(w, QAbstractButton) and w.text().replace("&", ""))
    ]


def codes_seen_by_facilitator(pg_cluster: PgCluster, database: str, folder: Path) -> set[str]:
    url = pg_cluster.url(database, FACILITATOR, FACILITATOR_PASSWORD)
    services = Services.for_workspace(open_server_workspace(parse_server_address(url), folder))
    try:
        return {case.code for case in services.cases.list_cases()}
    finally:
        services.close()


def test_the_owner_makes_a_team_for_the_facilitator_who_then_sees_its_case(
    qtbot: QtBot, make_window: WindowFactory, workspace: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    window = open_window(make_window, pg_cluster.url(workspace))
    services = window.services
    assert services is not None and window.view is not None
    window.view.select_case(services.cases.find("N-2").id)  # the case on screen
    teams = open_teams(window)
    assert teams.windowTitle() == f"Teams — {workspace} on this computer:5432"
    assert rows(teams) == []
    assert teams.unassigned.text() == (
        "No teams yet: New team… adds one. 2 cases are in no team: only you, the owner, see them."
    )
    assert not teams.rename_button.isEnabled()

    type_answer("  North   hub ")
    teams.new_button.click()
    assert rows(teams) == [("North hub", "no members yet", "0")]
    assert teams.said.text() == (
        "Created the team North hub. Add its members, then put cases in it."
    )
    assert teams.add_member_button.isEnabled()  # the new team is selected

    type_answer(FACILITATOR)
    teams.add_member_button.click()
    assert rows(teams) == [("North hub", FACILITATOR, "0")]
    assert teams.said.text() == (
        f"Added {FACILITATOR} to the team North hub: {FACILITATOR} now sees its cases."
    )
    assert codes_seen_by_facilitator(pg_cluster, workspace, tmp_path / "f") == set()

    asked: list[QInputDialog] = []

    def put_offered_case(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        asked.append(dialog)
        assert dialog.comboBoxItems() == ["N-1", "N-2"]
        assert dialog.textValue() == "N-2"  # the case on screen, offered first
        dialog.accept()

    answer_next_dialog(put_offered_case)
    teams.put_case_button.click()
    assert asked
    assert rows(teams) == [("North hub", FACILITATOR, "1")]
    assert teams.said.text() == "The case N-2 is now in the team North hub: its members see it."
    assert teams.unassigned.text() == "1 case is in no team: only you, the owner, see it."
    assert not teams.problem.isVisible()
    assert codes_seen_by_facilitator(pg_cluster, workspace, tmp_path / "f") == {"N-2"}

    type_answer("North")  # a double-click on a team renames it
    where = teams.table.visualRect(teams.model.index(0, 0)).center()
    qtbot.mouseClick(teams.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(teams.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert rows(teams) == [("North", FACILITATOR, "1")]
    assert teams.said.text() == "Renamed the team North hub to North."
    teams.grab().save("/tmp/teams-window.png")
    assert unnamed_controls(teams) == []
    # A case added meanwhile (here, or by a colleague and heard from the server) is counted.
    services.cases.create("N-3", "Lou")
    qtbot.waitUntil(
        lambda: teams.unassigned.text() == "2 cases are in no team: only you, the owner, see them."
    )
    # It fits a 1366×768 laptop's screen, even at the smallest it allows.
    assert teams.screen().availableGeometry().contains(teams.frameGeometry())
    smallest = teams.minimumSizeHint()
    assert smallest.width() <= 1366 - 16 and smallest.height() <= 768 - 80


def test_a_refusal_is_said_in_the_window_and_changes_nothing(
    make_window: WindowFactory, two_teams: str, pg_cluster: PgCluster
) -> None:
    window = open_window(make_window, pg_cluster.url(two_teams))
    teams = open_teams(window)
    before = rows(teams)
    assert before == [("North", FACILITATOR, "2"), ("South", "no members yet", "1")]

    def refused(click: Callable[[], None], answer: str) -> str:
        type_answer(answer)
        click()
        assert rows(teams) == before
        assert teams.problem.isVisible() and not teams.said.isVisible()
        return teams.problem.text()

    assert refused(teams.new_button.click, "south") == "There is already a team called 'south'."
    select(teams, "South")
    assert refused(teams.add_member_button.click, "nobody_here").startswith(
        "The server has no role called 'nobody_here': create it first"
    )
    assert "looks like an NHS number" in refused(teams.new_button.click, "Hub 943 476 5919")
    select(teams, "North")
    assert refused(teams.put_case_button.click, "X-9") == "There is no case X-9 in this workspace."
    assert refused(teams.rename_button.click, "South") == "There is already a team called 'South'."
    # The next change that is made clears the refusal.
    type_answer("West")
    teams.new_button.click()
    assert not teams.problem.isVisible()
    assert [r[0] for r in rows(teams)] == ["North", "South", "West"]


def test_deleting_a_team_with_cases_asks_where_they_go(
    make_window: WindowFactory, two_teams: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    window = open_window(make_window, pg_cluster.url(two_teams))
    teams = open_teams(window)
    select(teams, "South")
    questions: list[str] = []

    def cancel(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteTeamDialog)
        questions.append(dialog.question.text())
        assert dialog.move_to.isChecked() and dialog.teams.currentText() == "North"
        dialog.reject()

    answer_next_dialog(cancel)
    teams.delete_button.click()
    assert questions == [
        "Delete the team South? It has no members.\n\nIt has 1 case, which stays in the "
        "workspace. Where should it go?"
    ]
    assert [r[0] for r in rows(teams)] == ["North", "South"]  # cancelled: nothing changed

    def move_into_north(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteTeamDialog)
        assert unnamed_controls(dialog) == []
        dialog.delete_button.click()

    answer_next_dialog(move_into_north)
    teams.delete_button.click()
    assert rows(teams) == [("North", FACILITATOR, "3")]
    assert teams.said.text() == "Deleted the team South; its 1 case moved into the team North."
    assert codes_seen_by_facilitator(pg_cluster, two_teams, tmp_path / "f") == {
        "N-1",
        "N-2",
        "S-1",
    }

    def into_no_team(dialog: QDialog) -> None:
        assert isinstance(dialog, DeleteTeamDialog)
        assert not dialog.move_to.isEnabled()  # no other team to move them into
        assert dialog.no_team.isChecked()
        questions.append(dialog.question.text())
        dialog.delete_button.click()

    select(teams, "North")
    answer_next_dialog(into_no_team)
    teams.delete_button.click()
    assert questions[-1].startswith(
        f"Delete the team North? Its members ({FACILITATOR}) stop seeing its cases"
    )
    assert rows(teams) == []
    assert teams.said.text() == (
        "Deleted the team North; its 3 cases are in no team now (only you, the owner, see "
        f"them). In no team now, {FACILITATOR} can no longer open the workspace; add them to "
        "a team to let them back in."
    )
    assert teams.unassigned.text().endswith(
        "3 cases are in no team: only you, the owner, see them."
    )


def test_a_member_sees_the_teams_read_only_and_who_can_change_them(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    two_teams: str,
    pg_cluster: PgCluster,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGPASSWORD", FACILITATOR_PASSWORD)
    window = open_window(make_window, pg_cluster.url(two_teams, FACILITATOR))
    teams = open_teams(window)
    assert ("North", FACILITATOR, "2") in rows(teams)
    assert teams.intro.text().startswith(
        f"Only the workspace's owner, {SUPERUSER}, can change teams"
    )
    assert teams.unassigned.text() == (
        f"Cases are counted as you ({FACILITATOR}) see them: only those of your teams."
    )
    for button in (
        teams.new_button,
        teams.rename_button,
        teams.delete_button,
        teams.add_member_button,
        teams.remove_member_button,
        teams.put_case_button,
    ):
        assert not button.isEnabled()
    # Opening a workspace file closes the team workspace, its Teams window with it.
    assert window.open_workspace(tmp_path / "mine.deepdive")
    qtbot.waitUntil(lambda: window.teams_menu.teams_window is None)
    assert not teams_entry_shown(window)


def test_a_workspace_file_offers_no_teams(make_window: WindowFactory, tmp_path: Path) -> None:
    window = make_window()
    window.show()
    assert not teams_entry_shown(window)  # no workspace at all
    assert window.open_workspace(tmp_path / "mine.deepdive")
    assert not teams_entry_shown(window)
    assert window.teams_menu.open_teams() is None


def test_removing_a_member_says_when_they_lose_their_access(
    qtbot: QtBot, make_window: WindowFactory, two_teams: str, pg_cluster: PgCluster
) -> None:
    window = open_window(make_window, pg_cluster.url(two_teams))
    teams = open_teams(window)
    select(teams, "South")
    assert not teams.remove_member_button.isEnabled()  # South has no members
    asked: list[QInputDialog] = []
    type_answer(FACILITATOR, asked)
    teams.add_member_button.click()
    # The server's roles are offered (not the owner's own, nor a superuser's).
    [question] = asked
    assert FACILITATOR in question.comboBoxItems()
    assert SUPERUSER not in question.comboBoxItems()
    select(teams, "North")
    offered: list[list[str]] = []

    def remove(dialog: QDialog) -> None:
        assert isinstance(dialog, QInputDialog)
        offered.append(dialog.comboBoxItems())
        dialog.accept()

    answer_next_dialog(remove)
    teams.remove_member_button.click()
    assert offered == [[FACILITATOR]]
    assert teams.said.text() == (
        f"Removed {FACILITATOR} from the team North: {FACILITATOR} no longer sees its cases."
    )
    select(teams, "South")
    answer_next_dialog(remove)
    teams.remove_member_button.click()
    assert teams.said.text().endswith(
        f"In no team now, {FACILITATOR} can no longer open the workspace; add them to a team "
        "to let them back in."
    )
    assert rows(teams) == [("North", "no members yet", "2"), ("South", "no members yet", "1")]
    teams.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close).click()
    qtbot.waitUntil(lambda: window.teams_menu.teams_window is None)


def test_a_team_name_holding_a_name_in_the_key_vault_is_refused(
    qtbot: QtBot, make_window: WindowFactory, workspace: str, pg_cluster: PgCluster
) -> None:
    window = open_window(make_window, pg_cluster.url(workspace))
    assert window.services is not None
    vault = Vault.create(default_vault_path(window.services.workspace.path), PASSPHRASE)
    vault.put_case(VaultCase("N-1", 90, (VaultPerson("Jay", ("Sarah Thompson",)),)))
    vault.lock()
    unlock_vault(window, PASSPHRASE)
    teams = open_teams(window)
    type_answer("Thompson hub")
    teams.new_button.click()
    assert teams.problem.text().startswith(
        "'Thompson' is a real name registered in the key vault; a team's name cannot hold it."
    )
    assert rows(teams) == []


def test_a_team_named_before_its_name_went_into_the_key_vault_is_marked_to_rename(
    qtbot: QtBot, make_window: WindowFactory, workspace: str, pg_cluster: PgCluster
) -> None:
    window = open_window(make_window, pg_cluster.url(workspace))
    assert window.services is not None
    TeamService(window.services.workspace).create("Thompson hub")  # no vault yet
    vault = Vault.create(default_vault_path(window.services.workspace.path), PASSPHRASE)
    vault.put_case(VaultCase("N-1", 90, (VaultPerson("Jay", ("Sarah Thompson",)),)))
    vault.lock()
    unlock_vault(window, PASSPHRASE)
    teams = open_teams(window)
    assert rows(teams) == [("⚠ Thompson hub", "no members yet", "0")]
    assert "'Thompson' is a real name registered in the key vault" in str(
        teams.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    )
    assert "Rename the teams marked ⚠" in teams.unassigned.text()
    type_answer("Coast hub")
    teams.rename_button.click()
    assert rows(teams) == [("Coast hub", "no members yet", "0")]
    assert "Rename the teams marked" not in teams.unassigned.text()


@pytest.fixture
def member_and_teams(
    qtbot: QtBot,
    make_window: WindowFactory,
    two_teams: str,
    pg_cluster: PgCluster,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[MainWindow, TeamsWindow]:
    """The facilitator's window (listening to the server) and the owner's Teams window,
    both open on ``two_teams`` at once, as on two laptops."""
    monkeypatch.setenv("PGPASSWORD", FACILITATOR_PASSWORD)
    member = open_window(make_window, pg_cluster.url(two_teams, FACILITATOR))
    wait_until_listening(qtbot, member)
    owner = open_window(make_window, pg_cluster.url(two_teams))
    return member, open_teams(owner)


def test_a_members_open_window_gains_and_loses_the_case_the_owner_moves(
    qtbot: QtBot, member_and_teams: tuple[MainWindow, TeamsWindow]
) -> None:
    member, teams = member_and_teams
    assert member.view is not None
    listed = member.view.case_list.model

    def codes() -> list[str]:
        return sorted(listed.summary_at(row).code for row in range(listed.rowCount()))

    assert codes() == ["N-1", "N-2"]
    select(teams, "North")
    type_answer("S-1")
    teams.put_case_button.click()
    assert teams.said.text() == "The case S-1 is now in the team North: its members see it."
    # Heard from the server (LISTEN/NOTIFY): the member's list follows without a reload.
    qtbot.waitUntil(lambda: codes() == ["N-1", "N-2", "S-1"], timeout=5000)
    # And out again: North's members hear the case leave (it goes from their list).
    select(teams, "South")
    type_answer("S-1")
    teams.put_case_button.click()
    assert teams.said.text() == "The case S-1 is now in the team South: its members see it."
    qtbot.waitUntil(lambda: codes() == ["N-1", "N-2"], timeout=5000)
    # Made a member of South, the facilitator's open list gains South's case; taken out
    # of North, it loses North's: told by the server, no reload.
    type_answer(FACILITATOR)
    teams.add_member_button.click()
    qtbot.waitUntil(lambda: codes() == ["N-1", "N-2", "S-1"], timeout=5000)
    select(teams, "North")
    answer_next_dialog(lambda dialog: dialog.accept())
    teams.remove_member_button.click()
    qtbot.waitUntil(lambda: codes() == ["S-1"], timeout=5000)


def test_a_member_taken_out_of_every_team_is_told_so_in_their_open_window(
    qtbot: QtBot, member_and_teams: tuple[MainWindow, TeamsWindow]
) -> None:
    member, teams = member_and_teams
    select(teams, "North")
    answer_next_dialog(lambda dialog: dialog.accept())
    said: list[str] = []
    member.statusBar().messageChanged.connect(said.append)
    teams.remove_member_button.click()
    # Told by the server; the next read is refused, and the window says why (no error),
    # for as long as it lasts.
    qtbot.waitUntil(lambda: any("You are no longer in a team of" in s for s in said))
    assert "Ask the workspace's owner to add you to a team." in member.statusBar().currentMessage()
