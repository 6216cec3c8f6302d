"""``deepdive demo``: add the fictional demo case DEMO-001, or the whole demo programme."""

from __future__ import annotations

import argparse
from typing import Any

from deepdive.commands.common import EXIT_OK, add_team_option, open_services, team_arg


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``demo`` subcommand."""
    parser = commands.add_parser(
        "demo",
        parents=[common],
        help="add the fictional demo case DEMO-001 (or, with --programme, a dozen more)",
        description=(
            "Add the fictional demo case DEMO-001. With --programme, also add a dozen "
            "further fictional cases and the programme's own measures, so the Learning "
            "view and the programme report show real figures."
        ),
    )
    parser.add_argument(
        "--programme",
        action="store_true",
        help="add the demo programme: DEMO-001 to DEMO-013 and the programme measures",
    )
    add_team_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Add the demo case (or programme) unless the workspace already has it."""
    team = team_arg(args)
    services = open_services(args)
    try:
        if args.programme:
            return _programme(services, team)
        return _case(services, team)
    finally:
        services.close()


def _case(services: Any, team: str | None) -> int:
    from deepdive.demo import DEMO_CODE, add_demo_case, demo_present

    if demo_present(services):
        print(f"The demo case {DEMO_CODE} is already in {services.workspace.location}.")
        return EXIT_OK
    case = add_demo_case(services, team)
    print(f"Added the demo case {case.code} ({case.pseudonym}) to {services.workspace.location}.")
    return EXIT_OK


def _programme(services: Any, team: str | None) -> int:
    from deepdive.demo import add_demo_programme

    result = add_demo_programme(services, team)
    where = services.workspace.location
    if not result.added and not result.measures_added:
        print(f"The demo programme is already in {where}.")
        return EXIT_OK
    cases = len(result.added)
    said = f"Added the demo programme to {where}: {cases} case{'s' if cases != 1 else ''}"
    if result.added:
        said += f" ({result.added[0].code} to {result.added[-1].code})"
    if result.already_there:
        said += f", keeping the {result.already_there} already there"
    measures = result.measures_added
    said += f", and {measures} programme measure{'s' if measures != 1 else ''}."
    print(said)
    return EXIT_OK
