"""The agency names a user has mapped before, so each is mapped once.

When an import takes another agency's name as one of the workspace's ("Riverside Boxing
Club" → "Voluntary sector"), the next file naming it starts from the same choice. The
choices are the user's own, kept in their settings. A name from a file is never kept
as written: only a digest of it (SHA-256 of the folded name) is, so the settings hold
no text from an agency's file, and a name that holds an identifier is not kept at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

from PySide6.QtCore import QSettings

from deepdive.importing.agencies import name_key
from deepdive.services.guard import IdentifierGuard

_GROUP = "import/agency-map"
_MOST = 500  # the newest choices are kept; a list this long is not a user's own


_LENGTH = 32


def _digest(name: str) -> str:
    return hashlib.sha256(name_key(name).encode("utf-8")).hexdigest()[:_LENGTH]


class AgencyMemory:
    """The user's earlier agency mappings (see the module)."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def _all(self) -> dict[str, str]:
        """{digest: agency}, oldest first (kept as a list: a map would lose the order)."""
        stored = self._settings.value(_GROUP, [])
        items = [stored] if isinstance(stored, str) else stored
        if not isinstance(items, list):
            return {}
        return {str(i)[:_LENGTH]: str(i)[_LENGTH + 1 :] for i in items if len(str(i)) > _LENGTH}

    def recall(self, name: str) -> str | None:
        """The workspace agency ``name`` was mapped to last time, if any."""
        return self._all().get(_digest(name))

    def remember(self, mapping: Mapping[str, str], guard: IdentifierGuard) -> None:
        """Keep these choices ({the file's name: the workspace's agency}); a name the
        guard finds an identifier in (a real name, a postcode) is not kept."""
        kept = self._all()
        for theirs, ours in mapping.items():
            if guard.identifiers_in(theirs):
                continue
            digest = _digest(theirs)
            kept.pop(digest, None)  # the newest last, so the oldest go first
            kept[digest] = ours
        while len(kept) > _MOST:
            kept.pop(next(iter(kept)))
        self._settings.setValue(_GROUP, [f"{d} {agency}" for d, agency in kept.items()])
