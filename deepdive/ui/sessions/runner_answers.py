"""What the room has answered in a session, and the events its stages picked: worked
out from the stages, their editors and the stored responses, for the runner."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from deepdive.services.results import ActionInfo
from deepdive.templates import ResponseKind, Stage
from deepdive.ui.sessions.response_editors import ResponseEditor
from deepdive.ui.sessions.stage_editors import ActionsResponse, says_something


def answered_stages(
    stages: Iterable[Stage],
    editors: Mapping[str, ResponseEditor],
    responses: Mapping[str, dict[str, Any]],
    agreed: Callable[[], list[ActionInfo]],
) -> set[str]:
    """The ids of the stages the room has answered (``agreed``: the session's actions,
    read only if an actions stage has no editor open)."""
    answered = set()
    for stage in stages:
        editor = editors.get(stage.id)
        if isinstance(editor, ActionsResponse):
            if editor.has_actions():
                answered.add(stage.id)
        elif stage.response.kind is ResponseKind.ACTIONS:
            if any(action.stage_id == stage.id for action in agreed()):
                answered.add(stage.id)
        elif says_something(stage.response.kind, responses.get(stage.id, {})):
            answered.add(stage.id)
    return answered


def marked_events(stages: Iterable[Stage], responses: Mapping[str, dict[str, Any]]) -> list[int]:
    """The events the session's events stages picked, in stage order."""
    marked: list[int] = []
    for stage in stages:
        if stage.response.kind is ResponseKind.EVENTS:
            marked += list(responses.get(stage.id, {}).get("event_ids", []))
    return marked
