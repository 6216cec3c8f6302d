"""Shared fixtures. Each test that needs a workspace gets its own temporary file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pg_cluster import PgCluster, PgDatabases, postgres_bindir, running_cluster
from workspace_helpers import new_workspace_opener, open_again

from deepdive.services import Services
from deepdive.storage.address import parse_server_address
from deepdive.storage.server import open_server_workspace
from deepdive.storage.workspace import Workspace, open_workspace


def pytest_configure(config: pytest.Config) -> None:
    """Exports lay nothing out with LibreOffice (seconds each) unless a test asks for it
    with the ``libreoffice`` fixture; without it they behave as on a computer without
    LibreOffice (a contents page without page numbers, PDF refused)."""
    os.environ["DEEPDIVE_LIBREOFFICE"] = "off"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test on the PostgreSQL cluster is marked ``postgresql`` (so that
    ``-m "not postgresql"`` leaves them all out), however it asks for the cluster."""
    for item in items:
        if "pg_cluster" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgresql)


@pytest.fixture
def libreoffice(monkeypatch: pytest.MonkeyPatch) -> str:
    """LibreOffice for this test's exports (skipped where it is not installed)."""
    monkeypatch.delenv("DEEPDIVE_LIBREOFFICE")
    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None or shutil.which("pdftotext") is None:
        pytest.skip("needs LibreOffice and poppler-utils (installed by .ci/run)")
    return program


@pytest.fixture(autouse=True)
def private_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Keep every test away from the real DeepDive data folder of whoever runs them."""
    folder = tmp_path_factory.mktemp("deepdive-data")
    monkeypatch.setenv("DEEPDIVE_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def workspace_path(tmp_path: Path) -> Path:
    """A path for a new workspace file (not yet created)."""
    return tmp_path / "test.deepdive"


@pytest.fixture
def services(workspace_path: Path) -> Iterator[Services]:
    """Services bound to a fresh workspace in a temporary folder."""
    bound = Services.for_workspace(open_workspace(workspace_path))
    yield bound
    bound.close()


@pytest.fixture
def colleague(services: Services) -> Iterator[Services]:
    """A second person on the same workspace, through a connection of their own."""
    other = Services.for_workspace(open_again(services.workspace))
    yield other
    other.close()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway PostgreSQL cluster for the whole test session (see tests/pg_cluster.py).

    Skipped where PostgreSQL is not installed, except under CI, which installs it.
    """
    bindir = postgres_bindir()
    if bindir is None:
        reason = "needs PostgreSQL's initdb and pg_ctl (Debian: apt-get install postgresql)"
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests: {reason}")
        pytest.skip(reason)
    with running_cluster(bindir) as cluster:
        yield cluster


@pytest.fixture(scope="session")
def pg_databases(pg_cluster: PgCluster) -> PgDatabases:
    """Fresh PostgreSQL databases for tests, copied from one made at the schema's head
    by the migrations themselves, as a new team workspace is."""
    template = "workspace_template"
    pg_cluster.sql(f"CREATE DATABASE {template}")
    address = parse_server_address(pg_cluster.url(template))
    open_server_workspace(address, Path(pg_cluster.folder) / "template.deepdive").close()
    return PgDatabases(pg_cluster, template)


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
def services_on_each_engine(new_workspace: Callable[[str], Workspace]) -> Iterator[Services]:
    """Services bound to a fresh workspace of this run's engine (a file, then a team
    workspace on the test cluster); a module that asks for it as its ``services`` runs
    every test on both."""
    bound = Services.for_workspace(new_workspace("test"))
    yield bound
    bound.close()
