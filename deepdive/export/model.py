"""The case study as a document sees it: read from the services once, then written.

Assembling reads the workspace (on the thread that owns it); writing needs nothing but
this plain data, so the app can write a big document on a worker thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from deepdive.services.events import EventInfo
from deepdive.services.results import ActionInfo, CaseDetail
from deepdive.services.sessions import SessionDetail, SessionSummary
from deepdive.templates import Template


@dataclass(frozen=True)
class SessionWriteUp:
    """One session with the template version it used and the room's responses."""

    summary: SessionSummary
    detail: SessionDetail
    template: Template
    responses: dict[str, dict[str, Any]]
    actions: tuple[ActionInfo, ...]
    themes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """The learning themes tagged on each stage's answer, by stage id."""


@dataclass(frozen=True)
class CaseStudy:
    """Everything a case study document shows."""

    case: CaseDetail
    events: tuple[EventInfo, ...]
    sessions: tuple[SessionWriteUp, ...]
    actions: tuple[ActionInfo, ...]
    exported_on: date
    event_themes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    """The learning themes tagged on events (in the chronology or while walking it)."""
    story: str = ""
    """The story of a life changed (Markdown; "" when none is written)."""

    @property
    def key_episodes(self) -> int:
        """How many events are marked as key practice episodes."""
        return sum(1 for e in self.events if e.key_episode)

    @property
    def title(self) -> str:
        """The document title."""
        return f"Deep Dive case study: {self.case.pseudonym}"
