"""The app on a team workspace, as a facilitator in two teams: Case ▸ New case asks for
the team in the dialog, Add the demo case asks which team it goes into, and Cancel adds
nothing. Each case lands in the team chosen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QInputDialog
from ui_helpers import ScriptedPrompter, WindowFactory, answer_next_dialog

from deepdive.services import Services
from deepdive.services.teams import TeamService
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.ui.cases.case_dialogs import CaseCodeDialog
from deepdive.ui.shell.main_window import MainWindow


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
