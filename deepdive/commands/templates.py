"""``deepdive templates``: list the template library, check, import and export template files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import (
    EXIT_BAD_INPUT,
    EXIT_OK,
    open_for_reading,
    open_services,
    workspace_exists,
)

if TYPE_CHECKING:
    from deepdive.services.session_results import TemplateEntry


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``templates`` subcommand and its own subcommands."""
    parser = commands.add_parser(
        "templates", parents=[common], help="list, check, import and export session templates"
    )
    actions = parser.add_subparsers(
        dest="templates_command", metavar="ACTION", parser_class=type(parser), required=True
    )
    listing = actions.add_parser(
        "list", parents=[common], help="list the built-in templates and the workspace's own"
    )
    listing.add_argument("--json", action="store_true", help="print JSON instead of a table")
    listing.set_defaults(handler=run_list)
    validate = actions.add_parser("validate", help="check template files without importing them")
    validate.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help="template files (.yaml) to check"
    )
    validate.set_defaults(handler=run_validate)
    importing = actions.add_parser(
        "import", parents=[common], help="add a shared template file to the workspace"
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="a template file to add")
    importing.set_defaults(handler=run_import)
    exporting = actions.add_parser(
        "export", parents=[common], help="write a template to a file to share it"
    )
    exporting.add_argument(
        "template_id", metavar="ID", help="the template's id, as `templates list` shows it"
    )
    exporting.add_argument(
        "--out", type=Path, required=True, metavar="FILE", help="file to write the template to"
    )
    exporting.add_argument("--version", type=int, metavar="N", help="default: the newest")
    exporting.set_defaults(handler=run_export)


def run_list(args: argparse.Namespace) -> int:
    """Print every template: the built-ins, and the workspace's own if it exists."""
    entries = _library(args)
    if args.json:
        listing = [
            {
                "id": e.key,
                "name": e.name,
                "version": e.version,
                "source": e.source.value,
                "stages": e.stage_count,
                "minutes": e.total_minutes,
                "sessions": e.sessions,
            }
            for e in entries
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=2))
        return EXIT_OK
    header = ("ID", "VERSION", "SOURCE", "STAGES", "MINUTES", "NAME")
    table = [header] + [
        (
            e.key,
            str(e.version),
            e.source.value,
            str(e.stage_count),
            str(e.total_minutes),
            e.name,
        )
        for e in entries
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
    return EXIT_OK


def run_validate(args: argparse.Namespace) -> int:
    """Check each file; one line each: what it is, or the line to fix and what is wrong."""
    from deepdive.templates import TemplateError, load_template_file

    status = EXIT_OK
    for path in args.files:
        try:
            template = load_template_file(path)
        except TemplateError as exc:
            print(f"deepdive: {exc}", file=sys.stderr)
            status = EXIT_BAD_INPUT
            continue
        stages = len(template.stages)
        print(
            f"{path.name}: valid — '{template.name}' ({template.id}, version "
            f"{template.version}), {stages} stage{'s' if stages != 1 else ''}, "
            f"{template.total_minutes} minutes"
        )
    return status


def run_import(args: argparse.Namespace) -> int:
    """Check a template file and add it to the workspace's library."""
    services = open_services(args)
    try:
        result = services.templates.import_file(args.file)
    finally:
        services.close()
    print(result.message)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    """Write one template (newest version unless --version is given) to a file.

    It only reads an existing workspace (so it works while the app has it open); one
    that does not exist yet is made, with its built-in library, as before.
    """
    services = open_for_reading(args) if workspace_exists(args) else open_services(args)
    try:
        written = services.templates.export_file(args.template_id, args.out, args.version)
    finally:
        services.close()
    print(f"Wrote '{args.template_id}' to {written}.")
    return EXIT_OK


def _library(args: argparse.Namespace) -> list[TemplateEntry]:
    if not workspace_exists(args):
        # Listing never creates a workspace; without one, the library is the built-ins.
        from deepdive.services.session_results import TemplateEntry, TemplateSource
        from deepdive.templates import builtin_templates

        return [
            TemplateEntry(
                t.id,
                t.name,
                t.version,
                TemplateSource.BUILTIN,
                t.description,
                len(t.stages),
                t.total_minutes,
            )
            for t in builtin_templates()
        ]
    services = open_for_reading(args)
    try:
        return services.templates.list_templates()
    finally:
        services.close()
