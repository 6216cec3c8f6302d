"""Two people importing agency chronologies into the same case at the same moment, each
from their own process: both imports are kept whole, no event is lost or doubled, and
neither sees an error.

On a server both write at once; the case's row makes them take turns, and an agency or
tag both files name is added once. On a workspace file one DeepDive writes at a time:
the second command waits for the first to finish (it would be told at once if the app
had the file open), then imports.
"""

from __future__ import annotations

import csv
import subprocess
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from cli_helpers import start_deepdive
from workspace_helpers import open_again

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.workspace import Workspace

ROWS = 1_500
WRITERS = ("north", "south")


def chronology(folder: Path, writer: str) -> Path:
    """A file of ROWS events written by ``writer``; both files name the same new agency
    and the same new tag."""
    path = folder / f"{writer}.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["Date", "Event", "Agency", "Tags"])
        for n in range(ROWS):
            out.writerow(
                [f"{1 + n % 28:02d}/05/2018", f"{writer} {n}", "Riverside Outreach", "outreach"]
            )
    return path


def start_imports(address: str, folder: Path) -> list[subprocess.Popen[str]]:
    return [
        start_deepdive(
            "import-chronology",
            "DEMO-001",
            chronology(folder, writer),
            "--workspace",
            address,
            data_dir=folder,
        )
        for writer in WRITERS
    ]


def assert_both_kept(processes: list[subprocess.Popen[str]], workspace: Workspace) -> None:
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        assert err == ""
        assert f"Imported {ROWS} events into DEMO-001" in out
    services = Services.for_workspace(open_again(workspace))
    try:
        case = services.cases.find("DEMO-001")
        events = services.events.list_events(case.id)
        written = Counter(e.description for e in events if e.description.split()[0] in WRITERS)
        assert len(written) == ROWS * len(WRITERS)  # none lost
        assert set(written.values()) == {1}  # none doubled
        assert services.agencies.names().count("Riverside Outreach") == 1
        with workspace.engine.connect() as connection:
            positions = (
                connection.exec_driver_sql(f"SELECT position FROM events WHERE case_id = {case.id}")
                .scalars()
                .all()
            )
            tags = connection.exec_driver_sql("SELECT name FROM tags").scalars().all()
        assert len(set(positions)) == len(positions)  # in one order, one after the other
        assert tags.count("outreach") == 1
        assert len(services.search.search("north", limit=5_000)) == ROWS
    finally:
        services.close()


@contextmanager
def case_held(workspace: Workspace) -> Iterator[Callable[[], int]]:
    """The demo case's row locked by a third connection until leaving; gives a count of
    DeepDive's connections waiting for a lock."""
    assert workspace.server is not None
    with psycopg.connect(workspace.server.url) as holder:
        holder.execute("SELECT id FROM cases WHERE code = 'DEMO-001' FOR UPDATE")

        def waiting() -> int:
            with psycopg.connect(workspace.server.url, autocommit=True) as look:
                row = look.execute(
                    "SELECT count(*) FROM pg_stat_activity, pg_sleep(0.05) "
                    "WHERE datname = current_database() AND application_name = 'DeepDive' "
                    "AND wait_event_type = 'Lock'"
                ).fetchone()
            return int(row[0]) if row else 0

        yield waiting


@pytest.mark.postgresql
def test_two_imports_at_once_on_a_server_are_both_kept(
    tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from workspace_helpers import new_workspace_opener

    with new_workspace_opener("postgresql", request, tmp_path) as opener:
        services = Services.for_workspace(opener("team"))
        add_demo_case(services)
        workspace = services.workspace
        services.close()
        with case_held(workspace) as waiting:
            processes = start_imports(workspace.location, tmp_path)
            # Both are in the middle of their import, held at the same point, before
            # they are let go together.
            while waiting() < len(WRITERS):
                assert all(p.poll() is None for p in processes), processes[0].stderr
        assert_both_kept(processes, workspace)


def test_two_imports_at_once_on_a_file_are_both_kept(tmp_path: Path) -> None:
    from deepdive.storage.workspace import open_workspace

    services = Services.for_workspace(open_workspace(tmp_path / "team.deepdive"))
    add_demo_case(services)
    workspace = services.workspace
    services.close()
    assert_both_kept(start_imports(workspace.location, tmp_path), workspace)
