"""Turning a table's rows into events, finding every row that cannot become one.

An import is all or nothing: :func:`plan_import` checks every row and returns the
events together with a problem for each bad row (its number as the user sees it and
what is wrong), so the user can fix them all at once. Nothing here writes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from deepdive.domain.dates import DateError, DateSpan, FuzzyDate
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.domain.vocabulary import CATEGORIES
from deepdive.errors import DeepDiveError
from deepdive.importing.agencies import AgencyNames, name_key
from deepdive.importing.mapping import ColumnMapping, Field
from deepdive.importing.tables import SourceTable
from deepdive.services.agencies import agency_name
from deepdive.services.errors import ValidationError
from deepdive.services.events import EventInput, validated_category
from deepdive.services.guard import IdentifierGuard, patterns_guard
from deepdive.services.text import clean_line

# A date cell may hold a period: "01/02/2017 - 03/05/2017", "Feb 2017 to May 2017".
_RANGE = re.compile(r"\s+(?:-|–|—|to|until)\s+", re.IGNORECASE)
_LIST = re.compile(r"\s*[,;]\s*")
_PEOPLE_LIST = re.compile(r"\s*(?:[,;&/]|\band\b)\s*", re.IGNORECASE)
_YES = {"yes", "y", "true", "1", "x", "✓", "✔", "key", "kpe", "*"}
_NO = {"", "no", "n", "false", "0", "-", "–"}

# What agencies write for the event domains.
CATEGORY_ALIASES = {
    "police": "police/justice",
    "justice": "police/justice",
    "school": "education",
    "camhs": "health",
    "health camhs": "health",
    "csc": "social care",
    "yot": "youth justice",
    "yjs": "youth justice",
    "nwd": "hub support",
    "hub": "hub support",
    "accommodation": "housing",
    "missing episode": "missing",
    "missing from home": "missing",
    "cse": "exploitation",
    "cce": "exploitation",
}
# The domain an event takes from its source's kind when the file gives none.
KIND_CATEGORY = {
    "social care": "social care",
    "police": "police/justice",
    "health": "health",
    "education": "education",
    "youth justice": "youth justice",
    "housing": "housing",
    "hub": "hub support",
}


_key = name_key


@dataclass(frozen=True)
class ImportContext:
    """What the workspace knows that rows refer to: agencies (and their kinds), the
    case's cast, and the guard every new agency name must pass."""

    agencies: tuple[str, ...]
    cast: tuple[tuple[int, str], ...]  # (person id, pseudonym)
    kinds: Mapping[str, str] = field(default_factory=dict)
    guard: IdentifierGuard | None = None


@dataclass(frozen=True)
class ImportDefaults:
    """What rows without a value get: a domain and a source agency (None: work it out);
    and ``agency_map``: the workspace's agency for each of the file's names the user
    mapped (a name not mapped and not known is added to the workspace's list)."""

    category: str | None = None
    agency: str | None = None
    agency_map: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RowProblem:
    """Why one row cannot be imported."""

    row: int
    message: str


@dataclass(frozen=True)
class ImportPlan:
    """The events a table would give, and every problem that stops the import."""

    events: tuple[EventInput, ...]
    row_numbers: tuple[int, ...]
    problems: tuple[RowProblem, ...]
    unknown_agencies: tuple[str, ...] = ()
    """The file's agency names the workspace does not know, as first written."""
    new_agencies: tuple[str, ...] = ()
    """The agencies the import adds (the unknown names nobody mapped)."""
    mapped_agencies: tuple[tuple[str, str], ...] = ()
    """(the file's name, the workspace's agency) for each mapping the rows used."""

    @property
    def ok(self) -> bool:
        """Whether the whole file can be imported."""
        return not self.problems


class ImportMappingError(DeepDiveError):
    """The chosen columns cannot make events (no date or description column, bad default)."""


class _RowError(Exception):
    """One thing wrong with a row (collected into the row's problem)."""


T = TypeVar("T")


def _attempt(errors: list[str], work: Callable[[], T], fallback: T) -> T:
    try:
        return work()
    except _RowError as exc:
        errors.append(str(exc))
        return fallback


