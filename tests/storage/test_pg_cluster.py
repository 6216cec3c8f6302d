"""The tests' throwaway PostgreSQL cluster is what it claims to be."""

from __future__ import annotations

import os
import pwd

import psycopg
import pytest
from pg_cluster import FACILITATOR, FACILITATOR_PASSWORD, SUPERUSER, PgCluster


def test_the_cluster_runs_as_an_unprivileged_user_on_a_socket_in_its_folder(
    pg_cluster: PgCluster,
) -> None:
    with psycopg.connect(pg_cluster.url("postgres")) as connection:
        directory = connection.execute("SHOW unix_socket_directories").fetchone()
        listening = connection.execute("SHOW listen_addresses").fetchone()
    assert directory == (str(pg_cluster.folder),)
    assert listening == ("",)
    owner = pwd.getpwuid((pg_cluster.data / "PG_VERSION").stat().st_uid).pw_name
    assert owner != "root"
    assert owner == (pg_cluster.user or pwd.getpwuid(os.geteuid()).pw_name)


def test_a_login_role_needs_its_password(pg_cluster: PgCluster) -> None:
    with psycopg.connect(
        pg_cluster.url("postgres", FACILITATOR, FACILITATOR_PASSWORD)
    ) as connection:
        assert connection.execute("SELECT current_user").fetchone() == (FACILITATOR,)
    with pytest.raises(psycopg.OperationalError, match="password authentication failed"):
        psycopg.connect(pg_cluster.url("postgres", FACILITATOR, "wrong"))
    assert SUPERUSER != FACILITATOR
