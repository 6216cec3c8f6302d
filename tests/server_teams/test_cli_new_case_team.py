"""``--team NAME`` wherever the command line adds a case (``demo``, ``bundle import``): a
facilitator in several teams says which team it goes into, and is told so when they
do not; nobody can put a case into a team they are not in."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from team_servers import ANA, BEN, DAN, OWNER, TeamServer, codes_seen, two_teams


@pytest.fixture(scope="module")
def server(new_team_server: Callable[[], TeamServer]) -> TeamServer:
    made = new_team_server()
    two_teams(made)
    return made


def test_the_demo_case_goes_into_the_team_chosen_and_is_refused_without_one(
    server: TeamServer, tmp_path: Path
) -> None:
    url = server.url(DAN)
    unsaid = run_deepdive("demo", "--workspace", url, data_dir=tmp_path)
    assert refusal(unsaid) == (
        "deepdive: Not saved: you (dan) are in more than one team (North, South), so choose "
        "the team the new case belongs to: the Team choice of the New case dialog, or --team "
        "NAME on the command line. Only its members will see the case."
    )
    assert "DEMO-001" not in codes_seen(server, OWNER)

    done = run_deepdive("demo", "--team", "South", "--workspace", url, data_dir=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Added the demo case DEMO-001")
    assert "DEMO-001" in codes_seen(server, BEN)
    assert "DEMO-001" not in codes_seen(server, ANA)


def test_a_bundle_is_imported_into_the_team_chosen(server: TeamServer, tmp_path: Path) -> None:
    bundle = tmp_path / "n1.ddcase"
    exported = run_deepdive(
        "bundle", "export", "N-1", "--out", bundle, "--workspace", server.url(OWNER),
        data_dir=tmp_path,
    )  # fmt: skip
    assert exported.returncode == 0, exported.stderr

    def bring(role: str, *more: str) -> subprocess.CompletedProcess[str]:
        return run_deepdive(
            "bundle", "import", bundle, "--as", "N-2", *more, "--workspace", server.url(role),
            data_dir=tmp_path,
        )  # fmt: skip

    assert "--team NAME" in refusal(bring(DAN))
    assert "you (ana) are not in the team South" in refusal(bring(ANA, "--team", "South"))
    imported = bring(DAN, "--team", "north")
    assert imported.returncode == 0, imported.stderr
    assert "Imported case N-2 (a copy of N-1)" in imported.stdout
    assert "N-2" in codes_seen(server, ANA)
    assert "N-2" not in codes_seen(server, BEN)


def test_team_on_a_workspace_file_is_one_line_and_nothing_is_made(tmp_path: Path) -> None:
    path = tmp_path / "mine.deepdive"
    result = run_deepdive("demo", "--team", "North", "--workspace", path, data_dir=tmp_path)
    assert refusal(result) == (
        f"deepdive: --team is for a team workspace on a PostgreSQL server; {path} is a "
        "workspace file, whose cases are all yours. Nothing was changed."
    )
    assert not path.exists()
