"""Reading a case study out of the workspace through the services."""

from __future__ import annotations

from datetime import date

from deepdive.export.model import CaseStudy, SessionWriteUp
from deepdive.export.options import ExportOptions
from deepdive.services import Services
from deepdive.services.errors import NotFoundError


def assemble_case_study(
    services: Services,
    case: str | int,
    options: ExportOptions,
    *,
    today: date | None = None,
) -> CaseStudy:
    """The case (by code or id) with its chronology, chosen sessions and actions."""
    detail = services.cases.find(case) if isinstance(case, str) else services.cases.get(case)
    events = tuple(services.events.list_events(detail.id))
    actions = tuple(services.sessions.list_actions(detail.id))
    summaries = services.sessions.list_sessions(detail.id)
    if options.session_ids is None:
        # Oldest first: the write-up reads as the story of the work.
        chosen = sorted(summaries, key=lambda s: (s.held_on or date.max, s.id))
    else:
        by_id = {s.id: s for s in summaries}
        missing = [i for i in options.session_ids if i not in by_id]
        if missing:
            raise NotFoundError(
                f"Case {detail.code} has no session {missing[0]}; it may have been deleted."
            )
        chosen = [by_id[i] for i in options.session_ids]
    on_events, on_answers = services.themes.case_themes(detail.id)
    sessions = tuple(
        SessionWriteUp(
            summary=summary,
            detail=services.sessions.get(summary.id),
            template=services.sessions.template_of(summary.id),
            responses=services.sessions.responses(summary.id),
            actions=tuple(a for a in actions if a.session_id == summary.id),
            themes={
                stage: names for (owner, stage), names in on_answers.items() if owner == summary.id
            },
        )
        for summary in chosen
    )
    return CaseStudy(
        case=detail,
        events=events,
        sessions=sessions,
        actions=actions,
        exported_on=today or date.today(),
        event_themes=on_events,
        story=services.stories.get(detail.id).text,
    )
