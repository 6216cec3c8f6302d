"""The key vault: the only place real identities are kept, encrypted, beside the workspace.

    vault = Vault.create(path, passphrase)        # or Vault.open(path, passphrase)
    case = vault.ensure_case("DD-2019-014")       # new cases get a secret date shift
    vault.put_case(case.with_person(VaultPerson("Jay", real_names=("Jayden Marsh",))))
    registry = vault.registry()                   # what the detector must look for

Every change is saved at once (there is no Save button) and atomically: the new
file is written beside the old one, flushed to disk, then renamed over it, so a crash
or a full disk leaves the previous vault whole. A change another program saved since
this one read the file (``deepdive vault add`` while the app has the vault unlocked)
is never overwritten: it is merged entry by entry (:mod:`deepdive.privacy.vault_merge`),
and where both changed the same entry in ways that cannot both hold, ``on_conflict``
is asked which to keep; without an answer nothing is saved (``VaultConflictError``)
and this program's change stays in memory. The default place is beside the
workspace (``cases.deepdive`` → ``cases.vault``), never inside it; the vault is never
written into a workspace, export, bundle, backup or log.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from deepdive.privacy.errors import (
    VaultChangedElsewhereError,
    VaultConflictError,
    VaultError,
    VaultSaveError,
    WrongPassphraseError,
)
from deepdive.privacy.registry import IdentifierRegistry
from deepdive.privacy.vault_file import locked, read_if_changed, stamp_of, write_atomically
from deepdive.privacy.vault_format import (
    VaultKey,
    decrypt,
    decrypt_with_key,
    derive_key,
    encrypt,
    unseal,
)
from deepdive.privacy.vault_merge import Merged, VaultConflict, merge_contents
from deepdive.privacy.vault_model import (
    VaultCase,
    VaultPerson,
    contents_from_json,
    contents_to_json,
    new_date_shift,
)

VAULT_SUFFIX = ".vault"
MIN_PASSPHRASE = 8
T = TypeVar("T")
ConflictChoice = Callable[[list[VaultConflict]], bool | None]
"""Asked which version to keep of entries changed both here and elsewhere: True this
program's, False the file's, None neither for now (nothing is saved)."""
_RUN_AGAIN = "Run the command again to make your change to the vault as it is now."
_ASKED_AGAIN = (
    "Your change is kept here, unsaved, until the key vault is locked; the next change "
    "asks again which to keep."
)


def default_vault_path(workspace: Path) -> Path:
    """Where a workspace's vault lives unless the user chooses: beside it, ``.vault``."""
    return workspace.with_suffix(VAULT_SUFFIX)


def check_new_passphrase(passphrase: str) -> None:
    """Refuse a passphrase too short to protect real identities."""
    if len(passphrase) < MIN_PASSPHRASE:
        raise VaultError(
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters; a few words "
            "you will remember is best."
        )


