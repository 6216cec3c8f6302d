"""Every text a case holds, as leak-check parts ("Check this case for identifiers")."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from deepdive.privacy.leakcheck import TextPart

if TYPE_CHECKING:
    from deepdive.services import Services


def case_text_parts(services: Services, case_id: int) -> list[TextPart]:
    """The case's summary, cast notes, chronology, session responses and actions."""
    case = services.cases.get(case_id)
    parts = [TextPart("pseudonym", case.pseudonym), TextPart("summary", case.summary)]
    parts.extend(TextPart(f"cast: {p.pseudonym} (notes)", p.notes) for p in case.people)
    for event in services.events.list_events(case_id):
        when = event.span.display()
        for field in ("description", "significance", "voice", "outcome"):
            parts.append(TextPart(f"chronology, {when}: {field}", getattr(event, field)))
    for session in services.sessions.list_sessions(case_id):
        for stage, response in services.sessions.responses(session.id).items():
            for number, text in enumerate(_strings(response), start=1):
                parts.append(TextPart(f"session “{session.title}”, {stage} ({number})", text))
    parts.extend(
        TextPart("actions", action.description) for action in services.actions.list_actions(case_id)
    )
    return [part for part in parts if part.text.strip()]


def _strings(value: Any) -> Iterator[str]:
    """Every string inside a stored response (its shape depends on the stage kind)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
