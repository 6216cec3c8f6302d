"""Telling the other people on a team workspace what changed: PostgreSQL's NOTIFY.

Every transaction that writes to a team workspace sends, in that same transaction, a
``pg_notify`` on the channel of each team whose cases it changed (a secret of the
team's, see :mod:`deepdive.storage.notify_channels`) and, for the shared lists, on the
shared :data:`CHANNEL`; PostgreSQL delivers them to the listeners when (and only if) the
transaction commits. The payload names only the kind of each thing changed
(``"event"``, ``"case"``, …, the values of the services' ``Entity``), what happened
(``"added"``, ``"updated"``, ``"removed"``), row ids and the case id: never any content;
a receiver reads what changed again through the services, as its own role. It also
carries the sending workspace's :attr:`origin`, a random token, so a window can ignore
its own changes.

What changed is collected from the writes themselves, whichever way they are made: the
ORM's flushes (objects added, changed or deleted), Core ``insert``/``update``/``delete``
statements (the ids in their parameters or ``WHERE id = …`` / ``IN (…)``), and the bulk
``INSERT`` that big imports send to the driver. The receiving end is
:mod:`deepdive.storage.notify_listener`.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, inspect
from sqlalchemy.engine import Connection
from sqlalchemy.orm import ORMExecuteState, UOWTransaction
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql import visitors
from sqlalchemy.sql.elements import BinaryExpression, BindParameter, ColumnElement
from sqlalchemy.sql.schema import Column

from deepdive.storage.notify_channels import CASE_SCOPED, SHARED_CHANNEL, has_team_channels, route

if TYPE_CHECKING:
    from deepdive.storage.workspace import Workspace

CHANNEL = SHARED_CHANNEL
# PostgreSQL refuses a payload of 8000 bytes or more.
MAX_PAYLOAD = 7900
TEAMS_ORIGIN = "teams"  # no window's own origin (those are random hex): all hear it
_NOTES = "deepdive.changes"

# table: (entity, the column holding the entity's id; None: the row's own ``id``)
_TABLES: dict[str, tuple[str, str | None]] = {
    "cases": ("case", None),
    "case_tags": ("case", "case_id"),
    "people": ("person", None),
    "events": ("event", None),
    "event_tags": ("event", "event_id"),
    "event_people": ("event", "event_id"),
    "event_themes": ("event", "event_id"),
    "sessions": ("session", None),
    "session_participants": ("session", "session_id"),
    "stage_responses": ("session", "session_id"),
    "response_themes": ("session", ""),
    "response_events": ("session", ""),
    "actions": ("action", None),
    "agencies": ("agency", None),
    "template_versions": ("template", None),
    "themes": ("theme", None),
    "case_outcomes": ("outcome", "case_id"),
    "case_stories": ("story", "case_id"),
    "programme_measures": ("measure", None),
    "measure_values": ("measure", "measure_id"),
    "workspace_meta": ("reference_pattern", ""),
}
_DRIVER_INSERT = re.compile(r"\s*INSERT INTO (\w+)\s*\(([^)]*)\)", re.IGNORECASE)


@dataclass(frozen=True)
class RemoteChange:
    """One thing another person changed: its kind, what happened, ids, its case.

    ``ids`` is None when the change's ids are not known (a receiver reads more again).
    """

    entity: str
    kind: str
    ids: tuple[int, ...] | None
    case_id: int | None


@dataclass(frozen=True)
class Notice:
    """One received notification: who sent it and what changed (``everything``: too
    much to list, or the connection was away; read everything shown again)."""

    origin: str
    changes: tuple[RemoteChange, ...]
    everything: bool = False


class _Collected:
    """What one transaction changed so far: (entity, kind, case) → ids (None: unknown)."""

    def __init__(self) -> None:
        self.entries: dict[tuple[str, str, int | None], set[int] | None] = {}
        self.case_teams: dict[int, set[int | None]] = {}
        """The teams of each case whose row the transaction loaded (deleted ones too):
        the one it is in, and the one it left if it moved."""

    def add(self, entity: str, kind: str, ids: Iterable[int] | None, case_id: int | None) -> None:
        if entity == "case" and case_id is None and ids is not None:
            for case in ids:  # a case is its own case
                self.add(entity, kind, [case], case)
            return
        key = (entity, kind, case_id)
        known = self.entries.get(key, set())
        if ids is None or known is None:
            self.entries[key] = None
        else:
            known.update(ids)
            self.entries[key] = known

    def changes(self) -> list[RemoteChange]:
        touched = {case for (entity, _k, case) in self.entries if entity == "case" and case}
        # A change made by id alone (an event updated) belongs to the case the same
        # transaction touched, when it touched just one.
        only = next(iter(touched)) if len(touched) == 1 else None
        merged = _Collected()
        for (entity, kind, case_id), ids in self.entries.items():
            case = case_id if case_id is not None or entity not in CASE_SCOPED else only
            merged.add(entity, kind, ids, case)
        return [
            RemoteChange(entity, kind, None if ids is None else tuple(sorted(ids)), case_id)
            for (entity, kind, case_id), ids in merged.entries.items()
        ]


def announce_changes(workspace: Workspace) -> str:
    """Make every transaction on ``workspace`` (a team workspace) send what it changed;
    returns the origin token its notifications carry."""
    origin = secrets.token_hex(8)
    with workspace.engine.connect() as connection:  # once: the schema does not change
        driver: Any = connection.connection.driver_connection
        teamed = has_team_channels(driver)
        connection.rollback()
    sessions = workspace.session_factory
    event.listen(sessions, "after_flush", _after_flush)
    event.listen(sessions, "do_orm_execute", _on_orm_execute)
    engine = workspace.engine
    event.listen(engine, "before_cursor_execute", _before_cursor_execute)
    event.listen(engine, "rollback", lambda conn: conn.info.pop(_NOTES, None))

    def send(conn: Connection) -> None:
        collected: _Collected | None = conn.info.pop(_NOTES, None)
        if collected is None or not collected.entries:
            return
        # On the driver's own connection: the transaction is still open, so PostgreSQL
        # delivers the notifications with the commit, and not at all after a rollback.
        driver: Any = conn.connection.driver_connection
        changes = collected.changes()
        for channel, part in route(driver, changes, collected.case_teams, teamed=teamed).items():
            driver.execute("SELECT pg_notify(%s, %s)", (channel, encode(origin, part)))

    event.listen(engine, "commit", send)
    return origin


def announce_teams_changed(connection: Connection) -> None:
    """Tell every open window, with the commit of ``connection``'s transaction, that who
    sees which cases has changed (a team's members, or a team deleted): each reads what
    it shows again, and one that may no longer read a case lets it go. The notice names
    nothing, so it goes on the shared channel, where even a member just added (not yet
    listening on their new team's channel) hears it."""
    driver: Any = connection.connection.driver_connection
    payload = json.dumps({"o": TEAMS_ORIGIN, "all": True}, separators=(",", ":"))
    driver.execute("SELECT pg_notify(%s, %s)", (SHARED_CHANNEL, payload))


def encode(origin: str, changes: Sequence[RemoteChange]) -> str:
    """The notification's payload: kinds and ids only, always under PostgreSQL's limit."""
    listed = [
        [c.entity, c.kind, None if c.ids is None else list(c.ids), c.case_id] for c in changes
    ]
    payload = json.dumps({"o": origin, "c": listed}, separators=(",", ":"))
    if len(payload) > MAX_PAYLOAD:  # too many ids: the kinds and cases still go
        listed = [[e, k, None, case] for e, k, _ids, case in listed]
        payload = json.dumps({"o": origin, "c": listed}, separators=(",", ":"))
    if len(payload) > MAX_PAYLOAD:
        payload = json.dumps({"o": origin, "all": True}, separators=(",", ":"))
    return payload


def decode(payload: str) -> Notice | None:
    """A received payload, or None when it is not one of DeepDive's."""
    try:
        data = json.loads(payload)
        origin = str(data["o"])
        if data.get("all"):
            return Notice(origin, (), everything=True)
        changes = tuple(
            RemoteChange(
                str(entity),
                str(kind),
                None if ids is None else tuple(int(i) for i in ids),
                None if case is None else int(case),
            )
            for entity, kind, ids, case in data["c"]
        )
    except (ValueError, KeyError, TypeError):
        return None
    return Notice(origin, changes)


# ------------------------------------------------------------------ collecting
def _collected(conn: Connection) -> _Collected:
    found = conn.info.get(_NOTES)
    if not isinstance(found, _Collected):
        found = conn.info[_NOTES] = _Collected()
    return found


def _after_flush(session: OrmSession, _flush: UOWTransaction) -> None:
    collected = _collected(session.connection())
    for objects, kind in (
        (session.new, "added"),
        (session.dirty, "updated"),
        (session.deleted, "removed"),
    ):
        for obj in objects:
            _note_object(collected, obj, kind)


def _note_object(collected: _Collected, obj: Any, kind: str) -> None:
    table = getattr(obj, "__tablename__", None)
    if table not in _TABLES:
        return
    entity, id_column = _TABLES[table]
    if id_column is None:
        ids: list[int] | None = [obj.id] if isinstance(obj.id, int) else None
    elif id_column:
        ids = [getattr(obj, id_column)]
        kind = "updated"  # a part of the entity changed, not the entity itself
    else:
        ids = []
    case_id = obj.id if table == "cases" else getattr(obj, "case_id", None)
    if table == "cases" and isinstance(obj.id, int) and "team_id" in vars(obj):
        teams = collected.case_teams.setdefault(obj.id, set())
        teams.add(vars(obj)["team_id"])  # read without loading it
        # A case moved out of a team: that team's members hear it too (it leaves them).
        teams.update(inspect(obj).attrs.team_id.history.deleted)
    collected.add(entity, kind, ids, case_id if isinstance(case_id, int) else None)


def _on_orm_execute(state: ORMExecuteState) -> None:
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(state.statement, "table", None)
    name = getattr(table, "name", None)
    if name not in _TABLES:
        return
    entity, id_column = _TABLES[name]
    column = id_column if id_column is not None else "id"
    kind = "added" if state.is_insert else "removed" if state.is_delete else "updated"
    if id_column is not None:
        kind = "updated"
    collected = _collected(state.session.connection())
    if state.is_insert:
        given: Any = state.parameters
        rows: list[Any] = given if isinstance(given, list) else [given or {}]
        compiled = getattr(state.statement, "_values", None) or {}
        values = {getattr(k, "key", str(k)): getattr(v, "value", v) for k, v in compiled.items()}
        for row in rows:
            merged = {**values, **dict(row)}
            ident = merged.get(column) if column else None
            case = merged.get("case_id")
            collected.add(
                entity,
                kind,
                [ident] if isinstance(ident, int) else None if column else [],
                case if isinstance(case, int) else None,
            )
        return
    where = getattr(state.statement, "whereclause", None)
    ids: list[int] | None = []
    if column:  # the ids compared with in WHERE; none found: not known
        ids = _bound(where, name, column) or None
    cases = _bound(where, name, "case_id")
    case = cases[0] if cases and len(set(cases)) == 1 else None
    collected.add(entity, kind, ids, case)


def _bound(clause: ColumnElement[Any] | None, table: str, column: str) -> list[int]:
    """The values a ``WHERE`` compares ``table.column`` with (``=`` or ``IN``)."""
    if clause is None:
        return []
    found: list[int] = []
    for element in visitors.iterate(clause):
        if not isinstance(element, BinaryExpression):
            continue
        left, right = element.left, element.right
        if not (isinstance(left, Column) and isinstance(right, BindParameter)):
            continue
        if left.name != column or getattr(left.table, "name", None) != table:
            continue
        value = right.effective_value
        values = value if isinstance(value, list | tuple) else [value]
        found.extend(v for v in values if isinstance(v, int))
    return found


def _before_cursor_execute(
    conn: Connection,
    _cursor: Any,
    statement: str,
    parameters: Any,
    context: Any,
    _executemany: bool,
) -> None:
    """The bulk ``INSERT`` sent straight to the driver (imports, new events)."""
    if context is not None and getattr(context, "compiled", None) is not None:
        return  # a compiled statement: the session's events saw it
    match = _DRIVER_INSERT.match(statement)
    if match is None or match.group(1) not in _TABLES:
        return
    entity, id_column = _TABLES[match.group(1)]
    columns = [c.strip() for c in match.group(2).split(",")]
    column = id_column if id_column is not None else "id"
    kind = "added" if id_column is None else "updated"
    rows = parameters if isinstance(parameters, list) else [parameters]
    collected = _collected(conn)
    at = columns.index(column) if column in columns else None
    case_at = columns.index("case_id") if "case_id" in columns else None
    for row in rows:
        ident = row[at] if at is not None else None
        case = row[case_at] if case_at is not None else None
        collected.add(
            entity,
            kind,
            [ident] if isinstance(ident, int) else None if column else [],
            case if isinstance(case, int) else None,
        )
