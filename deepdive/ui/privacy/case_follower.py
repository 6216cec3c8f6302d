"""Key vault entries follow their case: renamed with it, removed with it.

The vault keys a case's real identities by the case code. When the app renames a
case (its code changes) or deletes it, :class:`VaultCaseFollower` renames or removes
the vault's entries at once if the vault is unlocked. If it is locked, the change is
written down (in the app's settings, against that vault file) and applied the next
time the vault is unlocked. After every unlock the vault is also compared with the
workspace: entries for codes the workspace does not have (changed in another
session, by hand, or a vault shared with another workspace) are shown to the user,
who can attach them to a case, remove them, or keep them.

Only case codes are written to the settings, never anything from inside the vault.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings

from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultCase
    from deepdive.services import Services
    from deepdive.ui.privacy.context import PrivacyContext

_PENDING = "privacy/pending_case_changes"
RENAME = "rename"
REMOVE = "remove"


@dataclass(frozen=True)
class CaseChange:
    """A rename (``code`` → ``new_code``) or a removal of a case's vault entries."""

    op: str
    code: str
    new_code: str = ""

    def to_json(self) -> list[str]:
        """The form kept in the settings."""
        return [self.op, self.code, self.new_code]

    @classmethod
    def from_json(cls, value: object) -> CaseChange | None:
        """Read back; None for anything not written by :meth:`to_json`."""
        if isinstance(value, list) and len(value) == 3 and all(isinstance(v, str) for v in value):
            op, code, new_code = value
            if (op == RENAME and code and new_code) or (op == REMOVE and code):
                return cls(op, code, new_code)
        return None

    def apply(self, vault: Vault) -> None:
        """Make the change in ``vault`` (which saves it)."""
        if self.op == RENAME:
            vault.rename_case(self.code, self.new_code)
        else:
            vault.remove_case(self.code)


class PendingChanges:
    """Changes waiting for a vault to be unlocked, per vault file, in QSettings."""

    def __init__(self, settings: QSettings) -> None:
        self._settings = settings

    def _key(self, vault_path: Path) -> str:
        return f"{_PENDING}/{_path_key(vault_path)}"

    def get(self, vault_path: Path) -> list[CaseChange]:
        """The changes waiting for ``vault_path``, oldest first."""
        raw = self._settings.value(self._key(vault_path))
        try:
            items = json.loads(str(raw)) if raw else []
        except json.JSONDecodeError:
            return []
        if not isinstance(items, list):
            return []
        return [c for c in (CaseChange.from_json(i) for i in items) if c is not None]

    def put(self, vault_path: Path, changes: list[CaseChange]) -> None:
        """Keep exactly ``changes`` for ``vault_path`` (none: forget the key)."""
        if changes:
            self._settings.setValue(
                self._key(vault_path), json.dumps([c.to_json() for c in changes])
            )
        else:
            self._settings.remove(self._key(vault_path))
        self._settings.sync()

    def add(self, vault_path: Path, change: CaseChange) -> None:
        """Write down one more change for ``vault_path``."""
        self.put(vault_path, [*self.get(vault_path), change])


class VaultCaseFollower:
    """Keeps the vault's case codes in step with the workspace's."""

    def __init__(
        self,
        context: PrivacyContext,
        settings: QSettings,
        vault_path: Callable[[Services], Path],
        warn: Callable[[str], None],
    ) -> None:
        self._context = context
        self.pending = PendingChanges(settings)
        self._vault_path = vault_path
        self._warn = warn

    # ------------------------------------------------------------ case commands
    def case_renamed(self, services: Services, old_code: str, new_code: str) -> None:
        """The case ``old_code`` is now ``new_code``: its entries move with it."""
        if old_code.strip().upper() != new_code.strip().upper():
            self._follow(services, CaseChange(RENAME, old_code.strip().upper(), new_code))

    def case_deleted(self, services: Services, code: str) -> None:
        """The case ``code`` was deleted: its real identities go too."""
        self._follow(services, CaseChange(REMOVE, code.strip().upper()))

    def _follow(self, services: Services, change: CaseChange) -> None:
        vault = self._context.vault
        path = self._vault_path(services)
        if vault is None or vault.path.resolve() != path.resolve():
            self.pending.add(path, change)  # applied when this vault is next unlocked
            return
        try:
            change.apply(vault)
        except DeepDiveError as exc:
            self.pending.add(path, change)
            self._warn(f"{exc} DeepDive will try again the next time the key vault is unlocked.")
            return
        self._context.vault_entries_changed()

    # ------------------------------------------------------------------ unlock
    def apply_pending(self, services: Services, vault: Vault) -> list[CaseChange]:
        """Apply what waited for this vault; returns what was applied. A change that
        cannot be saved stays waiting (with those after it), and the user is told."""
        path = vault.path
        waiting = self.pending.get(path)
        done: list[CaseChange] = []
        for index, change in enumerate(waiting):
            try:
                change.apply(vault)
            except DeepDiveError as exc:
                self.pending.put(path, waiting[index:])
                self._warn(str(exc))
                break
            done.append(change)
        else:
            self.pending.put(path, [])
        if done:
            self._context.vault_entries_changed()
        return done

    def orphans(self, services: Services, vault: Vault) -> list[VaultCase]:
        """The vault's entries for case codes this workspace does not have."""
        codes = {c.code.strip().upper() for c in services.cases.list_cases()}
        return [case for case in vault.cases() if case.code not in codes]


def _path_key(path: Path) -> str:
    """A settings key for a file path (slashes would nest groups)."""
    return str(path.resolve()).replace("/", "|").replace("\\", "|")
