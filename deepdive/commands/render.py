"""``deepdive render``: any Markdown file as a house-style Word document."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_FOUND, EXIT_OK
from deepdive.commands.export import add_document_options, marking_of
from deepdive.errors import DeepDiveError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``render`` subcommand."""
    parser = commands.add_parser(
        "render", help="turn a Markdown file into a house-style Word document"
    )
    parser.add_argument("notes", type=Path, metavar="NOTES.md", help="the Markdown file")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE.docx")
    add_document_options(parser)
    parser.set_defaults(handler=run)
    _ = common  # render needs no workspace


def run(args: argparse.Namespace) -> int:
    """Render the file; exit 1 if the privacy check blocks it."""
    from deepdive.export import render_markdown_file
    from deepdive.export.gate import default_gate
    from deepdive.privacy.leakcheck import ExportBlocked

    out: Path = args.out
    if out.suffix.lower() != ".docx":
        raise DeepDiveError(f"--out {out.name}: render writes Word documents; name it .docx.")
    try:
        result = render_markdown_file(
            args.notes,
            out,
            reference_doc=args.reference_doc,
            marking=marking_of(args),
            gate=default_gate(),
        )
    except ExportBlocked as exc:  # the leak check found identifiers: nothing written
        print(f"deepdive: {exc}", file=sys.stderr)
        return EXIT_FOUND
    for message in result.messages():
        print(f"note: {message}", file=sys.stderr)
    print(f"Wrote {result.path}")
    return EXIT_OK
