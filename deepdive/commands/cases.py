"""``deepdive cases``: list the workspace's cases as a table or JSON."""

from __future__ import annotations

import argparse
import json
from typing import Any

from deepdive.commands.common import EXIT_OK, open_for_reading, workspace_exists


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``cases`` subcommand."""
    parser = commands.add_parser("cases", parents=[common], help="list the cases")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Print every case: code, pseudonym, status, events, sessions (read-only: it works
    while the app has the workspace open; a workspace not made yet has no cases)."""
    if not workspace_exists(args):
        rows = []
    else:
        services = open_for_reading(args)
        try:
            rows = services.cases.list_cases()
        finally:
            services.close()
    if args.json:
        listing = [
            {
                "code": r.code,
                "pseudonym": r.pseudonym,
                "status": r.status,
                "archived": r.archived,
                "events": r.event_count,
                "sessions": r.session_count,
                "updated": r.updated_at.isoformat(),
            }
            for r in rows
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("No cases yet. Add the demo case with 'deepdive demo'.")
        return EXIT_OK
    header = ("CODE", "PSEUDONYM", "STATUS", "EVENTS", "SESSIONS")
    table = [header] + [
        (
            r.code,
            r.pseudonym,
            r.status + (" (archived)" if r.archived else ""),
            str(r.event_count),
            str(r.session_count),
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK
