"""Fixtures for the destination tests: a workspace with the demo case, its vault and backup,
and a fingerprint of every byte of them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from destination_helpers import PASSPHRASE, Precious

from deepdive.demo import add_demo_case
from deepdive.paths import backup_dir
from deepdive.privacy.vault import Vault, default_vault_path
from deepdive.services import Services
from deepdive.storage.backup import BackupKind, make_backup
from deepdive.storage.workspace import open_workspace


@pytest.fixture(autouse=True)
def no_qt_in_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line run in-process draws no timeline (that would start Qt here)."""
    monkeypatch.setattr("deepdive.commands.export._timeline_picture", lambda _study: None)


@pytest.fixture(scope="module")
def demo_services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    """A workspace with the demo case, shared by a module's tests (exports add to its log)."""
    bound = Services.for_workspace(
        open_workspace(tmp_path_factory.mktemp("demo") / "demo.deepdive")
    )
    add_demo_case(bound)
    yield bound
    bound.close()


@pytest.fixture(scope="session")
def shared_precious(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Precious]:
    """One :class:`Precious` set for these tests (none of them may change it)."""
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
