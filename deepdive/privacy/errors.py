"""Errors of the key vault, each with a message fit to show the user."""

from __future__ import annotations

from deepdive.errors import DeepDiveError


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
