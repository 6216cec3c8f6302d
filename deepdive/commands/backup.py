"""``deepdive backup``: a verified backup of the workspace, now (``--list`` shows them)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_OK
from deepdive.errors import DeepDiveError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``backup`` subcommand."""
    parser = commands.add_parser(
        "backup", parents=[common], help="make a verified backup of the workspace now"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the workspace's backups instead of making one"
    )
    parser.set_defaults(handler=run)


def existing_workspace(args: argparse.Namespace) -> Path:
    """The workspace named by ``--workspace`` (or the default one), which must exist."""
    from deepdive.commands.common import workspace_file_arg

    path = workspace_file_arg(args, str(args.command)).expanduser().absolute()
    if not path.is_file():
        raise DeepDiveError(f"There is no workspace at {path}; name it with --workspace.")
    return path


def run(args: argparse.Namespace) -> int:
    """Back the workspace up into the backup folder, verified; or list its backups."""
    from deepdive.paths import backup_dir
    from deepdive.storage.backup import back_up_workspace, case_count, list_backups

    path = existing_workspace(args)
    if not args.list:
        print(back_up_workspace(path, backup_dir()).message())
        return EXIT_OK
    backups = list_backups(path, backup_dir())
    if not backups:
        print(f"{path.name} has no backups yet. Make one with 'deepdive backup'.")
    for info in backups:
        count = case_count(info.path)
        cases = "unreadable" if count is None else f"{count} case{'' if count == 1 else 's'}"
        made = info.made_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        print(f"{made}  {info.kind.label:<28}  {cases:<10}  {info.path}")
    return EXIT_OK
