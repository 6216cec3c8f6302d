"""Helpers shared by subcommands: exit codes, opening the workspace."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from deepdive.errors import DeepDiveError
from deepdive.storage.address import ServerAddress

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.services.guard import IdentifierGuard
    from deepdive.storage.workspace import Workspace

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
EXIT_OUTPUT_CLOSED = 141
"""The reader of the output stopped early (``| head``): 128 + SIGPIPE, the status a
shell reports for any tool that a closed pipe stops."""


def at_terminal() -> bool:
    """Whether someone can be asked: standard input is a terminal."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except ValueError:  # a closed stream
        return False


def workspace_arg(args: argparse.Namespace) -> Path | ServerAddress:
    """The workspace ``--workspace`` names (a file or a server), or the default file."""
    from deepdive.paths import default_workspace

    value: Path | ServerAddress | None = getattr(args, "workspace", None)
    return default_workspace() if value is None else value


def workspace_file_arg(args: argparse.Namespace, command: str) -> Path:
    """The workspace file for a command that works on files only; a server is refused."""
    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        raise DeepDiveError(
            f"deepdive {command} works on workspace files; it cannot use the team workspace "
            f"{where.shown} yet. Nothing was changed."
        )
    return where


def add_team_option(parser: argparse.ArgumentParser) -> None:
    """``--team NAME``, for a command that adds cases: the team they go into on a team
    workspace (needed when you are in more than one team)."""
    parser.add_argument(
        "--team",
        metavar="NAME",
        help="on a team workspace, the team the new case goes into (needed when you are in "
        "more than one team; only its members see the case)",
    )


def team_arg(args: argparse.Namespace) -> str | None:
    """The ``--team`` given, refused before anything is opened or created when the
    workspace is a file (it has no teams)."""
    team: str | None = getattr(args, "team", None)
    where = workspace_arg(args)
    if team is not None and not isinstance(where, ServerAddress):
        raise DeepDiveError(
            f"--team is for a team workspace on a PostgreSQL server; {where} is a workspace "
            "file, whose cases are all yours. Nothing was changed."
        )
    return team


def workspace_exists(args: argparse.Namespace) -> bool:
    """Whether the named workspace is there (a server's is decided when it is opened)."""
    where = workspace_arg(args)
    return isinstance(where, ServerAddress) or where.exists()


def open_services(args: argparse.Namespace, guard: IdentifierGuard | None = None) -> Services:
    """The services on the workspace named by ``--workspace`` (or the default one), for a
    command that changes it: it takes the writer's lock (waiting for another command
    that has it, never for the app), and creates or upgrades the file (on a server:
    creates or upgrades the schema).
    ``guard`` keeps identities out of pseudonyms and roles (default: patterns only)."""
    from deepdive.paths import backup_dir
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        return Services.for_workspace(open_server(where, read_only=False), guard)
    workspace = open_workspace(where, backup_dir=backup_dir(), command=True)
    return Services.for_workspace(workspace, guard)


def open_server(address: ServerAddress, *, read_only: bool) -> Workspace:
    """The team workspace at ``address``; the password is asked for at a terminal when
    the server wants one and neither the URL, PGPASSWORD nor .pgpass gives it."""
    from deepdive.paths import data_dir
    from deepdive.storage.server import (
        ServerPasswordNeededError,
        open_server_workspace,
        server_anchor,
    )

    anchor = server_anchor(address, data_dir())
    try:
        return open_server_workspace(address, anchor, read_only=read_only)
    except ServerPasswordNeededError:
        if not at_terminal():
            raise
    import getpass

    password = getpass.getpass(f"Password for {address.shown}: ")
    return open_server_workspace(address, anchor, password=password, read_only=read_only)


def open_for_reading(args: argparse.Namespace, *, records: bool = False) -> Services:
    """The services on the existing workspace, for a command that only reads it: no lock
    (it works while the app has the workspace open), nothing created or upgraded.
    ``records``: the command appends to the export audit log, so the file must be
    writable (see ``Workspace.record``)."""
    from deepdive.paths import backup_dir
    from deepdive.services import Services
    from deepdive.storage.reading import open_for_reading as open_reader

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        return Services.for_workspace(open_server(where, read_only=True))
    return Services.for_workspace(open_reader(where, records=records, backup_dir=backup_dir()))


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
