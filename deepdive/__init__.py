"""DeepDive: structured reflective Deep Dive case studies for children's social care."""

from __future__ import annotations

from functools import cache

APP_NAME = "DeepDive"


@cache
def installed_version() -> str:
    """DeepDive's version, from the installed package's metadata."""
    # importlib.metadata costs tens of milliseconds to import, so it is read only
    # when the version is first asked for, never while the window is appearing.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("deepdive")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return installed_version()
    raise AttributeError(f"module 'deepdive' has no attribute {name!r}")
