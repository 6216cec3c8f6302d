"""The Chronology tab: table, filters, event editor, import, duplicates and undo."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from deepdive.ui.chronology.panel import ChronologyPanel

__all__ = ["ChronologyPanel"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so the timeline's picture functions (which use this
    # package's display helpers) can be imported without the whole tab.
    if name == "ChronologyPanel":
        from deepdive.ui.chronology.panel import ChronologyPanel

        return ChronologyPanel
    raise AttributeError(name)
