"""Services: the only way the UI and the command line read and change a workspace.

Each returns plain results and raises typed errors whose messages are fit to show.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from deepdive.services.changes import ChangeBus
from deepdive.services.guard import IdentifierGuard

# The services (and SQLAlchemy behind them) are imported when a workspace is bound,
# not when this package is imported: the UI imports plain results from here while
# the main window is still appearing. Import service classes inside for_workspace.
if TYPE_CHECKING:
    from deepdive.services.actions import ActionService
    from deepdive.services.agencies import AgencyService
    from deepdive.services.audit import AuditService
    from deepdive.services.cases import CaseService
    from deepdive.services.events import EventService
    from deepdive.services.learning import LearningService
    from deepdive.services.measures import MeasureService
    from deepdive.services.outcomes import OutcomeService
    from deepdive.services.people import PeopleService
    from deepdive.services.reference_patterns import ReferencePatternService
    from deepdive.services.search import SearchService
    from deepdive.services.sessions import SessionService
    from deepdive.services.stories import StoryService
    from deepdive.services.template_library import TemplateLibrary
    from deepdive.services.themes import ThemeService
    from deepdive.storage.workspace import Workspace


# The modules for_workspace imports; tests/services/test_preload.py keeps this in step.
SERVICE_MODULES = (
    "actions",
    "agencies",
    "audit",
    "cases",
    "events",
    "learning",
    "measures",
    "outcomes",
    "people",
    "reference_patterns",
    "search",
    "sessions",
    "stories",
    "template_library",
    "themes",
)


def preload() -> None:
    """Import every service and the database layer behind them, without binding any.

    The app calls this on a background thread while its window is appearing, so that
    opening the workspace afterwards is quick.
    """
    import sqlalchemy.dialects.sqlite  # noqa: F401  (SQLAlchemy loads it on first connect)

    import deepdive.privacy.guard  # the services' default guard
    import deepdive.storage.workspace  # noqa: F401

    for name in SERVICE_MODULES:
        importlib.import_module(f"deepdive.services.{name}")


@dataclass
class Services:
    """Every service bound to one open workspace, sharing one change bus."""

    workspace: Workspace
    changes: ChangeBus
    cases: CaseService
    people: PeopleService
    agencies: AgencyService
    events: EventService
    sessions: SessionService
    search: SearchService
    actions: ActionService
    templates: TemplateLibrary
    audit: AuditService
    themes: ThemeService
    outcomes: OutcomeService
    learning: LearningService
    measures: MeasureService
    stories: StoryService
    reference_patterns: ReferencePatternService
    guard: IdentifierGuard

    @classmethod
    def for_workspace(cls, workspace: Workspace, guard: IdentifierGuard | None = None) -> Services:
        """Bind the services to ``workspace`` (seeding the default agencies if needed).

        ``guard`` keeps identities out of pseudonyms, roles and names of things (default:
        validated patterns only; the app gives one it sets an unlocked vault into).
        """
        from deepdive.services.actions import ActionService
        from deepdive.services.agencies import AgencyService
        from deepdive.services.audit import AuditService
        from deepdive.services.cases import CaseService
        from deepdive.services.events import EventService
        from deepdive.services.guard import patterns_guard
        from deepdive.services.learning import LearningService
        from deepdive.services.measures import MeasureService
        from deepdive.services.outcomes import OutcomeService
        from deepdive.services.people import PeopleService
        from deepdive.services.reference_patterns import ReferencePatternService
        from deepdive.services.search import SearchService
        from deepdive.services.sessions import SessionService
        from deepdive.services.stories import StoryService
        from deepdive.services.template_library import TemplateLibrary
        from deepdive.services.themes import ThemeService

        changes = ChangeBus()
        guard = guard or patterns_guard()
        services = cls(
            workspace=workspace,
            changes=changes,
            cases=CaseService(workspace, changes, guard),
            people=PeopleService(workspace, changes, guard),
            agencies=AgencyService(workspace, changes, guard),
            events=EventService(workspace, changes, guard),
            sessions=SessionService(workspace, changes, guard),
            search=SearchService(workspace),
            actions=ActionService(workspace, changes, guard),
            templates=TemplateLibrary(workspace, changes),
            audit=AuditService(workspace, changes),
            themes=ThemeService(workspace, changes, guard),
            outcomes=OutcomeService(workspace, changes),
            learning=LearningService(workspace),
            measures=MeasureService(workspace, changes, guard),
            stories=StoryService(workspace, changes),
            reference_patterns=ReferencePatternService(workspace, changes),
            guard=guard,
        )
        if not workspace.read_only:  # a reader never writes: a new workspace has them
            services.agencies.ensure_defaults()
        return services

    def close(self) -> None:
        """Close the workspace."""
        self.workspace.close()
