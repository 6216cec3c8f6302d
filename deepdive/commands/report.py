"""``deepdive report``: the programme report across every case, as Word."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from datetime import date
from pathlib import Path
from typing import Any

from deepdive.commands.common import EXIT_FOUND, EXIT_OK, open_for_reading, record_or_remove
from deepdive.commands.possible_names import (
    PossibleNamesAnswer,
    add_accept_option,
    stopped_by_check,
)
from deepdive.commands.vault_access import unlock_for_writing
from deepdive.errors import DeepDiveError


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``report`` subcommand."""
    from deepdive.commands.export import add_document_options

    parser = commands.add_parser(
        "report", parents=[common], help="the programme report across all cases, as Word"
    )
    parser.add_argument(
        "--out", type=Path, required=True, metavar="FILE.docx", help="Word file to write"
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="first day (e.g. 14/03/2018, Mar 2018, 2015/16, summer term 2018)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="last day (a month, term or year means its last day)",
    )
    parser.add_argument(
        "--tag",
        dest="tags",
        action="append",
        default=[],
        metavar="TAG",
        help="only cases with this tag (repeat for any of several)",
    )
    parser.add_argument(
        "--min-cases",
        type=int,
        default=5,
        metavar="N",
        help="show figures from fewer than N cases as 'fewer than N' (default 5)",
    )
    add_document_options(parser)
    add_accept_option(parser)
    parser.set_defaults(handler=run)


def report_date(text: str | None, option: str, *, last: bool = False) -> date | None:
    """A date as the chronology takes it (14/03/2018, Mar 2018, 2015/16, summer term 2018,
    2024-04-01, …); None if not given.

    A period means its first day for --from and its last day for --to ("2015/16" is the
    school year: from 1 September 2015, or to 31 August 2016).
    """
    if text is None:
        return None
    from deepdive.domain.dates import DateError
    from deepdive.domain.record_dates import parse_record_span

    try:
        span = parse_record_span(text)
    except DateError as exc:
        raise DeepDiveError(f"{option}: {exc}.") from None
    return (span.end or span.start).latest() if last else span.start.earliest()


def run(args: argparse.Namespace) -> int:
    """Write the report; exit 1 if the leak check stops it (nothing is written then)."""
    from deepdive.commands.export import marking_of
    from deepdive.export.gate import default_gate, workspace_safe_words
    from deepdive.export.output import REFERENCE_DOCUMENT, check_destination
    from deepdive.export.programme_report import export_programme_report
    from deepdive.privacy.report_text import report_places
    from deepdive.services.learning import LearningFilter

    out: Path = args.out
    if out.suffix.lower() != ".docx":
        raise DeepDiveError(f"--out {out.name}: the programme report is a Word file; use .docx.")
    start = report_date(args.start, "--from")
    end = report_date(args.end, "--to", last=True)
    if start and end and end < start:
        raise DeepDiveError(f"--to {end:%d %b %Y} is before --from {start:%d %b %Y}.")
    if args.min_cases < 1:
        raise DeepDiveError("--min-cases must be 1 or more.")
    # A destination that must not be written is refused before the passphrase is asked.
    check_destination(out, inputs={REFERENCE_DOCUMENT: args.reference_doc})
    vault = unlock_for_writing(args, "to write the report")
    answer = PossibleNamesAnswer(args.accept_possible_names)
    services = open_for_reading(args, records=True)
    tags = frozenset(t.strip() for t in args.tags if t.strip())
    wanted = LearningFilter(start=start, end=end, tags=tags)
    try:
        # What it finds is named by case and report part, not by the document's line.
        gate = default_gate(
            vault.registry() if vault is not None else None,
            safe_words=workspace_safe_words(services),
            confirm=answer,
            reference_patterns=services.reference_patterns.patterns(),
            places=lambda: report_places(services, wanted),
        )
        result = stopped_by_check(
            lambda: export_programme_report(
                services,
                out,
                wanted=wanted,
                threshold=args.min_cases,
                gate=gate,
                chart_png=_chart_picture(),
                reference_doc=args.reference_doc,
                marking=marking_of(args),
            )
        )
        if result is None:
            return EXIT_FOUND
        record_or_remove(services, None, "report", out, gate.verdict(answer.how))
    finally:
        services.close()
    for message in result.messages():
        print(f"note: {message}", file=sys.stderr)
    print(f"Wrote {result.path}")
    return EXIT_OK


def _chart_picture() -> Any:
    """The chart drawing function from the app's Qt code, when it is installed."""
    if importlib.util.find_spec("deepdive.ui.learning.chart_picture") is None:
        return None
    try:
        from deepdive.ui.learning.chart_picture import chart_png
    except ImportError:  # Qt missing or broken: the report goes without charts
        return None
    return chart_png