class _Reader:
    """Reads the cells of one row into an EventInput, with the workspace's names."""

    def __init__(
        self,
        table: SourceTable,
        mapping: ColumnMapping,
        context: ImportContext,
        defaults: ImportDefaults,
    ) -> None:
        self.table = table
        self.columns: dict[Field, list[int]] = {}
        for column in sorted(mapping):
            self.columns.setdefault(mapping[column], []).append(column)
        self.agencies = AgencyNames(context.agencies, context.kinds)
        self.kinds = context.kinds
        self.guard = context.guard
        self.agency_map = {_key(theirs): ours for theirs, ours in defaults.agency_map.items()}
        self.unknown: dict[str, str] = {}  # key → the name as first written
        self.mapped: dict[str, tuple[str, str]] = {}
        self.new: dict[str, str] = {}
        self._named: dict[str, str | _RowError] = {}
        self.cast: dict[str, int] = {}
        for person_id, pseudonym in context.cast:
            self.cast.setdefault(_key(pseudonym), person_id)
        self.defaults = defaults
        self._read_dates: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, str | None]] = {}

    def cells(self, row: tuple[str, ...], field: Field) -> list[str]:
        return [row[c] for c in self.columns.get(field, []) if row[c].strip()]

    def text(self, row: tuple[str, ...], field: Field) -> str:
        return "\n\n".join(self.cells(row, field))

    def header(self, field: Field) -> str:
        return " + ".join(f"'{self.table.headers[c]}'" for c in self.columns.get(field, []))

    def read(self, row: tuple[str, ...]) -> tuple[EventInput, list[str]]:
        errors: list[str] = []
        no_dates: tuple[str, str | None] = ("", None)
        start, end = _attempt(errors, lambda: self._dates(row), no_dates)
        agency = _attempt(errors, lambda: self._agency(row), None)
        category = _attempt(errors, lambda: self._category(row, agency), "other")
        nobody: tuple[int, ...] = ()
        people = _attempt(errors, lambda: self._people(row), nobody)
        key_episode = _attempt(errors, lambda: self._key_episode(row), False)
        description = self.text(row, Field.DESCRIPTION)
        if not description:
            errors.append(f"{self.header(Field.DESCRIPTION)} is empty: say what happened")
        tags = tuple(t for cell in self.cells(row, Field.TAGS) for t in _LIST.split(cell) if t)
        event = EventInput(
            date=start,
            end=end,
            category=category,
            description=description,
            agency=agency,
            people=people,
            significance=self.text(row, Field.SIGNIFICANCE),
            voice=self.text(row, Field.VOICE),
            outcome=self.text(row, Field.OUTCOME),
            key_episode=key_episode,
            tags=tags,
        )
        return event, errors

    def _date(self, text: str, field: Field) -> FuzzyDate:
        try:
            return parse_uk_date(text)
        except DateError as exc:
            raise _RowError(f"{self.header(field)}: {exc}") from None

    def _dates(self, row: tuple[str, ...]) -> tuple[str, str | None]:
        # Agency chronologies repeat dates: each pair of cells is read once.
        cells = (tuple(self.cells(row, Field.DATE)), tuple(self.cells(row, Field.END)))
        found = self._read_dates.get(cells)
        if found is None:
            found = self._read_dates[cells] = self._dates_of(row)
        return found

    def _dates_of(self, row: tuple[str, ...]) -> tuple[str, str | None]:
        [start_text, *_] = self.cells(row, Field.DATE) or [""]
        if not start_text:
            raise _RowError(f"{self.header(Field.DATE)} is empty: every event needs a date")
        end_cells = self.cells(row, Field.END)
        parts = _RANGE.split(start_text, maxsplit=1)
        if len(parts) == 2 and not end_cells:
            start_text, end_text = parts
        else:
            end_text = end_cells[0] if end_cells else ""
        start = self._date(start_text, Field.DATE)
        end = self._date(end_text, Field.END if end_cells else Field.DATE) if end_text else None
        try:
            DateSpan(start, end)
        except DateError as exc:
            raise _RowError(
                f"{self.header(Field.END if end_cells else Field.DATE)}: {exc}"
            ) from None
        return str(start), str(end) if end else None

    def _agency(self, row: tuple[str, ...]) -> str | None:
        cells = self.cells(row, Field.AGENCY)
        if not cells:
            return self.defaults.agency
        key = _key(cells[0])
        found = self._named.get(key)
        if found is None:
            try:
                found = self._agency_named(cells[0], key)
            except _RowError as exc:
                found = exc
            self._named[key] = found
        if isinstance(found, _RowError):
            raise found
        return found

    def _agency_named(self, text: str, key: str) -> str:
        """The workspace's agency for a cell: known, mapped by the user, or new."""
        known = self.agencies.find(text)
        if known is not None and key not in self.agency_map:
            return known
        if known is None:
            self.unknown.setdefault(key, clean_line(text))
        if key in self.agency_map:
            ours = self.agency_map[key]
            self.mapped.setdefault(key, (clean_line(text), ours))
            return ours
        try:
            name = agency_name(text, self.guard or patterns_guard())
        except ValidationError as exc:
            raise _RowError(f"{self.header(Field.AGENCY)}: {exc}") from None
        return self.new.setdefault(key, name)

    def _category(self, row: tuple[str, ...], agency: str | None) -> str:
        cells = self.cells(row, Field.CATEGORY)
        if not cells:
            if self.defaults.category:
                return self.defaults.category
            kind = self.kinds.get(agency) if agency else None
            return KIND_CATEGORY.get(kind, "other") if kind else "other"
        wanted = _key(cells[0])
        for known in CATEGORIES:
            if _key(known) == wanted or _key(known).startswith(wanted + " "):
                return known
        if wanted in CATEGORY_ALIASES:
            return CATEGORY_ALIASES[wanted]
        raise _RowError(
            f"{self.header(Field.CATEGORY)}: '{cells[0]}' is not an event domain "
            f"(use one of: {', '.join(CATEGORIES)})"
        )

    def _people(self, row: tuple[str, ...]) -> tuple[int, ...]:
        found: list[int] = []
        for cell in self.cells(row, Field.PEOPLE):
            for name in _PEOPLE_LIST.split(cell):
                if not name:
                    continue
                person = self.cast.get(_key(name))
                if person is None:
                    raise _RowError(
                        f"{self.header(Field.PEOPLE)}: '{name}' is not in the case's cast "
                        "(add them by pseudonym first; real names belong in the key vault)"
                    )
                found.append(person)
        return tuple(dict.fromkeys(found))

    def _key_episode(self, row: tuple[str, ...]) -> bool:
        cells = self.cells(row, Field.KEY_EPISODE)
        value = cells[0].casefold() if cells else ""
        if value in _YES:
            return True
        if value in _NO:
            return False
        raise _RowError(f"{self.header(Field.KEY_EPISODE)}: '{cells[0]}' is not yes or no")


