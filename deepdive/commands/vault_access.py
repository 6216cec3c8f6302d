"""The key vault for commands: where it is, and its passphrase.

Fail closed: when a workspace has a key vault (beside it: ``cases.deepdive`` →
``cases.vault``), every command that writes case content out (``export``,
``report``, ``bundle export``, ``render``) unlocks it before anything else, so the
leak check looks for its registered names and identifiers. The passphrase comes from
``DEEPDIVE_PASSPHRASE``, or is asked for when someone is at a terminal; otherwise
the command stops with one line saying how to give it, and nothing is written.

Keep identities out at the door: a command that writes pseudonyms, roles, codes,
agency or theme names into the workspace from elsewhere (``bundle import``) unlocks
the vault the same way first (:func:`guard_for_writing`), so the services refuse a
registered real name there as the app does while its vault is unlocked. Without the
passphrase it writes nothing: the check needs nothing but the local vault, so this
never stands in the way of working offline, and a bundle from another team is
exactly where a real name would slip in unnoticed. Commands that write no such field
(``import-chronology``: agencies must already exist; ``demo``; ``templates import``)
do not ask.
"""

from __future__ import annotations

import argparse
import getpass
import os
from pathlib import Path
from typing import TYPE_CHECKING

from deepdive.commands.common import at_terminal, workspace_arg
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.services.guard import IdentifierGuard

PASSPHRASE_VARIABLE = "DEEPDIVE_PASSPHRASE"


class PassphraseNeeded(DeepDiveError):
    """The vault must be unlocked and no passphrase was given."""


def workspace_of(args: argparse.Namespace) -> Path:
    """The workspace file named by ``--workspace``, or the default one; for a team
    workspace on a server, where its companion files (the vault) live in the data folder."""
    from deepdive.paths import data_dir
    from deepdive.storage.address import ServerAddress

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        from deepdive.storage.server import server_anchor

        return server_anchor(where, data_dir())
    return where


def vault_path_of(args: argparse.Namespace) -> Path:
    """Where the workspace's key vault is (whether or not it exists)."""
    from deepdive.privacy.vault import default_vault_path

    return default_vault_path(workspace_of(args))


def passphrase(path: Path, purpose: str, *, prompt: str | None = None) -> str:
    """The passphrase of the vault at ``path``: from DEEPDIVE_PASSPHRASE, else asked at a
    terminal. ``purpose`` completes the refusal ("… must be unlocked to export")."""
    given = os.environ.get(PASSPHRASE_VARIABLE)
    if given:
        return given
    if not at_terminal():
        raise PassphraseNeeded(
            f"The key vault {path.name} must be unlocked {purpose}: set {PASSPHRASE_VARIABLE} "
            "to its passphrase, or run the command in a terminal to be asked."
        )
    try:
        typed = getpass.getpass(prompt or f"Passphrase for the key vault {path.name}: ")
    except EOFError:
        typed = ""
    if not typed:
        raise PassphraseNeeded(f"No passphrase was given for the key vault {path.name}.")
    return typed


def open_vault(path: Path, purpose: str) -> Vault:
    """Unlock the vault at ``path`` (which must exist), asking for its passphrase."""
    from deepdive.privacy.vault import Vault

    return Vault.open(path, passphrase(path, purpose))


def unlock_for_writing(args: argparse.Namespace, purpose: str) -> Vault | None:
    """The workspace's key vault, unlocked, or None when the workspace has none.

    Called before anything is written: a vault that exists must be unlocked, or the
    command stops (``PassphraseNeeded``, a wrong passphrase, a damaged vault), each
    with one line that says nothing was written.
    """
    path = vault_path_of(args)
    if not path.exists():
        return None
    try:
        return open_vault(path, f"{purpose}, so that its registered names are checked")
    except DeepDiveError as exc:
        raise DeepDiveError(f"{_one_line(str(exc))} Nothing was written.") from None


def _one_line(text: str) -> str:
    return " ".join(text.split())


def guard_for_writing(args: argparse.Namespace, purpose: str) -> IdentifierGuard | None:
    """The identifier guard for a command that writes pseudonyms or roles into the
    workspace: validated patterns and, when the workspace has a key vault, its
    registered identifiers (the vault is unlocked first, or the command stops with
    one line and writes nothing). None when there is no vault: patterns only."""
    from deepdive.privacy.guard import VaultGuard

    vault = unlock_for_writing(args, purpose)
    if vault is None:
        return None
    try:
        return VaultGuard(vault.registry())
    finally:
        vault.lock()  # the registry holds what the guard needs; the key leaves memory
