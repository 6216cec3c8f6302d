"""``deepdive team``: a programme lead sets up teams on the council's server from the
command line, members see their team's cases, and everything else is one clear line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from team_servers import ANA, BEN, OWNER, TeamServer


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["create", "North"],
        ["rename", "North", "South"],
        ["delete", "North", "--unassign-cases"],
        ["add-member", "North", "ana"],
        ["assign", "C1", "North"],
    ],
)
def test_on_a_workspace_file_teams_are_one_line_and_nothing_is_made(
    command: list[str], tmp_path: Path
) -> None:
    path = tmp_path / "mine.deepdive"
    result = run_deepdive("team", *command, "--workspace", path, data_dir=tmp_path)
    line = refusal(result)
    assert line.startswith("deepdive: Teams belong to team workspaces on a PostgreSQL server")
    assert f"{path} is a workspace file" in line
    assert not path.exists()


def test_without_a_workspace_the_default_file_is_refused_too(tmp_path: Path) -> None:
    result = run_deepdive("team", "list", data_dir=tmp_path)
    assert "Teams belong to team workspaces" in refusal(result)
    assert not list(tmp_path.rglob("*.deepdive"))


def test_a_programme_lead_sets_up_a_team_and_its_member_sees_its_case(
    new_team_server: Callable[[], TeamServer], tmp_path: Path
) -> None:
    server = new_team_server()

    def team(role: str, *args: str) -> str:
        done = run_deepdive("team", *args, "--workspace", server.url(role), data_dir=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert team(OWNER, "create", "North hub") == "Created the team North hub.\n"
    assert "Added ana to the team North hub: ana now sees its cases." in team(
        OWNER, "add-member", "north HUB", ANA
    )
    demo = run_deepdive("demo", "--workspace", server.url(OWNER), data_dir=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "in no team (seen by the owner only)" in team(OWNER, "list")
    assert "is now in the team North hub" in team(OWNER, "assign", "DEMO-001", "North hub")
    assert team(OWNER, "list").splitlines() == [
        "TEAM       MEMBERS  CASES",
        "North hub  ana      1",
    ]

    cases = run_deepdive("cases", "--json", "--workspace", server.url(ANA), data_dir=tmp_path)
    assert [c["code"] for c in json.loads(cases.stdout)] == ["DEMO-001"]
    listed = json.loads(team(ANA, "list", "--json"))
    assert listed == {
        "role": ANA,
        "owner": OWNER,
        "teams": [{"name": "North hub", "members": [ANA], "cases": 1}],
        "unassigned_cases": None,
    }

    # A member may not change teams; a role in no team may not even look.
    rebel = run_deepdive(
        "team", "create", "Rebels", "--workspace", server.url(ANA), data_dir=tmp_path
    )
    assert refusal(rebel) == (
        f"deepdive: Only the workspace's owner ({OWNER}) can create the team 'Rebels'; you "
        f"are connected as {ANA}. Nothing was changed."
    )
    outsider = run_deepdive("cases", "--workspace", server.url(BEN), data_dir=tmp_path)
    assert "your role is in none of its teams" in refusal(outsider)
    unknown = run_deepdive(
        "team", "add-member", "North hub", "nobody_here", "--workspace", server.url(OWNER),
        data_dir=tmp_path,
    )  # fmt: skip
    assert "The server has no role called 'nobody_here'" in refusal(unknown)
