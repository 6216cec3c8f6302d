"""``deepdive references``: the workspace's own case-record reference patterns.

``list [--json]``, ``add NAME PATTERN`` and ``remove NAME``, all with ``--workspace``.
A pattern is a regular expression for the record numbers of the team's own system
("LCS-\\d{7}"); ``deepdive scan --workspace`` and every export's leak check look for
them besides the built-in ones (see :mod:`deepdive.services.reference_patterns`).
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from deepdive.commands.common import EXIT_OK, open_services


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``references`` subcommand and its own subcommands."""
    parser = commands.add_parser(
        "references",
        parents=[common],
        help="the workspace's own case-record reference patterns",
        description="Regular expressions for the record numbers of your case-management "
        "system (for example LCS-\\d{7}). Scans with --workspace and every export look "
        "for them, besides the built-in LCS, Mosaic, Eclipse, CareFirst and Azeus ones.",
    )
    actions = parser.add_subparsers(
        dest="references_command", metavar="ACTION", parser_class=type(parser), required=True
    )
    listing = actions.add_parser("list", parents=[common], help="list the patterns")
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)
    adding = actions.add_parser("add", parents=[common], help="add a pattern")
    adding.add_argument("name", metavar="NAME", help='what it is for, e.g. "LCS numbers"')
    adding.add_argument("pattern", metavar="PATTERN", help="a regular expression")
    adding.set_defaults(handler=run_add)
    removing = actions.add_parser("remove", parents=[common], help="remove a pattern")
    removing.add_argument("name", metavar="NAME", help="the name the pattern was added under")
    removing.set_defaults(handler=run_remove)


def run_list(args: argparse.Namespace) -> int:
    """Print the patterns: name and expression."""
    services = open_services(args)
    try:
        entries = services.reference_patterns.entries()
    finally:
        services.close()
    if args.json:
        print(json.dumps([{"name": e.name, "pattern": e.pattern} for e in entries], indent=2))
    elif not entries:
        print("No reference patterns; the built-in ones are always looked for.")
    else:
        width = max(len(e.name) for e in entries)
        for entry in entries:
            print(f"{entry.name.ljust(width)}  {entry.pattern}")
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Add a pattern (refused with the reason when it cannot be used)."""
    services = open_services(args)
    try:
        added = services.reference_patterns.add(args.name, args.pattern)
    finally:
        services.close()
    print(f"Added {added.name}: {added.pattern}")
    return EXIT_OK


def run_remove(args: argparse.Namespace) -> int:
    """Remove a pattern by name."""
    services = open_services(args)
    try:
        services.reference_patterns.remove(args.name)
    finally:
        services.close()
    print(f"Removed {args.name}")
    return EXIT_OK
