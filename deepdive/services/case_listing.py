"""A quick, read-only look at a workspace's case list without the database layer.

At start-up the window shows the case list from this look while SQLAlchemy and the
services load, so the user sees their cases in a fraction of the time. It uses only
the standard library's ``sqlite3``, opens the file read-only, and answers ``None``
for anything that is not plainly an up-to-date, whole DeepDive workspace; the full
open then decides what to tell the user. It never replaces the full open.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from deepdive.services.results import CaseSummary
from deepdive.storage.integrity import APPLICATION_ID, header_problem, read_only_uri
from deepdive.storage.revisions import HEAD_REVISION

# The same rows, counts and order as CaseService.list_cases.
_CASE_ROWS = """
SELECT c.id, c.code, c.pseudonym, c.status, c.archived, c.updated_at,
       c.event_count,
       (SELECT count(*) FROM sessions AS s WHERE s.case_id = c.id)
FROM cases AS c
ORDER BY c.updated_at DESC, c.code
"""


def peek_case_summaries(path: Path) -> list[CaseSummary] | None:
    """Every case in the workspace at ``path``, or None if a quick look cannot tell."""
    if not path.is_file() or header_problem(path) is not None:
        return None
    try:
        connection = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return None
        revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        if revision is None or revision[0] != HEAD_REVISION:
            return None
        return [_summary(row) for row in connection.execute(_CASE_ROWS)]
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        connection.close()


def _summary(row: tuple[Any, ...]) -> CaseSummary:
    case_id, code, pseudonym, status, archived, updated_at, events, sessions = row
    # Stored as naive UTC text by the models' UTCDateTime.
    changed = datetime.fromisoformat(str(updated_at)).replace(tzinfo=UTC)
    return CaseSummary(
        id=int(case_id),
        code=str(code),
        pseudonym=str(pseudonym),
        status=str(status),
        archived=bool(archived),
        updated_at=changed,
        event_count=int(events),
        session_count=int(sessions),
    )
