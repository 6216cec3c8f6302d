"""``deepdive bundle import`` keeps registered real identities out of the workspace, as
the app does with its vault unlocked: with a key vault beside the workspace it needs
the passphrase first (from DEEPDIVE_PASSPHRASE or a prompt), refuses a bundle whose
pseudonym or role is a registered name, and without the passphrase imports nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive, run_deepdive_at_terminal

from deepdive.bundles import export_case_bundle
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_model import VaultCase, VaultPerson
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "correct horse battery"
WITH_PASSPHRASE = {"DEEPDIVE_PASSPHRASE": PASSPHRASE}


@pytest.fixture(scope="module")
def made_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two bundles made by a team without a vault (one names Mum by her real name), and
    a workspace whose vault registers that name."""
    folder = tmp_path_factory.mktemp("bundle-guard")
    other = Services.for_workspace(open_workspace(folder / "theirs.deepdive"))
    case = other.cases.create("DD-7", "Sam")
    other.people.add(case.id, "Kayleigh Marsh", "Parent")  # no vault there: not refused
    export_case_bundle(other, "DD-7", folder / "named.ddcase", None)
    clean = other.cases.create("DD-8", "Alex")
    other.people.add(clean.id, "Mum", "Parent")
    export_case_bundle(other, "DD-8", folder / "clean.ddcase", None)
    other.close()
    ours = Services.for_workspace(open_workspace(folder / "ws.deepdive"))
    ours.cases.create("DD-1", "Jay")
    ours.close()
    vault = Vault.create(folder / "ws.vault", PASSPHRASE)
    vault.put_case(VaultCase("DD-1", 90, (VaultPerson("Sis", real_names=("Kayleigh Marsh",)),)))
    return folder


@pytest.fixture
def folder(made_once: Path, tmp_path: Path) -> Path:
    """A fresh copy of the workspace, its vault and the bundles."""
    for source in made_once.iterdir():
        shutil.copy2(source, tmp_path / source.name)
    return tmp_path


def _codes(workspace: Path) -> list[str]:
    services = Services.for_workspace(open_workspace(workspace))
    try:
        return [case.code for case in services.cases.list_cases()]
    finally:
        services.close()


def test_a_registered_name_as_a_pseudonym_is_refused_and_nothing_is_imported(
    folder: Path,
) -> None:
    workspace = folder / "ws.deepdive"
    result = run_deepdive(
        *("bundle", "import", folder / "named.ddcase", "--workspace", workspace),
        data_dir=folder,
        env=WITH_PASSPHRASE,
    )
    line = refusal(result)
    assert "'Kayleigh Marsh' is a real name registered in the key vault" in line
    assert "'Sis'" in line  # the pseudonym to use instead
    assert _codes(workspace) == ["DD-1"]


def test_a_clean_bundle_is_imported_with_the_passphrase(folder: Path) -> None:
    workspace = folder / "ws.deepdive"
    result = run_deepdive(
        *("bundle", "import", folder / "clean.ddcase", "--workspace", workspace),
        data_dir=folder,
        env=WITH_PASSPHRASE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Imported case DD-8: Alex")
    assert sorted(_codes(workspace)) == ["DD-1", "DD-8"]


def test_without_the_passphrase_a_script_imports_nothing_and_says_how_to_give_it(
    folder: Path,
) -> None:
    workspace = folder / "ws.deepdive"
    result = run_deepdive(
        *("bundle", "import", folder / "clean.ddcase", "--workspace", workspace),
        data_dir=folder,
    )
    line = refusal(result)
    assert line.startswith("deepdive: The key vault ws.vault must be unlocked to import a bundle")
    assert "DEEPDIVE_PASSPHRASE" in line and line.endswith("Nothing was written.")
    assert _codes(workspace) == ["DD-1"]


def test_at_a_terminal_the_passphrase_is_asked_for(folder: Path) -> None:
    workspace = folder / "ws.deepdive"
    run = run_deepdive_at_terminal(
        *("bundle", "import", folder / "named.ddcase", "--workspace", workspace),
        data_dir=folder,
        replies=[("Passphrase for the key vault ws.vault: ", PASSPHRASE)],
    )
    assert run.returncode == 2
    assert "'Kayleigh Marsh' is a real name registered in the key vault" in run.screen
    assert _codes(workspace) == ["DD-1"]


def test_without_a_vault_nothing_is_asked(folder: Path) -> None:
    workspace = folder / "ws.deepdive"
    (folder / "ws.vault").unlink()
    result = run_deepdive(
        *("bundle", "import", folder / "clean.ddcase", "--workspace", workspace),
        data_dir=folder,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(_codes(workspace)) == ["DD-1", "DD-8"]
