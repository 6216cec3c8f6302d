"""The ``deepdive`` command line (a stable contract: see PRODUCT.md).

Exit codes: 0 success; 1 "found something"; 2 bad usage or bad input, with one
clear line on stderr; 3 an unexpected internal error (logged, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from deepdive import __version__
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.services import Services

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3


class UsageError(DeepDiveError):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad usage in one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    workspace = _Parser(add_help=False)
    workspace.add_argument(
        "--workspace",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="PATH",
        help="workspace file (default: the one in your DeepDive data folder)",
    )
    parser = _Parser(
        prog="deepdive",
        description="DeepDive: pseudonymised Deep Dive case studies. Run with no command "
        "to open the app.",
        parents=[workspace],
    )
    parser.add_argument("--version", action="version", version=f"DeepDive {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.add_parser(
        "demo", parents=[workspace], help="add the fictional demo case DEMO-001"
    ).set_defaults(handler=_cmd_demo)
    cases = commands.add_parser("cases", parents=[workspace], help="list the cases")
    cases.add_argument("--json", action="store_true", help="print JSON instead of a table")
    cases.set_defaults(handler=_cmd_cases)
    return parser


def _open_services(args: argparse.Namespace) -> Services:
    from deepdive.paths import backup_dir, default_workspace
    from deepdive.services import Services
    from deepdive.storage.workspace import open_workspace

    path = getattr(args, "workspace", None) or default_workspace()
    return Services.for_workspace(open_workspace(path, backup_dir=backup_dir()))


def _cmd_demo(args: argparse.Namespace) -> int:
    from deepdive.demo import DEMO_CODE, add_demo_case, demo_present

    services = _open_services(args)
    try:
        if demo_present(services):
            print(f"The demo case {DEMO_CODE} is already in {services.workspace.path}.")
            return EXIT_OK
        case = add_demo_case(services)
        print(f"Added the demo case {case.code} ({case.pseudonym}) to {services.workspace.path}.")
        return EXIT_OK
    finally:
        services.close()


def _cmd_cases(args: argparse.Namespace) -> int:
    services = _open_services(args)
    try:
        rows = services.cases.list_cases()
    finally:
        services.close()
    if args.json:
        print(
            json.dumps(
                [
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
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
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


def _open_app(args: argparse.Namespace) -> int:
    from deepdive.ui.app import run_app

    return run_app(getattr(args, "workspace", None))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    from deepdive.logs import log_exception

    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _open_app)
        return handler(args)
    except DeepDiveError as exc:
        print(f"deepdive: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("deepdive: interrupted", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        log = log_exception(type(exc), exc.__traceback__, "command line")
        print(
            f"deepdive: an unexpected error stopped the command ({type(exc).__name__}); "
            f"details are in {log}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
