"""Fixtures for team workspaces with real login roles (see team_servers.py). Roles belong
to the whole cluster, so they are made once."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator

import pytest
from pg_cluster import PgCluster
from team_servers import OWNER, PASSWORD, ROLES, TeamServer

_numbers = itertools.count(1)


@pytest.fixture(scope="session")
def team_roles(pg_cluster: PgCluster) -> tuple[str, ...]:
    """The owner and member login roles (ordinary roles: no superuser, no BYPASSRLS)."""
    for role in ROLES:
        pg_cluster.sql(f"CREATE ROLE {role} LOGIN PASSWORD '{PASSWORD}'")
    return ROLES


@pytest.fixture(scope="module")
def new_team_server(
    pg_cluster: PgCluster, team_roles: tuple[str, ...], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[], TeamServer]]:
    """Makes empty databases owned by the programme lead (dropped at the module's end)."""
    made: list[str] = []

    def make() -> TeamServer:
        name = f"teams_{next(_numbers)}"
        pg_cluster.sql(f"CREATE DATABASE {name} OWNER {OWNER}")
        made.append(name)
        return TeamServer(pg_cluster, name, tmp_path_factory.mktemp(name))

    yield make
    for name in made:
        pg_cluster.sql(f"DROP DATABASE {name} WITH (FORCE)")
