"""``deepdive export``: a case study as Word, Markdown or PDF.

When the workspace has a key vault it is unlocked first (:mod:`vault_access`), so the
leak check looks for every registered identifier; possible names stop the export
unless accepted (:mod:`possible_names`); the export is recorded in the audit log.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_FOUND, EXIT_OK, open_for_reading, record_or_remove
from deepdive.commands.possible_names import (
    PossibleNamesAnswer,
    add_accept_option,
    stopped_by_check,
)
from deepdive.commands.vault_access import unlock_for_writing, vault_path_of
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.export import ExportFormat, ExportOptions
    from deepdive.privacy.vault import Vault
    from deepdive.services import Services

FORMATS = ("docx", "md", "pdf")
CHECKS_EPILOG = """\
the key vault:
  When the workspace has a key vault beside it, it is unlocked first so the leak
  check looks for every registered name: the passphrase is read from the
  DEEPDIVE_PASSPHRASE environment variable, or asked for at a terminal.

exit codes:
  0  written (notes, if any, on stderr)
  1  the leak check found identifiers (each listed; nothing was written)
  2  bad usage or input, or the vault could not be unlocked (one line on stderr)
  3  an unexpected error (logged in your DeepDive data folder)"""
DATE_MODES = ("real", "shifted", "relative")


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``export`` subcommand."""
    parser = commands.add_parser(
        "export",
        parents=[common],
        help="export a case study as Word, Markdown or PDF",
        description=textwrap.fill(
            "Export a case study as Word (.docx), Markdown (.md) or PDF (.pdf, "
            "made with LibreOffice, tagged for screen readers). Before anything is written, "
            "the leak check reads every part of the finished file for names, NHS and NI "
            "numbers, postcodes and other identifiers, and the accessibility check looks "
            "for what an audit would flag (its findings are printed as notes). With "
            "LibreOffice installed, the Word contents page gets its page numbers.",
            79,
        ),
        epilog=CHECKS_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("code", metavar="CODE", help="the case code, e.g. DEMO-001")
    parser.add_argument("--out", type=Path, required=True, metavar="FILE", help="file to write")
    parser.add_argument(
        "--format", choices=FORMATS, help="docx, md or pdf (default: from the file name)"
    )
    add_document_options(parser)
    parser.add_argument(
        "--dates",
        choices=DATE_MODES,
        default="real",
        help="real dates, dates shifted by the case's secret interval, or ages",
    )
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="ROLE",
        help="an author by role for the cover (repeat for several; never a name)",
    )
    add_accept_option(parser)
    parser.set_defaults(handler=run)


def add_document_options(parser: argparse.ArgumentParser) -> None:
    """--reference-doc and --marking, shared with ``deepdive render``."""
    from deepdive.domain.vocabulary import DEFAULT_MARKING

    parser.add_argument(
        "--reference-doc",
        type=Path,
        metavar="FILE",
        help="a team's .docx or .dotx whose styles, page setup and headers to use",
    )
    parser.add_argument(
        "--marking",
        default=DEFAULT_MARKING,
        metavar="TEXT",
        help=f'protective marking on every page (default {DEFAULT_MARKING}; "none" for none)',
    )


def marking_of(args: argparse.Namespace) -> str | None:
    """The marking asked for; None for "none" or an empty value."""
    text = str(args.marking).strip()
    return None if text.casefold() in ("", "none") else text


def run(args: argparse.Namespace) -> int:
    """Export the case; exit 1 if the leak check stops it (nothing is written then)."""
    from deepdive.export import DateMode, assemble_case_study, write_case_study
    from deepdive.export.gate import case_places_of, default_gate, workspace_safe_words
    from deepdive.export.output import REFERENCE_DOCUMENT, check_destination, destination_kind

    out: Path = args.out
    kind = _format_of(args)
    date_mode = DateMode(args.dates)
    # A destination that must not be written is refused before the passphrase is asked.
    check_destination(out, destination_kind(kind), {REFERENCE_DOCUMENT: args.reference_doc})
    vault = unlock_for_writing(args, "to export")
    if vault is None and date_mode is DateMode.SHIFTED:
        raise DeepDiveError(
            "--dates shifted needs the case's secret date shift from the key vault, "
            f"and there is no vault at {vault_path_of(args)}."
        )
    answer = PossibleNamesAnswer(args.accept_possible_names)
    services = open_for_reading(args, records=True)
    try:
        shift = None
        if vault is not None and date_mode is DateMode.SHIFTED:
            shift = _date_shift(services, vault, args.code)
        options = _options(args, shift)
        study = assemble_case_study(services, args.code, options)
        gate = default_gate(
            vault.registry() if vault is not None else None,
            safe_words=workspace_safe_words(services, [study.case.code]),
            confirm=answer,
            places=case_places_of(services, study.case.code),
            reference_patterns=services.reference_patterns.patterns(),
        )
        result = stopped_by_check(
            lambda: write_case_study(
                study,
                out,
                format=kind,
                options=options,
                gate=gate,
                timeline_png=_timeline_picture(study),
            )
        )
        if result is None:
            return EXIT_FOUND
        record_or_remove(
            services, study.case.code, result.format.value, out, gate.verdict(answer.how)
        )
    finally:
        services.close()
    for message in result.messages():
        print(f"note: {message}", file=sys.stderr)
    print(f"Wrote {result.path}")
    return EXIT_OK


def _format_of(args: argparse.Namespace) -> ExportFormat:
    """The format asked for (``--format``, else ``--out``'s name, else Word); a name
    that says another is refused."""
    from deepdive.export import ExportFormat

    out: Path = args.out
    implied = ExportFormat.for_path(out)
    kind = ExportFormat(args.format) if args.format else implied or ExportFormat.DOCX
    if implied is not None and implied is not kind:
        raise DeepDiveError(f"--out {out.name} is a .{implied.value} name but --format is {kind}.")
    return kind


def _options(args: argparse.Namespace, shift: int | None) -> ExportOptions:
    """The export's options from the command line (``shift``: the case's secret)."""
    from deepdive.export import DateMode, ExportOptions

    return ExportOptions(
        date_mode=DateMode(args.dates),
        date_shift_days=shift,
        marking=marking_of(args),
        authors=tuple(a.strip() for a in args.author if a.strip()),
        reference_doc=args.reference_doc,
    )


def _date_shift(services: Services, vault: Vault, code: str) -> int:
    """The case's secret date shift from the unlocked vault; a case new to the vault
    gets one now, drawn and saved exactly as the app's export does."""
    case_code = services.cases.find(code).code  # no vault entry for a case that is not here
    if vault.case(case_code) is None:
        print(
            f"note: the key vault had no date shift for {case_code}; a new secret one was "
            "drawn and saved in it.",
            file=sys.stderr,
        )
    return int(vault.ensure_case(case_code).date_shift_days)


def _timeline_picture(study: Any) -> Any:
    """The timeline drawer from the app's drawing code, when it is installed: it draws
    the spec the export hands it, whose strings the export has written already."""
    if importlib.util.find_spec("deepdive.ui.timeline.picture") is None:
        return None
    try:
        from deepdive.ui.timeline.picture import (  # type: ignore[import-not-found,unused-ignore]
            spec_png,
        )
    except ImportError:  # Qt missing or broken: export without the picture
        return None
    return spec_png
