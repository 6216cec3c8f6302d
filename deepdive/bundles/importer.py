"""Importing a ``.ddcase`` bundle: everything is checked first, then written in one go.

Reading the archive (:mod:`deepdive.bundles.archive`) and checking every field
(:mod:`deepdive.bundles.parse`) happen before the workspace is touched. The case and
everything in it are then added through the services
(:class:`~deepdive.services.case_import.CaseImportService`) in a single transaction,
so an import either lands whole or leaves the workspace exactly as it was.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deepdive.bundles.archive import read_archive
from deepdive.bundles.content import BundleContent
from deepdive.bundles.errors import BundleCodeConflict, BundleError
from deepdive.bundles.identities import refuse_identities
from deepdive.bundles.parse import parse_content
from deepdive.errors import DeepDiveError
from deepdive.services import Services
from deepdive.services.case_import import CaseCodeTaken, CaseImportService, TemplateVersionClash
from deepdive.services.validation import case_code


@dataclass(frozen=True)
class ImportedCase:
    """What an import added."""

    case_id: int
    code: str
    pseudonym: str
    events: int
    sessions: int
    renamed_from: str | None


def read_bundle(path: Path) -> BundleContent:
    """Read and check a bundle completely without touching any workspace."""
    _manifest, files = read_archive(path)
    try:
        return parse_content(files)
    except BundleError as exc:
        raise BundleError(f"{path.name}: {exc}") from exc


def import_case_bundle(
    services: Services, path: Path, new_code: str | None = None, team: str | None = None
) -> ImportedCase:
    """Add the bundle's case to the workspace (as ``new_code`` if given; on a team
    workspace into ``team`` if given).

    Raises BundleCodeConflict, with a suggested free code, if the code is taken.
    """
    with _no_cycle_collection():
        return _import(services, path, new_code, team)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """While inside, Python's cycle collector does not run.

    An import makes millions of objects (the parsed JSON, the events, the rows) and no
    reference cycles; the collector would walk the growing pile again and again, which
    took about a third of the time spent reading a 100,000-event bundle. Memory is
    still freed as usual when the objects are no longer used.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(services: Services, path: Path, new_code: str | None, team: str | None) -> ImportedCase:
    content = read_bundle(path)
    refuse_identities(services.guard, content, path.name)
    code = content.case.code
    if new_code is not None:
        try:
            code = case_code(new_code, services.guard)
        except DeepDiveError as exc:
            raise BundleError(str(exc)) from exc
    try:
        added = CaseImportService(services.workspace, services.changes).add_case(
            content, code, team
        )
    except CaseCodeTaken as exc:
        raise BundleCodeConflict(str(exc), exc.code, exc.suggested) from exc
    except TemplateVersionClash as exc:
        raise BundleError(f"{path.name}: {exc}") from exc
    renamed_from = content.case.code if code != content.case.code else None
    return ImportedCase(
        added.case_id, added.code, added.pseudonym, added.events, added.sessions, renamed_from
    )
