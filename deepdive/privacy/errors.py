"""Errors of the key vault, each with a message fit to show the user."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from deepdive.errors import DeepDiveError


class DescribedConflict(Protocol):
    """An entry changed in two places (a ``vault_merge.VaultConflict``); errors stay at
    the bottom of the import graph, so they know it only by this."""

    def describe(self) -> str:
        """The entry and what happened to it in each place, for the user."""
        ...


class VaultError(DeepDiveError):
    """Base of every key-vault problem."""


class NotAVaultError(VaultError):
    """The file is not a DeepDive key vault at all."""


class WrongPassphraseError(VaultError):
    """The passphrase does not open this vault."""


class VaultDamagedError(VaultError):
    """The file is truncated or altered; it is refused rather than read."""


class VaultTamperedError(VaultDamagedError):
    """The passphrase is right but the encrypted contents fail authentication."""


class VaultSaveError(VaultError):
    """The vault could not be written; the previous copy on disk is untouched."""


class VaultLockedError(VaultError):
    """Something needs the vault while it is locked."""


class VaultChangedElsewhereError(VaultSaveError):
    """Another program changed the vault file in a way this one cannot merge with (or
    moved it); nothing was saved, and this program's change is kept in memory."""


class VaultConflictError(VaultChangedElsewhereError):
    """Another program changed entries this one changed too; nothing was saved, and this
    program's change is kept in memory (``conflicts`` says which entries)."""

    def __init__(self, name: str, conflicts: Sequence[DescribedConflict], advice: str) -> None:
        self.conflicts = list(conflicts)
        listed = "; ".join(c.describe() for c in self.conflicts)
        super().__init__(
            f"The key vault {name} was changed by another program (deepdive vault, or "
            f"DeepDive in another window) since it was opened here, and the same entries "
            f"were changed in both places ({listed}). Nothing was saved, so neither change "
            f"is lost: the other one is in the file. {advice}"
        )
