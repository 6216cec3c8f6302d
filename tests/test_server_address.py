"""``--workspace`` names a workspace file or a PostgreSQL server, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from deepdive.storage.address import (
    ServerAddress,
    WorkspaceAddressError,
    parse_server_address,
    workspace_location,
)


def test_a_file_name_stays_a_file_even_with_a_colon() -> None:
    assert workspace_location("team: north.deepdive") == Path("team: north.deepdive")
    assert workspace_location("C:\\\\cases\\\\team.deepdive") == Path(
        "C:\\\\cases\\\\team.deepdive"
    )


def test_a_postgresql_url_is_a_server_and_is_shown_without_its_password() -> None:
    url = "postgresql://ana:s3cret@db.council.example:5433/deepdive?sslmode=require"
    address = workspace_location(url)
    assert isinstance(address, ServerAddress)
    assert address.url == url  # libpq reads it as written: sslmode passes through
    assert address.shown == "postgresql://ana@db.council.example:5433/deepdive?sslmode=require"
    assert address.database == "deepdive"
    assert "s3cret" not in repr(address)
    assert address.hide_password("FATAL: s3cret rejected") == "FATAL: *** rejected"


def test_a_password_given_as_an_option_is_not_shown_either() -> None:
    address = parse_server_address("postgres://db.example/team?password=s3cret&sslmode=verify-full")
    assert address.shown == "postgres://db.example/team?sslmode=verify-full"
    assert address.password == "s3cret"


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("mysql://ana:s3cret@db/deepdive", "mysql://… is not a workspace DeepDive can open"),
        ("https://example.org/team.deepdive", "https://… is not a workspace"),
        ("postgresql://ana:s3cret@db.example", "names no database"),
        ("postgresql://ana:s3cret@db.example:port/team", "not of the form"),
    ],
)
def test_an_address_deepdive_cannot_use_is_refused_without_its_password(
    value: str, says: str
) -> None:
    with pytest.raises(WorkspaceAddressError, match=says) as refused:
        workspace_location(value)
    assert "s3cret" not in str(refused.value)
    assert "Nothing was created" in str(refused.value)
