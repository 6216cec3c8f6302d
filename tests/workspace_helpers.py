"""Helpers for tests that open workspaces (import as ``from workspace_helpers import ...``)."""

from __future__ import annotations

from deepdive.services import Services
from deepdive.storage.workspace import open_workspace


def reopen(services: Services) -> Services:
    """Close the workspace and open it again from disk, as a restarted app would."""
    path = services.workspace.path
    services.close()
    return Services.for_workspace(open_workspace(path))
