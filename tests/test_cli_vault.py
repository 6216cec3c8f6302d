"""``deepdive vault init|add|list|remove`` as an administrator's script runs them, and
the demo case exporting with no finding at all once the vault holds its people."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_helpers import refusal, run_deepdive, run_deepdive_at_terminal

from deepdive.privacy.vault import Vault
from deepdive.services import Services
from deepdive.storage.workspace import open_workspace

PASSPHRASE = "correct horse battery"
WITH_PASSPHRASE = {"DEEPDIVE_PASSPHRASE": PASSPHRASE}
JAY = [
    *("--real-name", "Jayden Marsh", "--alias", "JJ", "--alias", "Jayd"),
    *("--born", "17/05/2004", "--nhs", "943 476 5919"),
    *("--address", "12 Elmfield Road, Sheffield S7 2LS", "--other", "UPN A123456789012"),
]


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A workspace made by ``deepdive demo``, with no vault yet."""
    path = tmp_path / "ws.deepdive"
    assert run_deepdive("demo", "--workspace", path, data_dir=tmp_path).returncode == 0
    return path


def _vault(*args: str | Path, workspace: Path, env: dict[str, str] | None = None) -> str:
    """``deepdive vault ARGS``, which must succeed; its output."""
    result = run_deepdive(
        "vault",
        *args,
        "--workspace",
        workspace,
        data_dir=workspace.parent,
        env=env or WITH_PASSPHRASE,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


def _refused(*args: str | Path, workspace: Path, env: dict[str, str] | None = None) -> str:
    result = run_deepdive(
        "vault",
        *args,
        "--workspace",
        workspace,
        data_dir=workspace.parent,
        env=env or WITH_PASSPHRASE,
    )
    return refusal(result)


def test_init_add_list_reveal_and_remove_round_trip(workspace: Path) -> None:
    vault_file = workspace.with_suffix(".vault")
    assert "Created the key vault" in _vault("init", workspace=workspace)
    assert vault_file.is_file()
    assert _vault("add", "DEMO-001", "jay", *JAY, workspace=workspace) == (
        "Recorded for Jay in DEMO-001: 1 real name, 2 aliases, 1 date of birth, 1 address, "
        "1 NHS number, 1 other identifier.\n"
    )
    assert "Kerry" not in _vault(
        "add", "DEMO-001", "Mum", "--real-name", "Kerry Marsh", workspace=workspace
    )

    # Counts only: nothing real on the screen, and never the secret date shift.
    listed = _vault("list", workspace=workspace)
    assert listed.splitlines() == [
        "CODE      PSEUDONYM  NAMES  ALIASES  BORN  ADDRESSES  NHS  OTHER",
        "DEMO-001  Jay        1      2        1     1          1    1",
        "DEMO-001  Mum        1      0        0     0          0    0",
    ]
    for secret in ("Jayden", "Marsh", "JJ", "2004", "5919", "Elmfield"):
        assert secret not in listed
    counted = json.loads(_vault("list", "--json", workspace=workspace))
    assert counted == [
        {
            "code": "DEMO-001",
            "people": [
                {
                    "pseudonym": "Jay",
                    "real_names": 1,
                    "aliases": 2,
                    "dates_of_birth": 1,
                    "addresses": 1,
                    "nhs_numbers": 1,
                    "other_identifiers": 1,
                },
                {
                    "pseudonym": "Mum",
                    "real_names": 1,
                    "aliases": 0,
                    "dates_of_birth": 0,
                    "addresses": 0,
                    "nhs_numbers": 0,
                    "other_identifiers": 0,
                },
            ],
        }
    ]
    revealed = json.loads(_vault("list", "--json", "--reveal", workspace=workspace))
    assert revealed[0]["people"][0] == {
        "pseudonym": "Jay",
        "real_names": ["Jayden Marsh"],
        "aliases": ["JJ", "Jayd"],
        "dates_of_birth": ["2004-05-17"],
        "addresses": ["12 Elmfield Road, Sheffield S7 2LS"],
        "nhs_numbers": ["943 476 5919"],
        "other_identifiers": ["UPN A123456789012"],
    }
    assert "Kerry Marsh" in _vault("list", "--reveal", workspace=workspace)
    # What the app reads is what the command line wrote.
    entries = Vault.open(vault_file, PASSPHRASE).case("DEMO-001")
    assert entries is not None and entries.person("Jay") is not None

    assert "Removed Mum's entry" in _vault("remove", "DEMO-001", "mum", workspace=workspace)
    assert [
        p["pseudonym"]
        for p in json.loads(_vault("list", "--json", workspace=workspace))[0]["people"]
    ] == ["Jay"]
    assert "Removed every entry for DEMO-001" in _vault("remove", "DEMO-001", workspace=workspace)
    assert _vault("list", workspace=workspace) == "The key vault ws.vault holds no entries yet.\n"


def test_bad_input_is_one_line_and_changes_nothing(workspace: Path) -> None:
    assert "no key vault at" in _refused("list", workspace=workspace)
    assert "no key vault at" in _refused(
        "add", "DEMO-001", "Jay", "--real-name", "J M", workspace=workspace
    )
    assert "DEEPDIVE_PASSPHRASE" in _refused(
        "init", workspace=workspace, env={"DEEPDIVE_PASSPHRASE": ""}
    )
    assert "at least 8 characters" in _refused(
        "init", workspace=workspace, env={"DEEPDIVE_PASSPHRASE": "short"}
    )
    assert not workspace.with_suffix(".vault").exists()
    _vault("init", workspace=workspace)
    before = workspace.with_suffix(".vault").read_bytes()

    assert "already exists" in _refused("init", workspace=workspace)
    add = ("add", "DEMO-001", "Jay", "--real-name", "Jayden Marsh")
    assert _refused(*add, "--nhs", "943 476 5918", workspace=workspace).endswith(
        "its check digit does not match; check it for a typing slip."
    )
    assert "it has ten digits" in _refused(*add, "--nhs", "94347659", workspace=workspace)
    assert "not a date of birth" in _refused(*add, "--born", "May 2004", workspace=workspace)
    assert "has no case DEMO-999" in _refused(
        "add", "DEMO-999", "Jay", "--real-name", "J M", workspace=workspace
    )
    assert "'Jai' is not a pseudonym in case DEMO-001" in _refused(
        "add", "DEMO-001", "Jai", "--real-name", "J M", workspace=workspace
    )
    assert "does not open ws.vault" in _refused(
        *add, workspace=workspace, env={"DEEPDIVE_PASSPHRASE": "not the passphrase"}
    )
    assert "no entries for DEMO-001" in _refused("remove", "DEMO-001", workspace=workspace)
    assert "no workspace at" in _refused(*add, workspace=workspace.with_name("elsewhere.deepdive"))
    assert workspace.with_suffix(".vault").read_bytes() == before, "nothing was changed"
    assert "the following arguments are required: --real-name" in _refused(
        "add", "DEMO-001", "Jay", workspace=workspace
    )


def test_init_at_a_terminal_asks_twice(workspace: Path) -> None:
    command = ("vault", "init", "--workspace", workspace)
    new, again = "New passphrase for the key vault: ", "The same passphrase again: "
    run = run_deepdive_at_terminal(
        *command, data_dir=workspace.parent, replies=[(new, PASSPHRASE), (again, "typo")]
    )
    assert run.returncode == 2
    assert (
        run.screen.splitlines()[-1] == "deepdive: The two passphrases differ; no vault was created."
    )
    assert not workspace.with_suffix(".vault").exists()

    run = run_deepdive_at_terminal(
        *command, data_dir=workspace.parent, replies=[(new, PASSPHRASE), (again, PASSPHRASE)]
    )
    assert run.returncode == 0, run.screen
    assert PASSPHRASE not in run.screen
    Vault.open(workspace.with_suffix(".vault"), PASSPHRASE)  # opens with what was typed


def test_the_demo_case_exports_with_no_finding_at_all(workspace: Path, tmp_path: Path) -> None:
    _vault("init", workspace=workspace)
    _vault("add", "DEMO-001", "Jay", *JAY, workspace=workspace)
    _vault(
        "add",
        "DEMO-001",
        "Mum",
        "--real-name",
        "Kerry Marsh",
        "--born",
        "02/09/1984",
        workspace=workspace,
    )
    _vault("add", "DEMO-001", "Nan", "--real-name", "Brenda Marsh", workspace=workspace)
    _vault("add", "DEMO-001", "SW1", "--real-name", "Priya Shah", workspace=workspace)
    written = []
    for dates, name in (
        ("real", "x.docx"),
        ("shifted", "x.docx"),
        ("relative", "x.docx"),
        ("shifted", "x.md"),
    ):
        out = tmp_path / dates / name
        out.parent.mkdir(exist_ok=True)
        result = run_deepdive(
            *("export", "DEMO-001", "--dates", dates, "--workspace", workspace, "--out", out),
            data_dir=tmp_path,
            env=WITH_PASSPHRASE,
        )
        # Not a possible name (that would stop it: no --accept-possible-names here).
        assert result.returncode == 0, result.stderr
        assert "possible" not in result.stderr
        written.append(out.name)
    for command in (
        ["report", "--out", tmp_path / "report.docx"],
        ["bundle", "export", "DEMO-001", "--out", tmp_path / "x.ddcase"],
    ):
        result = run_deepdive(
            *command, "--workspace", workspace, data_dir=tmp_path, env=WITH_PASSPHRASE
        )
        assert result.returncode == 0, result.stderr
    services = Services.for_workspace(open_workspace(workspace))
    try:
        records = services.audit.list_exports()
    finally:
        services.close()
    # "leak check passed" alone: the check found nothing at all, not even a possible name.
    assert [r.check_result for r in records] == ["leak check passed"] * 6
    assert sorted(r.kind for r in records) == ["bundle", "docx", "docx", "docx", "md", "report"]
