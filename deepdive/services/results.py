"""Plain results the services hand to the UI and the command line (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class CaseSummary:
    """One row of the case list."""

    id: int
    code: str
    pseudonym: str
    status: str
    archived: bool
    updated_at: datetime
    event_count: int
    session_count: int


@dataclass(frozen=True)
class PersonInfo:
    """A member of a case's cast."""

    id: int
    case_id: int
    pseudonym: str
    role: str
    agency: str | None
    notes: str
    # The row version when read: give it back to PeopleService.update
    # (``expected_version``) so a colleague's newer change is never overwritten.
    version: int = 1


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case overview shows."""

    id: int
    code: str
    pseudonym: str
    birth_year: int | None
    birth_month: int | None
    status: str
    archived: bool
    edge_of_care: bool
    summary: str
    tags: tuple[str, ...]
    people: tuple[PersonInfo, ...]
    created_at: datetime
    updated_at: datetime
    # The overview's row version when read: give it back to CaseService.update
    # (``expected_version``) so a colleague's newer change is never overwritten.
    version: int = 1

    @property
    def birth_text(self) -> str:
        """The approximate birth month/year as typed and stored (``2004-05``, ``2004``)."""
        if self.birth_year is None:
            return ""
        if self.birth_month is None:
            return f"{self.birth_year:04d}"
        return f"{self.birth_year:04d}-{self.birth_month:02d}"


@dataclass(frozen=True)
class DeletionImpact:
    """What deleting a case would lose, for the confirmation message."""

    code: str
    pseudonym: str
    people: int
    events: int
    sessions: int
    actions: int

    def describe(self) -> str:
        """A sentence naming what will be lost."""
        parts = [
            _count(self.events, "chronology event"),
            _count(self.sessions, "session"),
            _count(self.actions, "action"),
            _count(self.people, "person in the cast", "people in the cast"),
        ]
        return (
            f"Delete case {self.code} ({self.pseudonym})? This permanently removes "
            f"{', '.join(parts[:-1])} and {parts[-1]}. Archive it instead to keep it."
        )


@dataclass(frozen=True)
class ActionInfo:
    """An agreed action."""

    id: int
    case_id: int
    session_id: int | None
    stage_id: str | None
    description: str
    owner_role: str
    due_on: date | None
    done: bool
    # The row version when read: give it back to ActionService.update
    # (``expected_version``) so a colleague's newer change is never overwritten.
    version: int = 1


def _count(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"
