"""A workspace holding the whole demo programme, built once per test module.

Import as ``from demo_programme import programme_workspace_file`` and use it in a
module-scoped fixture: loading the thirteen cases takes a second or so.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from deepdive.demo import add_demo_programme
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


def programme_workspace_file(folder: Path) -> Path:
    """A closed workspace file in ``folder`` holding the demo programme."""
    path = folder / "programme.deepdive"
    services = Services.for_workspace(open_workspace(path))
    try:
        add_demo_programme(services)
    finally:
        services.close()
    return path


def copy_of(path: Path, folder: Path) -> Services:
    """Services on a fresh copy of the workspace file, for one test to change freely."""
    copy = folder / path.name
    shutil.copyfile(path, copy)
    copy.chmod(0o600)  # as DeepDive keeps its own workspaces
    return Services.for_workspace(open_workspace(copy))
