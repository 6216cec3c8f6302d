"""Importing agency chronologies (CSV, Excel sheets, Word tables) into a case, all or nothing.

Reading (:mod:`.tables`), deciding which column is which (:mod:`.mapping`) and
checking every row (:mod:`.plan`) write nothing; :func:`import_chronology` then adds
every event in one transaction, or none when any row is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
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
from deepdive.importing.reader import read_table
from deepdive.importing.tables import ImportFileError, SourceTable
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
    """What an import read and added: the events, and the agencies it added or mapped."""

    table: SourceTable
    mapping: dict[int, Field]
    events: list[EventInfo]
    added_agencies: tuple[str, ...] = ()
    mapped_agencies: tuple[tuple[str, str], ...] = ()


def context_for(services: Services, case_id: int) -> ImportContext:
    """The agencies and cast an import of this case's rows may refer to, and the guard
    that new agency names must pass."""
    cast = tuple((p.id, p.pseudonym) for p in services.people.list_people(case_id))
    return ImportContext(
        tuple(services.agencies.names()), cast, services.agencies.kinds(), services.guard
    )


def import_chronology(
    services: Services,
    case_id: int,
    path: Path,
    mapping: ColumnMapping | None = None,
    defaults: ImportDefaults | None = None,
    sheet: str | None = None,
    check_new_agencies: Callable[[tuple[str, ...]], None] | None = None,
) -> ImportResult:
    """Read ``path``, check every row and add all its events to the case in one go.

    The agencies the file names that the workspace does not know (and that
    ``defaults.agency_map`` does not map) are added in the same transaction.
    ``sheet`` chooses a spreadsheet's sheet (default: its first visible one).
    ``check_new_agencies`` is told the names the import would add before the rows are
    checked a last time; it may raise to stop the import, or tighten the services'
    identifier guard (the command line unlocks the key vault into it).

    Raises ImportFileError (unreadable file), ImportMappingError (no date or
    description column) or ImportRowsError (bad rows: nothing is written).
    """
    table = read_table(path, sheet=sheet)
    used = dict(mapping) if mapping is not None else guess_mapping(table.headers)
    plan = plan_import(table, used, context_for(services, case_id), defaults)
    if plan.new_agencies and check_new_agencies is not None:
        check_new_agencies(plan.new_agencies)
        plan = plan_import(table, used, context_for(services, case_id), defaults)
    if plan.problems:
        raise ImportRowsError(table, plan.problems)
    events = services.events.add_many(case_id, list(plan.events), plan.new_agencies)
    return ImportResult(table, used, events, plan.new_agencies, plan.mapped_agencies)
