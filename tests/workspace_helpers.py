"""Helpers for tests that open workspaces (import as ``from workspace_helpers import ...``)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from deepdive.services import Services
from deepdive.storage.models import Base
from deepdive.storage.workspace import Workspace, open_workspace


def reopen(services: Services) -> Services:
    """Close the workspace and open it again from disk, as a restarted app would."""
    path = services.workspace.path
    services.close()
    return Services.for_workspace(open_workspace(path))


def workspace_rows(services: Services) -> dict[str, list[Any]]:
    """Every row of every table, to show that a refused change wrote nothing."""
    with services.workspace.engine.connect() as connection:
        return {
            table.name: sorted((tuple(row) for row in connection.execute(table.select())), key=repr)
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
