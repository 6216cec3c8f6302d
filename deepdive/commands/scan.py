"""``deepdive scan``: find identifiers in .txt, .md and .docx files.

Exit 0 when nothing is found, 1 with findings, 2 on bad input. Registered identifiers
come from ``--names FILE`` (one per line) and, with ``--vault`` or ``--case``, from the
key vault (every case, or the one case), whose passphrase is read from
``DEEPDIVE_PASSPHRASE`` or asked for. With ``--workspace`` (or ``--case``) the
workspace's own case-record reference patterns are looked for too, and its pseudonyms
and agencies are never guessed as names.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from deepdive.commands.common import EXIT_FOUND, EXIT_OK
from deepdive.errors import DeepDiveError

if TYPE_CHECKING:
    from deepdive.privacy.registry import IdentifierRegistry


class ScanUsageError(DeepDiveError):
    """The scan was asked for in a way that cannot work."""


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Add the ``scan`` subcommand."""
    parser = commands.add_parser(
        "scan",
        parents=[common],
        help="find names, numbers and addresses in .txt, .md and .docx files",
        description="Find identifiers (registered names, NHS and NI numbers, phone numbers, "
        "postcodes, addresses, emails, dates of birth, likely names) in files. Exit 0 when "
        "clean, 1 with findings, 2 on bad input.",
    )
    parser.add_argument(
        "files", nargs="+", type=Path, metavar="FILE", help=".txt, .md or .docx files to scan"
    )
    parser.add_argument(
        "--names", type=Path, metavar="FILE", help="extra identifiers to look for, one per line"
    )
    parser.add_argument(
        "--vault",
        type=Path,
        metavar="PATH",
        help="key vault whose identifiers to look for (default with --case: beside the workspace)",
    )
    parser.add_argument("--case", metavar="CODE", help="only this case's vault entries")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Scan every file; print the findings; exit 1 if there are any."""
    from deepdive.privacy.detector import Detector
    from deepdive.privacy.leakcheck import detect_in_part
    from deepdive.privacy.registry import IdentifierRegistry
    from deepdive.privacy.sources import file_text_parts

    registry: IdentifierRegistry = IdentifierRegistry()
    safe_words: list[str] = []
    patterns: list[str] = []
    if args.vault is not None or args.case is not None or getattr(args, "workspace", None):
        registry, safe_words, patterns = _from_vault_and_workspace(args)
    if args.names is not None:
        registry.add_names_file(args.names)
    detector = Detector(registry, safe_words=safe_words, reference_patterns=patterns)
    # Read every file before printing anything, so bad input fails cleanly (exit 2).
    files = [(path, file_text_parts(path)) for path in args.files]
    rows: list[dict[str, object]] = []
    for path, parts in files:
        for part in parts:
            for finding in detect_in_part(part, detector):
                row = {"file": str(path), **finding.as_dict()}
                if part.where != "text":
                    row["part"] = part.where
                rows.append(row)
    if args.json:
        _print_json(rows)
    else:
        _print_table(rows, len(files))
    return EXIT_FOUND if rows else EXIT_OK


def _from_vault_and_workspace(
    args: argparse.Namespace,
) -> tuple[IdentifierRegistry, list[str], list[str]]:
    """The vault's registry (one case or all; empty without a vault), the workspace's
    pseudonyms and agencies, and its reference patterns."""
    from deepdive.commands.vault_access import open_vault
    from deepdive.privacy.registry import IdentifierRegistry
    from deepdive.privacy.vault import default_vault_path

    safe_words: list[str] = []
    patterns: list[str] = []
    vault_path: Path | None = args.vault
    if args.case is not None or getattr(args, "workspace", None) is not None:
        from deepdive.commands.common import open_for_reading, workspace_arg, workspace_exists

        if not workspace_exists(args):
            raise ScanUsageError(
                f"There is no workspace at {workspace_arg(args)}; name it with --workspace."
            )
        services = open_for_reading(args)
        try:
            if vault_path is None and args.case is not None:
                vault_path = default_vault_path(services.workspace.path)
            cases = [services.cases.find(args.case)] if args.case else None
            if cases is None:
                cases = [services.cases.get(s.id) for s in services.cases.list_cases()]
            for case in cases:
                safe_words.append(case.pseudonym)
                safe_words.extend(p.pseudonym for p in case.people)
            safe_words.extend(services.agencies.names())
            patterns = services.reference_patterns.patterns()
        finally:
            services.close()
    if vault_path is None:
        return IdentifierRegistry(), safe_words, patterns
    if not vault_path.exists():
        raise ScanUsageError(f"There is no key vault at {vault_path}; give its place with --vault.")
    vault = open_vault(vault_path, "to look for its identifiers")
    return vault.registry(args.case), safe_words, patterns


def _print_json(rows: list[dict[str, object]]) -> None:
    """The findings as a JSON list, one finding per line. Each row goes through the
    C encoder (``indent`` would make json use its far slower Python one)."""
    if not rows:
        print("[]")
        return
    encode = json.JSONEncoder(ensure_ascii=False).encode
    sys.stdout.write("[\n  " + ",\n  ".join(map(encode, rows)) + "\n]\n")


def _print_table(rows: list[dict[str, object]], file_count: int) -> None:
    files = "file" if file_count == 1 else "files"
    if not rows:
        print(f"No identifiers found in {file_count} {files}.")
        return
    for row in rows:
        where = f"{row['file']} [{row['part']}]" if "part" in row else str(row["file"])
        label = str(row["kind"]).replace("_", " ")
        if row["registered"]:
            label = f"registered {label}"
        text = " ".join(str(row["text"]).split())
        note = "" if row["blocking"] else " (possible; check it)"
        print(f"{where}:{row['line']}: {label} “{text}”{note}")
    blocking = sum(1 for r in rows if r["blocking"])
    print(
        f"{len(rows)} finding{'s' if len(rows) != 1 else ''} in {file_count} {files}; "
        f"{blocking} would block an export."
    )
