"""The app's New case dialog on a team workspace: a person in several teams chooses the
case's team from their own teams (nothing chosen for them); the owner may choose any
team or none; with one team, or on a workspace file, there is no Team field at all."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from team_servers import ANA, BEN, DAN, OWNER, TeamServer, codes_seen, two_teams

from deepdive.services import Services
from deepdive.storage.workspace import open_workspace
from deepdive.ui.cases.case_dialogs import CaseCodeDialog, new_case_dialog


@pytest.fixture(scope="module")
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)
    return made


@pytest.fixture
def as_role(server: TeamServer) -> Iterator[Callable[[str], Services]]:
    opened: list[Services] = []

    def open_as(role: str) -> Services:
        opened.append(server.open(role))
        return opened[-1]

    yield open_as
    for services in opened:
        services.close()


def _ok(dialog: CaseCodeDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_member_of_two_teams_chooses_the_team_and_the_case_goes_there(
    qtbot: QtBot, as_role: Callable[[str], Services], server: TeamServer
) -> None:
    dialog = new_case_dialog(as_role(DAN).cases)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.team.isVisible()
    assert [dialog.team.itemText(i) for i in range(dialog.team.count())] == ["North", "South"]
    assert dialog.chosen_team() is None  # nothing chosen for them
    dialog.code.setText("dd-2026-001")
    dialog.pseudonym.setText("Robin")

    _ok(dialog)  # no team chosen: said next to the Team field, nothing typed lost
    said = dialog.messages["team"]
    assert said.isVisible()
    assert said.text() == "Choose the team this case belongs to: only its members will see it."
    assert dialog.isVisible() and dialog.code.text() == "dd-2026-001"
    assert dialog.result_case is None

    dialog.team.setCurrentText("South")
    _ok(dialog)
    assert dialog.result_case is not None
    assert dialog.result_case.code == "DD-2026-001"
    assert "DD-2026-001" in codes_seen(server, BEN)
    assert "DD-2026-001" not in codes_seen(server, ANA)


def test_the_owner_may_put_a_new_case_into_any_team_or_none(
    qtbot: QtBot, as_role: Callable[[str], Services], server: TeamServer
) -> None:
    owner = as_role(OWNER)
    for code, team, seen_by_ana in (("O-NONE", None, False), ("O-NORTH", "North", True)):
        dialog = new_case_dialog(owner.cases)
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.team.isVisible()
        assert [dialog.team.itemText(i) for i in range(1, dialog.team.count())] == [
            "North",
            "South",
        ]
        assert dialog.chosen_team() is None  # no team to begin with: the owner's alone
        if team is not None:
            dialog.team.setCurrentText(team)
        dialog.code.setText(code)
        dialog.pseudonym.setText("Robin")
        _ok(dialog)
        assert dialog.result_case is not None and dialog.result_case.code == code
        assert (code in codes_seen(server, ANA)) is seen_by_ana
        assert code in codes_seen(server, OWNER)


def test_a_member_of_one_team_sees_no_team_field(
    qtbot: QtBot, as_role: Callable[[str], Services], server: TeamServer
) -> None:
    dialog = new_case_dialog(as_role(ANA).cases)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.team.isVisible()
    assert "team" not in dialog.messages
    dialog.code.setText("A-DIALOG")
    dialog.pseudonym.setText("Sky")
    _ok(dialog)
    assert dialog.result_case is not None
    assert "A-DIALOG" in codes_seen(server, ANA)


def test_a_workspace_file_shows_no_team_field(qtbot: QtBot, tmp_path: Path) -> None:
    services = Services.for_workspace(open_workspace(tmp_path / "mine.deepdive"))
    try:
        dialog = new_case_dialog(services.cases)
        qtbot.addWidget(dialog)
        dialog.show()
        assert not dialog.team.isVisible()
        dialog.code.setText("F-1")
        dialog.pseudonym.setText("Kit")
        _ok(dialog)
        assert dialog.result_case is not None
    finally:
        services.close()