class Vault:
    """An unlocked key vault: its cases in memory, saved to ``path`` on every change."""

    def __init__(
        self,
        path: Path,
        key: VaultKey,
        cases: dict[str, VaultCase],
        stamp: bytes | None = None,
    ) -> None:
        """``stamp`` remembers the file's bytes as read (None: it does not exist yet)."""
        self.path = path
        self._key: VaultKey | None = key
        self._cases = cases
        self._base = dict(cases)  # the entries as the file held them when read or written
        self._stamp = stamp
        self.on_conflict: ConflictChoice | None = None

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
        plaintext, key = decrypt(unseal(data, path.name), passphrase, path.name)
        return cls(path, key, _contents(plaintext, path.name), stamp_of(data))

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
        self._cases[code] = VaultCase(code, new_date_shift())
        try:
            self.save()
        except VaultChangedElsewhereError:
            raise  # kept in memory: nothing of it is lost while the vault is unlocked
        except VaultSaveError:
            self._cases.pop(code, None)
            raise
        # Another program may have given the case its shift first: that one is kept.
        return self._cases[code]

    def put_case(self, case: VaultCase) -> None:
        """Store ``case`` (replacing the entries with its code) and save."""
        previous = self._cases.get(case.code)
        self._cases[case.code] = case
        try:
            self.save()
        except VaultChangedElsewhereError:
            raise  # kept in memory: nothing of it is lost while the vault is unlocked
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
            except VaultChangedElsewhereError:
                raise  # kept in memory: nothing of it is lost while the vault is unlocked
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
        except VaultChangedElsewhereError:
            raise  # kept in memory: nothing of it is lost while the vault is unlocked
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
        self.save()  # another program's change is merged under the key it was saved with
        self._key = derive_key(new)
        try:
            self.save()
        except VaultSaveError:
            self._key = key
            raise

    def save(self) -> None:
        """Write the vault atomically, merging what another program saved meanwhile.

        Raises VaultConflictError (nothing written, this program's entries kept in
        memory) when both changed an entry in ways that cannot both hold and
        ``on_conflict`` does not choose, and VaultSaveError when the file cannot be
        written or read back.
        """
        decided: dict[tuple[str, str | None], bool] = {}
        while True:
            with locked(self.path):
                merged = self._merge_with_file()
                undecided = [c for c in merged.conflicts if c.key not in decided]
                if not undecided:
                    self._write(merged.keeping(self._cases, decided).cases)
                    return
            # Asked with the lock released: another program may save while someone
            # thinks, and the file is merged again afterwards.
            keep_mine = self.on_conflict(undecided) if self.on_conflict is not None else None
            if keep_mine is None:
                advice = _RUN_AGAIN if self.on_conflict is None else _ASKED_AGAIN
                raise VaultConflictError(self.path.name, undecided, advice)
            decided.update(dict.fromkeys((c.key for c in undecided), keep_mine))

    def refresh(self) -> bool:
        """Take in what another program saved since this one read the file (its new
        names are then looked for too); True if anything came in. Entries this program
        changed and could not save stay as they are until the next save."""
        with locked(self.path):
            data = read_if_changed(self.path, self._stamp)
            if data is None:
                return False
            theirs = self._read(data)
            merged = merge_contents(self._base, self._cases, theirs)
            if merged.conflicts:
                return False
            self._cases, self._base, self._stamp = merged.cases, theirs, stamp_of(data)
            return True

    def has_unsaved_changes(self) -> bool:
        """Whether entries changed here are not in the file (a conflict left undecided)."""
        return self._cases != self._base

    def _merge_with_file(self) -> Merged:
        """This program's entries merged with the file's, if it changed since read."""
        data = read_if_changed(self.path, self._stamp)
        if data is None:
            return Merged(dict(self._cases), [])
        return merge_contents(self._base, self._cases, self._read(data))

    def _read(self, data: bytes) -> dict[str, VaultCase]:
        """The entries of the file's ``data``, under this program's key."""
        key = self._unlocked_key()
        sealed = unseal(data, self.path.name)
        if (sealed.salt, sealed.check) != (key.salt, key.check):
            raise VaultChangedElsewhereError(
                f"The key vault {self.path.name} was given a new passphrase by another "
                "program since it was unlocked here, so its new contents cannot be read "
                "with the old one. Nothing was saved; your change is kept here until the "
                "vault is locked. Lock it, unlock it with the new passphrase and make your "
                "change again."
            )
        return _contents(decrypt_with_key(sealed, key, self.path.name), self.path.name)

    def _write(self, cases: dict[str, VaultCase]) -> None:
        plaintext = json.dumps(contents_to_json(cases), ensure_ascii=False).encode("utf-8")
        data = encrypt(plaintext, self._unlocked_key())
        write_atomically(self.path, data)
        self._cases, self._base, self._stamp = dict(cases), dict(cases), stamp_of(data)

    def _unlocked_key(self) -> VaultKey:
        if self._key is None:
            from deepdive.privacy.errors import VaultLockedError

            raise VaultLockedError("The key vault is locked; unlock it first.")
        return self._key

    def lock(self) -> None:
        """Forget the key and the contents (the object can no longer be used)."""
        self._key = None
        self._cases = {}
        self._base = {}
        self.on_conflict = None


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


def _contents(plaintext: bytes, name: str) -> dict[str, VaultCase]:
    try:
        document = json.loads(plaintext.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise VaultError(
            f"{name} opened but its contents cannot be read ({type(exc).__name__})."
        ) from None
    return contents_from_json(document)
