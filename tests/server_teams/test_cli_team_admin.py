"""``deepdive team rename`` and ``deepdive team delete``: the owner's, each said in one
line; a member gets one line and exit 2; a team's name is checked against the key vault."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from team_servers import ANA, BEN, OWNER, TeamServer, codes_seen, two_teams

PASSPHRASE = {"DEEPDIVE_PASSPHRASE": "correct horse battery staple"}


@pytest.fixture
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)
    return made


def test_the_owner_renames_and_deletes_teams_and_a_member_may_not(
    server: TeamServer, tmp_path: Path
) -> None:
    def team(role: str, *args: str) -> str:
        done = run_deepdive("team", *args, "--workspace", server.url(role), data_dir=tmp_path)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def refused(role: str, *args: str) -> str:
        return refusal(
            run_deepdive("team", *args, "--workspace", server.url(role), data_dir=tmp_path)
        )

    assert team(OWNER, "rename", "north", "North hub") == "Renamed the team north to North hub.\n"
    assert refused(ANA, "rename", "North hub", "Ours") == (
        f"deepdive: Only the workspace's owner ({OWNER}) can rename the team 'North hub'; you "
        f"are connected as {ANA}. Nothing was changed."
    )
    assert refused(BEN, "delete", "South", "--unassign-cases").startswith(
        f"deepdive: Only the workspace's owner ({OWNER}) can delete the team 'South'"
    )
    assert "The team North hub still has 1 case, so it was not deleted" in refused(
        OWNER, "delete", "North hub"
    )
    both = run_deepdive(
        "team", "delete", "North hub", "--move-cases-to", "South", "--unassign-cases",
        "--workspace", server.url(OWNER), data_dir=tmp_path,
    )  # fmt: skip
    assert both.returncode == 2 and "not allowed with argument" in both.stderr
    assert team(OWNER, "delete", "North hub", "--move-cases-to", "south").splitlines() == [
        "Deleted the team North hub; its 1 case moved to the team South.",
        "In no team now, ana can no longer open the workspace; add them to a team to let "
        "them back in.",
    ]
    assert codes_seen(server, BEN) == {"N-1", "S-1"}
    assert team(OWNER, "delete", "South", "--unassign-cases").splitlines() == [
        "Deleted the team South; its 2 cases are in no team now (seen by the owner only).",
        "In no team now, ben and dan can no longer open the workspace; add them to a team to "
        "let them back in.",
    ]
    assert team(OWNER, "list").startswith("No teams yet.")


def test_a_team_name_with_a_real_name_from_the_key_vault_is_refused(
    server: TeamServer, tmp_path: Path
) -> None:
    url = server.url(OWNER)

    def deepdive(
        *args: str, env: dict[str, str] | None = PASSPHRASE
    ) -> subprocess.CompletedProcess[str]:
        return run_deepdive(*args, "--workspace", url, data_dir=tmp_path, env=env)

    for made in (
        deepdive("vault", "init"),
        deepdive(
            "vault", "add", "N-1", "YP N-1", "--real-name", "Sarah Thompson", "--alias", "Saz"
        ),
    ):
        assert made.returncode == 0, made.stderr
    assert refusal(deepdive("team", "create", "Sarah Thompson hub")) == (
        "deepdive: 'Sarah Thompson' is a real name registered in the key vault; a team's name "
        "cannot hold it. Name the team by its place or work, such as 'North hub' or 'Edge of "
        "care team'."
    )
    assert "'Saz' is a real name registered" in refusal(
        deepdive("team", "rename", "North", "Saz hub")
    )
    # The vault must be unlocked to name a team: without the passphrase nothing is changed.
    locked = refusal(deepdive("team", "create", "East", env=None))
    assert "must be unlocked to name a team" in locked and "Nothing was written" in locked
    renamed = deepdive("team", "rename", "North", "North hub")
    assert renamed.returncode == 0, renamed.stderr
