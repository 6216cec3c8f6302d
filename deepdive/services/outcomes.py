"""Outcomes per case, in the domains No Wrong Door practitioners measure.

Each domain has a start and a latest value with the dates they were measured. Values
are stored as text but checked against the domain's kind: a place to live from a
fixed list, a count, a level of risk, a 0–10 score, or an education/employment state.
Edge-of-care cases also record whether the young person stayed at home or with family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import delete, select

from deepdive.services.changes import Change, ChangeBus, ChangeKind, Entity
from deepdive.services.errors import NotFoundError, ValidationError
from deepdive.services.row_versions import bump_stored, bump_version
from deepdive.services.text import clean_line, clean_text
from deepdive.storage.errors import changed_elsewhere
from deepdive.storage.models import Case, CaseOutcome
from deepdive.storage.workspace import Workspace


class ValueKind(StrEnum):
    """How a domain's values are written and compared."""

    PLACE = "place"  # one of ACCOMMODATION_TYPES
    COUNT = "count"  # a whole number, fewer is better
    LEVEL = "level"  # one of RISK_LEVELS, lower is better
    SCORE = "score"  # 0–10, higher is better
    ETE = "ete"  # one of ETE_STATES


class OutcomeDomain(StrEnum):
    """The outcome domains recorded for each case."""

    ACCOMMODATION = "accommodation"
    MOVES = "moves"
    EDUCATION = "education"
    OFFENDING = "offending"
    MISSING = "missing"
    CSE_RISK = "cse_risk"
    SUBSTANCE = "substance"
    WELLBEING = "wellbeing"

    @property
    def label(self) -> str:
        """The domain as a practitioner reads it."""
        return _LABELS[self][0]

    @property
    def kind(self) -> ValueKind:
        """How values in this domain are written."""
        return _LABELS[self][1]

    @property
    def hint(self) -> str:
        """What to write as a value."""
        return _LABELS[self][2]


ACCOMMODATION_TYPES: tuple[str, ...] = (
    "family home",
    "with wider family",
    "foster care",
    "hub residential",
    "independent residential",
    "supported accommodation",
    "secure or custody",
    "other",
)
RISK_LEVELS: tuple[str, ...] = ("none", "low", "medium", "high")
ETE_STATES: tuple[str, ...] = (
    "in education, employment or training",
    "part-time",
    "not in education, employment or training",
)
SCORE_MAX = 10

_LABELS: dict[OutcomeDomain, tuple[str, ValueKind, str]] = {
    OutcomeDomain.ACCOMMODATION: (
        "Accommodation (where the young person lives)",
        ValueKind.PLACE,
        "one of: " + ", ".join(ACCOMMODATION_TYPES),
    ),
    OutcomeDomain.MOVES: (
        "Accommodation moves (in the period measured)",
        ValueKind.COUNT,
        "a whole number of moves",
    ),
    OutcomeDomain.EDUCATION: (
        "Education, employment or training",
        ValueKind.ETE,
        "one of: " + ", ".join(ETE_STATES),
    ),
    OutcomeDomain.OFFENDING: (
        "Offending (offences in the period)",
        ValueKind.COUNT,
        "a whole number of offences",
    ),
    OutcomeDomain.MISSING: (
        "Missing episodes (in the period)",
        ValueKind.COUNT,
        "a whole number of episodes",
    ),
    OutcomeDomain.CSE_RISK: (
        "Child sexual exploitation risk",
        ValueKind.LEVEL,
        "one of: " + ", ".join(RISK_LEVELS),
    ),
    OutcomeDomain.SUBSTANCE: (
        "Substance misuse",
        ValueKind.LEVEL,
        "one of: " + ", ".join(RISK_LEVELS),
    ),
    OutcomeDomain.WELLBEING: (
        "Emotional wellbeing and resilience",
        ValueKind.SCORE,
        f"a score from 0 to {SCORE_MAX}",
    ),
}


@dataclass(frozen=True)
class OutcomeInfo:
    """One case's outcome in one domain."""

    case_id: int
    domain: OutcomeDomain
    start_value: str
    latest_value: str
    start_measured_on: date | None
    latest_measured_on: date | None
    note: str
    # The row version when read (a domain not recorded yet is at 1): give it back to
    # OutcomeService.set_outcome so a colleague's newer change is never overwritten.
    version: int = 1


@dataclass(frozen=True)
class EdgeOfCare:
    """Whether a case was on the edge of care, and if so whether they stayed at home."""

    edge_of_care: bool
    stayed_with_family: bool | None


def outcome_domain(text: str) -> OutcomeDomain:
    """The domain named ``text`` (its key), or a message listing the domains."""
    try:
        return OutcomeDomain(text.strip().lower())
    except ValueError:
        allowed = ", ".join(d.value for d in OutcomeDomain)
        raise ValidationError(
            f"'{text}' is not an outcome domain (use one of {allowed}).", "domain"
        ) from None


def outcome_value(domain: OutcomeDomain, text: str, field: str) -> str:
    """A value for ``domain`` in its canonical spelling; empty means not measured."""
    value = clean_line(text)
    if not value:
        return ""
    kind = domain.kind
    if kind is ValueKind.COUNT or kind is ValueKind.SCORE:
        top = SCORE_MAX if kind is ValueKind.SCORE else 10_000
        if not value.isdigit() or int(value) > top:
            raise ValidationError(f"{domain.label}: '{value}' is not {domain.hint}.", field)
        return str(int(value))
    allowed = {
        ValueKind.PLACE: ACCOMMODATION_TYPES,
        ValueKind.LEVEL: RISK_LEVELS,
        ValueKind.ETE: ETE_STATES,
    }[kind]
    for option in allowed:
        if option.casefold() == value.casefold():
            return option
    raise ValidationError(f"{domain.label}: '{value}' is not {domain.hint}.", field)


