"""``deepdive demo``: add the fictional demo case DEMO-001."""

from __future__ import annotations

import argparse
from typing import Any

from deepdive.commands.common import EXIT_OK, open_services


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``demo`` subcommand."""
    parser = commands.add_parser(
        "demo", parents=[common], help="add the fictional demo case DEMO-001"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Add the demo case unless the workspace already has it."""
    from deepdive.demo import DEMO_CODE, add_demo_case, demo_present

    services = open_services(args)
    try:
        if demo_present(services):
            print(f"The demo case {DEMO_CODE} is already in {services.workspace.path}.")
            return EXIT_OK
        case = add_demo_case(services)
        print(f"Added the demo case {case.code} ({case.pseudonym}) to {services.workspace.path}.")
        return EXIT_OK
    finally:
        services.close()
