"""The one place that finds DeepDive's bundled data files.

Works from a source checkout, an editable install, a wheel and a PyInstaller build.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

_PACKAGE = "deepdive_resources"


def resource_root() -> Path:
    """The folder holding the bundled resources."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root) / _PACKAGE
    return Path(str(resources.files(_PACKAGE)))


def resource_path(*parts: str) -> Path:
    """The path of one bundled resource, e.g. ``resource_path("demo", "DEMO-001.yaml")``."""
    path = resource_root().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"DeepDive's resource {'/'.join(parts)} is missing from {path}")
    return path
