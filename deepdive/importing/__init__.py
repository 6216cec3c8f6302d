"""Importing agency chronologies (CSV and Word tables) into a case, all or nothing.

Reading (:mod:`.tables`), deciding which column is which (:mod:`.mapping`) and
checking every row (:mod:`.plan`) write nothing; :func:`import_chronology` then adds
every event in one transaction, or none when any row is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deepdive.errors import DeepDiveError
from deepdive.importing.mapping import (
    FIELD_LABELS,
    ColumnMapping,
    Field,
    describe_mapping,
    guess_field,
    guess_mapping,
)
from deepdive.importing.plan import (
    ImportContext,
    ImportDefaults,
    ImportMappingError,
    ImportPlan,
    RowProblem,
    plan_import,
)
from deepdive.importing.tables import ImportFileError, SourceTable, read_table
from deepdive.services import Services
from deepdive.services.events import EventInfo

__all__ = [
    "FIELD_LABELS",
    "ColumnMapping",
    "Field",
    "ImportContext",
    "ImportDefaults",
    "ImportFileError",
    "ImportMappingError",
    "ImportPlan",
    "ImportResult",
    "ImportRowsError",
    "RowProblem",
    "SourceTable",
    "context_for",
    "describe_mapping",
    "guess_field",
    "guess_mapping",
    "import_chronology",
    "plan_import",
    "problem_lines",
    "read_table",
]


class ImportRowsError(DeepDiveError):
    """Some rows cannot be imported, so nothing was; ``lines`` names each bad row."""

    def __init__(self, table: SourceTable, problems: tuple[RowProblem, ...]) -> None:
        count = len(problems)
        rows = "1 row" if count == 1 else f"{count} rows"
        super().__init__(
            f"{table.name}: {rows} cannot be imported, so nothing was imported. "
            f"First: {table.where(problems[0].row)}: {problems[0].message}."
        )
        self.table = table
        self.problems = problems
        self.lines = problem_lines(table, problems)


def problem_lines(table: SourceTable, problems: tuple[RowProblem, ...]) -> list[str]:
    """One line per bad row: "chronology.csv: row 7: 'Date': … is not a real date"."""
    return [f"{table.name}: {table.where(p.row)}: {p.message}" for p in problems]


@dataclass(frozen=True)
class ImportResult:
    """What an import read and added."""

    table: SourceTable
    mapping: dict[int, Field]
    events: list[EventInfo]


def context_for(services: Services, case_id: int) -> ImportContext:
    """The agency names and cast an import of this case's rows may refer to."""
    cast = tuple((p.id, p.pseudonym) for p in services.people.list_people(case_id))
    return ImportContext(tuple(services.agencies.names()), cast)


def import_chronology(
    services: Services,
    case_id: int,
    path: Path,
    mapping: ColumnMapping | None = None,
    defaults: ImportDefaults | None = None,
) -> ImportResult:
    """Read ``path``, check every row and add all its events to the case in one go.

    Raises ImportFileError (unreadable file), ImportMappingError (no date or
    description column) or ImportRowsError (bad rows: nothing is written).
    """
    table = read_table(path)
    used = dict(mapping) if mapping is not None else guess_mapping(table.headers)
    plan = plan_import(table, used, context_for(services, case_id), defaults)
    if plan.problems:
        raise ImportRowsError(table, plan.problems)
    events = services.events.add_many(case_id, list(plan.events))
    return ImportResult(table, used, events)
