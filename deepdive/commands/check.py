"""``deepdive check``: the full integrity check of a workspace (exit 1 on problems)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from deepdive.commands.backup import existing_workspace
from deepdive.commands.common import EXIT_FOUND, EXIT_OK

if TYPE_CHECKING:
    from deepdive.storage.address import ServerAddress


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``check`` subcommand."""
    parser = commands.add_parser(
        "check",
        parents=[common],
        help="check the workspace file for damage, or a team workspace's schema (read-only)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Run every check, print what was found; exit 1 if anything is wrong."""
    from deepdive.commands.common import workspace_arg
    from deepdive.storage.address import ServerAddress
    from deepdive.storage.integrity import full_check
    from deepdive.storage.migrate import KNOWN_REVISIONS
    from deepdive.storage.models import Base

    where = workspace_arg(args)
    if isinstance(where, ServerAddress):
        return _check_server(where)
    path = existing_workspace(args)
    report = full_check(path, frozenset(Base.metadata.tables))
    notes = list(report.notes)
    if report.revision is not None and report.revision not in KNOWN_REVISIONS:
        notes.append(f"It was made by a newer DeepDive (schema {report.revision}).")
    if report.ok:
        cases = f"{report.cases} case{'' if report.cases == 1 else 's'}"
        print(
            f"{path}: no problems found ({cases}, schema {report.revision}, {report.size:,} bytes)."
        )
    else:
        count = len(report.problems)
        print(f"{path}: {count} problem{'' if count == 1 else 's'} found.")
        for problem in report.problems:
            print(f"  - {problem}")
        print(
            "The file has not been changed. Open it in DeepDive to restore the newest good "
            "backup, or see 'deepdive backup --list'."
        )
    for note in notes:
        print(f"note: {note}")
    return EXIT_OK if report.ok else EXIT_FOUND


def _check_server(address: ServerAddress) -> int:
    """The team workspace's schema, read-only (see deepdive.storage.server_check)."""
    from deepdive.storage.server_check import check_server

    report = check_server(address)
    if report.ok:
        cases = f"{report.cases} case{'' if report.cases == 1 else 's'}"
        print(f"{address.shown}: no problems found ({cases}, schema {report.revision}).")
        return EXIT_OK
    count = len(report.problems)
    print(f"{address.shown}: {count} problem{'' if count == 1 else 's'} found.")
    for problem in report.problems:
        print(f"  - {problem}")
    print("Nothing has been changed.")
    return EXIT_FOUND
