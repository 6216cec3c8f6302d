"""The ``deepdive`` command line (a stable contract: see PRODUCT.md).

Exit codes: 0 success; 1 "found something"; 2 bad usage or bad input, with one
clear line on stderr; 3 an unexpected internal error (logged, never a traceback);
141 the reader of the output closed it early (``| head``), quietly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from deepdive import installed_version
from deepdive.commands import (
    agencies,
    backup,
    bundle,
    cases,
    check,
    demo,
    export,
    import_chronology,
    references,
    render,
    report,
    scan,
    team,
    templates,
    vault,
)
from deepdive.commands.common import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OUTPUT_CLOSED
from deepdive.errors import DeepDiveError, one_line
from deepdive.storage.address import ServerAddress, WorkspaceAddressError, workspace_location

# Each module registers one subcommand; add new ones here.
COMMANDS = (
    demo,
    cases,
    templates,
    import_chronology,
    agencies,
    export,
    render,
    scan,
    references,
    backup,
    check,
    bundle,
    report,
    vault,
    team,
)


class UsageError(DeepDiveError):
    """The command line itself is wrong."""


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports bad usage in one line, not a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


class _VersionAction(argparse.Action):
    """Prints the version; reads it only when asked (it costs start-up time)."""

    def __init__(self, option_strings: list[str], dest: str, **_kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_args: object) -> None:
        print(f"DeepDive {installed_version()}")
        parser.exit()


def workspace_path(value: str) -> Path | ServerAddress:
    """A ``--workspace`` value: a file, or a PostgreSQL server's ``postgresql://`` URL;
    never another address taken for a folder."""
    try:
        return workspace_location(value)
    except WorkspaceAddressError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    """The full command-line grammar."""
    common = _Parser(add_help=False)
    common.add_argument(
        "--workspace",
        type=workspace_path,
        default=argparse.SUPPRESS,
        metavar="PATH|URL",
        help="workspace file (default: the one in your DeepDive data folder), or a team "
        "workspace on a PostgreSQL server: postgresql://[user@]host[:port]/dbname",
    )
    parser = _Parser(
        prog="deepdive",
        description="DeepDive: pseudonymised Deep Dive case studies. Run with no command "
        "to open the app.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for command in COMMANDS:
        command.register(commands, common)
    return parser


def _refuse_special_files(args: argparse.Namespace) -> None:
    """Refuse at once a named pipe or device given for any file (input or output):
    opening one could wait for ever."""
    from deepdive.files.special import refuse_special_file

    for value in vars(args).values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, Path):
                refuse_special_file(item)


def _open_app(args: argparse.Namespace) -> int:
    workspace: Path | ServerAddress | None = getattr(args, "workspace", None)
    from deepdive.ui.shell.app import run_app

    return run_app(workspace)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Everything the command (or the app it opens) creates is readable by its owner
    only, whatever the umask it was started with (see :mod:`deepdive.files.private`),
    and everything it prints passes through one sanitiser, so no text from a file or
    a workspace can drive the terminal (see :mod:`deepdive.commands.terminal`).
    If the reader of the output goes away (``deepdive cases | head -1``), the command
    stops there quietly: no message, no log entry, exit 141.
    """
    from deepdive.commands.terminal import (
        OutputClosed,
        flush_output,
        silence,
        terminal_safe_output,
    )
    from deepdive.files.private import private_umask

    with private_umask(), terminal_safe_output():
        try:
            try:
                return _run(argv)
            finally:  # also when argparse exits after --help
                flush_output()
        except OutputClosed as closed:
            silence(closed)
            return EXIT_OUTPUT_CLOSED


def _run(argv: Sequence[str] | None) -> int:
    from deepdive.logs import log_exception

    try:
        args = build_parser().parse_args(argv)
        _refuse_special_files(args)
        handler: Callable[[argparse.Namespace], int] = getattr(args, "handler", _open_app)
        return handler(args)
    except DeepDiveError as exc:
        print(f"deepdive: {one_line(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("deepdive: interrupted", file=sys.stderr)
        return EXIT_BAD_INPUT
    except Exception as exc:
        log = log_exception(type(exc), exc.__traceback__, "command line", exc)
        print(
            f"deepdive: an unexpected error stopped the command ({type(exc).__name__}); "
            f"details are in {log}",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
