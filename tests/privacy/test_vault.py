"""The key vault: round trip, wrong passphrase, damage and tampering told apart, and
saves that never lose the previous vault (a crash mid-save, a full disk)."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from deepdive.files.kinds import FileKind, sniff
from deepdive.privacy.errors import (
    NotAVaultError,
    VaultDamagedError,
    VaultError,
    VaultTamperedError,
    WrongPassphraseError,
)
from deepdive.privacy.vault import Vault, default_vault_path
from deepdive.privacy.vault_format import DIGEST_SIZE, HEADER_SIZE
from deepdive.privacy.vault_model import MAX_SHIFT_DAYS, MIN_SHIFT_DAYS, VaultPerson

PASSPHRASE = "correct horse battery"
JAY = VaultPerson(
    "Jay",
    real_names=("Jayden Marsh",),
    aliases=("JJ",),
    dates_of_birth=(date(2005, 3, 12),),
    addresses=("14 Acacia Avenue, Sheffield S5 7AB",),
    nhs_numbers=("943 476 5919",),
    other_identifiers=("07700 900123",),
)


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "cases.vault"
    vault = Vault.create(path, PASSPHRASE)
    vault.put_case(vault.ensure_case("DD-2019-014").with_person(JAY))
    return path


def test_a_vault_round_trips_every_entry(vault_path: Path) -> None:
    reopened = Vault.open(vault_path, PASSPHRASE)
    case = reopened.case("dd-2019-014")
    assert case is not None and case.people == (JAY,)
    assert MIN_SHIFT_DAYS <= abs(case.date_shift_days) <= MAX_SHIFT_DAYS
    # Nothing real is readable in the file itself.
    data = vault_path.read_bytes()
    for secret in (b"Jayden", b"Acacia", b"9434765919", b"943 476 5919", b"DD-2019-014"):
        assert secret not in data
    assert sniff(vault_path) is FileKind.VAULT


def test_the_default_vault_sits_beside_the_workspace_never_inside_it(tmp_path: Path) -> None:
    workspace = tmp_path / "team" / "cases.deepdive"
    assert default_vault_path(workspace) == tmp_path / "team" / "cases.vault"


def test_a_wrong_passphrase_says_so(vault_path: Path) -> None:
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphraseError, match=r"passphrase does not open cases\.vault"):
        Vault.open(vault_path, "Correct horse battery")
    assert vault_path.read_bytes() == before


@pytest.mark.parametrize("where", ["header", "middle", "tag", "digest"])
def test_a_flipped_byte_is_refused_as_damaged(vault_path: Path, where: str) -> None:
    data = bytearray(vault_path.read_bytes())
    index = {
        "header": 20,
        "middle": HEADER_SIZE + 10,
        "tag": len(data) - DIGEST_SIZE - 3,
        "digest": len(data) - 1,
    }[where]
    data[index] ^= 0x01
    vault_path.write_bytes(bytes(data))
    with pytest.raises(VaultDamagedError, match="damaged or has been altered") as raised:
        Vault.open(vault_path, PASSPHRASE)
    assert not isinstance(raised.value, WrongPassphraseError)


def test_a_truncated_vault_is_refused_as_cut_short(vault_path: Path) -> None:
    data = vault_path.read_bytes()
    for length in (len(data) - 1, HEADER_SIZE + 5, 30):
        vault_path.write_bytes(data[:length])
        with pytest.raises(VaultDamagedError, match="cut short"):
            Vault.open(vault_path, PASSPHRASE)


def test_tampering_that_also_rewrites_the_checksum_is_caught_by_authentication(
    vault_path: Path,
) -> None:
    data = bytearray(vault_path.read_bytes())
    data[HEADER_SIZE + 4] ^= 0xFF
    body = bytes(data[:-DIGEST_SIZE])
    vault_path.write_bytes(body + hashlib.sha256(body).digest())
    with pytest.raises(VaultTamperedError, match="tampered with: the passphrase is right"):
        Vault.open(vault_path, PASSPHRASE)


def test_a_file_that_is_not_a_vault_is_named_as_such(tmp_path: Path) -> None:
    other = tmp_path / "notes.vault"
    other.write_text("just some notes", encoding="utf-8")
    with pytest.raises(NotAVaultError, match="not a DeepDive key vault"):
        Vault.open(other, PASSPHRASE)
    with pytest.raises(VaultError, match="no key vault"):
        Vault.open(tmp_path / "absent.vault", PASSPHRASE)
    assert sniff(other) is not FileKind.VAULT


def test_creating_never_overwrites_and_wants_a_real_passphrase(vault_path: Path) -> None:
    before = vault_path.read_bytes()
    with pytest.raises(VaultError, match="already exists"):
        Vault.create(vault_path, PASSPHRASE)
    with pytest.raises(VaultError, match="at least 8 characters"):
        Vault.create(vault_path.with_name("new.vault"), "short")
    assert vault_path.read_bytes() == before
    assert not vault_path.with_name("new.vault").exists()


def test_changing_the_passphrase_re_encrypts(vault_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    before = vault_path.read_bytes()
    with pytest.raises(WrongPassphraseError, match="nothing was changed"):
        vault.change_passphrase("not it at all", "a new passphrase")
    assert vault_path.read_bytes() == before
    vault.change_passphrase(PASSPHRASE, "a new passphrase")
    assert vault_path.read_bytes()[:HEADER_SIZE] != before[:HEADER_SIZE]  # new salt
    with pytest.raises(WrongPassphraseError):
        Vault.open(vault_path, PASSPHRASE)
    case = Vault.open(vault_path, "a new passphrase").case("DD-2019-014")
    assert case is not None and case.people == (JAY,)


def test_case_entries_follow_renames_and_deletions(vault_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    shift = vault.ensure_case("DD-2019-014").date_shift_days
    vault.rename_case("DD-2019-014", "DD-2019-015")
    reopened = Vault.open(vault_path, PASSPHRASE)
    assert reopened.case("DD-2019-014") is None
    moved = reopened.case("DD-2019-015")
    assert moved is not None and moved.date_shift_days == shift and moved.people == (JAY,)
    reopened.remove_case("DD-2019-015")
    assert Vault.open(vault_path, PASSPHRASE).cases() == []


def test_the_registry_covers_one_case_or_every_case(vault_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    vault.put_case(
        vault.ensure_case("DD-2020-001").with_person(
            VaultPerson("Ellie", real_names=("Eleanor Hart",))
        )
    )
    assert "eleanor hart" in vault.registry().text_keys
    assert "jayden marsh" in vault.registry().text_keys
    one = vault.registry("DD-2020-001")
    assert "eleanor hart" in one.text_keys and "jayden marsh" not in one.text_keys


_SAVE_IN_CHILD = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from deepdive.privacy.vault import Vault
    from deepdive.privacy.vault_model import VaultPerson

    path, passphrase, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    vault = Vault.open(path, passphrase)
    case = vault.ensure_case("DD-2019-014")
    many = tuple(VaultPerson(f"P{i}", real_names=(f"Person {i} " + "x" * 200,)) for i in range(400))
    big = case.__class__(case.code, case.date_shift_days, case.people + many)
    # Python ignores SIGXFSZ, so an over-long write fails with EFBIG (a full disk, in
    # effect); with the default action the kernel kills the process mid-write (a crash).
    if mode == "crash":
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    # No file this process writes may grow past 8 KB: the new vault is far bigger.
    resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    try:
        vault.put_case(big)
    except Exception as exc:
        print(type(exc).__name__ + ": " + str(exc))
        print("people in memory:", len(vault.case("DD-2019-014").people))
        sys.exit(0)
    print("saved")
    """
)


