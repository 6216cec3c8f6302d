"""Shared fixtures. Each test that needs a workspace gets its own temporary file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


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
