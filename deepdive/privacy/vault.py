"""The key vault: the only place real identities are kept, encrypted, beside the workspace.

    vault = Vault.create(path, passphrase)        # or Vault.open(path, passphrase)
    case = vault.ensure_case("DD-2019-014")       # new cases get a secret date shift
    vault.put_case(case.with_person(VaultPerson("Jay", real_names=("Jayden Marsh",))))
    registry = vault.registry()                   # what the detector must look for

Every change is saved at once (there is no Save button) and atomically: the new
file is written beside the old one, flushed to disk, then renamed over it, so a crash
or a full disk leaves the previous vault whole. The default place is beside the
workspace (``cases.deepdive`` → ``cases.vault``), never inside it; the vault is never
written into a workspace, export, bundle, backup or log.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from deepdive.files.private import make_private_folder
from deepdive.privacy.errors import VaultError, VaultSaveError, WrongPassphraseError
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_format import MAGIC, VaultKey, decrypt, derive_key, encrypt, unseal
from deepdive.privacy.vault_model import (
    VaultCase,
    VaultPerson,
    contents_from_json,
    contents_to_json,
    new_date_shift,
)

VAULT_SUFFIX = ".vault"
MIN_PASSPHRASE = 8
_TEMP_MARK = ".saving-"
T = TypeVar("T")


def default_vault_path(workspace: Path) -> Path:
    """Where a workspace's vault lives unless the user chooses: beside it, ``.vault``."""
    return workspace.with_suffix(VAULT_SUFFIX)


