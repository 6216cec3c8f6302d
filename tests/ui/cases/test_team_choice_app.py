"""The app on a team workspace, as a facilitator in two teams: Case ▸ New case asks for
the team in the dialog, Add the demo case and Import case bundle ask which team the case
goes into, and Cancel adds nothing. Each case lands in the team chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import run_deepdive
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog, QWidget
from pytestqt.qtbot import QtBot
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.shell.main_window import MainWindow
from deepdive.ui.workspace.bundle_commands import BundleCommands, BundleFiles


@pytest.fixture
def lead_url(
    pg_databases: PgDatabases, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[str]:
    """A team workspace whose facilitator is in two teams, North and South."""
    monkeypatch.setenv("PGPASSWORD", FACILITATOR_PASSWORD)
    url = pg_databases.take()
    lead = Services.for_workspace(
        open_server_workspace(parse_server_address(url), tmp_path / "lead")
    )
    try:
        teams = TeamService(lead.workspace)
        for team in ("North", "South"):
            teams.create(team)
            teams.add_member(team, FACILITATOR)
    finally:
        lead.close()
    yield url
    pg_databases.give_back(url)


def _cases_by_team(url: str, folder: Path) -> dict[str, int]:
    lead = Services.for_workspace(open_server_workspace(parse_server_address(url), folder / "lead"))
    try:
        return {t.name: t.cases for t in TeamService(lead.workspace).list_teams().teams}
    finally:
        lead.close()


def _open_as_facilitator(window: MainWindow, url: str, pg_cluster: PgCluster) -> None:
    database = url.split("?", 1)[0].rsplit("/", 1)[1]
    window.show()
    assert window.open_workspace(parse_server_address(pg_cluster.url(database, FACILITATOR)))
    assert window.view is not None


def test_new_case_and_the_demo_case_go_into_the_team_chosen(
    make_window: WindowFactory,
    lead_url: str,
    pg_cluster: PgCluster,
    prompter: ScriptedPrompter,
    tmp_path: Path,
) -> None:
    window = make_window()
    _open_as_facilitator(window, lead_url, pg_cluster)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, CaseCodeDialog)
        assert dialog.team.isVisibleTo(dialog)
        dialog.code.setText("DD-1")
        dialog.pseudonym.setText("Robin")
        dialog.team.setCurrentText("South")
        buttons = dialog.findChild(QDialogButtonBox)
        assert buttons is not None
        buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_next_dialog(fill)
    window.case_menu.new_case_action.trigger()
    assert _cases_by_team(lead_url, tmp_path) == {"North": 0, "South": 1}

    asked: list[str] = []

    def choose(team: str | None):  # type: ignore[no-untyped-def]
        def answer(dialog: QDialog) -> None:
            assert isinstance(dialog, QInputDialog)
            asked.append(dialog.labelText())
            assert dialog.comboBoxItems() == ["North", "South"]
            if team is None:
                dialog.reject()
            else:
                dialog.setTextValue(team)
                dialog.accept()

        return answer

    answer_next_dialog(choose(None))
    window.case_menu.demo_action.trigger()
    assert _cases_by_team(lead_url, tmp_path) == {"North": 0, "South": 1}  # nothing added
    answer_next_dialog(choose("North"))
    window.case_menu.demo_action.trigger()
    assert _cases_by_team(lead_url, tmp_path) == {"North": 1, "South": 1}
    assert asked[0].startswith("You are in more than one team. Which team should the demo case")
    assert prompter.warnings == []


class _Opens(BundleFiles):
    """Answers the open dialog with one path, as if chosen."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def open_path(self, parent: QWidget, start: Path) -> Path | None:
        return self.path


def test_a_bundle_imported_in_the_app_goes_into_the_team_chosen(
    qtbot: QtBot, lead_url: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    def lead() -> Services:
        return Services.for_workspace(
            open_server_workspace(parse_server_address(lead_url), tmp_path / "lead")
        )

    made = lead()
    try:
        made.cases.create("L-1", "Kit")
    finally:
        made.close()
    bundle = tmp_path / "l1.ddcase"
    exported = run_deepdive(
        "bundle", "export", "L-1", "--out", bundle, "--workspace", lead_url, data_dir=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    gone = lead()  # the case comes back from its bundle, as after a loss
    try:
        gone.cases.delete(gone.cases.find("L-1").id)
    finally:
        gone.close()
    database = lead_url.split("?", 1)[0].rsplit("/", 1)[1]
    address = parse_server_address(pg_cluster.url(database, FACILITATOR))
    services = Services.for_workspace(open_server_workspace(address, tmp_path / "facilitator"))
    prompter = ScriptedPrompter()
    parent = QWidget()
    qtbot.addWidget(parent)
    bundles = BundleCommands(parent, prompter, files=_Opens(bundle), unlock=lambda _s: True)
    try:

        def choose(team: str | None):  # type: ignore[no-untyped-def]
            def answer(dialog: QDialog) -> None:
                assert isinstance(dialog, QInputDialog)
                assert "Which team should the bundle's case go into?" in dialog.labelText()
                if team is None:
                    dialog.reject()
                else:
                    dialog.setTextValue(team)
                    dialog.accept()

            return answer

        answer_next_dialog(choose(None))
        assert bundles.import_bundle(services) is None
        assert _cases_by_team(lead_url, tmp_path) == {"North": 0, "South": 0}
        answer_next_dialog(choose("South"))
        imported = bundles.import_bundle(services)
    finally:
        services.close()
    assert imported is not None and imported.code == "L-1"
    assert _cases_by_team(lead_url, tmp_path) == {"North": 0, "South": 1}
    assert prompter.warnings == []
