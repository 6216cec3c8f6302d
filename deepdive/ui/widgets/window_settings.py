"""What the app remembers between runs (QSettings): window state, recent workspaces,
the folder each workspace's exports went to."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from deepdive.storage.address import (
    ServerAddress,
    WorkspaceAddressError,
    is_address,
    parse_server_address,
)

MAX_RECENT = 8
MAX_EXPORT_FOLDERS = 50


class WindowSettings:
    """Typed access to DeepDive's QSettings keys."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def recent_workspaces(self) -> list[Path | ServerAddress]:
        """Recently opened workspaces, newest first: files that still exist, and team
        workspaces on servers (by their address, never with a password)."""
        raw = self._settings.value("workspaces/recent", [])
        if isinstance(raw, str):
            entries = [raw]
        elif isinstance(raw, list):
            entries = [str(p) for p in raw]
        else:
            entries = []
        found: list[Path | ServerAddress] = []
        for entry in entries:
            if is_address(entry):
                try:
                    found.append(parse_server_address(entry))
                except WorkspaceAddressError:
                    continue
            elif entry and Path(entry).exists():
                found.append(Path(entry))
        return found

    def add_recent_workspace(self, where: Path | ServerAddress) -> None:
        """Put ``where`` at the top of the recent list (a server without its password)."""
        entries = [_entry(where)] + [
            _entry(p) for p in self.recent_workspaces() if _entry(p) != _entry(where)
        ]
        self._settings.setValue("workspaces/recent", entries[:MAX_RECENT])

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


def _entry(where: Path | ServerAddress) -> str:
    return where.shown if isinstance(where, ServerAddress) else str(where)
