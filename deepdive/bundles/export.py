"""Exporting one case as a ``.ddcase`` bundle.

The case is read in one snapshot, turned into JSON, shown to the leak check (the
``gate``: it raises to stop the export), written atomically, and recorded in the
workspace's export audit trail. If the audit record cannot be written, the bundle is
removed again, so every bundle that exists was recorded.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from deepdive import installed_version
from deepdive.bundles.archive import BUNDLE_SUFFIX, write_archive
from deepdive.bundles.content import (
    BundleContent,
)
from deepdive.bundles.errors import BundleError
from deepdive.files.destination import check_destination
from deepdive.files.kinds import FileKind
from deepdive.services import Services
from deepdive.services.case_export import CaseExportService

LeakGate = Callable[[list[tuple[str, str]]], None]
"""Given every piece of text in the bundle as (where, text), raises to block the export."""

# Fields that are not prose (dates, codes, checksums) and so are not shown to the gate.
_NOT_TEXT = {
    "created_at",
    "updated_at",
    "held_on",
    "due_on",
    "start_measured_on",
    "latest_measured_on",
    "date",
    "end",
    "sha256",
    "kind",
    "status",
    "key",
    "source",
    "stage_id",
    "current_stage",
    "category",
}


def export_case_bundle(
    services: Services,
    code: str,
    out: Path,
    gate: LeakGate | None,
    *,
    verdict: Callable[[], str] | None = None,
) -> Path:
    """Write case ``code`` to ``out`` (``.ddcase`` added to a new name without it); returns
    the path.

    ``gate`` is the leak check; with None the audit record says it was not checked.
    ``verdict`` gives the gate's own words for the audit record (what it let through).
    """
    if out.suffix.lower() != BUNDLE_SUFFIX and not out.exists():
        # A name that is already there is the destination as typed, and gets checked
        # as it is: "--out W" never quietly becomes "W.ddcase" beside a workspace W.
        out = out.with_name(out.name + BUNDLE_SUFFIX)
    check_destination(out, FileKind.BUNDLE, BundleError)  # before any work is done
    content = BundleContent.of(CaseExportService(services.workspace).read_case(code))
    files = content.to_json()
    if gate is not None:
        gate(list(text_parts(files)))
    encoded = {
        name: json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        for name, data in files.items()
    }
    write_archive(out, encoded, content.case.code, installed_version())
    checked = "leak check passed" if gate is not None else "not checked"
    try:
        services.audit.record_export(
            content.case.code,
            "bundle",
            out,
            verdict() if verdict is not None else checked,
        )
    except Exception:
        with contextlib.suppress(OSError):
            out.unlink()
        raise
    return out


def text_parts(files: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """Every piece of prose in the bundle's JSON, with where it is."""
    for name, data in files.items():
        yield from _walk(data, name.removesuffix(".json"))


def _walk(value: Any, where: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        if value.strip():
            yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in _NOT_TEXT:
                yield from _walk(item, f"{where} › {key}")
    elif isinstance(value, list):
        for number, item in enumerate(value, 1):
            yield from _walk(item, f"{where} {number}")
