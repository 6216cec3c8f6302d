"""The service tests run on both engines: a workspace file (SQLite) and a team workspace
on PostgreSQL (a fresh database per test, on the throwaway cluster; see
tests/pg_cluster.py). ``-m "not postgresql"`` runs the SQLite half only."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from workspace_helpers import new_workspace_opener

from deepdive.services import Services
from deepdive.storage.workspace import Workspace


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def engine(request: pytest.FixtureRequest) -> str:
    """Which engine this run of the test uses."""
    return str(request.param)


@pytest.fixture
def new_workspace(
    engine: str, request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[Callable[[str], Workspace]]:
    """Opens a new, empty workspace of this run's engine; ``name`` tells two apart."""
    with new_workspace_opener(engine, request, tmp_path) as opener:
        yield opener


@pytest.fixture
def services(new_workspace: Callable[[str], Workspace]) -> Iterator[Services]:
    """Services bound to a fresh workspace of this run's engine."""
    bound = Services.for_workspace(new_workspace("test"))
    yield bound
    bound.close()
