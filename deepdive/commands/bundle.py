"""``deepdive bundle export|import``: share one case as a ``.ddcase`` bundle.

Export runs the leak check; with a key vault beside the workspace its passphrase is
needed first (asked for at a terminal, or read from DEEPDIVE_PASSPHRASE), so every
registered identifier is looked for too, and possible names stop it unless accepted.
Import checks the whole bundle before it writes anything; with a key vault beside the
workspace its passphrase is needed first too, so a pseudonym, role, code, agency or
theme name that is a registered real identity is refused (see
:mod:`deepdive.commands.vault_access`).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from deepdive.commands.common import (
    EXIT_FOUND,
    EXIT_OK,
    add_team_option,
    open_for_reading,
    open_services,
    team_arg,
)
from deepdive.commands.possible_names import (
    PossibleNamesAnswer,
    add_accept_option,
    stopped_by_check,
)
from deepdive.commands.vault_access import guard_for_writing, unlock_for_writing
from deepdive.errors import DeepDiveError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add ``bundle export`` and ``bundle import``."""
    parser = commands.add_parser("bundle", help="export or import a case bundle (.ddcase)")
    actions = parser.add_subparsers(dest="bundle_action", metavar="ACTION", required=True)
    export = actions.add_parser(
        "export", parents=[common], help="write one case to a .ddcase bundle"
    )
    export.add_argument("code", metavar="CODE", help="the case code, e.g. DEMO-001")
    export.add_argument(
        "--out", type=Path, required=True, metavar="FILE.ddcase", help="bundle to write"
    )
    add_accept_option(export)
    export.set_defaults(handler=run_export)
    bring = actions.add_parser(
        "import", parents=[common], help="add the case in a .ddcase bundle to the workspace"
    )
    bring.add_argument("bundle", type=Path, metavar="FILE.ddcase", help="bundle to read")
    bring.add_argument(
        "--as",
        dest="new_code",
        metavar="CODE",
        help="import as a copy under this code (when the case code is already used)",
    )
    add_team_option(bring)
    bring.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Export the case; exit 1 if the leak check stops it (nothing is written then)."""
    from deepdive.bundles import export_case_bundle
    from deepdive.bundles.errors import BundleError
    from deepdive.bundles.leak import bundle_leak_gate
    from deepdive.files.destination import check_destination
    from deepdive.files.kinds import FileKind

    # A destination that must not be written is refused before the passphrase is asked.
    check_destination(args.out, FileKind.BUNDLE, BundleError)
    vault = unlock_for_writing(args, "to export a bundle")
    answer = PossibleNamesAnswer(args.accept_possible_names)
    services = open_for_reading(args, records=True)
    try:
        gate = bundle_leak_gate(services, args.code, vault, confirm=answer)
        path = stopped_by_check(
            lambda: export_case_bundle(
                services, args.code, args.out, gate, verdict=lambda: gate.verdict(answer.how)
            )
        )
    finally:
        services.close()
    if path is None:
        return EXIT_FOUND
    print(f"Wrote {path} (the leak check found nothing to stop it).")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Import the bundle's case; a code already in use is refused unless --as is given."""
    from deepdive.bundles import BundleCodeConflict, import_case_bundle

    team = team_arg(args)
    guard = guard_for_writing(args, "to import a bundle")
    services = open_services(args, guard)
    try:
        try:
            result = import_case_bundle(services, args.bundle, args.new_code, team)
        except BundleCodeConflict as exc:
            raise DeepDiveError(
                f"{exc.args[0]} Run again with --as {exc.suggested} to import it as a copy."
            ) from exc
    finally:
        services.close()
    copy = f" (a copy of {result.renamed_from})" if result.renamed_from else ""
    print(
        f"Imported case {result.code}{copy}: {result.pseudonym}, "
        f"{result.events} event{'' if result.events == 1 else 's'}, "
        f"{result.sessions} session{'' if result.sessions == 1 else 's'}, "
        f"into {services.workspace.location}."
    )
    return EXIT_OK
