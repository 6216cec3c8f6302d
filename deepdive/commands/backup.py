"""``deepdive backup``: a verified backup of the workspace, now (``--list`` shows them).

On a team workspace (a server) it writes a verified bundle of every case the role can
see into a new folder with a manifest (:mod:`deepdive.bundles.team_backup`); the
database itself is backed up with the server's own tools (``pg_dump``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_OK
from deepdive.errors import DeepDiveError
from deepdive.storage.address import ServerAddress


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``backup`` subcommand."""
    parser = commands.add_parser(
        "backup", parents=[common], help="make a verified backup of the workspace now"
    )
    parser.add_argument(
        "--list", action="store_true", help="list the workspace's backups instead of making one"
    )
    parser.add_argument(
        "--out",
        type=Path,
        metavar="FOLDER",
        help="team workspace only: the new folder for the bundles (default: one in the "
        "team-backups folder of DeepDive's data folder, named from the server and the time)",
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
    from deepdive.commands.common import workspace_arg
    from deepdive.paths import backup_dir
    from deepdive.storage.backup import back_up_workspace, case_count, list_backups

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        return back_up_server(args, where)
    if args.out is not None:
        raise DeepDiveError(
            "--out is for a team workspace; a workspace file's backups go in the backups folder."
        )
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


def back_up_server(args: argparse.Namespace, address: ServerAddress) -> int:
    """Bundles of every case the role can see, verified, into a new folder."""
    from datetime import UTC, datetime

    from deepdive.bundles.team_backup import backup_folder, make_team_backup
    from deepdive.commands.common import open_server
    from deepdive.paths import data_dir
    from deepdive.services import Services
    from deepdive.storage.server import server_anchor

    if args.list:
        raise DeepDiveError(
            f"deepdive backup --list lists a workspace file's backups; the backups of "
            f"{address.shown} are folders of bundles in {data_dir() / 'team-backups'} (or "
            "where --out put them)."
        )
    # Not in the backups folder, which holds workspace backups only.
    root = data_dir() / "team-backups"
    folder = args.out or backup_folder(
        root, server_anchor(address, data_dir()).stem, datetime.now(UTC)
    )
    services = Services.for_workspace(open_server(address, read_only=True))
    try:
        done = make_team_backup(services, folder.expanduser().absolute())
    finally:
        services.close()
    print(done.message())
    return EXIT_OK
