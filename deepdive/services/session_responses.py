"""The stored shape of each kind of stage response (see docs/template-format.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from deepdive.services.errors import ValidationError
from deepdive.services.text import clean_line, clean_text
from deepdive.templates import SCALE_MAX, SCALE_MIN, ResponseKind

if TYPE_CHECKING:
    from deepdive.services.events import EventInfo

MAP_COLUMNS = 3


def empty_response(kind: ResponseKind) -> dict[str, Any]:
    """What an unanswered stage of this kind holds."""
    return clean_response(kind, {})[0]


def clean_response(
    kind: ResponseKind, value: dict[str, Any]
) -> tuple[dict[str, Any], list[int] | None]:
    """The stored JSON for a response, and the linked event ids for the events kind."""
    if kind is ResponseKind.TEXT:
        return {"text": clean_text(str(value.get("text", "")))}, None
    if kind is ResponseKind.LIST:
        return {"items": _items(value.get("items", []), "items")}, None
    if kind is ResponseKind.SCALE:
        raw = value.get("value")
        if raw is not None and (
            not isinstance(raw, int) or isinstance(raw, bool) or not SCALE_MIN <= raw <= SCALE_MAX
        ):
            raise ValidationError("A scale answer is a whole number from 0 to 10.", "value")
        return {"value": raw, "note": clean_text(str(value.get("note", "")))}, None
    if kind is ResponseKind.MAP:
        columns = value.get("columns", [[]] * MAP_COLUMNS)
        if not isinstance(columns, list | tuple) or len(columns) != MAP_COLUMNS:
            raise ValidationError("A map has exactly three columns.", "columns")
        return {"columns": [_items(column, "columns") for column in columns]}, None
    if kind is ResponseKind.EVENTS:
        raw_ids = value.get("event_ids", [])
        if not isinstance(raw_ids, list | tuple) or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in raw_ids
        ):
            raise ValidationError("Linked events are given by their ids.", "event_ids")
        ids = list(dict.fromkeys(raw_ids))  # in the order picked, each once
        stored: dict[str, Any] = {
            "event_ids": ids,
            "notes": clean_text(str(value.get("notes", ""))),
        }
        reflections = _reflections(value.get("reflections", {}))
        if reflections:
            stored["reflections"] = {str(k): v for k, v in reflections.items()}
        # An event the room reflected on is linked to the session as a chosen one is.
        return stored, list(dict.fromkeys([*ids, *reflections]))
    return {}, None


def _reflections(raw: object) -> dict[int, str]:
    """The room's reflections by event id (from the walk), the empty ones dropped."""
    if not isinstance(raw, dict):
        raise ValidationError("Reflections are kept by event.", "reflections")
    out: dict[int, str] = {}
    for key, text in raw.items():
        try:
            event_id = int(key)
        except (TypeError, ValueError):
            raise ValidationError("Reflections are kept by event.", "reflections") from None
        cleaned = clean_text(str(text))
        if cleaned.strip():
            out[event_id] = cleaned
    return out


def _items(raw: object, field: str) -> list[str]:
    if not isinstance(raw, list | tuple):
        raise ValidationError("A list answer is a list of short items.", field)
    items = [clean_line(str(item)) for item in raw]
    return [item for item in items if item]


def reflections_of(response: dict[str, Any]) -> dict[int, str]:
    """The room's reflections on events, by event id (said while walking the chronology)."""
    raw = response.get("reflections", {})
    if not isinstance(raw, dict):
        return {}
    return {int(k): str(v) for k, v in raw.items() if str(k).isdigit() and str(v).strip()}


def walked_events(response: dict[str, Any], events: dict[int, EventInfo]) -> list[EventInfo]:
    """The events a stage's response names (chosen, or reflected on), in date order."""
    ids = [*response.get("event_ids", []), *reflections_of(response)]
    linked = [events[i] for i in dict.fromkeys(ids) if i in events]
    return sorted(linked, key=lambda e: (e.span.sort_key(), e.id))
