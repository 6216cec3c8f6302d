"""The command line on a team workspace on a PostgreSQL server: a server it cannot use
is one clear line and exit 2, never a traceback, never the password."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases


@pytest.mark.parametrize("command", [["demo"], ["cases"]])
def test_a_server_that_does_not_answer_is_one_line(command: list[str], tmp_path: Path) -> None:
    # Port 1 on this machine: nothing listens there, so the connection is refused at once.
    address = "postgresql://ana:s3cret@127.0.0.1:1/deepdive"
    result = run_deepdive(*command, "--workspace", address, data_dir=tmp_path)
    line = refusal(result)
    assert line.startswith(
        "deepdive: Cannot open the team workspace postgresql://ana@127.0.0.1:1/deepdive: "
    )
    assert "refused" in line
    assert "s3cret" not in result.stderr + result.stdout
    assert not (tmp_path / "postgresql:").exists()


def test_a_database_that_does_not_exist_is_named(pg_cluster: PgCluster, tmp_path: Path) -> None:
    result = run_deepdive("cases", "--workspace", pg_cluster.url("nowhere"), data_dir=tmp_path)
    assert 'database "nowhere" does not exist' in refusal(result)


def test_a_wrong_password_is_refused_without_repeating_it(
    pg_cluster: PgCluster, tmp_path: Path
) -> None:
    url = pg_cluster.url("postgres", FACILITATOR, "Wr0ngPassw0rd")
    result = run_deepdive("cases", "--workspace", url, data_dir=tmp_path)
    line = refusal(result)
    assert f'password authentication failed for user "{FACILITATOR}"' in line
    assert "Wr0ngPassw0rd" not in result.stderr + result.stdout


def test_without_a_password_and_no_one_to_ask_it_says_how_to_give_one(
    pg_cluster: PgCluster, tmp_path: Path
) -> None:
    url = pg_cluster.url("postgres", FACILITATOR)
    result = run_deepdive(
        "cases", "--workspace", url, data_dir=tmp_path, env={"PGPASSFILE": str(tmp_path / "none")}
    )
    line = refusal(result)
    assert "asks for a password" in line and "PGPASSWORD" in line


def test_demo_then_cases_on_a_team_workspace(
    pg_databases: PgDatabases, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    """The demo case goes into a new team workspace, and a colleague with their own login
    (password from PGPASSWORD, as libpq reads it) lists it once it is in their team."""
    url = pg_databases.take()
    try:
        result = run_deepdive("demo", "--workspace", url, data_dir=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "Added the demo case DEMO-001 (Jay) to postgresql://deepdive@/" in result.stdout
        database = url.split("?", 1)[0].rsplit("/", 1)[1]
        for team_command in (
            ["create", "Hub"],
            ["add-member", "Hub", FACILITATOR],
            ["assign", "DEMO-001", "Hub"],
        ):
            done = run_deepdive("team", *team_command, "--workspace", url, data_dir=tmp_path)
            assert done.returncode == 0, done.stderr
        colleague = pg_cluster.url(database, FACILITATOR)
        listed = run_deepdive(
            "cases",
            "--workspace",
            colleague,
            "--json",
            data_dir=tmp_path,
            env={"PGPASSWORD": FACILITATOR_PASSWORD},
        )
        assert listed.returncode == 0, listed.stderr
        assert [case["code"] for case in json.loads(listed.stdout)] == ["DEMO-001"]
    finally:
        pg_databases.give_back(url)
