"""No writer ever replaces a workspace, its write-ahead log, a key vault or a backup.

Each command that writes a file is aimed at each of them, as a tired person might type
it; each must refuse with one line on stderr and exit 2, and every byte of every
workspace, log, vault and backup must be as it was (SHA-256 before and after).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from destination_helpers import Precious, sha256

from deepdive.cli import main
from deepdive.storage.errors import BackupError, NotAWorkspaceError
from deepdive.storage.restore import restore_backup
from deepdive.storage.workspace import open_workspace

Command = Callable[[Path, Path, Path], list[str]]

# Each writer, given (destination, workspace, a Markdown file), as a command line.
WRITERS: dict[str, Command] = {
    "export": lambda out, ws, _md: [
        "export",
        "DEMO-001",
        "--out",
        str(out),
        "--workspace",
        str(ws),
    ],
    "export md": lambda out, ws, _md: [
        *["export", "DEMO-001", "--format", "md", "--out", str(out), "--workspace", str(ws)]
    ],
    "export pdf": lambda out, ws, _md: [
        *["export", "DEMO-001", "--format", "pdf", "--out", str(out), "--workspace", str(ws)]
    ],
    "report": lambda out, ws, _md: ["report", "--out", str(out), "--workspace", str(ws)],
    "render": lambda out, _ws, md: ["render", str(md), "--out", str(out)],
    "bundle export": lambda out, ws, _md: [
        *["bundle", "export", "DEMO-001", "--out", str(out), "--workspace", str(ws)]
    ],
    "templates export": lambda out, ws, _md: [
        *["templates", "export", "deep-dive-case-study", "--out", str(out), "--workspace", str(ws)]
    ],
}

# Each target, and what the refusal says about it.
TARGETS = {
    "workspace": "is a DeepDive workspace: DeepDive never writes over it",
    "its WAL": "belongs to the database other.deepdive beside it",
    "vault": "is a key vault, which holds real identities: DeepDive never writes over it",
    "backup": "is in DeepDive's backups folder, which holds backups only",
    # The same, under a Word document's name: recognised by content, not by name.
    "workspace named .docx": "is a DeepDive workspace: DeepDive never writes over it",
    "vault named .docx": "is a key vault, which holds real identities",
}


def _target(precious: Precious, name: str) -> Path:
    if name == "workspace":
        return precious.workspace
    if name == "its WAL":
        return precious.wal
    if name == "vault":
        return precious.vault
    if name == "backup":
        return precious.backup
    source = precious.workspace if name == "workspace named .docx" else precious.vault
    copy = source.with_name(f"{name.split()[0]}-copy.docx")
    shutil.copyfile(source, copy)
    return copy


# Markdown and PDF exports are not aimed at .docx names (that is a usage error of its own).
CASES = [
    (writer, target)
    for writer in WRITERS
    for target in TARGETS
    if not (writer in ("export md", "export pdf") and target.endswith(".docx"))
]


@pytest.mark.parametrize(("writer", "target_name"), CASES)
def test_no_writer_replaces_a_workspace_its_log_a_vault_or_a_backup(
    precious: Precious,
    writer: str,
    target_name: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = _target(precious, target_name)
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nA line.\n", encoding="utf-8")
    before = {**precious.fingerprint(), target.name: sha256(target)}
    folder_before = sorted(p.name for p in target.parent.iterdir())

    code = main(WRITERS[writer](target, precious.workspace, notes))

    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and "Traceback" not in err, err
    if writer in ("report", "render") and target.suffix != ".docx":
        assert target.name in lines[0] and ".docx" in lines[0]  # their own name rule
    else:
        assert TARGETS[target_name] in lines[0], lines[0]
        assert str(target) in lines[0] or target.name in lines[0]
    assert {**precious.fingerprint(), target.name: sha256(target)} == before
    assert sorted(p.name for p in target.parent.iterdir()) == folder_before, "nothing left"


def test_export_over_its_own_workspace_exits_2_and_changes_no_byte(
    precious: Precious, capsys: pytest.CaptureFixture[str]
) -> None:
    """The case from the issue: ``deepdive export DEMO-001 --out W --workspace W``."""
    before = precious.fingerprint()
    code = main(
        [
            "export",
            "DEMO-001",
            "--out",
            str(precious.workspace),
            "--workspace",
            str(precious.workspace),
        ]
    )
    line = capsys.readouterr().err.strip()
    assert code == 2
    assert line == (
        f"deepdive: {precious.workspace} is a DeepDive workspace: DeepDive never writes over "
        "it, whatever it is called. Choose another name for a Word document."
    )
    assert precious.fingerprint() == before


def test_no_workspace_is_made_or_restored_under_the_name_of_a_workspaces_log(
    precious: Precious,
) -> None:
    """SQLite would take such a file for the log of the workspace beside it, and
    overwrite it the next time that workspace opens."""
    before = precious.fingerprint()
    log_name = precious.workspace.with_name(precious.workspace.name + "-wal")
    with pytest.raises(NotAWorkspaceError, match="the write-ahead log, journal or lock of"):
        open_workspace(log_name)
    with pytest.raises(BackupError, match=r"belongs to the database team\.deepdive beside it"):
        restore_backup(precious.backup, log_name)
    assert not log_name.exists()
    assert precious.fingerprint() == before
