"""The service tests run on both engines: a workspace file (SQLite) and a team workspace
on PostgreSQL (a fresh database per test, on the throwaway cluster; see
tests/pg_cluster.py), through the ``engine`` and ``new_workspace`` fixtures of
tests/conftest.py. ``-m "not postgresql"`` runs the SQLite half only."""

from __future__ import annotations

import pytest

from deepdive.services import Services


@pytest.fixture
def services(services_on_each_engine: Services) -> Services:
    """Services bound to a fresh workspace of this run's engine."""
    return services_on_each_engine