def plan_import(
    table: SourceTable,
    mapping: ColumnMapping,
    context: ImportContext,
    defaults: ImportDefaults | None = None,
) -> ImportPlan:
    """Read every row of ``table`` through ``mapping``; see :class:`ImportPlan`."""
    missing = [f.label for f in (Field.DATE, Field.DESCRIPTION) if f not in mapping.values()]
    if missing:
        raise ImportMappingError(
            f"{table.name}: no column holds the {' or the '.join(m.lower() for m in missing)}; "
            "choose the columns to use (headers such as 'Date' and 'Event' are found "
            "without help)."
        )
    defaults = defaults or ImportDefaults()
    if defaults.category:
        try:
            defaults = replace(defaults, category=validated_category(defaults.category))
        except ValidationError as exc:
            raise ImportMappingError(str(exc)) from None
    known = {_key(name): name for name in context.agencies}
    if defaults.agency:
        defaults = replace(defaults, agency=_known(defaults.agency, known, context))
    ours = {theirs: _known(name, known, context) for theirs, name in defaults.agency_map.items()}
    defaults = replace(defaults, agency_map=ours)
    reader = _Reader(table, mapping, context, defaults)
    events: list[EventInput] = []
    numbers: list[int] = []
    problems: list[RowProblem] = []
    for number, row in zip(table.row_numbers, table.rows, strict=True):
        event, errors = reader.read(row)
        if errors:
            problems.append(RowProblem(number, "; ".join(errors)))
        else:
            events.append(event)
            numbers.append(number)
    return ImportPlan(
        tuple(events),
        tuple(numbers),
        tuple(problems),
        tuple(reader.unknown.values()),
        tuple(reader.new.values()),
        tuple(reader.mapped.values()),
    )


def _known(name: str, known: dict[str, str], context: ImportContext) -> str:
    """The workspace's agency called ``name``, or ImportMappingError listing them."""
    if _key(name) not in known:
        raise ImportMappingError(
            f"'{clean_line(name)}' is not an agency in this workspace; use one of: "
            f"{', '.join(context.agencies)} (or add it first with 'deepdive agencies add')."
        )
    return known[_key(name)]
