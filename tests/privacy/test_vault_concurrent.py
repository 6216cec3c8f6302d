"""Two programs with the same key vault open (the app holding it unlocked for hours, and
``deepdive vault add`` or another window saving meanwhile): whichever saves second
merges, entry by entry, and nothing either of them saved is lost. Where both changed
one entry in ways that cannot both hold, nothing is saved until someone chooses, and
the change stays in memory. Real files; each side is its own ``Vault`` as each
program has its own."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from cli_helpers import run_deepdive

from deepdive.privacy.errors import VaultConflictError, VaultSaveError
from deepdive.privacy.vault import Vault
from deepdive.privacy.vault_merge import VaultConflict
from deepdive.privacy.vault_model import VaultCase, VaultPerson

PASSPHRASE = "correct horse battery"
JAY = VaultPerson("Jay", real_names=("Jayden Marsh",), addresses=("12 Elm Road, S7 2LS",))


@pytest.fixture
def vault_path(tmp_path: Path) -> Path:
    path = tmp_path / "cases.vault"
    made = Vault.create(path, PASSPHRASE)
    made.put_case(VaultCase("DD-1", 120, (JAY,)))
    return path


def _entries(path: Path, code: str = "DD-1") -> VaultCase:
    """The case's entries as a program opening the file now reads them."""
    case = Vault.open(path, PASSPHRASE).case(code)
    assert case is not None
    return case


def _registered(vault: Vault, text: str) -> bool:
    """Whether the vault's leak check looks for ``text``."""
    return any(i.text == text for i in vault.registry().identifiers)


def _add(vault: Vault, person: VaultPerson, code: str = "DD-1") -> None:
    """What the app's vault editor does: change one person in the case it holds."""
    vault.put_case(vault.ensure_case(code).with_person(person))


@pytest.mark.parametrize("second", ["app", "cli"])
def test_people_added_by_each_program_are_all_kept(vault_path: Path, second: str) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    first_saver, second_saver = (cli, app) if second == "app" else (app, cli)
    _add(first_saver, VaultPerson("Mum", real_names=("Kerry Marsh",)))
    _add(second_saver, VaultPerson("Nan", real_names=("Brenda Marsh",)))
    assert [p.pseudonym for p in _entries(vault_path).people] == ["Jay", "Mum", "Nan"]
    # The second saver now holds the first one's entry too (its leak check looks for it).
    assert _registered(second_saver, "Kerry Marsh")
    # And the first one takes it in before its next export (the gate refreshes).
    assert first_saver.refresh()
    assert _registered(first_saver, "Brenda Marsh")


def test_one_person_changed_in_both_keeps_every_addition_and_removal(vault_path: Path) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    _add(cli, replace(JAY, nhs_numbers=("943 476 5919",)))
    # The app still shows Jay as read: it adds an alias and removes the old address.
    _add(app, replace(JAY, aliases=("JJ",), addresses=()))
    jay = _entries(vault_path).person("Jay")
    assert jay == VaultPerson(
        "Jay", real_names=("Jayden Marsh",), aliases=("JJ",), nhs_numbers=("943 476 5919",)
    )


def test_a_case_new_to_both_keeps_the_shift_saved_first(vault_path: Path) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    shift = cli.ensure_case("DD-9").date_shift_days
    assert app.ensure_case("DD-9").date_shift_days == shift
    assert _entries(vault_path, "DD-9").date_shift_days == shift


def test_removed_in_one_and_changed_in_the_other_saves_nothing_and_keeps_the_change(
    vault_path: Path,
) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    cli.put_case(cli.ensure_case("DD-1").without_person("Jay"))  # deepdive vault remove
    removed = vault_path.read_bytes()
    with pytest.raises(VaultConflictError) as refused:
        _add(app, replace(JAY, aliases=("JJ",)))
    message = str(refused.value)
    assert "DD-1 › Jay: removed elsewhere, changed here" in message
    assert "Nothing was saved, so neither change is lost" in message
    assert "Run the command again" in message
    assert "Jayden" not in message and "JJ" not in message, "no identity in a message"
    assert vault_path.read_bytes() == removed
    # The app's change is still in memory, and still looked for.
    assert app.has_unsaved_changes()
    assert _registered(app, "JJ")