def is_vault_file(path: Path) -> bool:
    """Whether ``path`` is a key vault (exports, bundles and backups must refuse it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect real identities."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise VaultError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; a few words "
            "you will remember is best."
        )


class Vault:
    """An unlocked key vault: its cases in memory, saved to ``path`` on every change."""

    def __init__(self, path: Path, key: VaultKey, cases: dict[str, VaultCase]) -> None:
        self.path = path
        self._key: VaultKey | None = key
        self._cases = cases

    # --------------------------------------------------------------- opening
    @classmethod
    def create(cls, path: Path, passphrase: str) -> Vault:
        """Make a new, empty vault at ``path``; refuses to overwrite anything."""
        check_new_passphrase(passphrase)
        if path.exists():
            raise VaultError(f"{path} already exists; open it, or choose another name.")
        vault = cls(path, derive_key(passphrase), {})
        vault.save()
        return vault

    @classmethod
    def open(cls, path: Path, passphrase: str) -> Vault:
        """Unlock the vault at ``path``. Raises NotAVaultError, VaultDamagedError,
        WrongPassphraseError or VaultTamperedError, each with its own message."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise VaultError(f"There is no key vault at {path}.") from None
        except OSError as exc:
            raise VaultError(f"{path} cannot be read ({exc.strerror}).") from None
        sealed = unseal(data, path.name)
        plaintext, key = decrypt(sealed, passphrase, path.name)
        try:
            document = json.loads(plaintext.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VaultError(
                f"{path.name} opened but its contents cannot be read ({type(exc).__name__})."
            ) from None
        return cls(path, key, contents_from_json(document))

    # ----------------------------------------------------------------- cases
    def cases(self) -> list[VaultCase]:
        """Every case with entries, by code."""
        return [self._cases[code] for code in sorted(self._cases)]

    def case(self, code: str) -> VaultCase | None:
        """The entries for the case with this code, if any."""
        return self._cases.get(code.strip().upper())

    def ensure_case(self, code: str) -> VaultCase:
        """The case's entries, creating them (with a new secret date shift) if needed."""
        code = code.strip().upper()
        existing = self._cases.get(code)
        if existing is not None:
            return existing
        case = VaultCase(code, new_date_shift())
        self._cases[code] = case
        self.save()
        return case

    def put_case(self, case: VaultCase) -> None:
        """Store ``case`` (replacing the entries with its code) and save."""
        previous = self._cases.get(case.code)
        self._cases[case.code] = case
        try:
            self.save()
        except VaultSaveError:
            if previous is None:
                self._cases.pop(case.code, None)
            else:
                self._cases[case.code] = previous
            raise

    def remove_case(self, code: str) -> None:
        """Forget a case's entries (when the case is deleted) and save."""
        removed = self._cases.pop(code.strip().upper(), None)
        if removed is not None:
            try:
                self.save()
            except VaultSaveError:
                self._cases[removed.code] = removed
                raise

    def rename_case(self, old_code: str, new_code: str) -> None:
        """Keep a case's entries when its code changes (and save).

        If the vault already holds entries under ``new_code`` (left from a case that
        no longer exists), nothing is dropped: the people there are kept after the
        renamed case's own, and the renamed case keeps its date shift.
        """
        old, new = old_code.strip().upper(), new_code.strip().upper()
        case = self._cases.get(old)
        if case is None or old == new:
            return
        before = dict(self._cases)
        moved = replace(case, code=new)
        existing = self._cases.get(new)
        if existing is not None:
            for person in existing.people:
                mine = moved.person(person.pseudonym)
                moved = moved.with_person(person if mine is None else _merged(mine, person))
        del self._cases[old]
        self._cases[new] = moved
        try:
            self.save()
        except VaultSaveError:
            self._cases = before
            raise

    def registry(self, case_code: str | None = None) -> IdentifierRegistry:
        """The identifiers of one case, or of every case (what exports must not carry)."""
        if case_code is None:
            return IdentifierRegistry.from_cases(self._cases.values())
        case = self.case(case_code)
        return IdentifierRegistry.from_cases([case] if case else [])

    # ---------------------------------------------------------------- saving
    def change_passphrase(self, current: str, new: str) -> None:
        """Re-encrypt the vault under ``new`` (with a new salt) after checking ``current``."""
        key = self._unlocked_key()
        if derive_key(current, key.salt, key.log2_n, key.r, key.p).check != key.check:
            raise WrongPassphraseError("The current passphrase is not right; nothing was changed.")
        check_new_passphrase(new)
        self._key = derive_key(new)
        try:
            self.save()
        except VaultSaveError:
            self._key = key
            raise

    def save(self) -> None:
        """Write the vault atomically: a new file beside it, flushed, then renamed over."""
        plaintext = json.dumps(contents_to_json(self._cases), ensure_ascii=False).encode("utf-8")
        data = encrypt(plaintext, self._unlocked_key())
        folder = self.path.parent
        temporary = folder / f".{self.path.name}{_TEMP_MARK}{secrets.token_hex(4)}"
        try:
            make_private_folder(folder)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
            _sync_folder(folder)
        except OSError as exc:
            with contextlib.suppress(OSError):
                temporary.unlink()
            reason = (
                "the disk is full"
                if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
                else (exc.strerror or type(exc).__name__)
            )
            raise VaultSaveError(
                f"The key vault could not be saved ({reason}). The previous copy of "
                f"{self.path.name} is unchanged; your last change to it is not saved."
            ) from None
        _remove_leftovers(self.path)

    def _unlocked_key(self) -> VaultKey:
        if self._key is None:
            from deepdive.privacy.errors import VaultLockedError

            raise VaultLockedError("The key vault is locked; unlock it first.")
        return self._key

    def lock(self) -> None:
        """Forget the key and the contents (the object can no longer be used)."""
        self._key = None
        self._cases = {}


def _merged(first: VaultPerson, second: VaultPerson) -> VaultPerson:
    """Everything either entry records about one person (``first``'s order first)."""

    def both(a: tuple[T, ...], b: tuple[T, ...]) -> tuple[T, ...]:
        return tuple(dict.fromkeys((*a, *b)))

    return VaultPerson(
        first.pseudonym,
        real_names=both(first.real_names, second.real_names),
        aliases=both(first.aliases, second.aliases),
        dates_of_birth=both(first.dates_of_birth, second.dates_of_birth),
        addresses=both(first.addresses, second.addresses),
        nhs_numbers=both(first.nhs_numbers, second.nhs_numbers),
        other_identifiers=both(first.other_identifiers, second.other_identifiers),
    )


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove_leftovers(path: Path) -> None:
    """Delete half-written copies a crash during an earlier save left behind."""
    for leftover in path.parent.glob(f".{path.name}{_TEMP_MARK}*"):
        with contextlib.suppress(OSError):
            leftover.unlink()
