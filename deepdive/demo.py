"""The fictional demo case DEMO-001 and the demo programme, shipped in resources/demo.

The demo programme is DEMO-001 and a dozen further fictional cases (DEMO-002 to
DEMO-013), with the programme lead's own measures: enough cases that the Learning view
and the programme report show real figures. Everything goes in through the ordinary
services, so a demo workspace is a workspace like any other.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deepdive.casefile import CaseFileError, load_case_file, read_yaml
from deepdive.errors import DeepDiveError
from deepdive.resources import resource_path
from deepdive.services import Services
from deepdive.services.results import CaseDetail

DEMO_CODE = "DEMO-001"
PROGRAMME_FILE = "programme.yaml"
PROGRAMME_FORMAT = "deepdive-programme/1"


@dataclass(frozen=True)
class ProgrammeAdded:
    """What adding the demo programme did: the cases and measures added, and those kept."""

    added: tuple[CaseDetail, ...]
    already_there: int
    measures_added: int

    @property
    def first(self) -> CaseDetail | None:
        """The first case added (the one to show), if any."""
        return self.added[0] if self.added else None


def demo_present(services: Services) -> bool:
    """Whether the workspace already holds the demo case."""
    return services.cases.code_exists(DEMO_CODE)


def add_demo_case(services: Services, team: str | None = None) -> CaseDetail:
    """Add the demo case through the ordinary services (on a team workspace, into
    ``team`` if given); returns it.

    If the workspace already has it, the existing case is returned unchanged.
    """
    if demo_present(services):
        return services.cases.find(DEMO_CODE)
    path = resource_path("demo", f"{DEMO_CODE}.yaml")
    return load_case_file(services, path, shipped=True, team=team)


def programme_files() -> list[Path]:
    """The demo programme's case files, DEMO-001 first."""
    return sorted(resource_path("demo").glob("DEMO-*.yaml"))


def programme_present(services: Services) -> bool:
    """Whether every case of the demo programme is already in the workspace."""
    return all(services.cases.code_exists(path.stem) for path in programme_files())


def add_demo_programme(services: Services, team: str | None = None) -> ProgrammeAdded:
    """Add the demo programme's cases (on a team workspace, into ``team`` if given) and
    measures; what is already there is kept as it is."""
    added: list[CaseDetail] = []
    kept = 0
    for path in programme_files():
        if services.cases.code_exists(path.stem):
            kept += 1
            continue
        added.append(load_case_file(services, path, shipped=True, team=team))
    measures = _add_measures(services, resource_path("demo", PROGRAMME_FILE))
    return ProgrammeAdded(tuple(added), kept, measures)


def _add_measures(services: Services, path: Path) -> int:
    """Add the measures the workspace does not have yet (by name); returns how many."""
    data: Any = read_yaml(path, shipped=True)
    if not isinstance(data, dict) or data.get("format") != PROGRAMME_FORMAT:
        raise CaseFileError(f"{path.name}: is not a DeepDive programme file.")
    count = 0
    for entry in data.get("measures", []):
        if services.measures.find(str(entry["name"])) is not None:
            continue
        try:
            measure = services.measures.create(
                str(entry["name"]), str(entry.get("unit", "")), str(entry.get("note", ""))
            )
            for value in entry.get("values", []):
                services.measures.add_value(
                    measure.id,
                    str(value["when"]),
                    value["value"],
                    str(value.get("source", "")),
                    str(value.get("note", "")),
                )
        except DeepDiveError as exc:
            raise CaseFileError(f"{path.name}: {exc}") from exc
        count += 1
    return count
