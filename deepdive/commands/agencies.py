"""``deepdive agencies list|add|rename|merge``: the workspace's list of agencies.

``list`` only reads (it works while the app has the workspace open); ``add``,
``rename`` and ``merge`` change the workspace and take the writer's lock. A merge
moves every event, cast member and session participant of one agency onto another,
in one transaction. Agency names are shown on every export, so a new name that holds
a real identity is refused: validated patterns always, and, when the workspace has a
key vault, every name registered in it (the vault is unlocked to check).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_OK, open_for_reading, open_services

if TYPE_CHECKING:
    from deepdive.privacy.guard import VaultGuard


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``agencies`` subcommand and its actions."""
    parser = commands.add_parser(
        "agencies", parents=[common], help="list, add, rename or merge the workspace's agencies"
    )
    actions = parser.add_subparsers(
        dest="agencies_command", metavar="ACTION", parser_class=type(parser), required=True
    )
    listing = actions.add_parser(
        "list", parents=[common], help="list the agencies and how much refers to each"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)
    adding = actions.add_parser("add", parents=[common], help="add an agency")
    adding.add_argument("name", metavar="NAME", help="the agency's name, as events will show it")
    adding.set_defaults(handler=run_add)
    renaming = actions.add_parser(
        "rename", parents=[common], help="call an agency by another name everywhere"
    )
    renaming.add_argument("old", metavar="OLD", help="the name it has now")
    renaming.add_argument("new", metavar="NEW", help="the name it should have")
    renaming.set_defaults(handler=run_rename)
    merging = actions.add_parser(
        "merge",
        parents=[common],
        help="move everything of one agency onto another, and remove the first",
    )
    merging.add_argument("source", metavar="FROM", help="the agency to fold in (it is removed)")
    merging.add_argument(
        "target", metavar="INTO", help="the agency that takes its events and people"
    )
    merging.set_defaults(handler=run_merge)


def vault_checks_new_names(
    args: argparse.Namespace, guard: VaultGuard, names: Sequence[str]
) -> None:
    """Before new agency names are stored: when the workspace has a key vault, unlock it
    and look for its registered names too (the passphrase as ``export`` asks for it)."""
    from deepdive.commands.vault_access import unlock_for_writing

    shown = ", ".join(f"'{n}'" for n in names[:3]) + (" and more" if len(names) > 3 else "")
    purpose = f"to add the agenc{'y' if len(names) == 1 else 'ies'} {shown}"
    vault = unlock_for_writing(args, purpose)
    if vault is not None:
        guard.set_registry(vault.registry())


def _guarded_services(args: argparse.Namespace, names: Sequence[str]) -> Any:
    from deepdive.privacy.guard import VaultGuard

    guard = VaultGuard()
    vault_checks_new_names(args, guard, names)
    return open_services(args, guard=guard)


def run_list(args: argparse.Namespace) -> int:
    """Print each agency with how many events, cast members and participants name it."""
    services = open_for_reading(args)
    try:
        agencies = services.agencies.list_agencies()
    finally:
        services.close()
    if args.json:
        listing = [
            {
                "name": a.name,
                "kind": a.kind,
                "events": a.events,
                "people": a.people,
                "participants": a.participants,
            }
            for a in agencies
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return EXIT_OK
    header = ("AGENCY", "EVENTS", "CAST", "PARTICIPANTS")
    table = [header] + [
        (a.name, str(a.events), str(a.people), str(a.participants)) for a in agencies
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


def run_add(args: argparse.Namespace) -> int:
    """Add one agency to the list."""
    services = _guarded_services(args, [args.name])
    try:
        name = services.agencies.add(args.name)
    finally:
        services.close()
    print(f"Added the agency {name}.")
    return EXIT_OK


def run_rename(args: argparse.Namespace) -> int:
    """Rename an agency; everything that names it follows."""
    services = _guarded_services(args, [args.new])
    try:
        old = services.agencies.find(args.old)
        new = services.agencies.rename(old, args.new)
    finally:
        services.close()
    print(f"Renamed the agency {old} to {new}.")
    return EXIT_OK


def run_merge(args: argparse.Namespace) -> int:
    """Merge one agency into another."""
    services = open_services(args)
    try:
        done = services.agencies.merge(args.source, args.target)
    finally:
        services.close()
    moved = [
        _count(done.events, "event"),
        _count(done.people, "cast member"),
        _count(done.participants, "session participant"),
    ]
    print(
        f"Merged {done.source} into {done.target}: moved {', '.join(moved)}; "
        f"{done.source} is no longer in the list."
    )
    return EXIT_OK


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'' if n == 1 else 's'}"
