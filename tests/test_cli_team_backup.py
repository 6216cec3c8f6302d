"""``deepdive backup`` on a team workspace: a verified bundle of every case the role can
see, in a new folder with a manifest, said in one line; each bundle imports whole."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, PgCluster, PgDatabases

from deepdive.bundles.errors import BundleError
from deepdive.bundles.team_backup import verify_team_backup
from deepdive.storage.workspace import open_workspace


@pytest.fixture(scope="module")
def team_url(pg_databases: PgDatabases, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A team workspace holding the demo case and the demo programme (made once; the
    tests only read it, but for the policy one test adds, so it is dropped after)."""
    url = pg_databases.take()
    folder = tmp_path_factory.mktemp("team")
    made = run_deepdive("demo", "--programme", "--workspace", url, data_dir=folder)
    assert made.returncode == 0, made.stderr
    yield url
    pg_databases.discard(url)


def cases_of(url: str, folder: Path, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    listed = run_deepdive("cases", "--json", "--workspace", url, data_dir=folder, env=env)
    assert listed.returncode == 0, listed.stderr
    return list(json.loads(listed.stdout))


def test_every_case_is_backed_up_verified_and_imports_whole(team_url: str, tmp_path: Path) -> None:
    result = run_deepdive("backup", "--workspace", team_url, data_dir=tmp_path)

    assert result.returncode == 0, result.stderr
    [line] = result.stdout.splitlines()
    listed = cases_of(team_url, tmp_path)
    found = re.search(r" to (/\S+) \(", line)
    assert found is not None, line
    folder = Path(found.group(1))
    assert line.startswith(f"Backed up {len(listed)} cases of postgresql://")
    assert folder.parent == tmp_path / "team-backups"
    assert folder.stat().st_mode & 0o077 == 0  # the owner's only
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(c["code"] for c in manifest["cases"]) == sorted(c["code"] for c in listed)
    assert verify_team_backup(folder) == len(listed)
    # Restored into an empty workspace file, case by case, it is the same programme.
    restored = tmp_path / "restored.deepdive"
    for case in manifest["cases"]:
        imported = run_deepdive(
            "bundle", "import", folder / case["file"], "--workspace", restored, data_dir=tmp_path
        )
        assert imported.returncode == 0, imported.stderr
    counts = {c["code"]: (c["events"], c["sessions"]) for c in cases_of(restored, tmp_path)}
    assert counts == {c["code"]: (c["events"], c["sessions"]) for c in listed}


def test_a_changed_bundle_fails_verification(team_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    result = run_deepdive("backup", "--workspace", team_url, "--out", folder, data_dir=tmp_path)
    assert result.returncode == 0, result.stderr
    assert str(folder) in result.stdout
    victim = sorted(folder.glob("*.ddcase"))[0]
    victim.write_bytes(victim.read_bytes()[:-10])
    with pytest.raises(BundleError, match="has changed since the backup was made"):
        verify_team_backup(folder)


def test_a_folder_already_used_is_refused_and_left_alone(team_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    result = run_deepdive("backup", "--workspace", team_url, "--out", folder, data_dir=tmp_path)
    assert "already there" in refusal(result)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_role_backs_up_only_the_cases_it_can_read(
    team_url: str, pg_cluster: PgCluster, tmp_path: Path
) -> None:
    database = team_url.split("?", 1)[0].rsplit("/", 1)[1]
    # pg_read_all_data is granted across the whole cluster, and a policy outlives the
    # emptying of a database handed back: both are taken back, or later tests would see
    # a facilitator who may read everything.
    pg_cluster.sql(f"GRANT pg_read_all_data TO {FACILITATOR}", dbname=database)
    pg_cluster.sql(f"GRANT INSERT ON export_records TO {FACILITATOR}", dbname=database)
    pg_cluster.sql(
        f"GRANT USAGE ON SEQUENCE export_records_id_seq TO {FACILITATOR}", dbname=database
    )
    # Row-level security (the teams' own policies) decides what a role sees; here one
    # policy hides every case but the demo from the facilitator.
    pg_cluster.sql("ALTER TABLE cases ENABLE ROW LEVEL SECURITY", dbname=database)
    pg_cluster.sql(
        f"CREATE POLICY demo_only ON cases TO {FACILITATOR} USING (code = 'DEMO-001')",
        dbname=database,
    )
    colleague = pg_cluster.url(database, FACILITATOR)
    env = {"PGPASSWORD": FACILITATOR_PASSWORD}
    try:
        result = run_deepdive(
            "backup", "--workspace", colleague, "--out", tmp_path / "f", data_dir=tmp_path, env=env
        )
    finally:
        for statement in (
            f"REVOKE pg_read_all_data FROM {FACILITATOR}",
            f"REVOKE INSERT ON export_records FROM {FACILITATOR}",
            f"REVOKE USAGE ON SEQUENCE export_records_id_seq FROM {FACILITATOR}",
            "DROP POLICY demo_only ON cases",
        ):
            pg_cluster.sql(statement, dbname=database)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Backed up 1 case of ")
    assert [p.name for p in sorted((tmp_path / "f").glob("*.ddcase"))] == ["00001-DEMO-001.ddcase"]


def test_list_and_out_are_refused_where_they_do_not_apply(team_url: str, tmp_path: Path) -> None:
    listed = run_deepdive("backup", "--list", "--workspace", team_url, data_dir=tmp_path)
    assert "folders of bundles" in refusal(listed)
    path = tmp_path / "file.deepdive"
    open_workspace(path).close()
    out = run_deepdive("backup", "--workspace", path, "--out", tmp_path / "x", data_dir=tmp_path)
    assert "--out is for a team workspace" in refusal(out)
