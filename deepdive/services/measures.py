"""Programme measures: figures the programme lead records for the programme as a whole.

A measure ("Residential placements commissioned") has values over time, each with
the date it describes (a fuzzy date, usually a month: "Jul 2017"), the figure, where
the figure comes from and a note. They are not drawn from the case studies, so they
sit beside the figures computed from cases in the programme report.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import selectinload

from deepdive.domain.dates import DateError, FuzzyDate
from deepdive.domain.uk_dates import parse_uk_date
from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import DuplicateError, NotFoundError, ValidationError
from deepdive.services.guard import GuardedField, IdentifierGuard, patterns_guard
from deepdive.services.text import clean_line, clean_text
from deepdive.services.validation import guarded_line
from deepdive.storage.models import MeasureValue, ProgrammeMeasure
from deepdive.storage.workspace import Workspace

MAX_NAME = 160
MAX_UNIT = 60
_NUMBER = re.compile(r"[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?|[+-]?\.\d+")


@dataclass(frozen=True)
class MeasureValueInfo:
    """One value of a measure."""

    id: int
    measure_id: int
    when: FuzzyDate
    value: float
    source: str
    note: str

    @property
    def figure(self) -> str:
        """The value as written: "48", "1,250", "2.5"."""
        return format_figure(self.value)


@dataclass(frozen=True)
class MeasureInfo:
    """A measure with its values, oldest first."""

    id: int
    name: str
    unit: str
    note: str
    values: tuple[MeasureValueInfo, ...]


@dataclass(frozen=True)
class MeasureSnapshot:
    """A measure as it was, with its place in the list (see ``MeasureService.restore``)."""

    info: MeasureInfo
    position: int


def format_figure(value: float) -> str:
    """A figure as people write it: no ".0" on whole numbers, thousands with commas."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def measure_figure(text: str | float) -> float:
    """A figure typed as "48", "1,250" or "2.5" (no units: those belong to the measure)."""
    if isinstance(text, int | float) and not isinstance(text, bool):
        value = float(text)
    else:
        typed = clean_line(str(text))
        if not typed:
            raise ValidationError("Give the figure, for example 48.", "value")
        if not _NUMBER.fullmatch(typed):
            raise ValidationError(
                f"'{typed}' is not a number: write the figure alone (such as 48 or 2.5); "
                "what it counts goes in the measure's unit.",
                "value",
            )
        value = float(typed.replace(",", ""))
    if not math.isfinite(value) or abs(value) >= 1e15:
        raise ValidationError("That figure is too large to record.", "value")
    return value


def measure_date(text: str) -> FuzzyDate:
    """The date a value describes, as records give it: "Jul 2017", "2019-09", "2018"."""
    typed = clean_line(text)
    if not typed:
        raise ValidationError("Give the month the figure describes, for example Jul 2017.", "when")
    try:
        return parse_uk_date(typed)
    except DateError as exc:
        raise ValidationError(f"{exc}.", "when") from None


def _value_info(row: MeasureValue) -> MeasureValueInfo:
    return MeasureValueInfo(
        row.id, row.measure_id, FuzzyDate.parse(row.date_text), row.value, row.source, row.note
    )


def _info(row: ProgrammeMeasure) -> MeasureInfo:
    values = sorted(row.values, key=lambda v: (v.sort_key, v.id))
    return MeasureInfo(row.id, row.name, row.unit, row.note, tuple(_value_info(v) for v in values))


def _by_name(session: OrmSession, name: str) -> ProgrammeMeasure | None:
    for row in session.scalars(select(ProgrammeMeasure)):
        if row.name.casefold() == name.casefold():
            return row
    return None


