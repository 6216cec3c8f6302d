"""``deepdive import-chronology CODE FILE``: add an agency's chronology to a case.

Reads a CSV file or the table of a Word .docx, guesses which column is which from the
headers, and adds every row as an event in one transaction. If any row is wrong,
nothing is imported and each bad row is named on stderr (exit code 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_BAD_INPUT, EXIT_OK, open_services


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``import-chronology`` subcommand."""
    parser = commands.add_parser(
        "import-chronology",
        parents=[common],
        help="import an agency chronology (CSV or a table in a Word .docx) into a case",
        description="Import every row of an agency's chronology as events of the case. "
        "Columns are recognised by their headers (Date, Event, Source, Agency, "
        "Significance, Outcome, …). Nothing is imported if any row is wrong.",
    )
    parser.add_argument("code", metavar="CODE", help="the case code, e.g. DD-2019-014")
    parser.add_argument("file", metavar="FILE", type=Path, help="a .csv file or a .docx document")
    parser.add_argument(
        "--agency",
        metavar="NAME",
        help="source agency for rows that name none (e.g. the agency that sent the file)",
    )
    parser.add_argument(
        "--category",
        metavar="DOMAIN",
        help="domain for rows that give none (default: from the source agency, else 'other')",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Import the file; print what was added, or every bad row."""
    from deepdive.importing import ImportDefaults, ImportRowsError, describe_mapping
    from deepdive.importing import import_chronology as import_file

    services = open_services(args)
    try:
        case = services.cases.find(args.code)
        defaults = ImportDefaults(category=args.category, agency=args.agency)
        try:
            result = import_file(services, case.id, args.file, defaults=defaults)
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
    return EXIT_OK
