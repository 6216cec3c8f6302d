"""The user's preferences, stored with QSettings, with sensible defaults."""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum

from PySide6.QtCore import QSettings

from deepdive.domain.vocabulary import DEFAULT_MARKING as DEFAULT_MARKING


class Theme(StrEnum):
    """Light, dark, or whatever the system uses."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


class DateDisplay(StrEnum):
    """How dates are shown in the app and exports."""

    REAL = "real"
    SHIFTED = "shifted"
    RELATIVE = "relative"


@dataclass(frozen=True)
class Preferences:
    """Everything the Preferences dialog sets."""

    marking: str = DEFAULT_MARKING
    reference_doc: str = ""
    vault_lock_minutes: int = 10
    autosave_pause_ms: int = 800
    backup_idle_minutes: int = 5
    backups_kept: int = 10
    date_display: DateDisplay = DateDisplay.REAL
    font_point_size: float = 0.0  # 0: the system's size
    theme: Theme = Theme.SYSTEM
    spelling: bool = True  # UK English spelling underlined as it is typed


_GROUP = "preferences"


def load_preferences(settings: QSettings) -> Preferences:
    """The saved preferences; anything missing or unreadable takes its default."""
    defaults = Preferences()
    values: dict[str, object] = {}
    for item in fields(Preferences):
        default = getattr(defaults, item.name)
        raw = settings.value(f"{_GROUP}/{item.name}", default)
        try:
            if isinstance(default, StrEnum):
                values[item.name] = type(default)(str(raw))
            elif isinstance(default, bool):
                values[item.name] = raw in (True, "true", "1", 1)
            elif isinstance(default, int):
                values[item.name] = int(str(raw))
            elif isinstance(default, float):
                values[item.name] = float(str(raw))
            else:
                values[item.name] = str(raw)
        except ValueError:
            values[item.name] = default
    return Preferences(**values)  # type: ignore[arg-type]


def save_preferences(settings: QSettings, preferences: Preferences) -> None:
    """Store every preference."""
    for item in fields(Preferences):
        value = getattr(preferences, item.name)
        settings.setValue(
            f"{_GROUP}/{item.name}", str(value) if isinstance(value, StrEnum) else value
        )
    settings.sync()
