"""Fixtures for bundle tests: a workspace holding the enriched demo case, made once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from bundle_helpers import enrich_demo_case

from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


@pytest.fixture(scope="session")
def demo_workspace_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed workspace file holding the enriched demo case (copy it; never open it)."""
    path = tmp_path_factory.mktemp("bundle-source") / "source.deepdive"
    services = Services.for_workspace(open_workspace(path))
    enrich_demo_case(services)
    services.close()
    return path


@pytest.fixture
def source(demo_workspace_file: Path, tmp_path: Path) -> Iterator[Services]:
    """Services on a private copy of the demo workspace."""
    path = tmp_path / "source.deepdive"
    shutil.copyfile(demo_workspace_file, path)
    services = Services.for_workspace(open_workspace(path))
    yield services
    services.close()


@pytest.fixture
def target(tmp_path: Path) -> Iterator[Services]:
    """Services on a new, empty workspace."""
    services = Services.for_workspace(open_workspace(tmp_path / "target.deepdive"))
    yield services
    services.close()


@pytest.fixture(scope="session")
def good_bundle(demo_workspace_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A bundle of the enriched demo case, exported once (read it; never change it)."""
    from deepdive.bundles import export_case_bundle

    folder = tmp_path_factory.mktemp("good-bundle")
    path = folder / "source.deepdive"
    shutil.copyfile(demo_workspace_file, path)
    services = Services.for_workspace(open_workspace(path))
    try:
        return export_case_bundle(services, "DEMO-001", folder / "good.ddcase", None)
    finally:
        services.close()