class MeasureService:
    """Create, change and read programme measures and their values."""

    def __init__(
        self, workspace: Workspace, changes: ChangeBus, guard: IdentifierGuard | None = None
    ) -> None:
        self._workspace = workspace
        self._changes = changes
        self._guard = guard or patterns_guard()

    # ---------------------------------------------------------------- reading
    def list_measures(self) -> list[MeasureInfo]:
        """Every measure in the order the lead put them, with its values oldest first."""
        with self._workspace.reading() as session:
            rows = session.scalars(
                select(ProgrammeMeasure)
                .options(selectinload(ProgrammeMeasure.values))
                .order_by(ProgrammeMeasure.position, ProgrammeMeasure.id)
            ).all()
            return [_info(r) for r in rows]

    def get(self, measure_id: int) -> MeasureInfo:
        """One measure with its values."""
        with self._workspace.reading() as session:
            return _info(self._load(session, measure_id))

    def find(self, name: str) -> MeasureInfo | None:
        """The measure called ``name`` (ignoring case), if any."""
        with self._workspace.reading() as session:
            row = _by_name(session, " ".join(name.split()))
            return _info(row) if row is not None else None

    # ---------------------------------------------------------------- measures
    def create(self, name: str, unit: str = "", note: str = "") -> MeasureInfo:
        """A new measure; its name must be new (ignoring case) and name no one."""
        clean = self._name(name)
        unit_text = self._unit(unit)
        with self._workspace.transaction() as session:
            self._refuse_taken(session, clean, None)
            last = session.scalar(select(func.max(ProgrammeMeasure.position))) or 0
            row = ProgrammeMeasure(
                name=clean, unit=unit_text, note=clean_text(note).strip(), position=last + 1
            )
            session.add(row)
            session.flush()
            info = MeasureInfo(row.id, row.name, row.unit, row.note, ())
        self._publish(ChangeKind.ADDED, info.id)
        return info

    def update(
        self,
        measure_id: int,
        *,
        name: str | None = None,
        unit: str | None = None,
        note: str | None = None,
    ) -> MeasureInfo:
        """Change a measure's name, unit or note (what is not given stays)."""
        clean = self._name(name) if name is not None else None
        unit_text = self._unit(unit) if unit is not None else None
        with self._workspace.transaction() as session:
            row = self._load(session, measure_id)
            if clean is not None:
                self._refuse_taken(session, clean, row.id)
                row.name = clean
            if unit_text is not None:
                row.unit = unit_text
            if note is not None:
                row.note = clean_text(note).strip()
            session.flush()
            info = _info(row)
        self._publish(ChangeKind.UPDATED, measure_id)
        return info

    def delete(self, measure_id: int) -> MeasureInfo:
        """Remove a measure and its values; returns what was removed (to put it back)."""
        with self._workspace.transaction() as session:
            row = self._load(session, measure_id)
            info = _info(row)
            session.delete(row)
        self._publish(ChangeKind.REMOVED, measure_id)
        return info

    def snapshot(self, measure_id: int) -> MeasureSnapshot:
        """A measure as it is now, its place and figures included (see :meth:`restore`)."""
        with self._workspace.reading() as session:
            row = self._load(session, measure_id)
            return MeasureSnapshot(_info(row), row.position)

    def restore(self, snapshot: MeasureSnapshot) -> MeasureInfo:
        """Make a measure exactly as ``snapshot`` was, with the same id, place and figures
        (their ids too), whether it was deleted or changed since: the undo of a change."""
        info = snapshot.info
        with self._workspace.transaction() as session:
            self._refuse_taken(session, info.name, info.id)
            row = session.get(ProgrammeMeasure, info.id)
            if row is None:
                row = ProgrammeMeasure(id=info.id)
                session.add(row)
            row.name, row.unit, row.note = info.name, info.unit, info.note
            row.position = snapshot.position
            kept = {value.id for value in info.values}
            row.values = [value for value in row.values if value.id in kept]
            session.flush()  # figures not in the snapshot go before any takes their date
            present = {value.id: value for value in row.values}
            for value in info.values:
                stored = present.get(value.id)
                if stored is None:
                    stored = MeasureValue(id=value.id)
                    row.values.append(stored)
                _set_date(stored, value.when)
                stored.value, stored.source, stored.note = value.value, value.source, value.note
            session.flush()
            restored = _info(row)
        self._publish(ChangeKind.UPDATED, info.id)
        return restored

    # ---------------------------------------------------------------- values
    def add_value(
        self,
        measure_id: int,
        when: str,
        value: str | float,
        source: str = "",
        note: str = "",
    ) -> MeasureValueInfo:
        """Record the measure's figure for a date (one figure per date)."""
        day = measure_date(when)
        figure = measure_figure(value)
        with self._workspace.transaction() as session:
            measure = self._load(session, measure_id)
            self._refuse_same_date(measure, day, None)
            row = MeasureValue(measure_id=measure.id, value=figure)
            _set_date(row, day)
            row.source = clean_text(source).strip()
            row.note = clean_text(note).strip()
            session.add(row)
            session.flush()
            info = _value_info(row)
        self._publish(ChangeKind.UPDATED, measure_id)
        return info

    def update_value(
        self,
        value_id: int,
        *,
        when: str | None = None,
        value: str | float | None = None,
        source: str | None = None,
        note: str | None = None,
    ) -> MeasureValueInfo:
        """Change one recorded value (what is not given stays)."""
        day = measure_date(when) if when is not None else None
        figure = measure_figure(value) if value is not None else None
        with self._workspace.transaction() as session:
            row = session.get(MeasureValue, value_id)
            if row is None:
                raise NotFoundError("That figure is no longer in this workspace.")
            if day is not None:
                self._refuse_same_date(row.measure, day, row.id)
                _set_date(row, day)
            if figure is not None:
                row.value = figure
            if source is not None:
                row.source = clean_text(source).strip()
            if note is not None:
                row.note = clean_text(note).strip()
            session.flush()
            info = _value_info(row)
        self._publish(ChangeKind.UPDATED, info.measure_id)
        return info

    def remove_value(self, value_id: int) -> MeasureValueInfo:
        """Forget one recorded value; returns it (to put it back)."""
        with self._workspace.transaction() as session:
            row = session.get(MeasureValue, value_id)
            if row is None:
                raise NotFoundError("That figure is no longer in this workspace.")
            info = _value_info(row)
            session.delete(row)
        self._publish(ChangeKind.UPDATED, info.measure_id)
        return info

    # ---------------------------------------------------------------- helpers
    def _name(self, name: str) -> str:
        return guarded_line(
            name, "name", "A measure's name", GuardedField.MEASURE, self._guard, MAX_NAME
        )

    @staticmethod
    def _unit(unit: str) -> str:
        text = clean_line(unit)
        if len(text) > MAX_UNIT:
            raise ValidationError(f"The unit is too long ({len(text)} of {MAX_UNIT}).", "unit")
        return text

    @staticmethod
    def _load(session: OrmSession, measure_id: int) -> ProgrammeMeasure:
        row = session.get(ProgrammeMeasure, measure_id)
        if row is None:
            raise NotFoundError("That measure is no longer in this workspace.")
        return row

    @staticmethod
    def _refuse_taken(session: OrmSession, name: str, keep: int | None) -> None:
        other = _by_name(session, name)
        if other is not None and other.id != keep:
            raise DuplicateError(f"There is already a measure called {other.name}.", "name")

    @staticmethod
    def _refuse_same_date(measure: ProgrammeMeasure, day: FuzzyDate, keep: int | None) -> None:
        for row in measure.values:
            if row.id != keep and row.date_text == str(day):
                raise DuplicateError(
                    f"{measure.name} already has a figure for {day.long_display()}; "
                    "change that one instead.",
                    "when",
                )

    def _publish(self, kind: ChangeKind, measure_id: int) -> None:
        """Workspace-wide: measures belong to no case."""
        self._changes.publish(Change(Entity.MEASURE, kind, (measure_id,), None))


def _set_date(row: MeasureValue, day: FuzzyDate) -> None:
    row.date_text = str(day)
    row.first_day = day.earliest()
    row.last_day = day.latest()
    row.sort_key = day.sort_key()
