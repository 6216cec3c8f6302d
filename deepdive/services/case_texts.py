"""Every text of many cases at once, read in a handful of queries.

For counting what each case holds that an export would refuse (the case list's marker),
the texts' places do not matter, only which case they belong to, so a whole workspace
is read with one query per table rather than several per case.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import select

from deepdive.storage.models import (
    Action,
    Case,
    CaseStory,
    ChronologyEvent,
    Person,
    Session,
    SessionParticipant,
    StageResponse,
)
from deepdive.storage.workspace import Workspace


def texts_by_case(workspace: Workspace, case_ids: Sequence[int] | None = None) -> dict[int, str]:
    """Each case's texts (every field a person types), joined by blank lines."""
    found: dict[int, list[str]] = defaultdict(list)

    def only(query: Any, column: Any) -> Any:
        return query if case_ids is None else query.where(column.in_(list(case_ids)))

    queries = (
        only(select(Case.id, Case.code, Case.pseudonym, Case.summary), Case.id),
        only(select(CaseStory.case_id, CaseStory.text), CaseStory.case_id),
        only(select(Person.case_id, Person.pseudonym, Person.role, Person.notes), Person.case_id),
        only(
            select(
                ChronologyEvent.case_id,
                ChronologyEvent.description,
                ChronologyEvent.significance,
                ChronologyEvent.voice,
                ChronologyEvent.outcome,
            ),
            ChronologyEvent.case_id,
        ),
        only(
            select(Session.case_id, Session.title, Session.facilitator_role, Session.notes),
            Session.case_id,
        ),
        only(select(Session.case_id, SessionParticipant.role).join(Session), Session.case_id),
        only(select(Action.case_id, Action.description, Action.owner_role), Action.case_id),
    )
    with workspace.reading() as session:
        for query in queries:
            for case_id, *texts in session.execute(query):
                found[case_id].extend(t for t in texts if t)
        responses = only(
            select(Session.case_id, StageResponse.content_json).join(Session), Session.case_id
        )
        for case_id, content in session.execute(responses):
            found[case_id].extend(_strings(json.loads(content)))
    return {case_id: "\n\n".join(texts) for case_id, texts in found.items()}


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.strip():
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
