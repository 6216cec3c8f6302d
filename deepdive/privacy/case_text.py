"""Every text a case holds, each named by the place a person recognises.

"Check this case for identifiers", the case list's count of identifiers and a
stopped export's findings all name where a text is the way the app shows it —
``case › chronology › 14 Mar 2016 › What happened``, ``session “Deep Dive” › Who
is Jay? › notes``, ``cast › Mum › role`` — and carry enough (:class:`Place`) for the
app to go there.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from deepdive.privacy.leakcheck import TextPart

if TYPE_CHECKING:
    from deepdive.services import Services
    from deepdive.templates import Stage

SEP = " › "

# The chronology's text fields, as the event editor labels them.
EVENT_FIELDS = {
    "description": "What happened",
    "significance": "Significance and impact",
    "voice": "The young person's voice",
    "outcome": "Outcome or action",
}


class Area(StrEnum):
    """Which part of a case a place is in (which tab shows it)."""

    CASE = "case"
    CAST = "cast"
    CHRONOLOGY = "chronology"
    SESSION = "session"
    ACTION = "action"
    THEME = "theme"  # a learning theme's name (the Learning view manages them)


@dataclass(frozen=True)
class Place:
    """Where a text is: ``label`` for people; the rest for the app to go there.

    ``field`` is the field's name in its service (``summary``, ``role``,
    ``description``, ``response``, ``owner_role``, …); ``item_id`` the person, event,
    session or action; ``stage_id`` a session stage; ``part`` which column of a map
    response (0 for other responses) or which participant of a session; ``entry``
    which item of a list response or of a map's column. ``case_id`` is set where
    places of several cases are listed together (the programme report).
    """

    label: str
    area: Area
    field: str
    item_id: int | None = None
    stage_id: str | None = None
    part: int | None = None
    entry: int | None = None
    case_id: int | None = None

    @property
    def can_go(self) -> bool:
        """Whether the main window can show this place (a case's text)."""
        return self.area is not Area.THEME


@dataclass(frozen=True)
class PlacedText:
    """A text of the case and its place."""

    place: Place
    text: str


def case_places(services: Services, case_id: int) -> list[PlacedText]:
    """Every non-empty text of the case, in the order the app shows them."""
    case = services.cases.get(case_id)
    found: list[PlacedText] = []

    def add(text: str, label: str, area: Area, field: str, **where: Any) -> None:
        if text.strip():
            found.append(PlacedText(Place(label, area, field, **where), text))

    add(case.code, f"case{SEP}code", Area.CASE, "code")
    add(case.pseudonym, f"case{SEP}pseudonym", Area.CASE, "pseudonym")
    add(", ".join(case.tags), f"case{SEP}tags", Area.CASE, "tags")
    add(case.summary, f"case{SEP}summary", Area.CASE, "summary")
    # On the Outcomes tab; it goes into the programme report.
    story = services.stories.get(case_id).text
    add(story, f"case{SEP}outcomes{SEP}story of a life changed", Area.CASE, "story")
    for person in case.people:
        where = f"cast{SEP}{person.pseudonym}{SEP}"
        add(person.pseudonym, where + "pseudonym", Area.CAST, "pseudonym", item_id=person.id)
        add(person.role, where + "role", Area.CAST, "role", item_id=person.id)
        add(person.notes, where + "notes", Area.CAST, "notes", item_id=person.id)
    for event in services.events.list_events(case_id):
        when = f"case{SEP}chronology{SEP}{event.span.display()}{SEP}"
        for field, label in EVENT_FIELDS.items():
            add(getattr(event, field), when + label, Area.CHRONOLOGY, field, item_id=event.id)
    for summary in services.sessions.list_sessions(case_id):
        found.extend(_session_places(services, summary.id, summary.title))
    for action in services.actions.list_actions(case_id):
        where = f"case{SEP}actions{SEP}{_short(action.description)}{SEP}"
        add(action.description, where + "action", Area.ACTION, "description", item_id=action.id)
        add(action.owner_role, where + "owner role", Area.ACTION, "owner_role", item_id=action.id)
    return found


def case_text_parts(services: Services, case_id: int) -> list[TextPart]:
    """The case's texts as leak-check parts, each named by its place."""
    return [TextPart(p.place.label, p.text) for p in case_places(services, case_id)]


def _session_places(services: Services, session_id: int, title: str) -> Iterator[PlacedText]:
    detail = services.sessions.get(session_id)
    template = services.sessions.template_of(session_id)
    where = f"session “{title}”{SEP}"

    def placed(text: str, label: str, field: str, **extra: Any) -> Iterator[PlacedText]:
        if text.strip():
            yield PlacedText(
                Place(where + label, Area.SESSION, field, item_id=session_id, **extra), text
            )

    yield from placed(detail.title, "title", "title")
    yield from placed(detail.facilitator_role, "facilitator", "facilitator")
    for row, person in enumerate(detail.participants):
        yield from placed(person.role, "participants", "participants", part=row)
    stages = {stage.id: stage for stage in template.stages}
    for stage_id, response in services.sessions.responses(session_id).items():
        stage = stages.get(stage_id)
        heading = stage.title if stage is not None else stage_id
        for part, entry, question, text in _response_texts(stage, response):
            yield from placed(
                text,
                f"{heading}{SEP}{question}",
                "response",
                stage_id=stage_id,
                part=part,
                entry=entry,
            )


def _response_texts(
    stage: Stage | None, response: dict[str, Any]
) -> Iterator[tuple[int, int | None, str, str]]:
    """(column, item, what it answers, text) for every text in a stored response."""
    spec = stage.response if stage is not None else None
    if isinstance(response.get("text"), str):
        yield 0, None, "notes", response["text"]
    if isinstance(response.get("note"), str):
        yield 0, None, "why this number", response["note"]
    if isinstance(response.get("notes"), str):
        yield 0, None, "notes on the chronology", response["notes"]
    items = response.get("items")
    if isinstance(items, list):
        name = (spec.item_label if spec is not None and spec.item_label else "item").lower()
        for number, item in enumerate(items, start=1):
            yield 0, number - 1, f"{name} {number}", str(item)
    columns = response.get("columns")
    if isinstance(columns, list):
        headings = spec.columns if spec is not None else ()
        for index, column in enumerate(columns):
            heading = headings[index] if index < len(headings) else f"column {index + 1}"
            items_here = column if isinstance(column, list) else []
            for number, item in enumerate(items_here, start=1):
                yield index, number - 1, f"{heading}{SEP}point {number}", str(item)


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"
