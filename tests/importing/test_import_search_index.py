"""A big import sets the per-row search triggers aside; the search index must not notice.

The oracle is a second workspace given the same events through the ordinary per-row
triggers (small batches): both indexes must hold exactly the same rows.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from deepdive.importing import import_chronology
from deepdive.services import Services
from deepdive.services.events import EventInput
from deepdive.services.search import SearchKind
from deepdive.storage.search_index import BULK_AT_LEAST, bulk_event_indexing
from deepdive.storage.workspace import open_workspace

ROWS = BULK_AT_LEAST + 100


def _row_text(n: int) -> str:
    return f"Visit number{n} by the outreach worker, quiet and settled"


def _write_csv(path: Path) -> Path:
    lines = ["Date,Event,Source,Significance,Outcome"]
    for n in range(ROWS):
        lines.append(
            f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2010 + n % 9},"
            f'"{_row_text(n)}",Police,"Matters {n}",Recorded'
        )
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


def _index_rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT rowid, kind, case_id, item_id, title, body FROM search_index ORDER BY rowid"
        ).fetchall()


def _triggers(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()


def _event_hits(services: Services, words: str) -> list[int]:
    return [h.item_id for h in services.search.search(words) if h.kind is SearchKind.EVENT]


def test_a_big_import_is_indexed_exactly_as_the_triggers_would_index_it(
    services: Services, workspace_path: Path, tmp_path: Path
) -> None:
    triggers_before = _triggers(workspace_path)
    case = services.cases.create("DD-1", "Jay")
    result = import_chronology(services, case.id, _write_csv(tmp_path / "police.csv"))
    assert len(result.events) == ROWS

    # The same events, given to a second workspace a few at a time (triggers run).
    other_path = tmp_path / "oracle.deepdive"
    other = Services.for_workspace(open_workspace(other_path))
    try:
        other_case = other.cases.create("DD-1", "Jay")
        items = [
            EventInput(
                date=str(e.span.start),
                category=e.category,
                description=e.description,
                agency=e.agency,
                significance=e.significance,
                outcome=e.outcome,
            )
            for e in sorted(services.events.list_events(case.id), key=lambda e: e.id)
        ]
        for start in range(0, len(items), 50):
            other.events.add_many(other_case.id, items[start : start + 50])
    finally:
        other.close()

    events_only = [row for row in _index_rows(workspace_path) if row[1] == SearchKind.EVENT]
    oracle = [row for row in _index_rows(other_path) if row[1] == SearchKind.EVENT]
    assert len(events_only) == ROWS
    assert events_only == oracle
    # The triggers are back, exactly as the migration made them.
    assert _triggers(workspace_path) == triggers_before
    assert _event_hits(services, "number321") == [
        e.id for e in result.events if "number321 " in e.description
    ]


def test_undo_and_redo_of_a_big_import_keep_search_in_step(
    services: Services, workspace_path: Path, tmp_path: Path
) -> None:
    case = services.cases.create("DD-1", "Jay")
    kept = services.events.add(case.id, EventInput("2009", "family", "Moved in with Nan"))
    before = services.events.snapshot(case.id)
    result = import_chronology(services, case.id, _write_csv(tmp_path / "police.csv"))
    ids = [e.id for e in result.events]
    after = services.events.snapshot(case.id, ids)
    index_after_import = _index_rows(workspace_path)
    assert _event_hits(services, "number42") != []

    services.events.restore(before, ids)  # what undoing the import does
    assert _event_hits(services, "number42") == []
    assert _event_hits(services, "outreach") == []
    assert _event_hits(services, "Nan") == [kept.id]

    services.events.restore(after)  # and redoing it
    assert _index_rows(workspace_path) == index_after_import
    assert len(_event_hits(services, "outreach")) == 200  # the search's own cap


def test_a_big_delete_removes_exactly_those_events_from_search(
    services: Services, tmp_path: Path
) -> None:
    case = services.cases.create("DD-1", "Jay")
    result = import_chronology(services, case.id, _write_csv(tmp_path / "police.csv"))
    gone = [e.id for e in result.events[:BULK_AT_LEAST]]
    services.events.delete_many(case.id, gone)
    remaining = [e.id for e in result.events[BULK_AT_LEAST:]]
    assert _event_hits(services, "number7") == []
    assert _event_hits(services, f"number{BULK_AT_LEAST + 7}") == [remaining[7]]


def test_a_failure_in_the_middle_of_a_bulk_write_leaves_index_and_triggers_as_they_were(
    services: Services, workspace_path: Path
) -> None:
    case = services.cases.create("DD-1", "Jay")
    services.events.add(case.id, EventInput("2009", "family", "Moved in with Nan"))
    index_before, triggers_before = _index_rows(workspace_path), _triggers(workspace_path)

    with pytest.raises(RuntimeError), services.workspace.transaction() as session:
        connection = session.connection()
        with bulk_event_indexing(connection, BULK_AT_LEAST) as indexing:
            assert indexing.bulk
            connection.exec_driver_sql(
                "INSERT INTO events (id, case_id, date_text, first_day, last_day, sort_key, "
                "position, category, description, significance, voice, outcome, key_episode, "
                "created_at, updated_at) VALUES (99, ?, '2010', '2010-01-01', '2010-12-31', "
                "'2010', 9, 'family', 'Half written', '', '', '', 0, '2020-01-01', '2020-01-01')",
                (case.id,),
            )
            indexing.touched([99])
            raise RuntimeError("the disk filled up")

    assert _index_rows(workspace_path) == index_before
    assert _triggers(workspace_path) == triggers_before
    assert [e.description for e in services.events.list_events(case.id)] == ["Moved in with Nan"]
    # The ordinary triggers still work afterwards.
    later = services.events.add(case.id, EventInput("2011", "education", "Started at college"))
    assert _event_hits(services, "college") == [later.id]
