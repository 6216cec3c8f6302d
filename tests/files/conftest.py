"""Fixtures for the destination tests: a workspace with the demo case, its vault and backup,
and a fingerprint of every byte of them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from deepdive.demo import add_demo_case
from deepdive.paths import backup_dir
from deepdive.privacy.vault import Vault, default_vault_path
from deepdive.services import Services
from deepdive.storage.backup import BackupKind, make_backup
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def no_qt_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line run in-process draws no timeline (that would start Qt here)."""
    monkeypatch.setattr("deepdive.commands.export._timeline_picture", lambda _study: None)


def sha256(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Precious:
    """A workspace with the demo case and, beside it, its key vault; another workspace
    held open (so its write-ahead log is there); and a backup in the backups folder."""

    workspace: Path
    vault: Path
    open_workspace: Path
    wal: Path
    backup: Path
    data: Path

    def files(self) -> list[Path]:
        """Every file whose bytes must never change, the -shm of the open one included."""
        shm = self.open_workspace.with_name(self.open_workspace.name + "-shm")
        return [self.workspace, self.vault, self.open_workspace, self.wal, shm, self.backup]

    def fingerprint(self) -> dict[str, str]:
        """Each precious file's SHA-256."""
        return {path.name: sha256(path) for path in self.files()}


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A workspace with the demo case, shared by a module's tests (exports add to its log)."""
    bound = Services.for_workspace(
        open_workspace(tmp_path_factory.mktemp("demo") / "demo.deepdive")
    )
    add_demo_case(bound)
    yield bound
    bound.close()


@pytest.fixture(scope="module")
def shared_precious(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Precious]:
    """One :class:`Precious` set for a module's tests (none of them may change it)."""
    folder = tmp_path_factory.mktemp("precious")
    data = folder / "data"
    workspace = folder / "team.deepdive"
    services = Services.for_workspace(open_workspace(workspace))
    add_demo_case(services)
    services.close()
    vault = Vault.create(default_vault_path(workspace), PASSPHRASE)
    vault.ensure_case("DEMO-001")
    backup = make_backup(workspace, data / "backups", BackupKind.MANUAL).path
    other = folder / "other.deepdive"
    held = Services.for_workspace(open_workspace(other))
    held.cases.create("DD-1", "Sam")  # committed to the write-ahead log, not yet checkpointed
    wal = other.with_name(other.name + "-wal")
    assert wal.stat().st_size > 0
    yield Precious(workspace, vault.path, other, wal, backup, data)
    held.close()


@pytest.fixture
def precious(shared_precious: Precious, monkeypatch: pytest.MonkeyPatch) -> Precious:
    """See :class:`Precious`: its data folder is DeepDive's, and the vault's passphrase is
    in the environment, as for a script."""
    monkeypatch.setenv("DEEPDIVE_DATA_DIR", str(shared_precious.data))
    monkeypatch.setenv("DEEPDIVE_PASSPHRASE", PASSPHRASE)
    assert shared_precious.backup.parent == backup_dir()
    return shared_precious
