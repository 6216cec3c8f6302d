"""``deepdive import-chronology CODE FILE``: add an agency's chronology to a case.

Reads a CSV file, a sheet of an Excel .xlsx workbook or the table of a Word .docx,
guesses which column is which from the headers, and adds every row as an event in
one transaction. Agency names the workspace does not know are added to its agency
list in that same transaction, unless ``--map-agency "THEIRS=OURS"`` maps them to
one of its own. If any row is wrong, nothing is imported and each bad row is named
on stderr (exit code 2). What was imported, added and mapped is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_BAD_INPUT, EXIT_OK, open_services
from deepdive.errors import DeepDiveError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``import-chronology`` subcommand."""
    parser = commands.add_parser(
        "import-chronology",
        parents=[common],
        help="import an agency chronology (CSV, an Excel .xlsx sheet or a Word .docx table) "
        "into a case",
        description="Import every row of an agency's chronology as events of the case. "
        "Columns are recognised by their headers (Date, Event, Source, Agency, "
        "Significance, Outcome, …). Agencies the workspace does not know are added to its "
        "list, unless mapped with --map-agency. Nothing is imported if any row is wrong.",
    )
    parser.add_argument("code", metavar="CODE", help="the case code, e.g. DD-2019-014")
    parser.add_argument(
        "file", metavar="FILE", type=Path, help="a .csv file, an .xlsx workbook or a .docx document"
    )
    parser.add_argument(
        "--sheet", metavar="NAME", help="the workbook's sheet to read (default: the first one)"
    )
    parser.add_argument(
        "--agency",
        metavar="NAME",
        help="source agency for rows that name none (e.g. the agency that sent the file)",
    )
    parser.add_argument(
        "--map-agency",
        action="append",
        default=[],
        metavar="THEIRS=OURS",
        help="take the file's agency THEIRS as the workspace's OURS, e.g. \"NWD Hub=No Wrong "
        'Door hub" (repeat for several)',
    )
    parser.add_argument(
        "--category",
        metavar="DOMAIN",
        help="domain for rows that give none (default: from the source agency, else 'other')",
    )
    parser.set_defaults(handler=run)


def agency_map(options: list[str]) -> dict[str, str]:
    """The ``--map-agency`` options as {theirs: ours}; a malformed one is refused."""
    mapped: dict[str, str] = {}
    seen: dict[str, str] = {}
    for option in options:
        theirs, sign, ours = (" ".join(part.split()) for part in option.partition("="))
        if not sign or not theirs or not ours:
            raise DeepDiveError(
                f'--map-agency "{option}": write the file\'s name, "=", then the '
                'workspace\'s agency, e.g. --map-agency "NWD Hub=No Wrong Door hub".'
            )
        if seen.get(theirs.casefold(), ours) != ours:
            raise DeepDiveError(
                f"--map-agency maps '{theirs}' to both '{seen[theirs.casefold()]}' and "
                f"'{ours}'; give one."
            )
        seen[theirs.casefold()] = mapped[theirs] = ours
    return mapped


def run(args: argparse.Namespace) -> int:
    """Import the file; print what was added, or every bad row."""
    from deepdive.commands.agencies import vault_checks_new_names
    from deepdive.importing import ImportDefaults, ImportRowsError, describe_mapping
    from deepdive.importing import import_chronology as import_file
    from deepdive.privacy.guard import VaultGuard

    defaults = ImportDefaults(
        category=args.category, agency=args.agency, agency_map=agency_map(args.map_agency)
    )
    guard = VaultGuard()
    services = open_services(args, guard=guard)
    try:
        case = services.cases.find(args.code)
        try:
            result = import_file(
                services,
                case.id,
                args.file,
                defaults=defaults,
                sheet=args.sheet,
                check_new_agencies=lambda names: vault_checks_new_names(args, guard, names),
            )
        except ImportRowsError as exc:
            count = len(exc.problems)
            rows = "1 row has" if count == 1 else f"{count} rows have"
            print(
                f"deepdive: {exc.table.name}: {rows} problems, so nothing was imported:",
                file=sys.stderr,
            )
            for line in exc.lines:
                print(f"deepdive: {line}", file=sys.stderr)
            return EXIT_BAD_INPUT
    finally:
        services.close()
    count = len(result.events)
    events = "1 event" if count == 1 else f"{count} events"
    print(f"Imported {events} into {case.code} from {result.table.name}.")
    print(
        f"Read as {result.table.description}; columns: "
        f"{describe_mapping(result.table.headers, result.mapping)}."
    )
    if result.mapped_agencies:
        pairs = ", ".join(f"{theirs} → {ours}" for theirs, ours in result.mapped_agencies)
        print(f"Agencies mapped: {pairs}.")
    if result.added_agencies:
        added = len(result.added_agencies)
        what = "1 agency" if added == 1 else f"{added} agencies"
        print(
            f"Added {what}: {', '.join(result.added_agencies)} "
            "('deepdive agencies' renames or merges them)."
        )
    return EXIT_OK
