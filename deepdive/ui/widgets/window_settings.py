"""What the app remembers between runs (QSettings): window state, recent workspaces,
the folder each workspace's exports went to."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 8
MAX_EXPORT_FOLDERS = 50


class WindowSettings:
    """Typed access to DeepDive's QSettings keys."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def recent_workspaces(self) -> list[Path]:
        """Recently opened workspaces, newest first, that still exist."""
        raw = self._settings.value("workspaces/recent", [])
        if isinstance(raw, str):
            paths = [raw]
        elif isinstance(raw, list):
            paths = [str(p) for p in raw]
        else:
            paths = []
        return [Path(p) for p in paths if p and Path(p).exists()]

    def add_recent_workspace(self, path: Path) -> None:
        """Put ``path`` at the top of the recent list."""
        paths = [str(path)] + [str(p) for p in self.recent_workspaces() if p != path]
        self._settings.setValue("workspaces/recent", paths[:MAX_RECENT])

    def bytes_value(self, key: str) -> QByteArray | None:
        """A saved geometry or splitter state."""
        value = self._settings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes_value(self, key: str, value: QByteArray) -> None:
        """Remember a geometry or splitter state."""
        self._settings.setValue(key, value)

    def flag(self, key: str, default: bool = False) -> bool:
        """A remembered on/off choice."""
        value = self._settings.value(key, default)
        return value in (True, "true", "1", 1)

    def set_flag(self, key: str, value: bool) -> None:
        """Remember an on/off choice."""
        self._settings.setValue(key, value)

    def export_folder(self, workspace: Path) -> Path | None:
        """The folder the last export from ``workspace`` went to, if it still exists."""
        raw = self._settings.value("export/folders", "{}")
        try:
            folders = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            folders = {}
        found = folders.get(str(workspace)) if isinstance(folders, dict) else None
        return Path(found) if isinstance(found, str) and Path(found).is_dir() else None

    def set_export_folder(self, workspace: Path, folder: Path) -> None:
        """Remember where ``workspace``'s exports go (the most recent workspaces only)."""
        raw = self._settings.value("export/folders", "{}")
        try:
            folders = json.loads(raw) if isinstance(raw, str) else {}
        except ValueError:
            folders = {}
        if not isinstance(folders, dict):
            folders = {}
        folders.pop(str(workspace), None)
        folders[str(workspace)] = str(folder)
        kept = dict(list(folders.items())[-MAX_EXPORT_FOLDERS:])
        self._settings.setValue("export/folders", json.dumps(kept))

    def sync(self) -> None:
        """Write to disk now."""
        self._settings.sync()
