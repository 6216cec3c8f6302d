"""Where DeepDive keeps its files on this computer (via platformdirs).

``DEEPDIVE_DATA_DIR`` overrides the data folder (used by tests and portable setups).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_path, user_log_path

from deepdive import APP_NAME

WORKSPACE_SUFFIX = ".deepdive"


def data_dir() -> Path:
    """The per-user data folder for DeepDive."""
    override = os.environ.get("DEEPDIVE_DATA_DIR")
    if override:
        return Path(override)
    return user_data_path(APP_NAME, appauthor=False)


def default_workspace() -> Path:
    """The workspace opened when none is named."""
    return data_dir() / f"workspace{WORKSPACE_SUFFIX}"


def backup_dir() -> Path:
    """Where automatic backups of workspaces go."""
    return data_dir() / "backups"


def log_dir() -> Path:
    """Where tracebacks are logged (never case text)."""
    override = os.environ.get("DEEPDIVE_DATA_DIR")
    if override:
        return Path(override) / "logs"
    return user_log_path(APP_NAME, appauthor=False)
