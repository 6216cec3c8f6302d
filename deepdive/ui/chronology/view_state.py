"""Where the chronology remembers its layout (columns, splitters, timeline lanes).

A small INI file in DeepDive's data folder, so that tests (which point
``DEEPDIVE_DATA_DIR`` at a temporary folder) never touch a user's own settings.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from deepdive.paths import data_dir


def chronology_settings() -> QSettings:
    """The settings file for the chronology's layout."""
    return QSettings(str(data_dir() / "chronology-view.ini"), QSettings.Format.IniFormat)
