"""Helpers for bundle tests: a rich case, a full table dump, a case read back by plain SQL.

``case_snapshot`` reads a case with its own SQL (not the exporter's code), resolving
every id to what it means (people by sort order and pseudonym, events by date and
description), so two copies of a case in different workspaces compare field by field.
"""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from deepdive.demo import add_demo_case
from deepdive.services import Services
from deepdive.storage.models import (
    Case,
    CaseOutcome,
    ChronologyEvent,
    Session,
    Theme,
)


def enrich_demo_case(services: Services) -> str:
    """The demo case, plus the fields no service sets yet (themes, outcomes, timings)."""
    case = add_demo_case(services)
    with services.workspace.transaction() as orm:
        row = orm.scalar(select(Case).where(Case.code == case.code))
        assert row is not None
        row.stayed_with_family = True
        row.document_version = 3
        row.outcomes.clear()  # the demo's own outcomes go first, or the new rows clash
        orm.flush()
        row.outcomes = [
            CaseOutcome(
                domain="education",
                start_value="not attending",
                latest_value="college, 90% attendance",
                start_measured_on=date(2018, 9, 1),
                latest_measured_on=date(2021, 6, 30),
                note="From the school census and college register.",
            ),
            CaseOutcome(domain="missing episodes", start_value="11 a year", latest_value="0"),
        ]
        relationships = Theme(name="Relationships that stay", description="One **key** worker.")
        waiting = Theme(name="Waiting for help")
        events = orm.scalars(select(ChronologyEvent).where(ChronologyEvent.case_id == row.id)).all()
        events[0].themes = [relationships, waiting]
        events[3].themes = [waiting]
        session = orm.scalar(select(Session).where(Session.case_id == row.id))
        assert session is not None
        session.current_stage = session.responses[0].stage_id if session.responses else None
        session.notes = "Ran over by ten minutes; Nan's voice was missing from the room."
        for minutes, response in enumerate(session.responses, 5):
            response.minutes_used = minutes
        if session.responses:
            session.responses[0].themes = [relationships]
    return case.code