@pytest.mark.parametrize("keep_mine", [True, False])
def test_whoever_is_asked_chooses_which_version_to_keep(vault_path: Path, keep_mine: bool) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    cli.remove_case("DD-1")
    _add(cli, VaultPerson("Sis", real_names=("Kayleigh Marsh",)), code="DD-2")
    asked: list[list[VaultConflict]] = []
    app.on_conflict = lambda conflicts: asked.append(conflicts) or keep_mine
    _add(app, replace(JAY, aliases=("JJ",)))
    assert [c.describe() for c in asked[0]] == ["DD-1: removed elsewhere, changed here"]
    on_disk = Vault.open(vault_path, PASSPHRASE)
    assert on_disk.case("DD-2") is not None, "the other program's new case is kept either way"
    if keep_mine:
        assert _entries(vault_path).person("Jay") == replace(JAY, aliases=("JJ",))
    else:
        assert on_disk.case("DD-1") is None
        assert app.case("DD-1") is None
    assert not app.has_unsaved_changes()


def test_no_answer_keeps_the_change_and_the_next_save_asks_again(vault_path: Path) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    cli.remove_case("DD-1")
    answers: list[bool | None] = [None, True]
    app.on_conflict = lambda conflicts: answers.pop(0)
    with pytest.raises(VaultConflictError, match="asks again which to keep"):
        _add(app, replace(JAY, aliases=("JJ",)))
    _add(app, VaultPerson("Mum", real_names=("Kerry Marsh",)))
    assert answers == []
    assert [p.pseudonym for p in _entries(vault_path).people] == ["Jay", "Mum"]


def test_a_passphrase_changed_elsewhere_is_explained_and_nothing_is_overwritten(
    vault_path: Path,
) -> None:
    app, cli = Vault.open(vault_path, PASSPHRASE), Vault.open(vault_path, PASSPHRASE)
    cli.change_passphrase(PASSPHRASE, "a brand new passphrase")
    changed = vault_path.read_bytes()
    with pytest.raises(VaultSaveError, match="was given a new passphrase by another program"):
        _add(app, VaultPerson("Mum", real_names=("Kerry Marsh",)))
    assert vault_path.read_bytes() == changed
    assert app.case("DD-1") is not None and app.case("DD-1").person("Mum") is not None  # type: ignore[union-attr]


def test_the_app_keeps_what_deepdive_vault_add_saved_while_it_held_the_vault(
    tmp_path: Path,
) -> None:
    """The real command line in its own process, between the app's read and its save."""
    workspace = tmp_path / "ws.deepdive"
    assert run_deepdive("demo", "--workspace", workspace, data_dir=tmp_path).returncode == 0
    env = {"DEEPDIVE_PASSPHRASE": PASSPHRASE}
    assert run_deepdive("vault", "init", "--workspace", workspace, data_dir=tmp_path, env=env)
    app = Vault.open(workspace.with_suffix(".vault"), PASSPHRASE)
    _add(app, VaultPerson("Jay", real_names=("Jayden Marsh",)), code="DEMO-001")
    added = run_deepdive(
        *("vault", "add", "DEMO-001", "Mum", "--real-name", "Kerry Marsh"),
        *("--workspace", workspace),
        data_dir=tmp_path,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    _add(app, VaultPerson("Nan", real_names=("Brenda Marsh",)), code="DEMO-001")
    removed = run_deepdive(
        *("vault", "remove", "DEMO-001", "Jay", "--workspace", workspace),
        data_dir=tmp_path,
        env=env,
    )
    assert removed.returncode == 0, removed.stderr
    _add(app, VaultPerson("SW1", real_names=("Priya Shah",)), code="DEMO-001")
    people = _entries(workspace.with_suffix(".vault"), "DEMO-001").people
    assert [p.pseudonym for p in people] == ["Mum", "Nan", "SW1"]
    assert sorted(p.name for p in tmp_path.iterdir() if "vault" in p.name) == ["ws.vault"]
