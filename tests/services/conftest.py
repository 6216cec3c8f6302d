"""The service tests run on both engines: a workspace file (SQLite) and a team workspace
on PostgreSQL (a fresh database per test, on the throwaway cluster; see
tests/pg_cluster.py), through the ``engine`` and ``new_workspace`` fixtures of
tests/conftest.py. ``-m "not postgresql"`` runs the SQLite half only."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from deepdive.services import Services
from deepdive.storage.workspace import Workspace


@pytest.fixture
def services(new_workspace: Callable[[str], Workspace]) -> Iterator[Services]:
    """Services bound to a fresh workspace of this run's engine."""
    bound = Services.for_workspace(new_workspace("test"))
    yield bound
    bound.close()