def _save_too_big_in_a_child(path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _SAVE_IN_CHILD, str(path), PASSPHRASE, mode],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_a_crash_mid_save_leaves_the_old_vault_openable(vault_path: Path) -> None:
    before = vault_path.read_bytes()
    result = _save_too_big_in_a_child(vault_path, "crash")
    # The child was killed by SIGXFSZ while writing the new vault: a real crash mid-write.
    assert result.returncode != 0 and "saved" not in result.stdout
    assert vault_path.read_bytes() == before
    case = Vault.open(vault_path, PASSPHRASE).case("DD-2019-014")
    assert case is not None and case.people == (JAY,)
    # The half-written copy is cleared away by the next successful save.
    vault = Vault.open(vault_path, PASSPHRASE)
    vault.put_case(replace(case, people=()))
    assert [p.name for p in vault_path.parent.iterdir()] == ["cases.vault"]


@pytest.mark.skipif(sys.platform == "win32", reason="file size limits are POSIX")
def test_a_full_disk_during_save_is_explained_and_loses_nothing(vault_path: Path) -> None:
    before = vault_path.read_bytes()
    result = _save_too_big_in_a_child(vault_path, "full-disk")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("VaultSaveError: The key vault could not be saved")
    assert "previous copy of cases.vault is unchanged" in result.stdout
    assert "people in memory: 1" in result.stdout  # the unsaved change was rolled back
    assert vault_path.read_bytes() == before
    assert [p.name for p in vault_path.parent.iterdir()] == ["cases.vault"]
