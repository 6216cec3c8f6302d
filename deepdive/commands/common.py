"""Helpers shared by subcommands: exit codes, opening the workspace."""

from __future__ import annotations

import argparse
import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.guard import IdentifierGuard

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_OUTPUT_CLOSED = 141
"""The reader of the output stopped early (``| head``): 128 + SIGPIPE, the status a
shell reports for any tool that a closed pipe stops."""


def open_services(args: argparse.Namespace, guard: IdentifierGuard | None = None) -> Services:
    """The services on the workspace named by ``--workspace`` (or the default one), for a
    command that changes it: it takes the writer's lock, and creates or upgrades the file.
    ``guard`` keeps identities out of pseudonyms and roles (default: patterns only)."""
    from deepdive.paths import backup_dir, default_workspace
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    path = getattr(args, "workspace", None) or default_workspace()
    return Services.for_workspace(open_workspace(path, backup_dir=backup_dir()), guard)


def open_for_reading(args: argparse.Namespace, *, records: bool = False) -> Services:
    """The services on the existing workspace, for a command that only reads it: no lock
    (it works while the app has the workspace open), nothing created or upgraded.
    ``records``: the command appends to the export audit log, so the file must be
    writable (see ``Workspace.record``)."""
    from deepdive.paths import backup_dir, default_workspace
    from deepdive.services import Services
    from deepdive.storage.reading import open_for_reading as open_reader

    path = getattr(args, "workspace", None) or default_workspace()
    return Services.for_workspace(open_reader(path, records=records, backup_dir=backup_dir()))


def record_or_remove(
    services: Services, code: str | None, kind: str, path: Path, verdict: str
) -> None:
    """Record the export in the workspace's audit log; if that fails, the file goes
    again (every export that exists is recorded), and the error is raised."""
    try:
        services.audit.record_export(code, kind, path, verdict)
    except Exception:
        with contextlib.suppress(OSError):
            path.unlink()
        raise
