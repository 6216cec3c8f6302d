"""The session template model: a template is an ordered list of stages.

Plain frozen dataclasses with no Qt and no database, so a template can be loaded,
compared, snapshotted into a session and shared between threads freely. The loader
(:mod:`deepdive.templates.loader`) is the one place that checks a template is valid.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ResponseKind(StrEnum):
    """What the room's answer to a stage is captured as."""

    TEXT = "text"
    """Free text (Markdown)."""
    LIST = "list"
    """A list of short items."""
    SCALE = "scale"
    """A 0–10 rating with a note."""
    MAP = "map"
    """A three-column map, e.g. Signs of Safety."""
    EVENTS = "events"
    """Links to chronology events."""
    ACTIONS = "actions"
    """An actions table: action, owner role, due date."""


KEY_EPISODES_FILTER = "key-episodes"
"""The one ``events`` filter: the stage is about key practice episodes (starred; the
events are still listed and walked in date order)."""

SCALE_MIN = 0
SCALE_MAX = 10


@dataclass(frozen=True, kw_only=True)
class ResponseSpec:
    """How a stage's response is captured; which extras apply depends on ``kind``."""

    kind: ResponseKind
    placeholder: str | None = None
    """``text``: hint shown in the empty editor."""
    item_label: str | None = None
    """``list``: what one item is called, e.g. "Strength"."""
    label: str | None = None
    """``scale``: the question the number answers."""
    low: str | None = None
    """``scale``: what 0 means."""
    high: str | None = None
    """``scale``: what 10 means."""
    columns: tuple[str, ...] = ()
    """``map``: exactly three column headings."""
    filter: str | None = None
    """``events``: ``"key-episodes"`` when the stage is about key practice episodes."""


@dataclass(frozen=True, kw_only=True)
class Stage:
    """One step of a session: why it exists, how to run it, what to ask, what to capture."""

    id: str
    title: str
    purpose: str
    guidance: str
    """Facilitator guidance, Markdown."""
    prompts: tuple[str, ...]
    minutes: int
    """Suggested duration."""
    response: ResponseSpec


@dataclass(frozen=True, kw_only=True)
class Template:
    """A structured reflective session, as shared between teams in a template file."""

    id: str
    name: str
    version: int
    description: str
    """One paragraph of Markdown shown when choosing a template."""
    stages: tuple[Stage, ...]
    audience: str | None = None
    """Who is in the room, e.g. "Multi-agency team"."""
    planned_minutes: int | None = None
    """The ``total_minutes`` written in the file, if any; see :attr:`total_minutes`."""

    @property
    def total_minutes(self) -> int:
        """The planned length: as given in the file, else the sum of the stage minutes."""
        if self.planned_minutes is not None:
            return self.planned_minutes
        return sum(stage.minutes for stage in self.stages)

    @property
    def stage_ids(self) -> tuple[str, ...]:
        """The stage ids, in order."""
        return tuple(stage.id for stage in self.stages)

    def stage(self, stage_id: str) -> Stage:
        """The stage with this id; ``KeyError`` if the template has none."""
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(f"template {self.id!r} has no stage {stage_id!r}")