def _what(domain: OutcomeDomain) -> str:
    return f"this case's outcome for {domain.label.lower()}"


def _info(row: CaseOutcome) -> OutcomeInfo:
    return OutcomeInfo(
        case_id=row.case_id,
        domain=OutcomeDomain(row.domain),
        start_value=row.start_value,
        latest_value=row.latest_value,
        start_measured_on=row.start_measured_on,
        latest_measured_on=row.latest_measured_on,
        note=row.note,
        version=row.row_version,
    )


class OutcomeService:
    """Record and read each case's outcomes and edge-of-care result."""

    def __init__(self, workspace: Workspace, changes: ChangeBus) -> None:
        self._workspace = workspace
        self._changes = changes

    def list_for_case(self, case_id: int) -> list[OutcomeInfo]:
        """The case's recorded outcomes, in the order of :class:`OutcomeDomain`."""
        order = {d.value: i for i, d in enumerate(OutcomeDomain)}
        with self._workspace.reading() as session:
            if session.get(Case, case_id) is None:
                raise NotFoundError("That case is no longer in this workspace.")
            rows = session.scalars(select(CaseOutcome).where(CaseOutcome.case_id == case_id))
            known = [r for r in rows if r.domain in order]
            return [_info(r) for r in sorted(known, key=lambda r: order[r.domain])]

    def set_outcome(
        self,
        case_id: int,
        domain: OutcomeDomain | str,
        *,
        start_value: str = "",
        latest_value: str = "",
        start_measured_on: date | None = None,
        latest_measured_on: date | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> OutcomeInfo:
        """Record (or replace) the case's outcome in one domain.

        If the outcome changed since ``expected_version`` (``OutcomeInfo.version``; 1 for
        a domain not recorded yet), or changes while this saves, ChangedElsewhereError
        says so and nothing is saved.
        """
        which = domain if isinstance(domain, OutcomeDomain) else outcome_domain(domain)
        start = outcome_value(which, start_value, "start_value")
        latest = outcome_value(which, latest_value, "latest_value")
        if start_measured_on and latest_measured_on and latest_measured_on < start_measured_on:
            raise ValidationError(
                f"{which.label}: the latest measurement ({latest_measured_on:%d %b %Y}) is "
                f"before the start ({start_measured_on:%d %b %Y}).",
                "latest_measured_on",
            )
        with self._workspace.transaction() as session:
            if session.get(Case, case_id) is None:
                raise NotFoundError("That case is no longer in this workspace.")
            row = session.scalar(
                select(CaseOutcome).where(
                    CaseOutcome.case_id == case_id, CaseOutcome.domain == which.value
                )
            )
            if row is None:
                row = CaseOutcome(case_id=case_id, domain=which.value)
                session.add(row)
            bump_stored(session, row, expected_version, _what(which))
            row.start_value = start
            row.latest_value = latest
            row.start_measured_on = start_measured_on
            row.latest_measured_on = latest_measured_on
            row.note = clean_text(note).strip()
            session.flush()
            info = _info(row)
        self._changes.publish(Change(Entity.OUTCOME, ChangeKind.UPDATED, (case_id,), case_id))
        return info

    def clear_outcome(
        self,
        case_id: int,
        domain: OutcomeDomain | str,
        *,
        expected_version: int | None = None,
    ) -> None:
        """Forget the case's outcome in one domain; refused (ChangedElsewhereError) if it
        changed since ``expected_version``. One already forgotten stays forgotten."""
        which = domain if isinstance(domain, OutcomeDomain) else outcome_domain(domain)
        with self._workspace.transaction() as session:
            row = session.scalar(
                select(CaseOutcome).where(
                    CaseOutcome.case_id == case_id, CaseOutcome.domain == which.value
                )
            )
            if row is not None:
                bump_version(
                    session, CaseOutcome, row.id, row.row_version, expected_version, _what(which)
                )
                session.execute(delete(CaseOutcome).where(CaseOutcome.id == row.id))
        self._changes.publish(Change(Entity.OUTCOME, ChangeKind.REMOVED, (case_id,), case_id))

    def edge_of_care(self, case_id: int) -> EdgeOfCare:
        """The case's edge-of-care flag and result."""
        with self._workspace.reading() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError("That case is no longer in this workspace.")
            return EdgeOfCare(case.edge_of_care, case.stayed_with_family)

    def set_edge_of_care(
        self,
        case_id: int,
        edge_of_care: bool,
        stayed_with_family: bool | None = None,
        *,
        expected: EdgeOfCare | None = None,
    ) -> EdgeOfCare:
        """Mark a case as edge of care (or not) and whether the young person stayed at home.

        A case not on the edge of care has no "stayed at home" result. The flag is a
        column of the case (the overview shows it too), so this is a change to the case:
        it moves the overview's row version on, and an overview save read before it is
        refused (ChangedElsewhereError) rather than written over it.

        ``expected`` is the answer as the editor read it: if a colleague has changed the
        answer since, ChangedElsewhereError refuses the save (a change to the case's other
        fields does not: the answer is compared, not the case's version).
        """
        stayed = stayed_with_family if edge_of_care else None
        with self._workspace.transaction() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise NotFoundError("That case is no longer in this workspace.")
            bump_version(session, Case, case_id, case.row_version, None, "this case")
            stored = EdgeOfCare(case.edge_of_care, case.stayed_with_family)
            if expected is not None and stored != expected:
                raise changed_elsewhere("the edge-of-care answer")
            case.edge_of_care = edge_of_care
            case.stayed_with_family = stayed
        self._changes.publish(Change(Entity.CASE, ChangeKind.UPDATED, (case_id,), case_id))
        return EdgeOfCare(edge_of_care, stayed)
