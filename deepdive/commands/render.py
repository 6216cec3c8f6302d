"""``deepdive render``: any Markdown file as a house-style Word document.

Notes about a case are case content too, so render fails closed like ``export``:
when the workspace (``--workspace``, or the default one) has a key vault beside it,
the vault is unlocked first and the leak check looks for every registered
identifier; possible names stop it unless accepted. Render names no case and opens
no workspace of its own accord (so it runs while the app has the default one open);
with ``--workspace`` it also leaves that workspace's pseudonyms unguessed and
records the file in its export audit log.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import (
    EXIT_FOUND,
    EXIT_OK,
    open_for_reading,
    record_or_remove,
    workspace_exists,
)
from deepdive.commands.export import CHECKS_EPILOG, add_document_options, marking_of
from deepdive.commands.possible_names import (
    PossibleNamesAnswer,
    add_accept_option,
    stopped_by_check,
)
from deepdive.commands.vault_access import unlock_for_writing
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.services import Services


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``render`` subcommand."""
    parser = commands.add_parser(
        "render",
        parents=[common],
        help="turn a Markdown file into a house-style Word document",
        description=textwrap.fill(
            "Render a Markdown file as Word in the house style. Before the file "
            "is written, the leak check reads all of it (with the registered identifiers of "
            "the key vault beside the workspace, when it has one) and the accessibility "
            "check looks for what an audit would flag (its findings are printed as notes).",
            79,
        ),
        epilog=CHECKS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("notes", type=Path, metavar="NOTES.md", help="the Markdown file")
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE.docx", help="file to write"
    )
    add_document_options(parser)
    add_accept_option(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Render the file; exit 1 if the leak check stops it (nothing is written then)."""
    from deepdive.export import render_markdown_file
    from deepdive.export.gate import default_gate, workspace_safe_words
    from deepdive.export.output import REFERENCE_DOCUMENT, check_destination

    out: Path = args.out
    if out.suffix.lower() != ".docx":
        raise DeepDiveError(f"--out {out.name}: render writes Word documents; name it .docx.")
    # A destination that must not be written is refused before the passphrase is asked.
    check_destination(
        out,
        inputs={
            "the Markdown file being rendered": args.notes,
            REFERENCE_DOCUMENT: args.reference_doc,
        },
    )
    vault = unlock_for_writing(args, "to render")
    answer = PossibleNamesAnswer(args.accept_possible_names)
    services: Services | None = None
    if getattr(args, "workspace", None) is not None:
        if not workspace_exists(args):
            raise DeepDiveError(f"There is no workspace at {args.workspace}.")
        services = open_for_reading(args, records=True)
    try:
        safe = [p.pseudonym for c in vault.cases() for p in c.people] if vault else []
        patterns: list[str] = []
        if services is not None:
            safe += workspace_safe_words(services)
            patterns = services.reference_patterns.patterns()
        gate = default_gate(
            vault.registry() if vault is not None else None,
            safe_words=safe,
            confirm=answer,
            reference_patterns=patterns,
        )
        result = stopped_by_check(
            lambda: render_markdown_file(
                args.notes,
                out,
                reference_doc=args.reference_doc,
                marking=marking_of(args),
                gate=gate,
            )
        )
        if result is None:
            return EXIT_FOUND
        if services is not None:
            record_or_remove(services, None, "render", out, gate.verdict(answer.how))
    finally:
        if services is not None:
            services.close()
    for message in result.messages():
        print(f"note: {message}", file=sys.stderr)
    print(f"Wrote {result.path}")
    return EXIT_OK
