"""DeepDive: structured reflective Deep Dive case studies for children's social care."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("deepdive")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "DeepDive"
