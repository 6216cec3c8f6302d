"""What the whole app shares, made once by the entry point and handed down.

The entry point (:func:`deepdive.ui.shell.app.run_app`) makes one :class:`AppServices`: the
privacy context (the detector every editor uses, the unlocked key vault), the save
status behind the save-problem bar, and the spell checker. It gives it to the main
window, which gives it to what it builds (menus, commands, the workspace view).

A text editor deep inside a window (a Markdown editor in a session's stage, a table's
cell fixes) is not given it through every panel on the way: it finds its window's
through its Qt parents (:func:`app_services_of`), as Qt widgets find their window's
palette. That lookup is scoped to one window's tree, never a process-wide global; a
widget built outside any window (in a test) gets fresh ones of its own, with spelling
off (:func:`spelling_of`): a second dictionary is never loaded behind the app's back.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject

from deepdive.ui.privacy.context import PrivacyContext
from deepdive.ui.spelling.checker import SpellChecker
from deepdive.ui.widgets.save_status import SaveStatus


@dataclass(frozen=True)
class AppServices:
    """The app-wide parts the UI shares (one set per application)."""

    privacy: PrivacyContext
    save_status: SaveStatus
    spelling: SpellChecker

    @classmethod
    def create(cls) -> AppServices:
        """A new set: the entry point makes one for the app (a test, one of its own)."""
        from deepdive.ui.spelling.fixes import SpellingFixes

        privacy = PrivacyContext()
        spelling = SpellChecker()
        # Spelling suggestions join the privacy quick fixes in every field's menu.
        privacy.offer_more_fixes(SpellingFixes(spelling))
        return cls(privacy, SaveStatus(), spelling)


def app_services_of(obj: QObject | None) -> AppServices | None:
    """The app services of the window ``obj`` is in: the nearest of its parents (or
    itself) that holds them as ``app_services``; None outside any window."""
    while obj is not None:
        found = getattr(obj, "app_services", None)
        if isinstance(found, AppServices):
            return found
        obj = obj.parent()
    return None


def privacy_of(obj: QObject | None) -> PrivacyContext:
    """The privacy context of ``obj``'s window (a fresh one outside any window)."""
    found = app_services_of(obj)
    return found.privacy if found is not None else PrivacyContext()


def save_status_of(obj: QObject | None) -> SaveStatus:
    """The save status of ``obj``'s window (a fresh one, heard by nobody, outside any)."""
    found = app_services_of(obj)
    return found.save_status if found is not None else SaveStatus()


def spelling_of(obj: QObject | None) -> SpellChecker:
    """The spell checker of ``obj``'s window (outside any window, a fresh one that is
    off, so it never loads a dictionary: give such a widget the app's to check)."""
    found = app_services_of(obj)
    if found is not None:
        return found.spelling
    off = SpellChecker()
    off.set_enabled(False)
    return off
