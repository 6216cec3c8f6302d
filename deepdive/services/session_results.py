"""Plain results about sessions and templates, for the UI and the command line.

Kept apart from the session service (and so from SQLAlchemy) because the UI imports
these while the main window is still appearing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


@dataclass(frozen=True)
class SessionSummary:
    """One row of a case's session list."""

    id: int
    case_id: int
    title: str
    template_name: str
    held_on: date | None
    status: str


@dataclass(frozen=True)
class Participant:
    """Someone in the room, by role and agency only."""

    role: str
    agency: str | None = None


@dataclass(frozen=True)
class SessionDetail:
    """Everything about one session except its responses."""

    id: int
    case_id: int
    title: str
    template_key: str
    template_version: int
    template_name: str
    held_on: date | None
    status: str
    facilitator_role: str
    participants: tuple[Participant, ...]
    current_stage: str | None
    notes: str
    minutes_used: dict[str, int] = field(default_factory=dict)
    """Minutes the room spent on each stage (by stage id), as the runner's timer kept them."""


@dataclass(frozen=True)
class SessionImpact:
    """What deleting a session would lose, for the confirmation message."""

    title: str
    answered_stages: int
    actions: int

    def describe(self) -> str:
        """A sentence naming what will be lost and what stays."""
        stages = f"{self.answered_stages} answered stage{'s' if self.answered_stages != 1 else ''}"
        kept = ""
        if self.actions:
            kept = (
                f" The {self.actions} action{'s' if self.actions != 1 else ''} agreed in it "
                "stay in the case's action list."
            )
        return f"Delete the session '{self.title}'? This permanently removes {stages}.{kept}"


@dataclass(frozen=True)
class EventLink:
    """A session stage that links a chronology event (for the chronology's side)."""

    event_id: int
    session_id: int
    session_title: str
    held_on: date | None
    stage_id: str
    stage_title: str


class TemplateSource(StrEnum):
    """Where a template in the library came from."""

    BUILTIN = "builtin"
    """Shipped with DeepDive."""
    USER = "user"
    """Written or edited in this workspace."""
    IMPORTED = "imported"
    """Imported from a file another team shared."""

    @property
    def label(self) -> str:
        """The source as a user reads it."""
        return {"builtin": "Built-in", "user": "Edited here", "imported": "Imported"}[self.value]


@dataclass(frozen=True)
class TemplateEntry:
    """One template in the workspace's library (its newest version)."""

    key: str
    name: str
    version: int
    source: TemplateSource
    description: str
    stage_count: int
    total_minutes: int
    sessions: int = 0
    """How many sessions in the workspace used any version of it."""


@dataclass(frozen=True)
class ImportResult:
    """What importing a template file did, in a sentence to show."""

    entry: TemplateEntry
    message: str
    added: bool
