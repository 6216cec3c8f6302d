"""File ▸ Back up now and Restore from backup… on a team workspace: a member's verified
set of bundles holds the cases their role can see and no other team's; cases come back
from a set one by one, and a case whose code is taken is never overwritten."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QWidget
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.bundles.team_backup import make_team_backup, verify_team_backup
from deepdive.services import Services
from deepdive.services.event_rows import EventInput
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.workspace.team_backup_commands import FOLDER_KEY, BackupFolders
from deepdive.ui.workspace.team_restore_dialog import TeamRestoreDialog

WAIT_MS = 20000  # at most; a few small cases take a fraction of a second


@dataclass
class ScriptedFolders(BackupFolders):
    """Answers the folder dialogs from a script and records where each started."""

    answers: list[Path | None] = field(default_factory=list)
    started_at: list[Path] = field(default_factory=list)

    def _folder(self, parent: QWidget, title: str, start: Path) -> Path | None:
        self.started_at.append(start)
        return self.answers.pop(0)


@pytest.fixture
def two_teams(pg_databases: PgDatabases, pg_cluster: PgCluster, tmp_path: Path) -> Iterator[str]:
    """A team workspace with North (the facilitator's team: N-1 with two events, N-2)
    and South (S-1, which the facilitator may not see); returns the facilitator's
    address."""
    url = pg_databases.take()
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(url), tmp_path / "owner")
    )
    try:
        teams = TeamService(lead.workspace)
        teams.create("North")
        teams.create("South")
        teams.add_member("North", FACILITATOR)
        n1 = lead.cases.create("N-1", "Jay", summary="Lives with Nan")
        for day, text in (("2016-03-14", "Moved to Nan's"), ("2017-09-04", "Started school")):
            lead.events.add(n1.id, EventInput(date=day, category="family", description=text))
        lead.cases.create("N-2", "Kai")
        lead.cases.create("S-1", "Sam", summary="South's own")
        for code, team in (("N-1", "North"), ("N-2", "North"), ("S-1", "South")):
            teams.assign(code, team)
    finally:
        lead.close()
    database = url.split("?", 1)[0].rsplit("/", 1)[1]
    yield pg_cluster.url(database, FACILITATOR)
    pg_databases.give_back(url)


def member_window(
    make_window: WindowFactory, address: str, monkeypatch: pytest.MonkeyPatch
) -> tuple[MainWindow, ScriptedFolders]:
    monkeypatch.setenv("PGPASSWORD", FACILITATOR_PASSWORD)
    window = make_window()
    assert window.open_workspace(parse_server_address(address))
    team = window.nothing_lost.team_backups
    assert team is not None
    folders = ScriptedFolders()
    team.folders = folders
    return window, folders


def back_up(qtbot, window: MainWindow, folders: ScriptedFolders, root: Path) -> Path:  # type: ignore[no-untyped-def]
    """File ▸ Back up now into ``root``; returns the backup set's folder."""
    team = window.nothing_lost.team_backups
    assert team is not None
    folders.answers.append(root)
    assert window.nothing_lost.back_up_action.isEnabled()
    progress: list[tuple[int, int, str]] = []
    team.progressed.connect(lambda *told: progress.append(told))
    with qtbot.waitSignal(team.backed_up, timeout=WAIT_MS) as done:
        window.nothing_lost.back_up_action.trigger()
        # On a worker thread: back here at once, the progress shown, the window answering.
        assert team.is_running()
        assert window.nothing_lost.backup_progress.isVisibleTo(window)
    assert [(d, t) for d, t, _code in progress] == [(1, 2), (2, 2)]
    [made] = [p for p in root.iterdir() if p.is_dir()]
    assert done.args[0].folder == made
    return made


def test_back_up_now_writes_the_members_cases_verified_and_no_other_teams(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    prompter: ScriptedPrompter,
    settings: QSettings,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    root = tmp_path / "my backups"
    root.mkdir()
    folder = back_up(qtbot, window, folders, root)

    assert verify_team_backup(folder) == 2
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(c["code"] for c in manifest["cases"]) == ["N-1", "N-2"]  # never S-1
    assert not any("Sam" in p.read_bytes().decode("latin-1") for p in folder.iterdir())
    assert folder.stat().st_mode & 0o077 == 0
    [said] = prompter.questions
    assert said.startswith("Backed up 2 cases of postgresql://facilitator@")
    window.resize(1366, 768)
    window.grab().save("/tmp/team-backup-done.png")
    assert str(folder) in said
    assert not window.nothing_lost.backup_progress.isVisible()
    # The folder is remembered: the next backup starts there.
    assert settings.value(FOLDER_KEY) == str(root)
    folders.answers.append(None)
    window.nothing_lost.back_up_action.trigger()
    assert folders.started_at[-1] == root


def test_restore_says_the_server_tools_and_brings_a_chosen_case_back(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    prompter: ScriptedPrompter,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    folder = back_up(qtbot, window, folders, tmp_path)
    services = window.services
    assert services is not None
    services.cases.delete(services.cases.find("N-1").id)
    shown: list[tuple[str, list[tuple[str, str, str, str]]]] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, TeamRestoreDialog)
        folders.answers.append(folder)
        dialog.choose_button.click()
        model = dialog.model
        rows = [
            tuple(str(model.index(r, c).data()) for c in range(4)) for r in range(model.rowCount())
        ]
        shown.append((dialog.findChild(QWidget, "serverTools").text(), rows))  # type: ignore[union-attr]
        dialog.resize(720, 420)
        dialog.grab().save("/tmp/team-restore-dialog.png")
        dialog.model.tick("N-2", False)  # already there; N-1 stays ticked
        dialog.restore_button.click()

    answer_next_dialog(fill)
    window.nothing_lost.restore_action.trigger()

    [(server_tools, rows)] = shown
    for tool in ("pg_restore", "pg_dump", "pg_basebackup"):
        assert tool in server_tools
    assert rows == [
        ("N-1", "Jay", "2", ""),
        ("N-2", "Kai", "0", "yes: not overwritten"),
    ]
    back = services.cases.find("N-1")
    assert back.summary == "Lives with Nan"
    assert [e.description for e in services.events.list_rows(back.id)] == [
        "Moved to Nan's",
        "Started school",
    ]
    assert prompter.questions[-1] == "Brought back 1 case(s): N-1."
    assert window.view is not None and window.view.selected_case_id() == back.id


def test_a_case_whose_code_is_taken_is_not_overwritten(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    prompter: ScriptedPrompter,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    folder = back_up(qtbot, window, folders, tmp_path)
    services = window.services
    assert services is not None
    n1 = services.cases.find("N-1")
    services.cases.update(n1.id, summary="Changed since the backup")
    prompter.confirm_answers[:] = [False, True]  # skip it; then bring it back as a copy

    def bring_back_n1(dialog: QDialog) -> None:
        assert isinstance(dialog, TeamRestoreDialog)
        assert dialog.show_set(folder)
        assert dialog.chosen() == []  # both codes are taken: nothing ticked to start
        dialog.model.tick("N-1")
        dialog.restore_button.click()

    answer_next_dialog(bring_back_n1)
    window.nothing_lost.restore_action.trigger()
    assert prompter.questions[-2] == (
        "This team workspace already has a case N-1, and it is not overwritten. Bring the "
        "backup's N-1 back as a new case N-1-COPY, or skip it?"
    )
    assert prompter.questions[-1] == "Not brought back: N-1."
    assert services.cases.find("N-1").summary == "Changed since the backup"
    assert sorted(c.code for c in services.cases.list_cases()) == ["N-1", "N-2"]

    answer_next_dialog(bring_back_n1)
    window.nothing_lost.restore_action.trigger()
    assert prompter.questions[-1] == "Brought back 1 case(s): N-1 (as N-1-COPY)."
    assert services.cases.find("N-1").summary == "Changed since the backup"
    assert services.cases.find("N-1-COPY").summary == "Lives with Nan"


def test_a_backup_that_cannot_be_written_is_explained(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    prompter: ScriptedPrompter,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    team = window.nothing_lost.team_backups
    assert team is not None
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine")
    folders.answers.append(not_a_folder)
    with qtbot.waitSignal(team.failed, timeout=WAIT_MS):
        window.nothing_lost.back_up_action.trigger()
    [warning] = prompter.warnings
    assert warning.startswith(f"The backup folder {not_a_folder}/")
    assert "cannot be made" in warning
    assert not_a_folder.read_text() == "mine"
    assert not window.nothing_lost.backup_progress.isVisibleTo(window)


def test_a_code_taken_in_a_team_the_member_cannot_see_is_not_overwritten(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    pg_cluster: PgCluster,
    prompter: ScriptedPrompter,
) -> None:
    """The owner's backup set holds South's S-1; a North member restoring it meets a
    code row-level security hides from them: South's case is left alone, and the member
    is offered a new code for theirs."""
    database = two_teams.split("?", 1)[0].rsplit("/", 1)[1]
    owner = Services.for_workspace(
        open_server_workspace(parse_server_address(pg_cluster.url(database)), tmp_path / "o")
    )
    try:
        folder = make_team_backup(owner, tmp_path / "owner's set")
    finally:
        owner.close()
    window, _folders = member_window(make_window, two_teams, monkeypatch)
    prompter.confirm_answers[:] = [False, True]  # skip it; then bring it back as a copy

    def bring_back_s1(dialog: QDialog) -> None:
        assert isinstance(dialog, TeamRestoreDialog)
        assert dialog.show_set(folder.folder)
        for code in ("N-1", "N-2"):
            dialog.model.tick(code, False)
        dialog.model.tick("S-1")
        dialog.restore_button.click()

    answer_next_dialog(bring_back_s1)
    window.nothing_lost.restore_action.trigger()
    assert prompter.questions[-2:] == [
        "This team workspace already has a case S-1, and it is not overwritten. Bring the "
        "backup's S-1 back as a new case S-1-COPY, or skip it?",
        "Not brought back: S-1.",
    ]
    assert window.services is not None
    assert sorted(c.code for c in window.services.cases.list_cases()) == ["N-1", "N-2"]

    answer_next_dialog(bring_back_s1)
    window.nothing_lost.restore_action.trigger()
    assert prompter.questions[-1] == "Brought back 1 case(s): S-1 (as S-1-COPY)."
    assert sorted(c.code for c in window.services.cases.list_cases()) == [
        "N-1",
        "N-2",
        "S-1-COPY",
    ]
    assert prompter.warnings == []
    owner = Services.for_workspace(
        open_server_workspace(parse_server_address(pg_cluster.url(database)), tmp_path / "o")
    )
    try:
        assert owner.cases.find("S-1").summary == "South's own"
        assert len(owner.cases.list_cases()) == 4
    finally:
        owner.close()


def test_closing_the_window_waits_for_the_backup_under_way(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    team = window.nothing_lost.team_backups
    assert team is not None
    folders.answers.append(tmp_path)
    window.nothing_lost.back_up_action.trigger()
    assert team.is_running()
    window.close()  # the workspace closes once the backup is whole
    assert window.services is None
    [made] = [p for p in tmp_path.iterdir() if p.is_dir()]
    assert verify_team_backup(made) == 2


def test_a_folder_that_is_not_a_whole_backup_set_is_said_and_nothing_offered(
    qtbot, tmp_path: Path
) -> None:
    chosen = tmp_path / "holiday photos"
    chosen.mkdir()
    dialog = TeamRestoreDialog("test on this computer", lambda _parent: chosen, frozenset, None)
    qtbot.addWidget(dialog)
    dialog.resize(720, 420)
    dialog.grab().save("/tmp/team-restore-empty.png")
    assert not dialog.choose()
    assert dialog.set_label.text() == (
        f"{chosen} has no readable manifest.json: it is not a whole backup."
    )
    assert dialog.model.rowCount() == 0
    assert not dialog.restore_button.isEnabled()


def test_a_member_of_two_teams_is_asked_once_which_team_the_restored_cases_go_into(
    qtbot,
    make_window: WindowFactory,
    two_teams: str,
    pg_cluster: PgCluster,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    prompter: ScriptedPrompter,
) -> None:
    window, folders = member_window(make_window, two_teams, monkeypatch)
    folder = back_up(qtbot, window, folders, tmp_path / "sets")
    services = window.services
    assert services is not None
    for code in ("N-1", "N-2"):
        services.cases.delete(services.cases.find(code).id)
    database = two_teams.split("?", 1)[0].rsplit("/", 1)[1]
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(pg_cluster.url(database)), tmp_path / "lead")
    )
    try:
        TeamService(lead.workspace).add_member("South", FACILITATOR)  # now in both teams
    finally:
        lead.close()
    asked: list[str] = []
    listening = [True]

    def choose_south() -> None:
        if not listening:
            return
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(10, choose_south)
            return
        asked.append(dialog.labelText())
        dialog.setTextValue("South")
        dialog.accept()
        QTimer.singleShot(10, choose_south)  # answers again if asked again

    def restore_both(dialog: QDialog) -> None:
        assert isinstance(dialog, TeamRestoreDialog)
        assert dialog.show_set(folder)
        assert sorted(case.code for case in dialog.chosen()) == ["N-1", "N-2"]
        choose_south()
        dialog.restore_button.click()

    answer_next_dialog(restore_both)
    window.nothing_lost.restore_action.trigger()
    listening.clear()
    assert prompter.questions[-1] == "Brought back 2 case(s): N-1, N-2."
    assert asked == [
        "You are in more than one team. Which team should the restored cases go into? "
        "Only its members will see it."
    ]
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(pg_cluster.url(database)), tmp_path / "lead")
    )
    try:
        teams = {t.name: t.cases for t in TeamService(lead.workspace).list_teams().teams}
    finally:
        lead.close()
    assert teams == {"North": 0, "South": 3}
