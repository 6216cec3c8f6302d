"""Helpers for tests that open workspaces (import as ``from workspace_helpers import ...``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from deepdive.services import Services
from deepdive.storage.models import Base
from deepdive.storage.server import open_server_workspace
from deepdive.storage.workspace import Workspace, open_workspace


def open_again(workspace: Workspace) -> Workspace:
    """Open the same workspace anew (its file, or its server database)."""
    if workspace.server is not None:
        return open_server_workspace(workspace.server, workspace.path)
    return open_workspace(workspace.path)


def reopen(services: Services) -> Services:
    """Close the workspace and open it again from disk, as a restarted app would."""
    workspace = services.workspace
    services.close()
    return Services.for_workspace(open_again(workspace))


@contextmanager
def new_workspace_opener(
    engine: str, request: pytest.FixtureRequest, folder: Path
) -> Iterator[Callable[[str], Workspace]]:
    """A function opening new, empty workspaces of ``engine`` ("sqlite": files in
    ``folder``; "postgresql": fresh databases on the tests' cluster, given back on leaving)."""
    from deepdive.storage.address import parse_server_address

    databases = request.getfixturevalue("pg_databases") if engine == "postgresql" else None
    made: list[str] = []

    def open_new(name: str) -> Workspace:
        if databases is None:
            return open_workspace(folder / f"{name}.deepdive")
        url = databases.take()
        made.append(url)
        return open_server_workspace(parse_server_address(url), folder / f"{name}.deepdive")

    try:
        yield open_new
    finally:
        for url in made:
            databases.give_back(url)


def workspace_rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table, to show that a refused change wrote nothing."""
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
            for table in Base.metadata.sorted_tables
        }


def content_rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table but their row versions, which count every change (an
    undo included, so a colleague's editor sees it): to show an undo or redo put back
    exactly what was there."""
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted(
                (
                    tuple(value for key, value in row._mapping.items() if key != "row_version")
                    for row in connection.execute(table.select())
                ),
                key=repr,
            )
            for table in Base.metadata.sorted_tables
        }


@contextmanager
def disk_full(workspace: Workspace) -> Iterator[None]:
    """While inside, the workspace cannot grow by a single page (SQLITE_FULL)."""

    def no_room(dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    workspace.engine.dispose()
    event.listen(workspace.engine, "connect", no_room)
    try:
        yield
    finally:
        event.remove(workspace.engine, "connect", no_room)
        workspace.engine.dispose()
