"""Helpers for the destination tests (import as ``from destination_helpers import ...``)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "correct horse battery staple"


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
