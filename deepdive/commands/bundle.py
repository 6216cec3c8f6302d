"""``deepdive bundle export|import``: share one case as a ``.ddcase`` bundle.

Export runs the leak check; with a key vault beside the workspace its passphrase is
asked for (or read from DEEPDIVE_PASSPHRASE), so the case's real identifiers are
looked for too. Import checks the whole bundle before it writes anything.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_FOUND, EXIT_OK, open_services
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services

PASSPHRASE_VARIABLE = "DEEPDIVE_PASSPHRASE"


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
    bring.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Export the case; exit 1 if the leak check blocks it."""
    from deepdive.bundles import export_case_bundle
    from deepdive.bundles.leak import bundle_leak_gate

    services = open_services(args)
    try:
        gate = bundle_leak_gate(services, args.code, _vault_of(services))
        try:
            path = export_case_bundle(services, args.code, args.out, gate)
        except DeepDiveError as exc:
            if type(exc).__name__ == "ExportBlocked":
                print(f"deepdive: {exc}", file=sys.stderr)
                return EXIT_FOUND
            raise
    finally:
        services.close()
    print(f"Wrote {path} (the leak check found nothing to stop it).")
    return EXIT_OK


def run_import(args: argparse.Namespace) -> int:
    """Import the bundle's case; a code already in use is refused unless --as is given."""
    from deepdive.bundles import BundleCodeConflict, import_case_bundle

    services = open_services(args)
    try:
        try:
            result = import_case_bundle(services, args.bundle, args.new_code)
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
        f"into {services.workspace.path}."
    )
    return EXIT_OK


def _vault_of(services: Services) -> Vault | None:
    """The workspace's key vault, unlocked, if it has one."""
    from deepdive.privacy.vault import Vault, default_vault_path

    path = default_vault_path(services.workspace.path)
    if not path.exists():
        return None
    passphrase = os.environ.get(PASSPHRASE_VARIABLE)
    if not passphrase:
        if not sys.stdin.isatty():
            raise DeepDiveError(
                f"The key vault {path.name} needs its passphrase for the leak check: set "
                f"{PASSPHRASE_VARIABLE} or run the command in a terminal to be asked."
            )
        import getpass

        passphrase = getpass.getpass(f"Passphrase for {path.name}: ")
    return Vault.open(path, passphrase)