def dump_tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table in the workspace file (read-only)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with sqlite3.connect(uri, uri=True) as db:
        tables = [
            name
            for (name,) in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
            )
        ]
        # Sorted in Python: some FTS shadow tables have no rowid to order by.
        dump = {t: sorted(db.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    db.close()
    return dump


def case_snapshot(path: Path, code: str) -> dict[str, Any]:
    """Everything about one case, with ids replaced by what they point at."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    db = sqlite3.connect(uri, uri=True)
    db.row_factory = sqlite3.Row
    try:
        return _snapshot(db, code)
    finally:
        db.close()


def _rows(db: sqlite3.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in db.execute(sql, args).fetchall()]


def _without(row: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def _snapshot(db: sqlite3.Connection, code: str) -> dict[str, Any]:
    [case] = _rows(db, "SELECT * FROM cases WHERE code = ?", code)
    case_id = case["id"]
    agencies = {r["id"]: (r["name"], r["kind"]) for r in _rows(db, "SELECT * FROM agencies")}
    themes = {r["id"]: (r["name"], r["description"]) for r in _rows(db, "SELECT * FROM themes")}
    people_rows = _rows(
        db, "SELECT * FROM people WHERE case_id = ? ORDER BY sort_order, id", case_id
    )
    person_key = {p["id"]: (p["sort_order"], p["pseudonym"]) for p in people_rows}
    event_rows = _rows(
        db, "SELECT * FROM events WHERE case_id = ? ORDER BY sort_key, position, id", case_id
    )
    event_key = {
        e["id"]: (e["date_text"], e["position"], e["description"][:40]) for e in event_rows
    }

    def names(sql: str, *args: Any) -> list[Any]:
        return sorted(row[0] for row in db.execute(sql, args).fetchall())

    snapshot: dict[str, Any] = {
        "case": _without(case, "id", "code"),
        "tags": names(
            "SELECT t.name FROM tags t JOIN case_tags ct ON ct.tag_id = t.id WHERE ct.case_id = ?",
            case_id,
        ),
        "story": [
            _without(s, "case_id", "updated_at")  # a bundle carries the text only
            for s in _rows(db, "SELECT * FROM case_stories WHERE case_id = ?", case_id)
        ],
        "outcomes": [
            _without(o, "id", "case_id")
            for o in _rows(db, "SELECT * FROM case_outcomes WHERE case_id = ? ORDER BY id", case_id)
        ],
        "people": [
            {**_without(p, "id", "case_id", "agency_id"), "agency": agencies.get(p["agency_id"])}
            for p in people_rows
        ],
        "events": [
            {
                **_without(e, "id", "case_id", "source_agency_id"),
                "agency": agencies.get(e["source_agency_id"]),
                "people": sorted(
                    person_key[r[0]]
                    for r in db.execute(
                        "SELECT person_id FROM event_people WHERE event_id = ?", (e["id"],)
                    )
                ),
                "tags": names(
                    "SELECT t.name FROM tags t JOIN event_tags x ON x.tag_id = t.id "
                    "WHERE x.event_id = ?",
                    e["id"],
                ),
                "themes": sorted(
                    themes[r[0]]
                    for r in db.execute(
                        "SELECT theme_id FROM event_themes WHERE event_id = ?", (e["id"],)
                    )
                ),
            }
            for e in event_rows
        ],
        "sessions": [],
        "actions": [],
    }
    session_key: dict[int, str] = {}
    for s in _rows(db, "SELECT * FROM sessions WHERE case_id = ? ORDER BY id", case_id):
        session_key[s["id"]] = s["title"]
        [template] = _rows(
            db, "SELECT * FROM template_versions WHERE id = ?", s["template_version_id"]
        )
        responses = []
        for r in _rows(
            db, "SELECT * FROM stage_responses WHERE session_id = ? ORDER BY stage_id", s["id"]
        ):
            content = json.loads(r["content_json"])
            if "event_ids" in content:
                content["event_ids"] = [event_key[i] for i in content["event_ids"]]
            responses.append(
                {
                    **_without(r, "id", "session_id", "content_json"),
                    "content": content,
                    "linked_events": sorted(
                        event_key[row[0]]
                        for row in db.execute(
                            "SELECT event_id FROM response_events WHERE response_id = ?",
                            (r["id"],),
                        )
                    ),
                    "themes": sorted(
                        themes[row[0]]
                        for row in db.execute(
                            "SELECT theme_id FROM response_themes WHERE response_id = ?",
                            (r["id"],),
                        )
                    ),
                }
            )
        snapshot["sessions"].append(
            {
                **_without(s, "id", "case_id", "template_version_id"),
                "template": _without(template, "id"),
                "participants": [
                    (p["role"], agencies.get(p["agency_id"]))
                    for p in _rows(
                        db,
                        "SELECT * FROM session_participants WHERE session_id = ? ORDER BY id",
                        s["id"],
                    )
                ],
                "responses": responses,
            }
        )
    snapshot["actions"] = [
        {**_without(a, "id", "case_id", "session_id"), "session": session_key.get(a["session_id"])}
        for a in _rows(db, "SELECT * FROM actions WHERE case_id = ? ORDER BY position, id", case_id)
    ]
    return snapshot


def bundle_entries(path: Path) -> dict[str, bytes]:
    """The files inside a bundle."""
    with zipfile.ZipFile(path) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def write_zip(path: Path, entries: list[tuple[str, bytes]]) -> Path:
    """A zip holding exactly these entries, in order (duplicates allowed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2024, 5, 3, 14, 2, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    path.write_bytes(buffer.getvalue())
    return path


def rebuilt_bundle(
    good: Path,
    tmp_path: Path,
    change: Callable[[dict[str, bytes]], None],
    *,
    fix_checksums: bool = True,
) -> Path:
    """``good`` with its files changed (as ``hostile.ddcase`` in ``tmp_path``); the
    manifest's checksums are recomputed unless told not to."""
    entries = bundle_entries(good)
    change(entries)
    if fix_checksums and "manifest.json" in entries:
        manifest = json.loads(entries["manifest.json"])
        for name in manifest.get("files", {}):
            if name in entries:
                manifest["files"][name] = {
                    "sha256": hashlib.sha256(entries[name]).hexdigest(),
                    "bytes": len(entries[name]),
                }
        entries["manifest.json"] = json.dumps(manifest).encode("utf-8")
    return write_zip(tmp_path / "hostile.ddcase", list(entries.items()))


def edit_json(name: str, edit: Callable[[dict], None]) -> Callable[[dict[str, bytes]], None]:  # type: ignore[type-arg]
    """A change for :func:`rebuilt_bundle`: ``edit`` the parsed JSON of file ``name``."""

    def change(entries: dict[str, bytes]) -> None:
        data = json.loads(entries[name])
        edit(data)
        entries[name] = json.dumps(data).encode("utf-8")

    return change


def now() -> datetime:
    return datetime.now(UTC)
