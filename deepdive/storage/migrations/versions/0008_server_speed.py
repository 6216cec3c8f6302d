"""A team's reads stay quick on a big programme (PostgreSQL only; a file is unchanged).

- **Each link row knows its case.** The tables hanging off events, sessions and
  session responses (``event_people``, ``event_tags``, ``event_themes``,
  ``session_participants``, ``stage_responses``, ``response_events``,
  ``response_themes``) gain ``case_id``, set by a trigger from the row's parent (read
  under the writer's own row-level security, so nothing typed can choose it) and
  carried along if the parent ever moves to another case. Their team policy then asks
  for the case directly, as the tables keyed by case do. Before, it asked for the
  parent row, whose own policy asked for the case: PostgreSQL runs a policy's EXISTS
  as a subplan, not a join, so that was two index probes per row (on 10,000 cases and
  1,000,000 events a member's programme report probed all 200,000 event themes that
  way in each of two queries, 1.6-2.6 s each; the report took 3.7 s, now 0.6-1.5 s).
  Asked of the cases, the subplan is one small hash of the cases the role sees.
- **Search plans for the words typed.** ``deepdive_search`` plans each call for the
  query it is given (a reused plan made for another query walked the GIN index of a
  common prefix, "miss plac": 0.4 s, where reading the newest rows and stopping at
  the cap takes milliseconds), never in parallel (starting workers costs more than the
  search), and looks up a member's cases once, as a list the planner can see, instead
  of a subquery inside an OR that it could only run as a filter.

Revision ID: 0008_server_speed
Revises: 0007_scale_indexes
Create Date: 2026-12-03
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0008_server_speed"
down_revision = "0007_scale_indexes"
branch_labels = None
depends_on = None

# link table -> (its parent, the key naming the parent); parents before children.
LINKED = {
    "event_people": ("events", "event_id"),
    "event_tags": ("events", "event_id"),
    "event_themes": ("events", "event_id"),
    "session_participants": ("sessions", "session_id"),
    "stage_responses": ("sessions", "session_id"),
    "response_events": ("stage_responses", "response_id"),
    "response_themes": ("stage_responses", "response_id"),
}
_POLICY = "deepdive_team_rows"

_SET_CASE = """
CREATE FUNCTION {table}_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
NEW.case_id := (SELECT p.case_id FROM {parent} AS p WHERE p.id = NEW.{key});
RETURN NEW; END $$
"""

_CARRY_CASE = """
CREATE FUNCTION {parent}_carry_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
{updates}
RETURN NULL; END $$
"""

_CARRY_ONE = (
    "UPDATE {table} SET case_id = NEW.case_id "
    "WHERE {key} = NEW.id AND case_id IS DISTINCT FROM NEW.case_id;"
)

# Members see the search matches of their teams' cases: looked up once per call.
_MEMBER_CASES = (
    "ARRAY(SELECT c.id FROM cases AS c WHERE c.team_id IN (SELECT m.team_id "
    "FROM team_members AS m JOIN pg_roles AS r ON r.rolname = m.role_name "
    "WHERE pg_has_role(session_user, r.oid, 'MEMBER')))"
)

# As 0006_teams's (same signature, so members' grants stand), but planned per call:
# ``visible`` is NULL for the owner (every case) and folds away from the plan.
_SEARCH_FUNCTION = """
CREATE OR REPLACE FUNCTION deepdive_search(query tsquery, how text, wanted integer)
RETURNS SETOF bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = {schema}, pg_catalog, pg_temp
SET plan_cache_mode = force_custom_plan
SET max_parallel_workers_per_gather = 0 AS $$
DECLARE
    visible integer[];
BEGIN
    IF NOT pg_has_role(session_user,
            (SELECT relowner FROM pg_class WHERE oid = '{schema}.search_index'::regclass),
            'USAGE') THEN
        visible := {member_cases};
    END IF;
    IF how = 'ranked' THEN
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (visible IS NULL OR s.case_id = ANY (visible))
            ORDER BY ts_rank('{{0, 0, 0.25, 1}}', s.document, query) DESC, s.rowid DESC
            LIMIT wanted;
    ELSIF how = 'newest' THEN
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (visible IS NULL OR s.case_id = ANY (visible))
            ORDER BY s.rowid DESC LIMIT wanted;
    ELSE
        RETURN QUERY SELECT s.rowid FROM search_index AS s
            WHERE s.document @@ query AND (visible IS NULL OR s.case_id = ANY (visible))
            LIMIT wanted;
    END IF;
END $$
"""


def _parents() -> dict[str, list[tuple[str, str]]]:
    """Each parent's link tables and their keys."""
    out: dict[str, list[tuple[str, str]]] = {}
    for table, (parent, key) in LINKED.items():
        out.setdefault(parent, []).append((table, key))
    return out


def _teams_revision() -> ModuleType:
    """0006_teams, whose policies and search function the downgrade puts back (read from
    its file beside this one, as Alembic reads both)."""
    spec = importlib.util.spec_from_file_location(
        "deepdive_0006_teams", Path(__file__).with_name("0006_teams.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _schema() -> str:
    return str(op.get_bind().exec_driver_sql("SELECT quote_ident(current_schema())").scalar())


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, (parent, key) in LINKED.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN case_id integer")
        # Parents are filled before their links (stage responses before theirs); the
        # rows' own triggers (the search index's) have nothing to do with the new column.
        op.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        op.execute(
            f"UPDATE {table} AS t SET case_id = p.case_id FROM {parent} AS p WHERE p.id = t.{key}"
        )
        op.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
        op.execute(_SET_CASE.format(table=table, parent=parent, key=key))
        op.execute(
            f"CREATE TRIGGER {table}_case BEFORE INSERT OR UPDATE OF {key}, case_id ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_case()"
        )
        op.execute(f"DROP POLICY {_POLICY} ON {table}")
        op.execute(
            f"CREATE POLICY {_POLICY} ON {table} USING "
            f"(EXISTS (SELECT 1 FROM cases AS p WHERE p.id = {table}.case_id))"
        )
    for parent, children in _parents().items():
        updates = "\n".join(_CARRY_ONE.format(table=t, key=k) for t, k in children)
        op.execute(_CARRY_CASE.format(parent=parent, updates=updates))
        op.execute(
            f"CREATE TRIGGER {parent}_carry_case AFTER UPDATE OF case_id ON {parent} "
            f"FOR EACH ROW EXECUTE FUNCTION {parent}_carry_case()"
        )
    op.execute(_SEARCH_FUNCTION.format(schema=_schema(), member_cases=_MEMBER_CASES))


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    teams = _teams_revision()
    for parent in _parents():
        op.execute(f"DROP TRIGGER {parent}_carry_case ON {parent}")
        op.execute(f"DROP FUNCTION {parent}_carry_case()")
    for table in LINKED:
        op.execute(f"DROP POLICY {_POLICY} ON {table}")
        op.execute(f"CREATE POLICY {_POLICY} ON {table} USING ({teams._POLICIES[table]})")
        op.execute(f"DROP TRIGGER {table}_case ON {table}")
        op.execute(f"DROP FUNCTION {table}_case()")
        op.execute(f"ALTER TABLE {table} DROP COLUMN case_id")
    previous = teams._SEARCH_FUNCTION.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")
    op.execute(previous.format(schema=_schema(), visible=teams._SESSION_CASES))
